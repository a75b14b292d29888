#include "ui/layout.h"

#include <algorithm>
#include <cmath>

namespace sv::ui {

namespace {

// Pixels at UI scale 1 → pixels now (the same arithmetic as the panels' own scaling).
float scaled(const LayoutInput& in, float px) {
  return px * in.fontSize / 16.0f;
}
float unscaled(const LayoutInput& in, float px) {
  return px * 16.0f / in.fontSize;
}

// The viewport's (centre's) narrowest width: a share of the window, and wide enough that the
// rendered view (the centre and a gap either side, from the menu bar down) keeps half the
// window's area.
float minViewport(const LayoutInput& in) {
  const float gap = scaled(in, kGap);
  const float share = std::max(kMinViewportShare * in.width,
                               std::min(scaled(in, kMinViewportWidth), 0.5f * in.width));
  const float viewH = std::max(in.height - in.menuHeight, 1.0f);
  const float half = kMinViewArea * in.width * in.height / viewH - 2.0f * gap;
  return std::min(std::max(share, half), std::max(in.width - 2.0f * gap, 0.0f));
}

float columnHeight(const LayoutInput& in) {
  const float gap = scaled(in, kGap);
  return in.height - (in.menuHeight + gap) - gap;
}

// The heights the right column's panels ask for when nothing else constrains them.
float desiredGauge(const LayoutInput& in, float colH) {
  if (in.sizes.gaugeHeight) return scaled(in, *in.sizes.gaugeHeight);
  return std::min(colH * 0.48f, scaled(in, in.twoGauges ? 560.0f : 330.0f));
}
float desiredProfile(const LayoutInput& in) {
  if (in.sizes.profileHeight) return scaled(in, *in.sizes.profileHeight);
  return scaled(in, in.profileHold ? 190.0f : 170.0f);
}

// One row or column of docked items along an axis. The fill item takes what the others leave;
// the others get their desired size, at least their minimum. When that leaves the fill item
// less than its minimum, they shrink toward their minimums in proportion to the room they have
// above them; when not even the minimums fit, the fill item keeps its minimum and the others
// share what is left. Sizes come out in `size`; the fill item's is computed last, by
// subtraction in reverse order (the order the fixed layout always used, so default sizes lay
// out to the same pixels).
struct Item {
  bool shown = false;
  float desired = 0.0f;
  float min = 0.0f;
  float size = 0.0f;
};

template <std::size_t N>
void distribute(std::array<Item, N>& items, std::size_t fill, float total, float gap) {
  int shown = 0;
  for (const Item& it : items) shown += it.shown ? 1 : 0;
  if (shown == 0) return;
  const float gaps = gap * static_cast<float>(shown - 1);
  const float space = std::max(0.0f, total - gaps);
  float sum = 0.0f, sumMin = 0.0f, slack = 0.0f;
  for (std::size_t i = 0; i < N; ++i) {
    Item& it = items[i];
    if (!it.shown || i == fill) continue;
    it.size = std::max(it.desired, it.min);
    sum += it.size;
    sumMin += it.min;
    slack += it.size - it.min;
  }
  const float room = space - items[fill].min;  // for the items other than the fill
  if (sum > room) {
    if (room >= sumMin && slack > 0.0f) {
      const float excess = sum - room;
      for (std::size_t i = 0; i < N; ++i) {
        Item& it = items[i];
        if (it.shown && i != fill) it.size -= excess * (it.size - it.min) / slack;
      }
    } else {
      // Not even the minimums fit: the fill item keeps its minimum as far as there is room
      // (the viewport is never covered), the others share the rest by their minimums.
      const float rest = space - std::min(items[fill].min, space);
      for (std::size_t i = 0; i < N; ++i) {
        Item& it = items[i];
        if (it.shown && i != fill) it.size = sumMin > 0.0f ? rest * it.min / sumMin : 0.0f;
      }
    }
  }
  float rest = total;
  for (std::size_t i = N; i-- > 0;) {
    if (items[i].shown && i != fill) rest -= items[i].size;
  }
  items[fill].size = std::max(0.0f, rest - gaps);
}

// Clamps a drag of the boundary between items a (before) and b (after) so neither goes below
// its minimum (nor further below it, when the window has already squeezed it there).
float clampDrag(float delta, const Item& a, const Item& b) {
  const float lo = -std::max(0.0f, a.size - a.min);
  const float hi = std::max(0.0f, b.size - b.min);
  return std::clamp(delta, lo, hi);
}

float storedWidth(const LayoutInput& in, float px) {
  return std::clamp(unscaled(in, px), kStoredWidthRange[0], kStoredWidthRange[1]);
}
float storedHeight(const LayoutInput& in, float px) {
  return std::clamp(unscaled(in, px), kStoredHeightRange[0], kStoredHeightRange[1]);
}

bool leftWanted(const LayoutInput& in) {
  return in.showGroups || in.showBrowser;
}
bool rightWanted(const LayoutInput& in) {
  return in.showDetails || in.showGauge || in.showProfile;
}

// The three items across the window: left column, viewport (the fill), right column, and
// which columns are folded to a strip: the user's choice, or to keep the viewport its minimum
// (the column the user did not open last folds first).
struct Columns {
  std::array<Item, 3> row;
  bool leftStrip = false, rightStrip = false;
};
Columns columns(const LayoutInput& in) {
  Columns c;
  const bool leftOn = leftWanted(in), rightOn = rightWanted(in);
  c.leftStrip = leftOn && in.leftCollapsed;
  c.rightStrip = rightOn && in.rightCollapsed;
  const float minW = scaled(in, kMinColumnWidth), strip = scaled(in, kStripWidth);
  const float gap = scaled(in, kGap);
  const auto fits = [&] {
    float need = minViewport(in);
    int items = 1;
    for (auto [on, folded] : {std::pair{leftOn, c.leftStrip}, std::pair{rightOn, c.rightStrip}}) {
      if (!on) continue;
      need += folded ? strip : minW;
      ++items;
    }
    return need + gap * static_cast<float>(items - 1) <= in.width - 2.0f * gap + 0.01f;
  };
  bool* order[2] = {&c.leftStrip, &c.rightStrip};
  if (in.preferLeft) std::swap(order[0], order[1]);
  for (bool* fold : order) {
    const bool on = fold == &c.leftStrip ? leftOn : rightOn;
    if (on && !*fold && !fits()) *fold = true;
  }
  const auto column = [&](bool on, bool folded, float desired) {
    if (!on) return Item{};
    if (folded) return Item{true, strip, strip, 0.0f};
    return Item{true, scaled(in, desired), minW, 0.0f};
  };
  c.row[0] = column(leftOn, c.leftStrip, in.sizes.leftWidth);
  c.row[1] = {true, 0.0f, minViewport(in), 0.0f};
  c.row[2] = column(rightOn, c.rightStrip, in.sizes.rightWidth);
  distribute(c.row, 1, in.width - 2.0f * gap, gap);
  return c;
}

std::array<Item, 2> leftStack(const LayoutInput& in, float colH) {
  const float minH = scaled(in, kMinPanelHeight);
  std::array<Item, 2> col;
  col[0] = {in.showGroups, colH * in.sizes.groupsShare, minH, 0.0f};
  col[1] = {in.showBrowser, 0.0f, minH, 0.0f};
  // The browser fills; the groups panel alone fills the column.
  distribute(col, in.showBrowser ? 1 : 0, colH, scaled(in, kGap));
  return col;
}

std::size_t rightFill(const LayoutInput& in) {
  return in.showDetails ? 0 : in.showProfile ? 2 : 1;
}

std::array<Item, 3> rightStack(const LayoutInput& in, float colH) {
  const float minH = scaled(in, kMinPanelHeight);
  std::array<Item, 3> col;
  // The details keep every contraindication in sight (their description scrolls below): the
  // gauge and the profile give way to their minimums, and where even that leaves too little,
  // on down to their title bars (the profile first), never less.
  const int others = (in.showGauge ? 1 : 0) + (in.showProfile ? 1 : 0);
  const float gap = scaled(in, kGap);
  const float title = panelTitleHeight(in);
  const float detailsMin = std::clamp(
      in.detailsNeed, minH, std::max(minH, colH - static_cast<float>(others) * (title + gap)));
  float gaugeMin = minH, profileMin = minH;
  const float rest = colH - detailsMin - static_cast<float>(others) * gap;  // for the other two
  if (rest < static_cast<float>(others) * minH) {
    profileMin = std::clamp(rest - (in.showGauge ? minH : 0.0f), title, minH);
    gaugeMin = std::clamp(rest - (in.showProfile ? profileMin : 0.0f), title, minH);
  }
  col[0] = {in.showDetails, 0.0f, detailsMin, 0.0f};
  col[1] = {in.showGauge, desiredGauge(in, colH), gaugeMin, 0.0f};
  col[2] = {in.showProfile, desiredProfile(in), profileMin, 0.0f};
  distribute(col, rightFill(in), colH, scaled(in, kGap));
  return col;
}

}  // namespace

namespace {

// The overlays over the view and the stage they leave (the workspace's, not the presenter's).
void placeOverlays(const LayoutInput& in, WorkspaceLayout& L) {
  const float gap = L.gap;
  const LayoutRect& c = L.centre;
  const float cw = std::min(c.w, scaled(in, kCaptionMaxWidth));
  const float H = in.height;
  const auto placePlayback = [&] {
    if (!in.playback) return;
    const float ph = playbackHeight(in.fontSize, L.playbackRows);
    L.playback = {c.x, H - gap - ph, c.w, ph};
  };
  // (12 px: ImGui's window padding at scale 1, either side.)
  L.playbackRows = c.w - 2.0f * scaled(in, 12.0f) < scaled(in, kPlaybackControlsWidth) ? 2 : 1;
  placePlayback();
  const auto place = [&] {
    const float captionH = L.captionFolded ? in.captionHead : in.captionFull;
    L.caption = captionH > 0.0f ? LayoutRect{c.x + (c.w - cw) * 0.5f, L.top, cw, captionH}
                                : LayoutRect{c.x + (c.w - cw) * 0.5f, L.top, cw, 0.0f};
    float bottom = in.playback ? L.playback.y - gap : H - gap;
    L.legend = {};
    if (in.legendHeight > 0.0f && !L.legendFolded) {
      L.legend = {c.x, bottom - in.legendHeight, std::min(in.legendWidth, c.w), in.legendHeight};
      bottom = L.legend.y - gap;
    }
    const float top = L.caption.h > 0.0f ? L.caption.bottom() + gap : L.top;
    L.stage = {c.x, top, c.w, std::max(bottom - top, 0.0f)};
  };
  // A legend wider than the view cannot be shown whole: it folds at once.
  L.legendFolded = in.legendHeight > 0.0f && (in.legendWidth > c.w || !in.playback);
  place();
  const float minStage = kMinStageShare * L.view.h;
  if (L.stage.h < minStage && in.legendHeight > 0.0f && !L.legendFolded && in.playback) {
    L.legendFolded = true;
    place();
  }
  // Then the playback bar's second row (speed, loop, repetitions) goes behind an options
  // button: the caption's instructions matter more than those.
  if (L.stage.h < minStage && in.playback && L.playbackRows > 1 &&
      c.w - 2.0f * scaled(in, 12.0f) >= scaled(in, kPlaybackFoldedWidth)) {
    L.playbackRows = 1;
    L.playbackOptions = true;
    placePlayback();
    place();
  }
  if (L.stage.h < minStage && in.captionHead > 0.0f && in.captionHead < in.captionFull) {
    L.captionFolded = true;
    place();
  }
}

// Presenter mode: the whole window is the view; the caption along the top, the gauge and the
// countdown down the right, the stage in what is left.
void presenterLayout(const LayoutInput& in, WorkspaceLayout& L) {
  const float gap = L.gap, W = in.width, H = in.height;
  L.top = gap;
  L.view = {0.0f, 0.0f, W, H};
  const float side = std::min(scaled(in, kPresenterSideWidth), 0.32f * W);
  L.presenterSide = {W - gap - side, gap, side, H - 2.0f * gap};
  const float cw = std::max(L.presenterSide.x - 2.0f * gap, 0.0f);
  L.centre = {gap, gap, cw, H - 2.0f * gap};
  const auto place = [&] {
    const float captionH = L.captionFolded ? in.captionHead : in.captionFull;
    L.caption = {gap, gap, cw, captionH};
    const float top = captionH > 0.0f ? L.caption.bottom() + gap : gap;
    L.stage = {gap, top, cw, std::max(H - gap - top, 0.0f)};
  };
  place();
  if (L.stage.h < kMinStageShare * H && in.captionHead > 0.0f && in.captionHead < in.captionFull) {
    L.captionFolded = true;
    place();
  }
}

}  // namespace

float panelTitleHeight(const LayoutInput& in) {
  return in.fontSize + 2.0f * kFramePaddingY * in.fontSize / 16.0f;
}

float playbackHeight(float fontSize, int rows) {
  const float s = fontSize / 16.0f;
  // Window padding, the rows of buttons (font + frame padding, item spacing after each), a
  // 4 px spacer (room for the play head's marker above the timeline), item spacing, the
  // timeline, padding.
  const float row = fontSize + 2.0f * kFramePaddingY * s + kItemSpacingY * s;
  return 2.0f * kWindowPaddingY * s + static_cast<float>(std::max(rows, 1)) * row +
         kItemSpacingY * s + 4.0f * s + kTimelineHeight * s;
}

bool overlaps(const LayoutRect& a, const LayoutRect& b) {
  if (a.empty() || b.empty()) return false;
  const float eps = 0.01f;
  return a.x < b.right() - eps && b.x < a.right() - eps && a.y < b.bottom() - eps &&
         b.y < a.bottom() - eps;
}

float captionWidth(const LayoutInput& in) {
  LayoutInput probe = in;
  probe.captionFull = probe.captionHead = 1.0f;
  return computeLayout(probe).caption.w;
}

WorkspaceLayout computeLayout(const LayoutInput& in) {
  WorkspaceLayout L;
  const float W = in.width, H = in.height;
  const float gap = scaled(in, kGap);
  L.gap = gap;
  if (in.presenter) {
    presenterLayout(in, L);
    return L;
  }
  L.top = in.menuHeight + gap;
  const float colH = columnHeight(in);
  const Columns cols = columns(in);
  const std::array<Item, 3>& row = cols.row;
  const float lw = row[0].size, rw = row[2].size;
  L.leftCollapsed = cols.leftStrip;
  L.rightCollapsed = cols.rightStrip;
  const bool leftPanels = row[0].shown && !cols.leftStrip;
  const bool rightPanels = row[2].shown && !cols.rightStrip;
  if (cols.leftStrip) L.leftStrip = {gap, L.top, lw, colH};

  std::array<Item, 2> left{};
  LayoutRect* leftRects[2] = {&L.groups, &L.browser};
  if (leftPanels) {
    left = leftStack(in, colH);
    float y = L.top;
    for (std::size_t i = 0; i < left.size(); ++i) {
      if (!left[i].shown) continue;
      *leftRects[i] = {gap, y, lw, left[i].size};
      y += left[i].size + gap;
    }
  }

  const float rx = W - rw - gap;
  if (cols.rightStrip) L.rightStrip = {rx, L.top, rw, colH};
  std::array<Item, 3> right{};
  LayoutRect* rightRects[3] = {&L.details, &L.gauge, &L.profile};
  int lastRight = -1;
  if (rightPanels) {
    right = rightStack(in, colH);
    float y = L.top;
    for (std::size_t i = 0; i < right.size(); ++i) {
      if (!right[i].shown) continue;
      *rightRects[i] = {rx, y, rw, right[i].size};
      y += right[i].size + gap;
      lastRight = static_cast<int>(i);
    }
    // The bottom panel reaches the bottom edge whatever rounding the heights above it had.
    if (lastRight >= 0) {
      LayoutRect& r = *rightRects[lastRight];
      r.h = std::max(r.h, H - gap - r.y);
    }
  }

  const float cx0 = row[0].shown ? lw + 2 * gap : gap;
  const float cx1 = row[2].shown ? rx - gap : W - gap;
  L.centre = {cx0, L.top, cx1 - cx0, colH};
  L.view = {std::max(cx0 - gap, 0.0f), in.menuHeight, (cx1 - cx0) + 2.0f * gap, H - in.menuHeight};
  L.view.w = std::min(L.view.w, W - L.view.x);

  auto& sp = L.splitters;
  if (leftPanels) sp[static_cast<std::size_t>(Splitter::Left)] = {gap + lw, L.top, gap, colH};
  if (rightPanels) sp[static_cast<std::size_t>(Splitter::Right)] = {rx - gap, L.top, gap, colH};
  if (leftPanels && left[0].shown && left[1].shown) {
    sp[static_cast<std::size_t>(Splitter::LeftColumn)] = {gap, L.groups.bottom(), lw, gap};
  }
  int k = 0;
  for (int i = 0; i < lastRight; ++i) {  // an edge below every right panel but the last
    const LayoutRect* r = rightRects[i];
    if (!right[static_cast<std::size_t>(i)].shown) continue;
    const auto s = k == 0 ? Splitter::RightUpper : Splitter::RightLower;
    sp[static_cast<std::size_t>(s)] = {rx, r->bottom(), rw, gap};
    ++k;
  }
  placeOverlays(in, L);
  return L;
}

PanelSizes dragSplitter(const LayoutInput& in, Splitter s, float delta) {
  PanelSizes out = in.sizes;
  if (!std::isfinite(delta)) return out;
  const float colH = columnHeight(in);
  // Another panel keeps its stored size unless it is shown at a different one (squeezed by a
  // small window): then what is shown is stored, so the result lays out as displayed.
  const float tolerance = 0.5f;

  if (movesSideways(s)) {
    const Columns cols = columns(in);
    std::array<Item, 3> row = cols.row;
    // A folded column has no edge to drag.
    if ((s == Splitter::Left && cols.leftStrip) || (s == Splitter::Right && cols.rightStrip)) {
      return out;
    }
    if (s == Splitter::Left && row[0].shown) {
      const float d = clampDrag(delta, row[0], row[1]);
      row[0].size += d;
      row[1].size -= d;
    } else if (s == Splitter::Right && row[2].shown) {
      const float d = clampDrag(delta, row[1], row[2]);
      row[1].size += d;
      row[2].size -= d;
    } else {
      return out;
    }
    if (row[0].shown && !cols.leftStrip &&
        (s == Splitter::Left || std::abs(row[0].size - row[0].desired) > tolerance))
      out.leftWidth = storedWidth(in, row[0].size);
    if (row[2].shown && !cols.rightStrip &&
        (s == Splitter::Right || std::abs(row[2].size - row[2].desired) > tolerance))
      out.rightWidth = storedWidth(in, row[2].size);
    return out;
  }

  if (s == Splitter::LeftColumn) {
    std::array<Item, 2> col = leftStack(in, colH);
    if (!col[0].shown || !col[1].shown || colH <= 0.0f) return out;
    col[0].size += clampDrag(delta, col[0], col[1]);
    out.groupsShare = std::clamp(col[0].size / colH, kStoredShareRange[0], kStoredShareRange[1]);
    return out;
  }

  // The right column: the boundary after the first or the second panel shown.
  std::array<Item, 3> col = rightStack(in, colH);
  std::size_t order[3];
  std::size_t n = 0;
  for (std::size_t i = 0; i < col.size(); ++i) {
    if (col[i].shown) order[n++] = i;
  }
  const std::size_t k = s == Splitter::RightUpper ? 0 : 1;
  if (k + 1 >= n) return out;
  const std::size_t a = order[k], b = order[k + 1];
  const float d = clampDrag(delta, col[a], col[b]);
  col[a].size += d;
  col[b].size -= d;
  const std::size_t fill = rightFill(in);
  for (std::size_t i : {std::size_t{1}, std::size_t{2}}) {
    if (!col[i].shown || i == fill) continue;
    if (i != a && i != b && std::abs(col[i].size - col[i].desired) <= tolerance) continue;
    (i == 1 ? out.gaugeHeight : out.profileHeight) = storedHeight(in, col[i].size);
  }
  return out;
}

void resetSplitter(PanelSizes& sizes, Splitter s) {
  const PanelSizes defaults;
  switch (s) {
    case Splitter::Left:
      sizes.leftWidth = defaults.leftWidth;
      break;
    case Splitter::Right:
      sizes.rightWidth = defaults.rightWidth;
      break;
    case Splitter::LeftColumn:
      sizes.groupsShare = defaults.groupsShare;
      break;
    case Splitter::RightUpper:
    case Splitter::RightLower:
      sizes.gaugeHeight = defaults.gaugeHeight;
      sizes.profileHeight = defaults.profileHeight;
      break;
  }
}

void resetLayout(Settings& settings) {
  const Settings defaults;
  settings.layout = defaults.layout;
  settings.showGroups = defaults.showGroups;
  settings.showBrowser = defaults.showBrowser;
  settings.showDetails = defaults.showDetails;
  settings.showGauge = defaults.showGauge;
  settings.showProfile = defaults.showProfile;
  settings.leftCollapsed = defaults.leftCollapsed;
  settings.rightCollapsed = defaults.rightCollapsed;
}

}  // namespace sv::ui
