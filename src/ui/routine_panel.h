// The routine panel: the client's home programme beside the 3D view. Choose or create a
// client and a routine, add the open stretch (with its side and technique), reorder, remove,
// edit each dose; play the routine in session mode; export its handout (PDF) and clip
// (MP4 / GIF) with a progress bar and Cancel.
//
// Contract (as ui/workspace.h): drawRoutinePanel() only reads the frame's state
// (RoutinePanelView) and records what the user asked for (RoutinePanelCommands); the app
// applies the commands (app/routine_desk.h, through routines/book.h, which saves every edit
// at once). Text being typed lives in RoutinePanelUi. Every string it shows is prepared by
// the app when the routine changes (RoutineRow): drawing allocates nothing. No GL.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "routines/book.h"
#include "routines/routine.h"
#include "stretches/stretch.h"
#include "ui/folder_listing.h"
#include "ui/layout.h"

namespace sv::ui {

// One entry of the chosen routine as the panel lists it.
struct RoutineRow {
  std::string title;   // "1. Hamstrings: straight-leg raise (supine)"
  std::string detail;  // "Both sides · Static · Hold 30 s, repeat 3 times, once a day"
  routines::DoseEdit dose;
  routines::EntrySide side = routines::EntrySide::Both;
  bool hasHold = true;  // the technique has a hold phase (the hold can be set)
  float defaultHold = 30.0f;
  int defaultRepetitions = 1;
};

enum class ExportKind : std::uint8_t { Handout, Clip };

struct RoutinePanelView {
  const routines::RoutineBook* book = nullptr;
  std::span<const RoutineRow> rows;  // the chosen routine's entries
  // The stretch open in the workspace (what "Add" adds), or null.
  const stretches::Stretch* openStretch = nullptr;
  anatomy::Side openSide = anatomy::Side::Right;
  std::string_view openTechnique;
  // Session mode.
  bool sessionActive = false;
  bool sessionFinished = false;
  bool sessionPlaying = false;
  const char* sessionLabel = "";   // "2 of 6 — …"
  const char* sessionNext = "";    // in a changeover: "Next: <stretch> in N s", else ""
  float changeoverSeconds = 5.0f;  // the settings' pause between stretches
  float sessionProgress = 0.0f;    // 0 … 1 through the whole routine
  std::size_t sessionEntry = 0;    // the entry playing (highlighted)
  // An export in progress, and the last outcome.
  bool exporting = false;
  float exportProgress = 0.0f;
  const char* exportText = "";
  std::string_view notice;  // "Wrote /home/…/after-a-run.pdf (3 pages)", or an error
  bool noticeIsError = false;
  // Where exports go unless the user types another path.
  const char* defaultHandoutPath = "";
  const char* defaultClipMp4Path = "";
  const char* defaultClipGifPath = "";
  // The handout's header, from the settings.
  const char* practitionerName = "";
  const char* clinic = "";
  // The path chooser (*Browse…*): the folder listed for the handout's or the clip's path
  // field, or null when it is closed.
  const FolderListing* listing = nullptr;
  ExportKind listingFor = ExportKind::Handout;
  LayoutRect rect;  // where the panel sits (the left column, or a column of its width)
};

struct RoutinePanelCommands {
  std::optional<std::string> chooseClient;  // "" = no client
  std::optional<std::string> createClient;  // a name
  std::optional<std::string> chooseRoutine;
  std::optional<std::string> createRoutine;  // a name
  std::optional<std::string> renameRoutine;  // the chosen routine's new name
  struct ClientDetails {
    std::string name, notes;
  };
  std::optional<ClientDetails> clientDetails;  // the chosen client's, edited
  bool addOpenStretch = false;
  std::optional<std::pair<std::size_t, std::size_t>> move;  // from, to
  std::optional<std::size_t> remove;
  std::optional<std::pair<std::size_t, routines::DoseEdit>> dose;
  std::optional<std::pair<std::size_t, routines::EntrySide>> side;
  bool reload = false;
  // Session mode.
  std::optional<std::size_t> startSession;  // from this entry
  bool stopSession = false;
  bool togglePlay = false;                 // in a changeover: plays the next stretch at once
  std::optional<float> changeoverSeconds;  // the settings' pause between stretches, edited
  bool next = false;
  bool previous = false;
  // Exports.
  struct Export {
    ExportKind kind = ExportKind::Handout;
    std::string path;  // "" = the default path
    bool letter = false;
    int width = 1280, height = 720;
    bool captions = true;
    std::optional<std::size_t> entry;  // only this entry of the routine (else all of it)
  };
  std::optional<Export> startExport;
  // The path chooser: list the folder `path` points into (a typed path, a folder) for that
  // kind's path field; or close it.
  struct Browse {
    ExportKind kind = ExportKind::Handout;
    std::string path;
  };
  std::optional<Browse> browse;
  bool closeBrowser = false;
  bool cancelExport = false;
  std::optional<std::string> practitionerName;  // the settings' header texts, edited
  std::optional<std::string> clinic;
  bool dismissNotice = false;
  bool close = false;
};

struct RoutinePanelUi {
  std::array<char, 96> clientName{};
  std::array<char, 96> routineName{};
  std::array<char, 96> rename{};
  // The chosen client's details as being edited; filled from the client when another one is
  // chosen (detailsFor: its id).
  std::string detailsFor;
  std::array<char, 96> clientEditName{};
  std::array<char, routines::kMaxClientNotesBytes + 1> clientNotes{};
  int renameFor = -1;       // 1: open the rename popup on the next frame
  int selected = -1;        // entry whose dose is being edited
  routines::DoseEdit dose;  // the selected entry's dose as being edited
  std::array<char, 512> notes{};
  std::array<char, 512> handoutPath{};
  std::array<char, 512> clipPath{};
  bool letter = false;
  int clipSize = 1;  // index into the size choices (640×360, 1280×720, 1920×1080)
  bool gif = false;
  bool captions = true;
  bool selectedOnly = false;  // clips and handouts of the selected stretch alone
  int showTab = -1;           // 0 Stretches, 1 Export options: selected on the next frame (then -1)
  std::array<char, 121> practitioner{};
  std::array<char, 121> clinic{};
};

// What the path chooser lists for each kind of export.
inline constexpr std::string_view kHandoutExtensions[] = {".pdf"};
inline constexpr std::string_view kClipExtensions[] = {".mp4", ".gif"};

// The clip sizes the panel offers.
inline constexpr std::pair<int, int> kClipSizes[] = {{640, 360}, {1280, 720}, {1920, 1080}};

void drawRoutinePanel(const RoutinePanelView& view, RoutinePanelUi& ui, RoutinePanelCommands& out);

// The session banner over the 3D view ("2 of 6 — …" and the routine's progress) when the
// panel is hidden or in presenter mode, its bottom-left corner at (x, y).
void drawSessionBanner(const RoutinePanelView& view, float x, float y, float maxWidth);

}  // namespace sv::ui
