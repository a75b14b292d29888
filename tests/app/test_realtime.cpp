// Real time on any machine (issue #16), through the whole app headless: the technique clock
// under long and uneven frames, input events that fall within one frame, the drag threshold,
// adaptive resolution leaving no still frame blurred, and on-demand drawing. Frames are
// simulated (App::runFrameFor) and input is pushed into the app's own event queue, exactly
// where the window's callbacks put it.
#include <GLFW/glfw3.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <memory>

#include "app/app.h"
#include "image_diff.h"
#include "render/gl_debug.h"

namespace {

std::unique_ptr<sv::App> workspace(float time) {
  sv::gldebug::resetErrorCount();
  sv::Options o;
  o.headless = true;
  o.width = 1280;
  o.height = 720;
  o.showStats = false;  // the frame-time line differs from run to run
  o.stretchId = "hamstrings-supine-straight-leg";
  o.technique = "contract_relax";
  o.time = time;
  auto app = sv::App::create(o);
  REQUIRE(app.ok());
  // As App::run() does before a scripted capture: the UI learns its layout.
  (*app)->runFrame(false);
  (*app)->runFrame(false);
  return std::move(*app);
}

void tap(sv::ui::InputQueue& q, int key) {
  q.key(key, true);
  q.key(key, false);
}

// The phase holding time t, from the phase list itself.
int phaseHolding(const sv::animation::Timeline& tl, float t) {
  for (int i = 0; i < tl.phaseCount(); ++i) {
    if (t >= tl.phase(i).start && t < tl.phase(i).start + tl.phase(i).duration) return i;
  }
  return tl.phaseCount() - 1;
}

// A point in the middle of the 3D view, in window pixels (headless: framebuffer pixels).
glm::vec2 viewCentre(const sv::App& app) {
  const sv::PixelRect& v = app.frameParams().viewport;
  return {static_cast<float>(v.x) + 0.5f * static_cast<float>(v.width),
          static_cast<float>(v.y) + 0.55f * static_cast<float>(v.height)};
}

}  // namespace

TEST_CASE("realtime: frames of 1.0, 0.05 and 2.5 s advance the technique by exactly 3.55 s") {
  // Start half a second before the end of the first phase, so the frames cross phases.
  auto probe = workspace(0.0f);
  const sv::animation::Timeline& tl0 = *probe->player().timeline();
  REQUIRE(tl0.phaseCount() >= 3);
  const float t0 = tl0.phase(0).duration - 0.5f;
  probe.reset();

  auto app = workspace(t0);
  const sv::animation::Timeline& tl = *app->player().timeline();
  REQUIRE(app->player().time() == Approx(t0));
  tap(app->input(), GLFW_KEY_SPACE);  // play, at the start of the first frame
  const double frames[] = {1.0, 0.05, 2.5};
  double sum = 0.0;
  for (double f : frames) {
    app->runFrameFor(f);
    sum += f;
    const auto t = static_cast<float>(t0 + sum);
    INFO("after a frame of " << f << " s");
    CHECK(app->player().playing());
    CHECK(app->player().time() == Approx(t).margin(1e-4));
    // The phase shown (the caption reads the player's phase) is the one holding that time,
    // with the right time left in it.
    const int phase = phaseHolding(tl, t);
    CHECK(app->player().phaseIndex() == phase);
    CHECK(app->player().remainingInPhase() ==
          Approx(tl.phase(phase).start + tl.phase(phase).duration - t).margin(1e-3));
  }
  CHECK(app->player().phaseIndex() > 0);
  CHECK(sv::gldebug::errorCount() == 0);
}

TEST_CASE("realtime: a key press and release within one frame is seen, and so are two") {
  auto app = workspace(10.0f);
  REQUIRE_FALSE(app->player().playing());
  tap(app->input(), GLFW_KEY_SPACE);
  app->runFrameFor(0.5);  // the press: play
  CHECK(app->player().playing());
  app->runFrameFor(0.5);  // the release: nothing more
  CHECK(app->player().playing());
  CHECK(app->input().empty());

  // Two taps within one long frame: play/pause twice, one transition per frame.
  tap(app->input(), GLFW_KEY_SPACE);
  tap(app->input(), GLFW_KEY_SPACE);
  const bool expected[] = {false, false, true, true};
  for (bool playing : expected) {
    app->runFrameFor(1.0);
    CHECK(app->player().playing() == playing);
  }
  CHECK(app->input().empty());
}

TEST_CASE("realtime: a double-click within one long frame re-centres the view") {
  auto app = workspace(20.0f);
  for (int i = 0; i < 3; ++i) app->runFrameFor(1.0);
  const glm::vec2 p = viewCentre(*app);
  const glm::vec3 before = app->camera().goal().target;

  // A single click does not re-centre.
  sv::ui::InputQueue& q = app->input();
  q.mouseMove(p.x, p.y);
  q.mouseButton(0, true);
  q.mouseButton(0, false);
  for (int i = 0; i < 3; ++i) app->runFrameFor(1.0);
  CHECK(app->camera().goal().target == before);

  // Two clicks delivered together after a 1 s frame: a double-click.
  for (int i = 0; i < 2; ++i) {
    q.mouseButton(0, true);
    q.mouseButton(0, false);
  }
  for (int i = 0; i < 5; ++i) app->runFrameFor(1.0);
  CHECK(q.empty());
  const glm::vec3 after = app->camera().goal().target;
  INFO("target before " << before.x << ", " << before.y << ", " << before.z << "; after " << after.x
                        << ", " << after.y << ", " << after.z);
  CHECK(glm::length(after - before) > 0.01f);
}

TEST_CASE(
    "realtime: the press frame moves no camera, and orbiting starts past the drag threshold") {
  auto app = workspace(20.0f);
  for (int i = 0; i < 3; ++i) app->runFrameFor(0.5);
  const sv::PixelRect& v = app->frameParams().viewport;
  const float y = static_cast<float>(v.y) + 0.55f * static_cast<float>(v.height);
  const float x0 = static_cast<float>(v.x) + 60.0f;
  sv::ui::InputQueue& q = app->input();
  q.mouseMove(x0, y);
  app->runFrameFor(0.5);
  const float yaw0 = app->camera().goal().yawDeg;
  const float pitch0 = app->camera().goal().pitchDeg;

  // The mouse travelled 300 px during a slow frame, then the button went down.
  q.mouseMove(x0 + 300.0f, y);
  q.mouseButton(0, true);
  app->runFrameFor(0.5);
  CHECK(app->camera().goal().yawDeg == yaw0);
  CHECK(app->camera().goal().pitchDeg == pitch0);
  // A tremor inside the threshold is still a click in the making.
  q.mouseMove(x0 + 302.0f, y);
  app->runFrameFor(0.5);
  CHECK(app->camera().goal().yawDeg == yaw0);
  // Past it, the camera follows the motion since the press (40 px at 0.35°/px).
  q.mouseMove(x0 + 340.0f, y);
  app->runFrameFor(0.5);
  CHECK(app->camera().goal().yawDeg == Approx(yaw0 - 40.0f * 0.35f).margin(1e-3));
  CHECK(app->camera().goal().pitchDeg == Approx(pitch0).margin(1e-4));
  // And by each frame's motion after that.
  q.mouseMove(x0 + 350.0f, y);
  app->runFrameFor(0.5);
  CHECK(app->camera().goal().yawDeg == Approx(yaw0 - 50.0f * 0.35f).margin(1e-3));
  q.mouseButton(0, false);
  app->runFrameFor(0.5);
}

TEST_CASE(
    "realtime: adaptive resolution lowers the moving view and never leaves a still frame "
    "blurred") {
  // The same playback with adaptive resolution on and off; 0.5 s frames are far over the
  // 1/24 s budget, so the adaptive run renders the moving view at a reduced scale.
  auto play = [](bool adaptive, sv::Image* moving) {
    auto app = workspace(20.0f);
    app->setAdaptiveResolution(adaptive);
    tap(app->input(), GLFW_KEY_SPACE);
    for (int i = 0; i < 6; ++i) app->runFrameFor(0.5);
    REQUIRE(app->player().playing());
    if (moving != nullptr) {
      CHECK(app->sceneScale() < 0.7f);
      CHECK(app->renderer().lastSceneFrame().reduced);
      CHECK(app->renderer().lastSceneFrame().renderWidth < app->frameParams().viewport.width);
      *moving = app->renderer().capture();
    } else {
      CHECK(app->sceneScale() == 1.0f);
      CHECK_FALSE(app->renderer().lastSceneFrame().reduced);
    }
    tap(app->input(), GLFW_KEY_SPACE);  // pause
    for (int i = 0; i < 4; ++i) app->runFrameFor(0.05);
    CHECK_FALSE(app->player().playing());
    CHECK(app->sceneScale() == 1.0f);
    CHECK_FALSE(app->renderer().lastSceneFrame().reduced);
    CHECK(sv::gldebug::errorCount() == 0);
    return app->renderer().capture();
  };
  sv::Image moving;
  const sv::Image adaptiveStill = play(true, &moving);
  const sv::Image fullStill = play(false, nullptr);
  const auto dir = std::filesystem::temp_directory_path();
  (void)sv::writePng(moving, dir / "sv_adaptive_moving.png");
  (void)sv::writePng(adaptiveStill, dir / "sv_adaptive_still.png");
  // The paused frame is the full-resolution image, pixel for pixel.
  CHECK(sv::test::meanDifference(adaptiveStill, fullStill) == 0.0);
  // The reduced frame was really different (softer), else the comparison proves nothing.
  CHECK(sv::test::meanDifference(moving, fullStill) > 0.2);
}

TEST_CASE("realtime: on demand, a frame identical to the last one is not drawn") {
  auto app = workspace(20.0f);
  app->setOnDemand(true);
  app->runFrameFor(0.1);
  CHECK(app->presentedLastFrame());
  for (int i = 0; i < 3; ++i) app->runFrameFor(0.1);  // settle
  app->runFrameFor(0.1);
  CHECK_FALSE(app->presentedLastFrame());
  // A key that changes the view draws again.
  tap(app->input(), GLFW_KEY_1);  // front view: the camera eases there
  app->runFrameFor(0.1);
  CHECK(app->presentedLastFrame());
  int drawn = 0;
  for (int i = 0; i < 40; ++i) {
    app->runFrameFor(0.1);
    drawn += app->presentedLastFrame() ? 1 : 0;
  }
  CHECK(app->camera().settled());
  CHECK(drawn > 2);
  app->runFrameFor(0.1);
  CHECK_FALSE(app->presentedLastFrame());
}
