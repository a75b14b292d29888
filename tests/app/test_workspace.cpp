// The full workspace rendered headless: panels, the posed mannequin and its highlighted
// target muscles, driven by the same options as the command line.
#include <catch2/catch.hpp>

#include <GLFW/glfw3.h>

#include <cstdlib>

#include <filesystem>

#include "anatomy/muscle_groups.h"
#include "app/app.h"
#include "render/gl_debug.h"

namespace {
float luminance(glm::u8vec4 c) {
  return 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b;
}
}  // namespace

TEST_CASE("headless: the workspace shows panels, the posed body and its highlighted target") {
  sv::gldebug::resetErrorCount();
  sv::Options o;
  o.headless = true;
  o.width = 1280;
  o.height = 720;
  o.stretchId = "hamstrings-supine-straight-leg";
  o.technique = "contract_relax";
  o.time = 20.0f;
  o.select = {"hamstrings"};
  auto app = sv::App::create(o);
  REQUIRE(app.ok());
  for (int i = 0; i < 2; ++i) (*app)->runFrame();
  const sv::Image img = (*app)->renderer().capture();
  CHECK(sv::gldebug::errorCount() == 0);

  // The stretch is open, paused at 20 s, and the hip is flexed toward the target.
  REQUIRE((*app)->currentStretch() != nullptr);
  CHECK((*app)->player().time() == Approx(20.0f));
  CHECK((*app)->pose().get(sv::anatomy::Motion::HipFlexion, sv::anatomy::Side::Right) > 30.0f);
  // Right hamstrings: targeted (tint) and selected (glow), left only selected.
  const auto& regions = (*app)->frameParams().regions;
  const auto right =
      sv::anatomy::regionId(sv::anatomy::MuscleGroup::Hamstrings, sv::anatomy::Side::Right);
  const auto left =
      sv::anatomy::regionId(sv::anatomy::MuscleGroup::Hamstrings, sv::anatomy::Side::Left);
  CHECK(regions[right].highlight > 0.5f);
  CHECK(regions[right].selected == 1.0f);
  CHECK(regions[left].highlight == 0.0f);
  CHECK(regions[left].selected == 1.0f);
  // The body is skinned with its palette and pickable.
  REQUIRE_FALSE((*app)->drawList().items.empty());
  CHECK((*app)->drawList().items[0].palette != nullptr);

  // Panels: the left and right columns are dark UI, the centre is the lit studio.
  CHECK(luminance(img.at(150, 400)) < 70.0f);
  // (at the right column's edge: its middle may be text of the safety list)
  CHECK(luminance(img.at(1266, 400)) < 90.0f);
  // The highlight reads on the body: warm (amber) pixels in the viewport, away from the UI.
  int warm = 0;
  for (int y = 200; y < 600; ++y) {
    for (int x = 330; x < 890; ++x) {
      const glm::u8vec4 c = img.at(x, y);
      if (c.r > 120 && c.r - c.b > 45) ++warm;
    }
  }
  INFO("warm pixels: " << warm);
  CHECK(warm > 300);
  // And clicking the body there picks a muscle region (any region id in range).
  (void)sv::writePng(img, std::filesystem::temp_directory_path() / "sv_workspace_test.png");
}

TEST_CASE("headless: a one-frame screenshot shows the same settled UI as a later frame") {
  // A scripted capture (`--headless --screenshot`, one frame) must not show the UI's first,
  // unsettled frame: before the paused state reached the panels, the gauge read 0 and the
  // phase caption was missing.
  auto capture = [](int frames) {
    sv::Options o;
    o.headless = true;
    o.width = 960;
    o.height = 540;
    o.frames = frames;
    o.showStats = false;
    o.stretchId = "hamstrings-supine-straight-leg";
    o.technique = "contract_relax";
    o.time = 44.0f;
    const auto path =
        std::filesystem::temp_directory_path() / ("sv_settle_" + std::to_string(frames) + ".png");
    o.screenshot = path;
    auto app = sv::App::create(o);
    REQUIRE(app.ok());
    REQUIRE((*app)->run() == 0);
    auto img = sv::readPng(path);
    REQUIRE(img.ok());
    std::filesystem::remove(path);
    return *img;
  };
  const sv::Image one = capture(1);
  const sv::Image three = capture(3);
  REQUIRE(one.rgba.size() == three.rgba.size());
  double diff = 0.0;
  int differing = 0;
  for (std::size_t i = 0; i < one.rgba.size(); i += 4) {
    int d = 0;
    for (std::size_t c = 0; c < 3; ++c) d += std::abs(one.rgba[i + c] - three.rgba[i + c]);
    diff += d;
    if (d > 30) ++differing;
  }
  INFO("mean difference " << diff / static_cast<double>(one.rgba.size() / 4)
                          << ", pixels differing: " << differing);
  CHECK(differing < 200);
}

TEST_CASE("headless: the playback bar's |< goes back to the start of the first pass") {
  sv::gldebug::resetErrorCount();
  sv::Options o;
  o.headless = true;
  o.width = 1280;
  o.height = 720;
  o.stretchId = "upper-trapezius-supine";
  auto created = sv::App::create(o);
  REQUIRE(created.ok());
  sv::App& app = **created;
  app.runFrame();
  app.runFrame();
  // Play three times through, into the second pass.
  const float duration = app.player().timeline()->duration();
  app.input().key(GLFW_KEY_SPACE, true);
  app.runFrame();
  app.input().key(GLFW_KEY_SPACE, false);
  // (the playback bar's repetitions slider, set directly: the session's player is not const)
  const_cast<sv::animation::Player&>(app.player()).setRepeatCount(3);
  app.runFrameFor(static_cast<double>(duration) + 3.0);
  REQUIRE(app.player().pass() == 1);
  REQUIRE(app.player().playing());
  // A click on |<, the bar's first button.
  const sv::ui::LayoutRect bar = app.layout().playback;
  REQUIRE_FALSE(bar.empty());
  const float x = bar.x + 12.0f + 17.0f, y = bar.y + 10.0f + 12.0f;
  app.input().mouseMove(x, y);
  app.runFrameFor(0.02);
  app.input().mouseButton(0, true);
  app.runFrameFor(0.02);
  app.input().mouseButton(0, false);
  app.runFrameFor(0.02);
  CHECK(app.player().pass() == 0);
  CHECK(app.player().time() < 0.2f);
  CHECK(app.player().playing());
  // Hovering a segment of the timeline names it and keys the letters.
  app.input().mouseMove(bar.x + bar.w * 0.5f, bar.bottom() - 20.0f);
  for (int i = 0; i < 3; ++i) app.runFrameFor(0.02);
  const sv::Image img = app.renderer().capture();
  if (const char* out = std::getenv("SV_TEST_CAPTURE_DIR")) {
    (void)sv::writePng(img, std::filesystem::path(out) / "timeline_tooltip.png");
  }
  CHECK(sv::gldebug::errorCount() == 0);
}
