// The workspace's panel layout as plain arithmetic, free of ImGui so it is unit-tested: where
// each docked panel sits for a display size, a UI scale, the panels shown and the sizes the
// user dragged; and what dragging a panel's inner edge does to those sizes.
//
// Panels are docked, never floating: the left column (muscle groups over the stretch browser)
// and the right column (stretch details, target range, client profile, top to bottom) run from
// below the menu bar to the bottom edge, and the 3D viewport is what lies between them. Panels
// and the viewport are separated by gaps; the gap on a panel's inner side is its grab area.
// Stored sizes (PanelSizes) are preferences: each layout clamps them to the window, so a panel
// never covers the viewport, never overlaps another and never shrinks to nothing, and the
// preference comes back when the window grows again. Computing a layout allocates nothing.
#pragma once

#include <array>
#include <cstdint>

#include "ui/settings.h"

namespace sv::ui {

// Limits, in pixels at UI scale 1 (the layout multiplies them by the scale).
inline constexpr float kMinColumnWidth = kStoredWidthRange[0];   // a column's width
inline constexpr float kMinPanelHeight = kStoredHeightRange[0];  // a panel in a column
inline constexpr float kMinViewportWidth = 240.0f;  // while it is at most half the window
inline constexpr float kMinViewportShare = 0.3f;    // of the window's width, always
inline constexpr float kPlaybackHeight = 124.0f;
inline constexpr float kGap = 8.0f;

struct LayoutRect {
  float x = 0.0f, y = 0.0f, w = 0.0f, h = 0.0f;

  float right() const { return x + w; }
  float bottom() const { return y + h; }
  bool empty() const { return w <= 0.0f || h <= 0.0f; }
  bool contains(float px, float py) const {
    return px >= x && px < right() && py >= y && py < bottom();
  }
};

// The panel edges that can be dragged; each has a grab area in the gap along it.
enum class Splitter : std::uint8_t {
  Left,        // the left column's inner edge (its width)
  Right,       // the right column's inner edge (its width)
  LeftColumn,  // between muscle groups and the stretch browser
  RightUpper,  // between the first and the second panel shown in the right column
  RightLower,  // between the second and the third
};
inline constexpr int kSplitterCount = 5;

// True for the splitters that move sideways (the column widths).
inline bool movesSideways(Splitter s) {
  return s == Splitter::Left || s == Splitter::Right;
}

struct LayoutInput {
  float width = 1280.0f;  // display size in pixels
  float height = 720.0f;
  float fontSize = 16.0f;  // the UI font's size in pixels: 16 at UI scale 1
  float menuHeight = 0.0f;
  bool showGroups = true;
  bool showBrowser = true;
  bool showDetails = true;
  bool showGauge = true;
  bool showProfile = true;
  bool twoGauges = false;    // the stretch has a second key measurement: a taller automatic gauge
  bool profileHold = false;  // the profile shows its hold-time row: a taller automatic profile
  PanelSizes sizes;
};

struct WorkspaceLayout {
  float gap = 0.0f;
  float top = 0.0f;                    // below the menu bar
  LayoutRect groups, browser;          // left column; empty when hidden
  LayoutRect details, gauge, profile;  // right column; empty when hidden
  LayoutRect centre;  // between the columns, from `top` to the bottom gap: the free viewport
  float playbackHeight = 0.0f;  // the playback bar's height along the bottom of `centre`
  std::array<LayoutRect, kSplitterCount> splitters{};  // grab areas; empty where no such edge
};

WorkspaceLayout computeLayout(const LayoutInput& in);

// The sizes to store after dragging splitter `s` by `delta` pixels (the mouse travel since the
// drag began, along the splitter's axis, positive right or down), from the layout of `in`
// (whose sizes are those when the drag began). The edge follows the mouse until a panel or the
// viewport reaches its minimum; the other panels keep the sizes they are shown at, so the
// stored sizes lay out exactly as displayed. Panels without a stored height (automatic) get
// one when their edge is dragged.
PanelSizes dragSplitter(const LayoutInput& in, Splitter s, float delta);

// Double-clicking a splitter: the sizes it controls go back to their defaults.
void resetSplitter(PanelSizes& sizes, Splitter s);

// "Reset layout": default panel sizes, and every docked panel shown.
void resetLayout(Settings& settings);

}  // namespace sv::ui
