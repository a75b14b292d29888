// The app's input event queue: nothing is lost between two frames, and each frame sees at
// most one transition per key or button, in order (ImGui 1.87's trickling rules).
#include <catch2/catch.hpp>

#include "ui/input_queue.h"

using sv::ui::DrainResult;
using sv::ui::InputQueue;
using sv::ui::InputState;

namespace {
constexpr int kSpace = 32;
constexpr int kS = 83;
constexpr int kCtrl = 341;
}  // namespace

TEST_CASE("input queue: a key tapped within one frame is down for one frame, then up") {
  InputQueue q;
  InputState s;
  q.key(kSpace, true);
  q.key(kSpace, false);
  DrainResult r = q.drainFrame(s);
  CHECK(r.consumed == 1);
  CHECK(r.remaining);
  CHECK(s.keysDown.test(kSpace));
  r = q.drainFrame(s);
  CHECK(r.consumed == 1);
  CHECK_FALSE(r.remaining);
  CHECK_FALSE(s.keysDown.test(kSpace));
  CHECK(q.empty());
}

TEST_CASE("input queue: two taps within one frame arrive as four transitions in order") {
  InputQueue q;
  InputState s;
  for (int i = 0; i < 2; ++i) {
    q.mouseButton(0, true);
    q.mouseButton(0, false);
  }
  const bool expected[] = {true, false, true, false};
  for (bool down : expected) {
    q.drainFrame(s);
    CHECK(s.mouseDown[0] == down);
  }
  CHECK(q.empty());
}

TEST_CASE("input queue: different keys change together (a shortcut with its modifier)") {
  InputQueue q;
  InputState s;
  q.key(kCtrl, true);
  q.key(kS, true);
  const DrainResult r = q.drainFrame(s);
  CHECK(r.consumed == 2);
  CHECK(s.keysDown.test(kCtrl));
  CHECK(s.keysDown.test(kS));
}

TEST_CASE("input queue: a click is seen where it happened, not where the mouse went next") {
  InputQueue q;
  InputState s;
  q.mouseMove(10.0f, 20.0f);
  q.mouseButton(0, true);
  q.mouseMove(300.0f, 20.0f);
  q.drainFrame(s);
  CHECK(s.mouseDown[0]);
  CHECK(s.mouseX == 10.0f);
  q.drainFrame(s);
  CHECK(s.mouseX == 300.0f);
  CHECK(s.mouseDown[0]);
}

TEST_CASE("input queue: the wheel after a click, and text after a click, wait a frame") {
  InputQueue q;
  InputState s;
  q.mouseButton(1, true);
  q.wheel(0.0f, 2.0f);
  q.character('a');
  q.drainFrame(s);
  CHECK(s.mouseDown[1]);
  CHECK(s.wheelY == 0.0f);
  CHECK(s.charCount == 0);
  q.drainFrame(s);
  CHECK(s.wheelY == 2.0f);
  CHECK(s.charCount == 0);  // text after the wheel waits too
  q.drainFrame(s);
  CHECK(s.wheelY == 0.0f);  // the wheel is one frame's only
  REQUIRE(s.charCount == 1);
  CHECK(s.chars[0] == 'a');
}

TEST_CASE("input queue: consecutive mouse moves merge into the latest") {
  InputQueue q;
  for (int i = 0; i < 5000; ++i) q.mouseMove(static_cast<float>(i), 1.0f);
  CHECK(q.size() == 1);
  CHECK(q.dropped() == 0);
  InputState s;
  q.drainFrame(s);
  CHECK(s.mouseX == 4999.0f);
}

TEST_CASE("input queue: losing focus releases the keys held") {
  InputQueue q;
  InputState s;
  q.key(kS, true);
  q.drainFrame(s);
  REQUIRE(s.keysDown.test(kS));
  q.focus(false);
  q.drainFrame(s);
  CHECK_FALSE(s.keysDown.test(kS));
  CHECK(s.focusLost);
  q.drainFrame(s);
  CHECK_FALSE(s.focusLost);
}

TEST_CASE("input queue: a full queue and bad codes are counted, not crashes") {
  InputQueue q;
  for (int i = 0; i < InputQueue::kCapacity + 10; ++i) q.key(kSpace, i % 2 == 0);
  CHECK(q.size() == InputQueue::kCapacity);
  CHECK(q.dropped() == 10);
  q.key(-1, true);
  q.key(sv::ui::kKeyCount, true);
  q.mouseButton(sv::ui::kMouseButtons, true);
  CHECK(q.dropped() == 13);
}

TEST_CASE("input queue: events carry the time of the poll that delivered them") {
  InputQueue q;
  q.setTime(5.0);
  q.key(kSpace, true);
  q.setTime(6.0);
  q.key(kSpace, false);
  InputState s;
  CHECK(q.drainFrame(s).lastTime == 5.0);
  CHECK(q.drainFrame(s).lastTime == 6.0);
}

TEST_CASE("ui clock: events that arrived together stay together however long the frames") {
  // Two clicks delivered by one poll at t = 10 s, fed over four 1-second frames: ImGui's
  // clock must see them well within its 0.3 s double-click time.
  InputQueue q;
  q.setTime(10.0);
  for (int i = 0; i < 2; ++i) {
    q.mouseButton(0, true);
    q.mouseButton(0, false);
  }
  InputState s;
  double ui = 9.0;  // the previous frame's time
  double firstPress = 0.0, secondPress = 0.0;
  for (int frame = 0; frame < 4; ++frame) {
    const double now = 10.0 + frame;
    const DrainResult r = q.drainFrame(s);
    const double t = sv::ui::uiFrameTime(now, ui, r);
    CHECK(t > ui);
    CHECK(t <= now);
    ui = t;
    if (frame == 0) firstPress = t;
    if (frame == 2) secondPress = t;
  }
  CHECK(firstPress == 10.0);
  CHECK(secondPress - firstPress < 0.3);
  CHECK(ui == 13.0);  // drained: back on the wall clock
  // With nothing queued, the clock is the wall clock.
  CHECK(sv::ui::uiFrameTime(20.0, ui, q.drainFrame(s)) == 20.0);
}
