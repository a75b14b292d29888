// Screenshots as the Screenshot menu takes them: the 3D view alone at a chosen resolution
// (optionally on a transparent background) or the whole window, saved under the user's
// pictures folder (here the harness's temporary XDG_PICTURES_DIR) with a notice naming the
// file.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "app/app.h"
#include "render/gl_debug.h"
#include "render/image.h"

namespace {

namespace fs = std::filesystem;

std::unique_ptr<sv::App> openApp() {
  sv::Options o;
  o.headless = true;
  o.width = 1280;
  o.height = 720;
  o.showStats = false;
  o.stretchId = "hamstrings-supine-straight-leg";
  o.technique = "contract_relax";
  o.time = 20.0f;
  auto app = sv::App::create(o);
  REQUIRE(app.ok());
  for (int i = 0; i < 2; ++i) (*app)->runFrame();
  return std::move(*app);
}

}  // namespace

TEST_CASE("screenshot: the 3D view alone at a chosen size on a transparent background") {
  sv::gldebug::resetErrorCount();
  auto app = openApp();
  const fs::path folder = fs::path(std::getenv("XDG_PICTURES_DIR")) / "stretchviz";

  sv::ui::ScreenshotRequest r;
  r.viewOnly = true;
  r.width = 800;
  r.height = 1000;  // portrait: a shape unlike the window's
  r.transparent = true;
  const auto written = app->saveScreenshot(r);
  REQUIRE(written.ok());
  CHECK(written->parent_path() == folder);
  CHECK(written->filename().string().find("-view") != std::string::npos);
  // The on-screen confirmation names the file.
  CHECK(std::string(app->notice()).find(written->string()) != std::string::npos);

  const auto img = sv::readPng(*written);
  REQUIRE(img.ok());
  CHECK(img->width == 800);
  CHECK(img->height == 1000);
  // The corners are the (transparent) backdrop; the figures are opaque and framed for the
  // picture: they reach into the lower two thirds of its height, nothing touches its top,
  // and its sides show a prop's edge at most (the table may run off the picture, a figure
  // standing or lying there would cover far more of them).
  CHECK(img->at(0, 0).a == 0);
  CHECK(img->at(799, 999).a == 0);
  int opaque = 0, top = 0, sides = 0;
  bool thirds[3] = {false, false, false};
  for (int y = 0; y < img->height; ++y) {
    for (int x = 0; x < img->width; ++x) {
      if (img->at(x, y).a < 250) continue;
      ++opaque;
      thirds[y * 3 / img->height] = true;
      if (y == 0) ++top;
      if (x == 0 || x == img->width - 1) ++sides;
    }
  }
  INFO("opaque pixels: " << opaque << ", on the top row: " << top << ", on the sides: " << sides);
  CHECK(opaque > 800 * 1000 / 20);
  CHECK(top == 0);
  CHECK(sides < 2 * 1000 / 10);
  CHECK(thirds[1]);
  CHECK(thirds[2]);
  (void)sv::writePng(*img, fs::temp_directory_path() / "sv_screenshot_view_test.png");

  // The notice shows in the menu bar's next frames; the camera is where it was (the picture
  // was framed for itself, the window's view is unchanged).
  const sv::OrbitState before = app->camera().state();
  app->runFrame();
  CHECK(app->camera().state().distance == Approx(before.distance));
  CHECK_FALSE(app->notice().empty());
  CHECK(sv::gldebug::errorCount() == 0);
}

TEST_CASE("screenshot: the whole window, a second one beside the first") {
  auto app = openApp();
  sv::ui::ScreenshotRequest r;  // the window as it is
  const auto first = app->saveScreenshot(r);
  REQUIRE(first.ok());
  const auto second = app->saveScreenshot(r);
  REQUIRE(second.ok());
  CHECK(*first != *second);  // same second: "-2" appended, nothing overwritten
  const auto img = sv::readPng(*second);
  REQUIRE(img.ok());
  CHECK(img->width == 1280);
  CHECK(img->height == 720);
  CHECK(img->at(0, 0).a == 255);
}
