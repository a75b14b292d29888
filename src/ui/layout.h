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
// preference comes back when the window grows again.
//
// The 3D view always keeps at least half the window's area: columns shrink toward their
// minimum width first, then collapse to a narrow strip (the left column first, unless the user
// last opened it), and a column the user collapsed is a strip too. Over the 3D view lie the
// overlays, at sizes fixed for the open stretch: the phase caption along the top, the colour
// legend and the playback bar along the bottom; what they leave free is the stage, where the
// framing puts the figures (session/framing.h), so no overlay covers a figure. When the stage
// would be too small, the legend folds into a button in the playback bar, the playback bar's
// second row goes behind an options button, and the caption keeps its first line. Presenter mode
// has no panels: a large caption along the top and the gauge and countdown down the right.
// Computing a layout allocates nothing.
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
inline constexpr float kGap = 8.0f;
inline constexpr float kStripWidth = 26.0f;  // a collapsed column
inline constexpr float kMinViewArea = 0.5f;  // of the window, for the 3D view
inline constexpr float kCaptionMaxWidth = 760.0f;
inline constexpr float kPresenterSideWidth = 380.0f;
// The stage keeps at least this share of the view's height before the overlays fold.
inline constexpr float kMinStageShare = 0.45f;

// ImGui's metrics at UI scale 1 (ui/style.cpp sets them; the layout scales them): the
// playback bar's height is computed from them so its contents fit exactly.
inline constexpr float kWindowPaddingY = 10.0f;
inline constexpr float kFramePaddingY = 5.0f;
inline constexpr float kItemSpacingY = 6.0f;
inline constexpr float kTimelineHeight = 30.0f;
// The playback controls' width on one row (buttons, time, speed, loop, repetitions, the folded
// legend's button) at scale 1; a narrower bar puts the speed, loop and repetitions on a second
// row (behind an options button when even that row is too narrow, or when the stage needs
// the room).
inline constexpr float kPlaybackControlsWidth = 760.0f;
// The width of one row with the speed, loop and repetitions behind an options button (the
// buttons, the time and the options button; a folded legend's button goes into the options
// where it does not fit) at scale 1: a bar narrower than this keeps its second row whatever
// the stage needs.
inline constexpr float kPlaybackFoldedWidth = 400.0f;

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
  bool presenter = false;      // no panels: the presenter's caption, gauge and countdown
  bool leftCollapsed = false;  // the user folded a column to its strip
  bool rightCollapsed = false;
  bool preferLeft = false;  // the user opened the left column last: the right folds first
  // Overlays over the 3D view, measured by the UI for the caption width this layout gives
  // (captionWidth): heights of the caption with all its lines and with its first line only
  // (0: no caption), and of the legend's full box (0: no legend) and its folded button.
  bool playback = false;  // a stretch is open: the playback bar
  float captionFull = 0.0f;
  float captionHead = 0.0f;
  float legendWidth = 0.0f, legendHeight = 0.0f;
  bool showGroups = true;
  bool showBrowser = true;
  bool showDetails = true;
  bool showGauge = true;
  bool showProfile = true;
  bool twoGauges = false;    // the stretch has a second key measurement: a taller automatic gauge
  bool profileHold = false;  // the profile shows its hold-time row: a taller automatic profile
  // The details panel's least height (measured by the UI: its heading, choices and every
  // contraindication); the gauge and the profile shrink toward their minimums first. 0: none.
  float detailsNeed = 0.0f;
  PanelSizes sizes;
};

struct WorkspaceLayout {
  float gap = 0.0f;
  float top = 0.0f;                    // below the menu bar
  LayoutRect groups, browser;          // left column; empty when hidden or folded
  LayoutRect details, gauge, profile;  // right column; empty when hidden or folded
  LayoutRect leftStrip, rightStrip;    // a folded column's strip; empty when open
  bool leftCollapsed = false;          // the column is a strip (the user's or to keep the view)
  bool rightCollapsed = false;
  LayoutRect centre;  // between the columns, from `top` to the bottom gap: the free viewport
  LayoutRect view;    // the rendered 3D view: the centre and the gaps around it, to the edges
  std::array<LayoutRect, kSplitterCount> splitters{};  // grab areas; empty where no such edge

  // Overlays over the view (empty when not shown) and the stage they leave for the figures.
  LayoutRect caption;            // the phase caption (presenter: the large one)
  bool captionFolded = false;    // only its first line fits
  LayoutRect legend;             // the colour legend's box
  bool legendFolded = false;     // a button in the playback bar instead
  LayoutRect playback;           // the playback bar
  int playbackRows = 1;          // rows of controls above its timeline (1 or 2)
  bool playbackOptions = false;  // speed, loop and repetitions behind an options button
  LayoutRect presenterSide;      // presenter: the gauge and the countdown
  LayoutRect stage;              // where the figures are framed: the view less the overlays
};

WorkspaceLayout computeLayout(const LayoutInput& in);
// The caption's width for a layout of `in` (what the UI measures the caption's text at).
float captionWidth(const LayoutInput& in);
// The playback bar's height: `rows` rows of controls and the timeline.
float playbackHeight(float fontSize, int rows = 1);
// A panel's title bar: the least a column's panel shrinks to when the details' safety list
// needs the room (the font and FramePadding.y 5 above and below, ui/style.cpp).
float panelTitleHeight(const LayoutInput& in);

// The sizes to store after dragging splitter `s` by `delta` pixels (the mouse travel since the
// drag began, along the splitter's axis, positive right or down), from the layout of `in`
// (whose sizes are those when the drag began). The edge follows the mouse until a panel or the
// viewport reaches its minimum; the other panels keep the sizes they are shown at, so the
// stored sizes lay out exactly as displayed. Panels without a stored height (automatic) get
// one when their edge is dragged.
PanelSizes dragSplitter(const LayoutInput& in, Splitter s, float delta);
// True when a and b share more than a hundredth of a pixel (empty rectangles share nothing).
bool overlaps(const LayoutRect& a, const LayoutRect& b);

// Double-clicking a splitter: the sizes it controls go back to their defaults.
void resetSplitter(PanelSizes& sizes, Splitter s);

// "Reset layout": default panel sizes, and every docked panel shown.
void resetLayout(Settings& settings);

}  // namespace sv::ui
