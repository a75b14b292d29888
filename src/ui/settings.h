// Preferences and the last workspace state, saved as JSON under the user's XDG config
// directory ($XDG_CONFIG_HOME/stretchviz/settings.json, else ~/.config/stretchviz/…).
//
// Written atomically (temporary file, then rename). A missing file gives the defaults
// silently; a corrupt one gives the defaults and a warning naming the file and the problem,
// and is left in place until the next save replaces it. Enum-like values are saved as their
// string ids, never as numbers, so renaming or reordering options does not break old files.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "body/body_shape.h"
#include "core/result.h"

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
  PanelSizes layout;  // dragged panel sizes ("Reset layout" restores the defaults)
  bool followLimb = false;
  bool skeletonOverlay = false;  // bones and joint axes drawn over the body
  bool wireframe = false;
  bool heatmap = true;                 // muscle stretch heatmap on the body
  bool musclePaths = false;            // muscle path lines of the target groups
  std::string practitioner = "shown";  // "shown" | "ghosted" | "hidden"
  bool forceArrows = true;
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
  // The figures' body shapes (ranges in body/body_shape.h; out-of-range values in a file are
  // clamped with a warning) and whether they wear the clinic clothing.
  body::BodyShape clientBody = body::defaultClientShape();
  body::BodyShape practitionerBody = body::defaultPractitionerShape();
  bool clothing = true;
};

struct LoadedSettings {
  Settings settings;
  std::optional<std::string> warning;  // set when the file existed but was unusable
};

std::filesystem::path defaultSettingsPath();
LoadedSettings loadSettings(const std::filesystem::path& path);
std::string serializeSettings(const Settings& s);
Status saveSettings(const std::filesystem::path& path, const Settings& s);

}  // namespace sv::ui
