// The practitioner's workspace: ImGui panels around the 3D viewport.
//
// Contract: drawWorkspace() only reads the frame's state (WorkspaceView) and records what the
// user asked for (WorkspaceCommands); the app applies the commands at one point per frame.
// UI-only state (search text, a panel edge being dragged) lives in WorkspaceUiState; panel
// visibility and sizes live in the settings and change through WorkspaceCommands::panels. No GL.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "animation/player.h"
#include "camera/view_preset.h"
#include "muscles/muscle_model.h"
#include "stretches/library.h"
#include "stretches/playback.h"
#include "ui/browser.h"
#include "ui/layout.h"
#include "ui/settings.h"
#include "ui/stats_overlay.h"

namespace sv::ui {

// A screenshot the user asked for (the Screenshot menu; S saves the window).
struct ScreenshotRequest {
  bool viewOnly = false;  // the 3D view alone, else the whole window
  int width = 0;          // the view at this size (0: as on screen)
  int height = 0;
  bool transparent = false;  // the view on a transparent background
};

struct WorkspaceView {
  const stretches::Library* library = nullptr;
  const std::vector<BrowserEntry>* browser = nullptr;  // filtered list (cached by the app)
  const GroupSelection* selection = nullptr;
  int stretchIndex = -1;                        // into library->stretches
  const stretches::Stretch* stretch = nullptr;  // the current stretch on its side
  const stretches::StretchTimeline* timeline = nullptr;
  const animation::Player* player = nullptr;
  std::string_view technique;  // current technique id
  anatomy::Side side = anatomy::Side::Right;
  const stretches::ClientProfile* profile = nullptr;
  float keyValue = 0.0f;  // live key measurement (degrees)
  float secondValue = 0.0f;
  float clientLimit = 0.0f;  // key value of the client's end pose
  const Settings* settings = nullptr;
  bool presenter = false;
  bool presenterWindow = false;    // the presenter view is in its own window (the menu's tick)
  bool inPresenterWindow = false;  // this is that window's frame (no "back to the workspace")
  bool canOpenWindows = false;     // a windowed run (a second window can open)
  bool showHelp = false;
  bool followLimb = false;
  std::optional<ViewPreset> view;  // the preset the camera shows (none: the user's view)
  // A short notice in the menu bar (a screenshot's path), and the muscle group under the
  // cursor in the 3D view ("Hamstrings (right)"), both empty when there is none.
  std::string_view notice;
  std::string_view hovered;
  std::string_view screenshotFolder;  // where screenshots go (shown in the Screenshot menu)
  const FrameStats* stats = nullptr;
  const std::vector<std::string>* messages = nullptr;  // load errors and warnings to show

  // Muscle lengths (null when the muscle model did not load).
  const muscles::MuscleModel* muscles = nullptr;
  std::span<const muscles::MuscleValue> muscleValues;
  std::span<const int> muscleOrder;    // muscle indices, most lengthened first (top entries)
  int targetMuscle = -1;               // the stretch's leading target muscle
  std::span<const float> targetCurve;  // its share over the timeline (evenly spaced samples)
  bool arrowsShown = false;            // force arrows are on screen (show their legend)
  bool clientPushing = false;          // a client arrow is among them
  // The client's mesh has no muscle regions (a foreign rig): the heat map is drawn on the
  // target muscles' paths instead, and the legend says so.
  bool heatOnPaths = false;
  bool clientIsModel = false;  // the client is a --model rig (no body shape to edit)
};

struct WorkspaceCommands {
  std::optional<int> selectStretch;
  std::optional<anatomy::Side> side;
  std::optional<std::string> technique;
  std::optional<anatomy::MuscleGroup> toggleGroup;
  bool clearGroups = false;
  std::optional<SideFilter> groupSide;
  bool selectionChanged = false;  // search text edited: the browser list must be rebuilt
  bool togglePlay = false;
  bool rewind = false;  // to the start of the first pass
  std::optional<float> seek;
  std::optional<float> speed;
  std::optional<bool> loop;
  std::optional<int> repetitions;
  bool nextPhase = false;
  bool previousPhase = false;
  std::optional<stretches::Flexibility> flexibility;
  std::optional<std::optional<float>> measuredRange;  // set / clear
  std::optional<std::optional<float>> holdSeconds;
  std::optional<body::BodyShape> clientBody;        // a new shape for the client's body
  std::optional<body::BodyShape> practitionerBody;  // … for the practitioner's
  std::optional<ViewPreset> view;
  std::optional<bool> presenter;
  std::optional<bool> presenterWindow;
  std::optional<bool> showHelp;
  std::optional<bool> followLimb;
  std::optional<float> uiScale;
  std::optional<ScreenshotRequest> screenshot;
  bool toggleFullscreen = false;
  bool dismissMessages = false;
  // Panel visibility and size edits go straight into this copy; the app saves it when it
  // differs.
  std::optional<Settings> panels;
};

struct WorkspaceUiState {
  std::array<char, 64> groupSearch{};
  std::array<char, 64> groupSearchLower{};  // groupSearch lower-cased when it is edited
  std::array<char, 64> stretchSearch{};
  // A panel edge being dragged: the sizes when the drag began and as dragged so far. The panels
  // follow dragSizes live; on release they go to the settings through the panels command.
  std::optional<Splitter> dragging;
  PanelSizes dragStart;
  PanelSizes dragSizes;
  // The UI-scale slider's value while it is dragged (the setting changes on release).
  std::optional<float> uiScaleDrag;
  bool preferLeft = false;  // the left column was opened last: the right one folds first
  // The details panel's height down to the end of its contraindications, as last drawn for
  // `detailsFor` (the layout keeps the panel at least this tall, as far as the column allows:
  // they are never scrolled out of sight).
  float detailsNeed = 0.0f;
  const stretches::Stretch* detailsFor = nullptr;
};

// The overlays' sizes for this frame (the caption measured over every phase of the open
// technique, so it keeps its size from phase to phase; the legend's box) in the layout's
// terms. Needs the ImGui frame.
void measureOverlays(const WorkspaceView& v, LayoutInput& in);

// The docked layout drawWorkspace() uses for this state: dragged sizes (a drag in progress
// included), hidden panels, display size and UI scale. `centre` is the area between the
// columns, for fitting the 3D view to what the panels leave free. Needs the ImGui frame (display
// and font size); without panels in presenter mode. Allocates nothing.
WorkspaceLayout workspaceLayout(const WorkspaceView& v, const WorkspaceUiState& ui);

void drawWorkspace(const WorkspaceView& view, WorkspaceUiState& ui, WorkspaceCommands& out);
// Presenter mode alone (what drawWorkspace draws when view.presenter): the large caption, the
// countdown and the gauge, for the main window or the presenter's own window.
void drawPresenterScreen(const WorkspaceView& view, const WorkspaceUiState& ui,
                         WorkspaceCommands& out);

}  // namespace sv::ui
