// The workspace layout without ImGui or GL: default sizes give the fixed layout the workspace
// always had; dragged sizes are kept, scaled with the UI and clamped to the window; drags stop
// at the limits; sizes survive the settings file.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "support/alloc_count.h"
#include "ui/layout.h"

using sv::ui::computeLayout;
using sv::ui::dragSplitter;
using sv::ui::LayoutInput;
using sv::ui::LayoutRect;
using sv::ui::PanelSizes;
using sv::ui::Splitter;
using sv::ui::WorkspaceLayout;

namespace fs = std::filesystem;

namespace {

LayoutInput input(float w, float h, float fontSize = 16.0f) {
  LayoutInput in;
  in.width = w;
  in.height = h;
  in.fontSize = fontSize;
  in.menuHeight = fontSize + 6.0f;  // ImGui's frame height: font + 2 × frame padding
  return in;
}

const LayoutRect& splitter(const WorkspaceLayout& l, Splitter s) {
  return l.splitters[static_cast<std::size_t>(s)];
}

// The layout as the workspace computed it before panels could be resized (every panel shown).
struct FixedLayout {
  LayoutRect groups, browser, details, gauge, profile;
  float cx0, cx1;
};
FixedLayout fixedLayout(const LayoutInput& in) {
  const auto scaled = [&](float px) { return px * in.fontSize / 16.0f; };
  const float W = in.width, H = in.height, gap = scaled(8);
  const float top = in.menuHeight + gap;
  const float lw = scaled(300), rw = scaled(360);
  const float colH = H - top - gap;
  FixedLayout f{};
  const float gh = colH * 0.42f;
  f.groups = {gap, top, lw, gh};
  f.browser = {gap, top + gh + gap, lw, colH - gh - gap};
  float y = top;
  const float rx = W - rw - gap;
  const float profileH = scaled(in.profileHold ? 190 : 170);
  const float gaugeH = std::min(colH * 0.48f, scaled(in.twoGauges ? 560 : 330));
  const float detailsH = colH - profileH - gaugeH - gap * 2.0f;
  f.details = {rx, y, rw, detailsH};
  y += detailsH + gap;
  f.gauge = {rx, y, rw, gaugeH};
  y += gaugeH + gap;
  f.profile = {rx, y, rw, std::max(profileH, H - gap - y)};
  f.cx0 = lw + 2 * gap;
  f.cx1 = rx - gap;
  return f;
}

void checkSame(const LayoutRect& a, const LayoutRect& b) {
  CHECK(a.x == b.x);
  CHECK(a.y == b.y);
  CHECK(a.w == b.w);
  CHECK(a.h == b.h);
}

bool overlap(const LayoutRect& a, const LayoutRect& b) {
  if (a.empty() || b.empty()) return false;
  const float eps = 0.01f;
  return a.x < b.right() - eps && b.x < a.right() - eps && a.y < b.bottom() - eps &&
         b.y < a.bottom() - eps;
}

// Every docked panel lies on screen below the menu, none overlaps another or the centre, and
// the centre keeps its minimum share of the width.
void checkSane(const LayoutInput& in, const WorkspaceLayout& l) {
  const LayoutRect* panels[] = {&l.groups, &l.browser, &l.details, &l.gauge, &l.profile};
  for (const LayoutRect* p : panels) {
    if (p->empty()) continue;
    CHECK(p->x >= 0.0f);
    CHECK(p->y >= l.top - 0.01f);
    CHECK(p->right() <= in.width + 0.01f);
    CHECK(p->bottom() <= in.height + 0.01f);
    CHECK_FALSE(overlap(*p, l.centre));
    for (const LayoutRect* q : panels) {
      if (p != q) CHECK_FALSE(overlap(*p, *q));
    }
  }
  CHECK(l.centre.w >= sv::ui::kMinViewportShare * in.width - 0.01f);
  // The rendered view keeps half the window (when the window has room for any panel at all).
  if (in.width > 4.0f * in.fontSize) {
    CHECK(l.view.w * l.view.h >= 0.5f * in.width * in.height - 1.0f);
  }
}

}  // namespace

// The centre's narrowest width: the rendered view (the centre and a gap either side, from the
// menu bar down) keeps half the window's area.
float halfAreaCentre(const LayoutInput& in) {
  return 0.5f * in.width * in.height / (in.height - in.menuHeight) -
         in.fontSize;  // less a gap (8 px at scale 1) on either side
}

TEST_CASE("layout: default sizes give exactly the fixed layout of before where it fits") {
  for (const auto& [w, h, font] : {std::tuple{1920.0f, 1080.0f, 16.0f},
                                   {1920.0f, 1080.0f, 20.0f},
                                   {2560.0f, 1440.0f, 24.0f}}) {
    for (const bool two : {false, true}) {
      LayoutInput in = input(w, h, font);
      in.twoGauges = two;
      in.profileHold = two;
      const WorkspaceLayout l = computeLayout(in);
      const FixedLayout f = fixedLayout(in);
      INFO(w << "x" << h << " font " << font << (two ? " two gauges" : ""));
      checkSame(l.groups, f.groups);
      checkSame(l.browser, f.browser);
      checkSame(l.details, f.details);
      checkSame(l.gauge, f.gauge);
      checkSame(l.profile, f.profile);
      CHECK(l.centre.x == f.cx0);
      CHECK(l.centre.w == f.cx1 - f.cx0);
      checkSane(in, l);
    }
  }
}

TEST_CASE("layout: hidden panels give their room to the others and the grab areas follow") {
  LayoutInput in = input(1280, 720);
  in.showGroups = false;
  in.showDetails = false;
  const WorkspaceLayout l = computeLayout(in);
  CHECK(l.groups.empty());
  CHECK(l.details.empty());
  // The browser fills the left column, the profile the rest of the right one.
  CHECK(l.browser.y == l.top);
  CHECK(l.browser.bottom() == Approx(720.0f - 8.0f));
  CHECK(l.gauge.y == l.top);
  CHECK(l.profile.bottom() == Approx(720.0f - 8.0f));
  CHECK(splitter(l, Splitter::LeftColumn).empty());
  CHECK_FALSE(splitter(l, Splitter::RightUpper).empty());  // gauge | profile
  CHECK(splitter(l, Splitter::RightLower).empty());
  // Grab areas are the gaps along the edges facing the viewport.
  const LayoutRect& left = splitter(l, Splitter::Left);
  CHECK(left.x == l.browser.right());
  CHECK(left.right() == l.centre.x);
  const LayoutRect& right = splitter(l, Splitter::Right);
  CHECK(right.x == l.centre.right());
  CHECK(right.right() == l.gauge.x);

  in.showBrowser = in.showGauge = in.showProfile = false;
  const WorkspaceLayout none = computeLayout(in);
  CHECK(none.centre.x == 8.0f);
  CHECK(none.centre.w == 1280.0f - 16.0f);
  for (const LayoutRect& r : none.splitters) CHECK(r.empty());
}

TEST_CASE("layout: dragged sizes are kept, in pixels at UI scale 1") {
  LayoutInput in = input(1920, 1080);
  in.sizes.leftWidth = 420.0f;
  in.sizes.rightWidth = 250.0f;
  in.sizes.groupsShare = 0.6f;
  in.sizes.gaugeHeight = 300.0f;
  in.sizes.profileHeight = 220.0f;
  const WorkspaceLayout l = computeLayout(in);
  CHECK(l.groups.w == 420.0f);
  CHECK(l.details.w == 250.0f);
  CHECK(l.groups.h == Approx(l.centre.h * 0.6f));
  CHECK(l.gauge.h == 300.0f);
  CHECK(l.profile.h == 220.0f);
  CHECK(l.centre.x == 420.0f + 16.0f);
  checkSane(in, l);

  // At UI scale 1.5 the same preferences are 1.5 times as many pixels (on a window with room
  // for them beside a view of half its area).
  in.width = 2560.0f;
  in.height = 1440.0f;
  in.fontSize = 24.0f;
  const WorkspaceLayout big = computeLayout(in);
  CHECK(big.groups.w == Approx(630.0f));
  CHECK(big.details.w == Approx(375.0f));
  CHECK(big.gauge.h == Approx(450.0f));
  CHECK(big.profile.h == Approx(330.0f));
  checkSane(in, big);
}

TEST_CASE("layout: sizes are clamped to the window, and come back when it grows") {
  LayoutInput in = input(1920, 1080);
  in.sizes.leftWidth = 1200.0f;  // more than the window can give
  in.sizes.rightWidth = 900.0f;
  WorkspaceLayout l = computeLayout(in);
  checkSane(in, l);
  CHECK(l.centre.w == Approx(halfAreaCentre(in)));  // the viewport keeps its minimum
  CHECK(l.groups.w > l.details.w);                  // shrunk in proportion to their room

  // Panels never shrink below their minimum while the window has room for it.
  in.sizes.leftWidth = 10.0f;
  in.sizes.rightWidth = 10.0f;
  in.sizes.groupsShare = 0.001f;
  in.sizes.gaugeHeight = 1.0f;
  in.sizes.profileHeight = 1.0f;
  l = computeLayout(in);
  CHECK(l.groups.w == sv::ui::kMinColumnWidth);
  CHECK(l.details.w == sv::ui::kMinColumnWidth);
  CHECK(l.groups.h == sv::ui::kMinPanelHeight);
  CHECK(l.gauge.h == sv::ui::kMinPanelHeight);
  CHECK(l.profile.h == sv::ui::kMinPanelHeight);

  // Very tall panels leave the filling panel its minimum.
  in.sizes = PanelSizes{};
  in.sizes.gaugeHeight = 5000.0f;
  in.sizes.profileHeight = 800.0f;
  l = computeLayout(in);
  CHECK(l.details.h == Approx(sv::ui::kMinPanelHeight));
  checkSane(in, l);

  // A small window squeezes, the preference stays: growing it back restores the sizes.
  in.sizes = PanelSizes{};
  in.sizes.leftWidth = 500.0f;
  in.width = 900.0f;
  l = computeLayout(in);
  CHECK(l.groups.w < 500.0f);
  checkSane(in, l);
  in.width = 1920.0f;
  CHECK(computeLayout(in).groups.w == 500.0f);
}

TEST_CASE("layout: any window, scale and visibility gives a sane layout") {
  for (float w : {120.0f, 400.0f, 800.0f, 1280.0f, 3840.0f}) {
    for (float h : {100.0f, 300.0f, 720.0f, 2160.0f}) {
      for (float font : {12.0f, 16.0f, 32.0f}) {
        for (int mask = 0; mask < 32; ++mask) {
          LayoutInput in = input(w, h, font);
          in.showGroups = mask & 1;
          in.showBrowser = mask & 2;
          in.showDetails = mask & 4;
          in.showGauge = mask & 8;
          in.showProfile = mask & 16;
          in.sizes.leftWidth = 16384.0f;
          in.sizes.gaugeHeight = 16384.0f;
          INFO(w << "x" << h << " font " << font << " panels " << mask);
          const WorkspaceLayout l = computeLayout(in);
          checkSane(in, l);
          // The centre always keeps a visible width.
          CHECK(l.centre.w > 0.0f);
        }
      }
    }
  }
}

TEST_CASE("layout: dragging the column edges moves them, stopping at the limits") {
  const LayoutInput in = input(1920, 1080);
  const WorkspaceLayout before = computeLayout(in);

  PanelSizes s = dragSplitter(in, Splitter::Left, 100.0f);
  CHECK(s.leftWidth == 400.0f);
  CHECK(s.rightWidth == 360.0f);  // the other column is untouched
  s = dragSplitter(in, Splitter::Left, -60.0f);
  CHECK(s.leftWidth == 240.0f);
  // The right edge moves left when dragged left: the right column grows.
  s = dragSplitter(in, Splitter::Right, -40.0f);
  CHECK(s.rightWidth == 400.0f);
  CHECK(s.leftWidth == 300.0f);

  // Too far: the column stops at its minimum, or where the viewport reaches its own.
  s = dragSplitter(in, Splitter::Left, -1000.0f);
  CHECK(s.leftWidth == sv::ui::kMinColumnWidth);
  s = dragSplitter(in, Splitter::Left, 1000.0f);
  LayoutInput after = in;
  after.sizes = s;
  WorkspaceLayout l = computeLayout(after);
  CHECK(l.centre.w == Approx(halfAreaCentre(in)));
  CHECK(l.details.x == before.details.x);  // the right column did not move
  CHECK(l.groups.w == Approx(s.leftWidth));

  // The stored sizes lay out exactly as they were shown during the drag.
  s = dragSplitter(in, Splitter::Right, 37.5f);
  after.sizes = s;
  l = computeLayout(after);
  CHECK(l.details.x == Approx(before.details.x + 37.5f));
  CHECK(l.centre.right() == Approx(before.centre.right() + 37.5f));
  // Non-finite mouse travel changes nothing.
  CHECK(dragSplitter(in, Splitter::Left, std::nanf("")) == in.sizes);
}

TEST_CASE("layout: dragging at another UI scale stores pixels at scale 1") {
  LayoutInput in = input(3840, 2160, 32.0f);  // UI scale 2
  const PanelSizes s = dragSplitter(in, Splitter::Left, 100.0f);
  CHECK(s.leftWidth == Approx(350.0f));  // 600 + 100 pixels shown = 350 at scale 1
  in.sizes = s;
  CHECK(computeLayout(in).groups.w == Approx(700.0f));
}

TEST_CASE("layout: dragging the edges between stacked panels trades their heights") {
  const LayoutInput in = input(1280, 720);
  const WorkspaceLayout l = computeLayout(in);

  // Groups over browser: the share follows the edge.
  PanelSizes s = dragSplitter(in, Splitter::LeftColumn, 50.0f);
  LayoutInput after = in;
  after.sizes = s;
  WorkspaceLayout m = computeLayout(after);
  CHECK(m.groups.h == Approx(l.groups.h + 50.0f));
  CHECK(m.browser.y == Approx(l.browser.y + 50.0f));
  CHECK(m.browser.bottom() == Approx(l.browser.bottom()));
  s = dragSplitter(in, Splitter::LeftColumn, 5000.0f);
  after.sizes = s;
  CHECK(computeLayout(after).browser.h == Approx(sv::ui::kMinPanelHeight));

  // Details | gauge: the gauge gets a stored height, the profile stays automatic.
  CHECK_FALSE(in.sizes.gaugeHeight);
  s = dragSplitter(in, Splitter::RightUpper, -40.0f);
  REQUIRE(s.gaugeHeight);
  CHECK(*s.gaugeHeight == Approx(l.gauge.h + 40.0f));
  CHECK_FALSE(s.profileHeight);
  after.sizes = s;
  m = computeLayout(after);
  CHECK(m.details.h == Approx(l.details.h - 40.0f));
  CHECK(m.profile.y == Approx(l.profile.y));

  // Gauge | profile: the gauge grows, the profile shrinks, the details panel stays.
  s = dragSplitter(in, Splitter::RightLower, 30.0f);
  REQUIRE(s.gaugeHeight);
  REQUIRE(s.profileHeight);
  after.sizes = s;
  m = computeLayout(after);
  CHECK(m.details.h == Approx(l.details.h));
  CHECK(m.gauge.h == Approx(l.gauge.h + 30.0f));
  CHECK(m.profile.y == Approx(l.profile.y + 30.0f));
  CHECK(m.profile.bottom() == Approx(l.profile.bottom()));
  // …until the profile reaches its minimum.
  s = dragSplitter(in, Splitter::RightLower, 1000.0f);
  REQUIRE(s.profileHeight);
  CHECK(*s.profileHeight == Approx(sv::ui::kMinPanelHeight));

  // With the details hidden the profile fills: the gauge | profile edge sets the gauge only.
  LayoutInput noDetails = in;
  noDetails.showDetails = false;
  s = dragSplitter(noDetails, Splitter::RightUpper, 25.0f);
  REQUIRE(s.gaugeHeight);
  CHECK(*s.gaugeHeight == Approx(computeLayout(noDetails).gauge.h + 25.0f));
  CHECK_FALSE(s.profileHeight);
  // An edge that is not there changes nothing.
  CHECK(dragSplitter(noDetails, Splitter::RightLower, 25.0f) == noDetails.sizes);
}

TEST_CASE("layout: reset restores an edge's defaults, or the whole layout") {
  PanelSizes s;
  s.leftWidth = 500.0f;
  s.rightWidth = 250.0f;
  s.groupsShare = 0.7f;
  s.gaugeHeight = 400.0f;
  s.profileHeight = 150.0f;
  PanelSizes r = s;
  sv::ui::resetSplitter(r, Splitter::Left);
  CHECK(r.leftWidth == PanelSizes{}.leftWidth);
  CHECK(r.rightWidth == 250.0f);
  sv::ui::resetSplitter(r, Splitter::RightLower);
  CHECK_FALSE(r.gaugeHeight);
  CHECK_FALSE(r.profileHeight);
  CHECK(r.groupsShare == 0.7f);

  sv::ui::Settings settings;
  settings.layout = s;
  settings.showDetails = false;
  settings.showBrowser = false;
  settings.heatmap = false;  // not part of the layout
  sv::ui::resetLayout(settings);
  CHECK(settings.layout == PanelSizes{});
  CHECK(settings.showDetails);
  CHECK(settings.showBrowser);
  CHECK_FALSE(settings.heatmap);
}

TEST_CASE("layout: computing a layout and a drag allocates nothing") {
  {  // the counter counts
    sv::test::AllocationCount probe;
    void* p = ::operator new(16);
    ::operator delete(p);
    CHECK(probe.count() == 1);
  }
  LayoutInput in = input(1280, 720);
  in.sizes.gaugeHeight = 250.0f;
  float sum = 0.0f;
  sv::test::AllocationCount allocations;
  for (int i = 0; i < 10; ++i) {
    sum += computeLayout(in).centre.w;
    sum += dragSplitter(in, Splitter::RightLower, static_cast<float>(i)).leftWidth;
  }
  CHECK(allocations.count() == 0);
  CHECK(sum > 0.0f);
}

// --- Persistence ---------------------------------------------------------------------------

namespace {
fs::path scratch(const char* name) {
  const fs::path d = fs::temp_directory_path() / "sv_test_layout" / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d / "settings.json";
}
}  // namespace

TEST_CASE("layout: dragged sizes round-trip through the settings file") {
  const fs::path p = scratch("roundtrip");
  sv::ui::Settings s;
  s.layout = dragSplitter(input(1280, 720), Splitter::RightLower, 12.25f);
  s.layout.leftWidth = 333.5f;
  s.layout.groupsShare = 0.3f;
  REQUIRE(s.layout.gaugeHeight);
  REQUIRE(s.layout.profileHeight);
  REQUIRE(sv::ui::saveSettings(p, s).ok());
  auto loaded = sv::ui::loadSettings(p);
  CHECK_FALSE(loaded.warning);
  CHECK(loaded.settings.layout == s.layout);

  // Automatic heights are saved as null and load as automatic.
  s.layout = PanelSizes{};
  REQUIRE(sv::ui::saveSettings(p, s).ok());
  CHECK(sv::ui::serializeSettings(s).find("\"gauge_height\": null") != std::string::npos);
  loaded = sv::ui::loadSettings(p);
  CHECK_FALSE(loaded.warning);
  CHECK(loaded.settings.layout == PanelSizes{});

  // A file from before panels could be resized has no "layout": defaults, no warning.
  std::ofstream(p) << R"({"ui_scale": 1.25})";
  loaded = sv::ui::loadSettings(p);
  CHECK_FALSE(loaded.warning);
  CHECK(loaded.settings.layout == PanelSizes{});
}

TEST_CASE("layout: out-of-range or mistyped sizes in the file load as defaults, with a warning") {
  const fs::path p = scratch("bad");
  std::ofstream(p) << R"({"layout": {"left_width": -40, "right_width": 1e9, "groups_share": 1.5,
                          "gauge_height": "tall", "profile_height": 5}, "speed": 1.5})";
  auto loaded = sv::ui::loadSettings(p);
  REQUIRE(loaded.warning);
  for (const char* key : {"left_width", "right_width", "groups_share", "profile_height"}) {
    INFO(key);
    CHECK(loaded.warning->find(std::string("'layout.") + key + "' is out of range") !=
          std::string::npos);
  }
  CHECK(loaded.warning->find("'layout.gauge_height' has the wrong type") != std::string::npos);
  CHECK(loaded.settings.layout == PanelSizes{});
  CHECK(loaded.settings.speed == 1.5f);  // the rest of the file still loads

  // Only the bad value is dropped.
  std::ofstream(p) << R"({"layout": {"left_width": 450, "right_width": 0}})";
  loaded = sv::ui::loadSettings(p);
  REQUIRE(loaded.warning);
  CHECK(loaded.settings.layout.leftWidth == 450.0f);
  CHECK(loaded.settings.layout.rightWidth == PanelSizes{}.rightWidth);

  std::ofstream(p) << R"({"layout": [300, 360]})";
  loaded = sv::ui::loadSettings(p);
  REQUIRE(loaded.warning);
  CHECK(loaded.warning->find("'layout' has the wrong type") != std::string::npos);
  CHECK(loaded.settings.layout == PanelSizes{});

  // Corrupt JSON: every setting, the layout included, is the default.
  std::ofstream(p) << R"({"layout": {"left_width": 450,)";
  loaded = sv::ui::loadSettings(p);
  REQUIRE(loaded.warning);
  CHECK(loaded.warning->find("not valid JSON") != std::string::npos);
  CHECK(loaded.settings.layout == PanelSizes{});
}

namespace {

// A stretch open in the workspace: the overlays at the sizes the UI measures for a typical
// phase caption (a heading line and three lines of text) and the legend (two rows), scaled.
LayoutInput withStretch(float w, float h, float scale) {
  LayoutInput in = input(w, h, 16.0f * scale);
  in.playback = true;
  in.captionFull = (20.0f + 19.0f + 3.0f * 22.0f) * scale;
  in.captionHead = (20.0f + 19.0f) * scale;
  in.legendWidth = 520.0f * scale;
  in.legendHeight = 58.0f * scale;
  return in;
}

bool inside(const LayoutRect& r, const LayoutRect& outer) {
  return r.x >= outer.x - 0.01f && r.y >= outer.y - 0.01f && r.right() <= outer.right() + 0.01f &&
         r.bottom() <= outer.bottom() + 0.01f;
}

// The workspace's promises for one window: the view keeps half the window; no text overlaps
// text (panels, strips and overlays pairwise apart); every overlay lies inside the view and
// outside the stage, where the figures are framed; the stage keeps a usable share.
void checkWorkspace(const LayoutInput& in, const WorkspaceLayout& l) {
  checkSane(in, l);
  CHECK(l.view.w * l.view.h >= 0.5f * in.width * in.height - 1.0f);
  const LayoutRect* boxes[] = {&l.groups,  &l.browser,   &l.details,      &l.gauge,
                               &l.profile, &l.leftStrip, &l.rightStrip,   &l.caption,
                               &l.legend,  &l.playback,  &l.presenterSide};
  for (const LayoutRect* a : boxes) {
    for (const LayoutRect* b : boxes) {
      if (a != b) CHECK_FALSE(sv::ui::overlaps(*a, *b));
    }
  }
  for (const LayoutRect* o : {&l.caption, &l.legend, &l.playback, &l.presenterSide}) {
    if (o->empty()) continue;
    CHECK(inside(*o, l.view));
    CHECK_FALSE(sv::ui::overlaps(*o, l.stage));
  }
  CHECK(inside(l.stage, l.view));
  CHECK(l.stage.w >= 0.5f * l.view.w);
  CHECK(l.stage.h >= 0.3f * l.view.h);
}

}  // namespace

TEST_CASE(
    "layout: at 1024x600, 1280x720 and 1920x1080 and UI scales 1, 1.5 and 2 the view "
    "keeps half the window and the overlays keep off each other and off the stage") {
  for (const auto& [w, h] : {std::pair{1024.0f, 600.0f}, {1280.0f, 720.0f}, {1920.0f, 1080.0f}}) {
    for (float scale : {1.0f, 1.5f, 2.0f}) {
      for (bool presenter : {false, true}) {
        INFO(w << "x" << h << " scale " << scale << (presenter ? " presenter" : ""));
        LayoutInput in = withStretch(w, h, scale);
        in.presenter = presenter;
        if (presenter) {
          in.menuHeight = 0.0f;
          in.playback = false;
          in.legendWidth = in.legendHeight = 0.0f;
          in.captionFull *= 2.0f;  // the presenter's text is twice the workspace's
          in.captionHead *= 2.0f;
        }
        const WorkspaceLayout l = computeLayout(in);
        checkWorkspace(in, l);
        CHECK_FALSE(l.caption.empty());
        if (presenter) {
          CHECK(l.groups.empty());
          CHECK(l.details.empty());
          CHECK_FALSE(l.presenterSide.empty());
          CHECK(l.view.w == w);
          CHECK(l.view.h == h);
        } else {
          CHECK_FALSE(l.playback.empty());
          // The playback bar fits its row of controls and the timeline exactly.
          CHECK(l.playback.h == Approx(sv::ui::playbackHeight(in.fontSize, l.playbackRows)));
          // One row of controls where they fit beside each other, else two, unless the stage
          // needs the room (then one row with an options button).
          const bool fits = l.playback.w - 24.0f * scale >= sv::ui::kPlaybackControlsWidth * scale;
          CHECK(l.playbackRows == (fits || l.playbackOptions ? 1 : 2));
          CHECK_FALSE((fits && l.playbackOptions));
          // Folded only where the folded row fits (no button over the time read-out).
          if (l.playbackOptions) {
            CHECK(l.playback.w - 24.0f * scale >= sv::ui::kPlaybackFoldedWidth * scale);
          }
          CHECK(l.playback.bottom() == Approx(h - l.gap));
          // The legend is shown whole, or folded into the playback bar.
          CHECK(l.legend.empty() == l.legendFolded);
          if (!l.legend.empty()) CHECK(l.legend.w == Approx(in.legendWidth));
        }
        // Fixed sizes: the caption's box is what was measured for the technique.
        CHECK(l.caption.h == Approx(l.captionFolded ? in.captionHead : in.captionFull));
      }
    }
  }
}

TEST_CASE(
    "layout: where room is short the legend folds first, then the playback options, then the "
    "caption keeps one line") {
  LayoutInput in = withStretch(1920, 1080, 1.0f);
  WorkspaceLayout l = computeLayout(in);
  CHECK_FALSE(l.legendFolded);
  CHECK_FALSE(l.captionFolded);
  CHECK(l.legend.bottom() == Approx(l.playback.y - l.gap));
  CHECK(l.stage.y == Approx(l.caption.bottom() + l.gap));
  CHECK(l.stage.bottom() == Approx(l.legend.y - l.gap));
  in = withStretch(1024, 600, 1.5f);
  l = computeLayout(in);
  CHECK(l.legendFolded);
  CHECK(l.legend.empty());
  CHECK(l.stage.bottom() == Approx(l.playback.y - l.gap));
  in = withStretch(1024, 600, 2.0f);
  in.captionFull *= 1.5f;  // a long caption at a large scale
  l = computeLayout(in);
  CHECK(l.legendFolded);
  CHECK(l.captionFolded);
  // Before the caption folded, the playback bar's second row went behind its options button.
  CHECK(l.playbackOptions);
  CHECK(l.playbackRows == 1);
  CHECK(l.playback.h == Approx(sv::ui::playbackHeight(in.fontSize, 1)));
  CHECK(l.caption.h == Approx(in.captionHead));
  // With room (1280x720 at scale 1), a narrow bar keeps its two rows.
  l = computeLayout(withStretch(1280, 720, 1.0f));
  CHECK(l.playbackRows == 2);
  CHECK_FALSE(l.playbackOptions);
  // A legend wider than the view folds whatever the room.
  in = withStretch(1920, 1080, 1.0f);
  in.legendWidth = 3000.0f;
  CHECK(computeLayout(in).legendFolded);
}

TEST_CASE("layout: columns fold to a strip when asked, or when the view needs the room") {
  LayoutInput in = withStretch(1920, 1080, 1.0f);
  in.leftCollapsed = true;
  WorkspaceLayout l = computeLayout(in);
  CHECK(l.leftCollapsed);
  CHECK(l.groups.empty());
  CHECK(l.browser.empty());
  CHECK(l.leftStrip.w == Approx(sv::ui::kStripWidth));
  CHECK(l.centre.x == Approx(l.leftStrip.right() + l.gap));
  CHECK(splitter(l, Splitter::Left).empty());  // a strip has no edge to drag
  CHECK(dragSplitter(in, Splitter::Left, 50.0f) == in.sizes);
  checkWorkspace(in, l);

  // 1280×720 at scale 1.5: both columns at their narrowest leave the view too little; the
  // left one folds, the right one stays (the user opened the left one last: the right folds).
  in = withStretch(1280, 720, 1.5f);
  l = computeLayout(in);
  CHECK(l.leftCollapsed);
  CHECK_FALSE(l.rightCollapsed);
  CHECK_FALSE(l.details.empty());
  checkWorkspace(in, l);
  in.preferLeft = true;
  l = computeLayout(in);
  CHECK_FALSE(l.leftCollapsed);
  CHECK(l.rightCollapsed);
  CHECK_FALSE(l.groups.empty());
  checkWorkspace(in, l);
  // 1024×600 at scale 2: both fold.
  in = withStretch(1024, 600, 2.0f);
  l = computeLayout(in);
  CHECK(l.leftCollapsed);
  CHECK(l.rightCollapsed);
  checkWorkspace(in, l);
  // Folding is a preference like the sizes: the settings keep it, Reset layout opens all.
  sv::ui::Settings st;
  st.leftCollapsed = st.rightCollapsed = true;
  sv::ui::resetLayout(st);
  CHECK_FALSE(st.leftCollapsed);
  CHECK_FALSE(st.rightCollapsed);
}

TEST_CASE("layout: the caption's width is what the UI measures it at") {
  for (float scale : {1.0f, 1.5f, 2.0f}) {
    LayoutInput in = withStretch(1280, 720, scale);
    const float w = sv::ui::captionWidth(in);
    in.captionFull = 400.0f;  // whatever its height, the width stays
    CHECK(computeLayout(in).caption.w == Approx(w));
    in.presenter = true;
    in.menuHeight = 0.0f;
    CHECK(computeLayout(in).caption.w == Approx(sv::ui::captionWidth(in)));
  }
}

TEST_CASE("layout: the details panel keeps its safety box whole; the gauge and profile give way") {
  LayoutInput in = withStretch(1280, 720, 1.0f);
  const WorkspaceLayout before = computeLayout(in);
  in.detailsNeed = 420.0f;  // a dozen contraindications at 720p
  const WorkspaceLayout l = computeLayout(in);
  checkWorkspace(in, l);
  CHECK(before.details.h < 420.0f);  // what the user saw: the box scrolled out of sight
  CHECK(l.details.h >= 420.0f - 0.5f);
  CHECK(l.gauge.h >= sv::ui::kMinPanelHeight - 0.5f);
  CHECK(l.profile.h >= sv::ui::kMinPanelHeight - 0.5f);
  CHECK(l.gauge.h < before.gauge.h);
  // More than the column can give: the others keep their title bars.
  in.detailsNeed = 5000.0f;
  const WorkspaceLayout most = computeLayout(in);
  checkWorkspace(in, most);
  CHECK(most.gauge.h == Approx(sv::ui::panelTitleHeight(in)));
  CHECK(most.profile.h == Approx(sv::ui::panelTitleHeight(in)));
  CHECK(most.profile.bottom() <= in.height);
  // Nothing to keep: the layout is as before.
  in.detailsNeed = 0.0f;
  CHECK(computeLayout(in).details.h == Approx(before.details.h));
}

TEST_CASE("layout: the presenter window's layout at its own size, whatever the workspace's") {
  // The second window opens at the workspace's size, then goes fullscreen on another screen
  // (4K, portrait) or stays a small window beside the workspace.
  for (const auto& [w, h] :
       {std::pair{3840.0f, 2160.0f}, {1080.0f, 1920.0f}, {1600.0f, 900.0f}, {800.0f, 600.0f}}) {
    for (float scale : {1.0f, 2.0f}) {
      INFO(w << "x" << h << " scale " << scale);
      LayoutInput in = withStretch(w, h, scale);
      in.presenter = true;
      in.menuHeight = 0.0f;
      in.playback = false;
      in.legendWidth = in.legendHeight = 0.0f;
      in.captionFull *= 2.0f;
      in.captionHead *= 2.0f;
      const WorkspaceLayout l = computeLayout(in);
      checkWorkspace(in, l);
      CHECK(l.view.w == w);
      CHECK(l.view.h == h);
      CHECK_FALSE(l.caption.empty());
      CHECK_FALSE(l.presenterSide.empty());
      CHECK(l.playback.empty());
      CHECK(l.details.empty());
      // The caption shows its whole text at the presenter's size, not a folded first line
      // (a small window at UI scale 2 may keep one line).
      if (scale == 1.0f || w * h >= 1600.0f * 900.0f) CHECK_FALSE(l.captionFolded);
    }
  }
}

TEST_CASE(
    "layout: the safety list gets its full height at 1024x600, 1280x720 and 1920x1080 and UI "
    "scales 1, 1.5 and 2 wherever the column can hold it; the gauge and profile give way") {
  for (const auto& [w, h] : {std::pair{1024.0f, 600.0f}, {1280.0f, 720.0f}, {1920.0f, 1080.0f}}) {
    for (float scale : {1.0f, 1.5f, 2.0f}) {
      LayoutInput base = withStretch(w, h, scale);
      INFO(w << "x" << h << " scale " << scale);
      const WorkspaceLayout plain = computeLayout(base);
      // At 1024x600 and scale 2 the right column is a strip (the view keeps half the window,
      // with the left one folded too): no details panel to size.
      if (w == 1024.0f && scale == 2.0f) {
        CHECK(plain.rightCollapsed);
        continue;
      }
      REQUIRE_FALSE(plain.details.empty());
      const float column = plain.profile.bottom() - plain.details.y;
      const float title = sv::ui::panelTitleHeight(base);
      const float gap = sv::ui::kGap * scale;
      // The most the column can give: all of it but the other two panels' title bars.
      const float most = column - 2.0f * (title + gap);
      // Eight contraindications, as upper-trapezius-supine has: from a short list to the most
      // the column holds.
      for (float share : {0.3f, 0.6f, 0.8f, 0.95f, 1.0f}) {
        LayoutInput in = base;
        in.detailsNeed = share * most;
        INFO(w << "x" << h << " scale " << scale << " need " << in.detailsNeed);
        const WorkspaceLayout l = computeLayout(in);
        checkWorkspace(in, l);
        CHECK(l.details.h >= in.detailsNeed - 0.5f);
        CHECK(l.gauge.h >= title - 0.5f);
        CHECK(l.profile.h >= title - 0.5f);
        CHECK(l.profile.bottom() <= h + 0.01f);
        // Only as much as the list needs is taken from the others.
        if (in.detailsNeed <= plain.details.h) CHECK(l.gauge.h == Approx(plain.gauge.h));
      }
    }
  }
}
