#include <catch2/catch.hpp>

#include "animation/player.h"

using namespace sv::animation;
namespace an = sv::anatomy;

namespace {

Timeline fourPhases() {
  Timeline tl;
  an::Pose a, b;
  b.set(an::Motion::KneeFlexion, an::Side::Right, 100.0f);
  tl.setInitialPose(tl.addKeyPose(a));
  const auto ib = tl.addKeyPose(b);
  tl.addPhase(1.0f, ib, 0, 0, 0);
  tl.addPhase(2.0f, ib, 1, 1, 0);
  tl.addPhase(1.0f, 0, 2, 2, 0);
  tl.addPhase(1.0f, 0, 3, 3, 0);
  return tl;
}

std::vector<int> drain(Player& p) {
  std::vector<int> out;
  PhaseEvent e;
  while (p.pollEvent(e)) out.push_back(e.phase);
  return out;
}

}  // namespace

TEST_CASE("player: play, pause, speed, phase events", "[player]") {
  const Timeline tl = fourPhases();
  Player p(&tl);
  CHECK(drain(p) == std::vector<int>{0});
  p.update(1.0f);  // paused: nothing happens
  CHECK(p.time() == 0.0f);
  p.play();
  p.update(0.5f);
  CHECK(p.time() == Approx(0.5f));
  CHECK(p.phaseIndex() == 0);
  CHECK(p.elapsedInPhase() == Approx(0.5f));
  CHECK(p.remainingInPhase() == Approx(0.5f));
  p.setSpeed(2.0f);
  p.update(0.5f);  // +1 s
  CHECK(p.time() == Approx(1.5f));
  CHECK(p.phaseIndex() == 1);
  CHECK(drain(p) == std::vector<int>{1});
  p.setSpeed(10.0f);
  CHECK(p.speed() == 2.0f);
  p.setSpeed(0.01f);
  CHECK(p.speed() == 0.25f);
  p.setSpeed(1.0f);
  p.update(2.0f);  // 3.5: skips over the end of phase 1 into phase 2, events for each
  CHECK(p.phaseIndex() == 2);
  CHECK(drain(p) == std::vector<int>{2});
  p.pause();
  p.update(1.0f);
  CHECK(p.time() == Approx(3.5f));
  an::Pose pose;
  p.sample(pose);
  CHECK(pose.get(an::Motion::KneeFlexion, an::Side::Right) == Approx(50.0f));
}

TEST_CASE("player: big steps emit every phase entered, the end stops without loop", "[player]") {
  const Timeline tl = fourPhases();
  Player p(&tl);
  drain(p);
  p.play();
  p.update(4.5f);
  CHECK(drain(p) == std::vector<int>{1, 2, 3});
  p.update(1.0f);
  CHECK(p.finished());
  CHECK_FALSE(p.playing());
  CHECK(p.time() == Approx(5.0f));
  p.play();  // restarts
  CHECK(p.time() == 0.0f);
  CHECK(p.playing());
}

TEST_CASE("player: repetition count and loop", "[player]") {
  const Timeline tl = fourPhases();
  Player p(&tl);
  p.setRepeatCount(2);
  p.play();
  p.update(6.0f);
  CHECK(p.pass() == 1);
  CHECK(p.time() == Approx(1.0f));
  p.update(4.5f);
  CHECK(p.finished());
  Player q(&tl);
  q.setLoop(true);
  q.play();
  q.update(12.0f);
  CHECK(q.playing());
  CHECK(q.time() == Approx(2.0f));
}

TEST_CASE("player: seek/scrub and next/previous phase", "[player]") {
  const Timeline tl = fourPhases();
  Player p(&tl);
  drain(p);
  p.seek(3.2f);
  CHECK(p.phaseIndex() == 2);
  CHECK(drain(p) == std::vector<int>{2});
  p.seek(3.3f);  // same phase: no event
  CHECK(drain(p).empty());
  p.seek(-4.0f);
  CHECK(p.time() == 0.0f);
  p.nextPhase();
  CHECK(p.time() == 1.0f);
  p.nextPhase();
  CHECK(p.phaseIndex() == 2);
  p.seek(3.8f);
  p.previousPhase();  // > 0.5 s into phase 2: back to its start
  CHECK(p.time() == 3.0f);
  p.previousPhase();  // at its start: to phase 1
  CHECK(p.phaseIndex() == 1);
  p.seek(4.5f);
  p.nextPhase();
  p.nextPhase();  // no-op on the last
  CHECK(p.phaseIndex() == 3);
}

TEST_CASE("player: the event ring buffer drops the oldest when full", "[player]") {
  const Timeline tl = fourPhases();
  Player p(&tl);
  for (int i = 0; i < 100; ++i) p.seek(i % 2 == 0 ? 1.5f : 0.2f);
  CHECK(p.pendingEvents() == Player::kEventCapacity);
  CHECK(p.droppedEvents() == 101 - Player::kEventCapacity);
}

TEST_CASE("player: rewind (the playback bar's |<) goes to the start of the first pass",
          "[player]") {
  const Timeline tl = fourPhases();
  Player p(&tl);
  p.setRepeatCount(3);
  p.play();
  p.update(12.0f);  // into the third pass
  REQUIRE(p.pass() == 2);
  p.seek(0.0f);  // a seek stays in its pass
  CHECK(p.pass() == 2);
  p.update(1.5f);
  p.rewind();
  CHECK(p.pass() == 0);
  CHECK(p.time() == 0.0f);
  CHECK(p.phaseIndex() == 0);
  CHECK(p.playing());  // the play state is kept
  p.pause();
  p.update(10.0f);
  p.rewind();
  CHECK_FALSE(p.playing());
  CHECK(p.time() == 0.0f);
  // After the end, too.
  p.play();
  p.update(100.0f);
  REQUIRE(p.finished());
  p.rewind();
  CHECK_FALSE(p.finished());
  CHECK(p.pass() == 0);
  CHECK(p.time() == 0.0f);
}
