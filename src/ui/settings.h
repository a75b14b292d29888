// Preferences and the last workspace state, saved as JSON under the user's XDG config
// directory ($XDG_CONFIG_HOME/stretchviz/settings.json, else ~/.config/stretchviz/…).
//
// Written atomically (temporary file, then rename; links are followed and the file keeps its
// mode: core/file_io.h). Enum-like values are saved as their string ids, never as numbers, so
// renaming or reordering options does not break old files.
//
// Reading never loses the user's file: a missing file gives the defaults silently; a value of
// the wrong type or outside its range (listed below) is reported with file:line:col, the key
// and the valid range, and only that setting takes its default; a file that is not valid
// JSON (or larger than kMaxSettingsFileBytes) gives the defaults, and openSettings() first
// moves it aside to "settings.json.bad" so the next save does not destroy it; a file that
// cannot be read at all (permission denied, a directory or FIFO in its place) is reported and
// never written over in this session.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "body/body_shape.h"
#include "core/result.h"
#include "stretches/playback.h"

namespace sv::ui {

// Panel sizes the user dragged, in units that survive a change of UI scale or window size:
// widths and heights in pixels at UI scale 1 (the layout multiplies them by the current scale),
// the left column's split as a fraction of its height. These are preferences: the layout
// clamps them to the window (ui/layout.h) without changing them.
struct PanelSizes {
  float leftWidth = 300.0f;          // muscle groups and stretch browser
  float rightWidth = 360.0f;         // stretch details, target range, client profile
  float groupsShare = 0.42f;         // muscle groups' share of the left column (browser: the rest)
  std::optional<float> gaugeHeight;  // target range; none = automatic (fits one or two gauges)
  std::optional<float> profileHeight;  // client profile; none = automatic (fits its rows)

  bool operator==(const PanelSizes&) const = default;
};

// What a settings file may hold for PanelSizes (the layout never stores anything outside):
// pixels at UI scale 1 from the smallest panel to the largest display; a share that leaves
// both panels of the left column some height.
inline constexpr float kStoredWidthRange[2] = {200.0f, 16384.0f};
inline constexpr float kStoredHeightRange[2] = {100.0f, 16384.0f};
inline constexpr float kStoredShareRange[2] = {0.05f, 0.95f};

struct Settings {
  float uiScale = 1.0f;  // 0.75 … 2.0, on top of the screen's content scale
  bool showGroups = true;
  bool showBrowser = true;
  bool showDetails = true;
  bool showGauge = true;
  bool showProfile = true;
  bool showStats = true;
  bool leftCollapsed = false;  // a column folded to its strip by the user
  bool rightCollapsed = false;
  bool showRoutine = false;  // the routine panel (over the left column)
  PanelSizes layout;         // dragged panel sizes ("Reset layout" restores the defaults)
  bool followLimb = false;
  bool skeletonOverlay = false;  // bones and joint axes drawn over the body
  bool wireframe = false;
  bool heatmap = true;                 // muscle stretch heatmap on the body
  bool musclePaths = false;            // muscle path lines of the target groups
  std::string practitioner = "shown";  // "shown" | "ghosted" | "hidden"
  bool forceArrows = true;
  // Render the 3D view at a lower resolution while it moves, to hold the frame rate.
  bool adaptiveResolution = true;
  std::string lastStretch;              // stretch id
  std::string side = "right";           // "left" | "right"
  std::string technique = "static";     // technique id
  std::string flexibility = "average";  // "stiff" | "average" | "flexible"
  std::optional<float> measuredRange;   // degrees of the key motion
  std::optional<float> holdSeconds;
  std::vector<std::string> selectedGroups;  // muscle group ids
  std::string groupSide = "both";           // "both" | "left" | "right"
  float speed = 1.0f;
  bool loop = true;
  int repetitions = 1;
  // The figures' body shapes (ranges in body/body_shape.h; an out-of-range value in a file is
  // clamped into its range with a warning) and whether they wear the clinic clothing.
  body::BodyShape clientBody = body::defaultClientShape();
  body::BodyShape practitionerBody = body::defaultPractitionerShape();
  bool clothing = true;
  // Screenshots (saved under the XDG pictures folder): the whole window or the 3D view alone,
  // the view at its size on screen (0) or at a chosen size, on the studio backdrop or on a
  // transparent background.
  std::string screenshotScope = "window";  // "window" | "view"
  int screenshotWidth = 0;                 // 0 or 16 … kMaxScreenshotSide
  int screenshotHeight = 0;
  bool screenshotTransparent = false;
  // The handout's header (routine panel exports); at most kMaxHeaderTextBytes each.
  std::string practitionerName;
  std::string clinic;
  // Session mode: the pause between two stretches of a routine ("Next: … in N s"), seconds.
  float changeoverSeconds = 5.0f;
};

// Valid ranges of the numeric settings (a value outside is reported and takes its default).
inline constexpr float kUiScaleRange[2] = {0.75f, 2.0f};
inline constexpr float kSpeedRange[2] = {0.25f, 2.0f};
inline constexpr int kRepetitionsRange[2] = {1, 10};
inline constexpr float kHoldSecondsRange[2] = {5.0f, 120.0f};
inline constexpr float kChangeoverRange[2] = {0.0f, 60.0f};  // routines::PlanOptions' limits
inline constexpr float kMeasuredRangeDegrees[2] = {-180.0f, 180.0f};
inline constexpr int kMaxScreenshotSide = 8192;
// A longer practitioner name or clinic in a file is cut there (at a character boundary) with
// a warning: the handout's header ellipsizes anyway, and the panel's field holds this much.
inline constexpr std::size_t kMaxHeaderTextBytes = 120;
inline constexpr std::size_t kMaxSettingsFileBytes = std::size_t{256} << 10;  // 256 KiB

enum class SettingsFileState {
  Missing,     // no file: defaults, no warning
  Valid,       // every setting read
  Repaired,    // some settings had bad values and took their defaults
  Corrupt,     // not valid JSON, not an object, or too large: every setting is the default
  Unreadable,  // could not be read (permission denied, not a regular file)
};

struct LoadedSettings {
  Settings settings;
  // Set when the file existed but was not fully usable: one or more lines, each
  // "<file>[:line:col]: <what>", escaped for the terminal.
  std::optional<std::string> warning;
  SettingsFileState state = SettingsFileState::Missing;
  // False when saving must not replace the file: it could not be read (never write over
  // what was not understood), or a bad file could not be moved aside.
  bool mayOverwrite = true;
};

std::filesystem::path defaultSettingsPath();
// Reads and checks the file; never writes anything.
LoadedSettings loadSettings(const std::filesystem::path& path);
// Checks settings text (what loadSettings does after reading); `path` names it in messages.
LoadedSettings parseSettings(std::string_view text, const std::filesystem::path& path);
// Start-up: loadSettings, then, for a Corrupt or Repaired file, moves it to a free name
// (settingsBackupPath) before the defaults are used, and says so in the warning; when that
// fails, mayOverwrite is false.
LoadedSettings openSettings(const std::filesystem::path& path);
// "<path>.bad", else "<path>.bad.2", ".bad.3" … (the first that does not exist).
std::filesystem::path settingsBackupPath(const std::filesystem::path& path);
std::string serializeSettings(const Settings& s);
Status saveSettings(const std::filesystem::path& path, const Settings& s);

// The client profile the settings describe (flexibility, measured range, hold time): what
// the app applies at start-up.
stretches::ClientProfile clientProfile(const Settings& s);

}  // namespace sv::ui
