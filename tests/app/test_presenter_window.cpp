// The presenter's second window: which monitor it goes fullscreen on (pure), and, headless,
// a second surfaceless context sharing the main one's objects that shows the presenter view.
#include <catch2/catch.hpp>

#include <GLFW/glfw3.h>

#include <array>
#include <cmath>

#include "app/app.h"
#include "app/monitor_pick.h"
#include "render/gl_debug.h"

namespace {
float luminance(glm::u8vec4 c) {
  return 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b;
}
// Pixels of a rectangle brighter than `threshold` (text on the dark panels).
int brightPixels(const sv::Image& img, int x0, int y0, int x1, int y1, float threshold) {
  int n = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) n += luminance(img.at(x, y)) > threshold ? 1 : 0;
  }
  return n;
}
}  // namespace

TEST_CASE("presenter window: fullscreen goes to the monitor the window overlaps most") {
  using sv::ScreenRect;
  const std::array<ScreenRect, 2> two = {ScreenRect{0, 0, 1920, 1080},
                                         ScreenRect{1920, 0, 2560, 1440}};
  CHECK(sv::pickMonitor({100, 100, 1280, 720}, two) == 0);
  CHECK(sv::pickMonitor({2000, 200, 1280, 720}, two) == 1);
  // Straddling the edge: the screen with more of it.
  CHECK(sv::pickMonitor({1500, 100, 1280, 720}, two) == 1);
  CHECK(sv::pickMonitor({1000, 100, 1280, 720}, two) == 0);
  // A screen to the left, at negative coordinates.
  const std::array<ScreenRect, 2> left = {ScreenRect{0, 0, 1920, 1080},
                                          ScreenRect{-1280, 0, 1280, 1024}};
  CHECK(sv::pickMonitor({-1000, 50, 800, 600}, left) == 1);
  // Off every screen: the nearest one.
  CHECK(sv::pickMonitor({5000, 100, 300, 200}, two) == 1);
  CHECK(sv::pickMonitor({-900, 100, 300, 200}, two) == 0);
  // None at all.
  CHECK(sv::pickMonitor({0, 0, 10, 10}, std::span<const ScreenRect>()) == -1);
}

TEST_CASE("presenter window: a second context sharing objects shows the presenter view") {
  sv::gldebug::resetErrorCount();
  sv::Options o;
  o.headless = true;
  o.width = 1280;
  o.height = 720;
  o.stretchId = "upper-trapezius-supine";
  o.time = 12.0f;
  o.presenterWindow = true;
  auto created = sv::App::create(o);
  REQUIRE(created.ok());
  sv::App& app = **created;
  REQUIRE(app.presenterWindow() != nullptr);
  app.presenterWindow()->setCaptureNext(true);
  for (int i = 0; i < 3; ++i) app.runFrame();
  const sv::Image shown = app.presenterWindow()->lastCapture();
  const sv::Image workspace = app.renderer().capture();
  CHECK(sv::gldebug::errorCount() == 0);
  REQUIRE(shown.width == 1280);
  REQUIRE(shown.height == 720);

  // The lit studio with the figures in the middle-left, the large caption along the top-left
  // and the countdown and gauge down the right, dark panels with light text.
  CHECK(luminance(shown.at(400, 250)) > 150.0f);                 // the backdrop
  CHECK(luminance(shown.at(1100, 600)) < 90.0f);                 // the presenter's side panel
  CHECK(brightPixels(shown, 10, 10, 880, 170, 150.0f) > 1500);   // the caption's large text
  CHECK(brightPixels(shown, 895, 60, 1270, 130, 150.0f) > 300);  // the countdown
  // Not the workspace: no menu bar, no panels at the left.
  int differ = 0;
  for (int y = 0; y < 720; y += 8) {
    for (int x = 0; x < 1280; x += 8) {
      const glm::u8vec4 a = shown.at(x, y), b = workspace.at(x, y);
      if (std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b) > 60) ++differ;
    }
  }
  CHECK(differ > 2000);

  // It follows the session: played on (Space in the workspace), into the next phase, the
  // countdown's digits change.
  app.input().key(GLFW_KEY_SPACE, true);
  app.runFrame();
  app.input().key(GLFW_KEY_SPACE, false);
  for (int i = 0; i < 6; ++i) app.runFrameFor(0.5);
  CHECK(app.player().playing());
  CHECK(app.player().time() > 14.0f);
  const sv::Image later = app.presenterWindow()->lastCapture();
  REQUIRE(later.width == 1280);
  int changed = 0;
  for (int y = 60; y < 130; ++y) {
    for (int x = 895; x < 1270; ++x) {
      changed += std::abs(luminance(later.at(x, y)) - luminance(shown.at(x, y))) > 60.0f ? 1 : 0;
    }
  }
  CHECK(changed > 100);

  // Closed, the workspace still draws its text (the shared font atlas's texture came back),
  // and it opens again.
  REQUIRE(app.setPresenterWindow(false).ok());
  CHECK(app.presenterWindow() == nullptr);
  app.runFrame();
  app.runFrame();
  const sv::Image after = app.renderer().capture();
  CHECK(brightPixels(after, 0, 0, 320, 24, 150.0f) > 100);  // the menu bar's words
  REQUIRE(app.setPresenterWindow(true).ok());
  app.presenterWindow()->setCaptureNext(true);
  app.runFrame();
  app.runFrame();
  CHECK(brightPixels(app.presenterWindow()->lastCapture(), 10, 10, 880, 170, 150.0f) > 1500);
  CHECK(sv::gldebug::errorCount() == 0);
}
