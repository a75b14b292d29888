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
}

}  // namespace

TEST_CASE("layout: default sizes give exactly the fixed layout of before") {
  for (const auto& [w, h, font] : {std::tuple{1280.0f, 720.0f, 16.0f},
                                   {1920.0f, 1080.0f, 16.0f},
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
      CHECK(l.playbackHeight == 124.0f * font / 16.0f);
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

  // At UI scale 1.5 the same preferences are 1.5 times as many pixels.
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
  CHECK(l.centre.w == Approx(0.3f * 1920.0f));  // the viewport keeps its minimum
  CHECK(l.groups.w > l.details.w);              // shrunk in proportion to their room

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
  const LayoutInput in = input(1280, 720);
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
  CHECK(l.centre.w == Approx(0.3f * 1280.0f));
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
  LayoutInput in = input(2560, 1440, 32.0f);  // UI scale 2
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
