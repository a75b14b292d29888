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

float minViewport(const LayoutInput& in) {
  return std::max(kMinViewportShare * in.width,
                  std::min(scaled(in, kMinViewportWidth), 0.5f * in.width));
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

// The three items across the window: left column, viewport (the fill), right column.
std::array<Item, 3> columns(const LayoutInput& in) {
  const float minW = scaled(in, kMinColumnWidth);
  std::array<Item, 3> row;
  row[0] = {in.showGroups || in.showBrowser, scaled(in, in.sizes.leftWidth), minW, 0.0f};
  row[1] = {true, 0.0f, minViewport(in), 0.0f};
  row[2] = {in.showDetails || in.showGauge || in.showProfile, scaled(in, in.sizes.rightWidth), minW,
            0.0f};
  const float gap = scaled(in, kGap);
  distribute(row, 1, in.width - 2.0f * gap, gap);
  return row;
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
  col[0] = {in.showDetails, 0.0f, minH, 0.0f};
  col[1] = {in.showGauge, desiredGauge(in, colH), minH, 0.0f};
  col[2] = {in.showProfile, desiredProfile(in), minH, 0.0f};
  distribute(col, rightFill(in), colH, scaled(in, kGap));
  return col;
}

}  // namespace

WorkspaceLayout computeLayout(const LayoutInput& in) {
  WorkspaceLayout L;
  const float W = in.width, H = in.height;
  const float gap = scaled(in, kGap);
  L.gap = gap;
  L.top = in.menuHeight + gap;
  const float colH = columnHeight(in);
  const std::array<Item, 3> row = columns(in);
  const float lw = row[0].size, rw = row[2].size;

  const std::array<Item, 2> left = leftStack(in, colH);
  LayoutRect* leftRects[2] = {&L.groups, &L.browser};
  float y = L.top;
  for (std::size_t i = 0; i < left.size(); ++i) {
    if (!left[i].shown) continue;
    *leftRects[i] = {gap, y, lw, left[i].size};
    y += left[i].size + gap;
  }

  const float rx = W - rw - gap;
  const std::array<Item, 3> right = rightStack(in, colH);
  LayoutRect* rightRects[3] = {&L.details, &L.gauge, &L.profile};
  int lastRight = -1;
  y = L.top;
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

  const float cx0 = row[0].shown ? lw + 2 * gap : gap;
  const float cx1 = row[2].shown ? rx - gap : W - gap;
  L.centre = {cx0, L.top, cx1 - cx0, colH};
  L.playbackHeight = scaled(in, kPlaybackHeight);

  auto& sp = L.splitters;
  if (row[0].shown) sp[static_cast<std::size_t>(Splitter::Left)] = {gap + lw, L.top, gap, colH};
  if (row[2].shown) sp[static_cast<std::size_t>(Splitter::Right)] = {rx - gap, L.top, gap, colH};
  if (left[0].shown && left[1].shown) {
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
    std::array<Item, 3> row = columns(in);
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
    if (row[0].shown && (s == Splitter::Left || std::abs(row[0].size - row[0].desired) > tolerance))
      out.leftWidth = storedWidth(in, row[0].size);
    if (row[2].shown &&
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
}

}  // namespace sv::ui
