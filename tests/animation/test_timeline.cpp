#include <catch2/catch.hpp>

#include "animation/timeline.h"

using namespace sv::animation;
namespace an = sv::anatomy;

namespace {

Timeline threePhases() {
  Timeline tl;
  an::Pose a, b;
  b.set(an::Motion::HipFlexion, an::Side::Right, 90.0f);
  b.root.translation = {0.0f, 1.0f, 0.0f};
  const auto ia = tl.addKeyPose(a);
  const auto ib = tl.addKeyPose(b);
  tl.setInitialPose(ia);
  tl.addPhase(2.0f, ib, 0, 0, 0);  // move a -> b
  tl.addPhase(3.0f, ib, 1, 1, 0);  // hold b
  tl.addPhase(1.0f, ia, 2, 2, 0);  // return b -> a
  return tl;
}

}  // namespace

TEST_CASE("timeline: phases are contiguous and durations add up", "[timeline]") {
  const Timeline tl = threePhases();
  CHECK(tl.phaseCount() == 3);
  CHECK(tl.duration() == 6.0f);
  CHECK(tl.phase(1).start == 2.0f);
  CHECK(tl.phase(2).start == 5.0f);
  CHECK(tl.phase(1).fromPose == tl.phase(0).toPose);
  CHECK(tl.phaseAt(-1.0f) == 0);
  CHECK(tl.phaseAt(0.0f) == 0);
  CHECK(tl.phaseAt(1.999f) == 0);
  CHECK(tl.phaseAt(2.0f) == 1);
  CHECK(tl.phaseAt(5.5f) == 2);
  CHECK(tl.phaseAt(6.0f) == 2);
  CHECK(tl.phaseAt(100.0f) == 2);
}

TEST_CASE("timeline: eased sampling, continuous at boundaries, clamped outside", "[timeline]") {
  const Timeline tl = threePhases();
  an::Pose p;
  CHECK(tl.sample(0.0f, p) == 0);
  CHECK(p.get(an::Motion::HipFlexion, an::Side::Right) == 0.0f);
  tl.sample(1.0f, p);
  CHECK(p.get(an::Motion::HipFlexion, an::Side::Right) == Approx(45.0f));
  CHECK(p.root.translation.y == Approx(0.5f));
  tl.sample(3.0f, p);
  CHECK(p.get(an::Motion::HipFlexion, an::Side::Right) == Approx(90.0f));
  tl.sample(-5.0f, p);
  CHECK(p.get(an::Motion::HipFlexion, an::Side::Right) == 0.0f);
  tl.sample(60.0f, p);
  CHECK(p.get(an::Motion::HipFlexion, an::Side::Right) == Approx(0.0f));
  // Velocity is ~0 on both sides of every boundary.
  for (float b : {2.0f, 5.0f}) {
    an::Pose x, y;
    tl.sample(b - 0.01f, x);
    tl.sample(b + 0.01f, y);
    CHECK(std::fabs(x.get(an::Motion::HipFlexion, an::Side::Right) -
                    y.get(an::Motion::HipFlexion, an::Side::Right)) < 0.05f);
  }
  // Peak speed of the 1 s return: 1.875 * 90 deg/s -> at 60 fps about 2.8 degrees a frame.
  float worst = 0.0f;
  an::Pose prev;
  tl.sample(0.0f, prev);
  for (int f = 1; f <= 360; ++f) {
    an::Pose cur;
    tl.sample(static_cast<float>(f) / 60.0f, cur);
    worst = std::max(worst, std::fabs(cur.get(an::Motion::HipFlexion, an::Side::Right) -
                                      prev.get(an::Motion::HipFlexion, an::Side::Right)));
    prev = cur;
  }
  CHECK(worst <= 1.875f * 90.0f / 1.0f / 60.0f + 0.01f);
  CHECK(worst >= 1.875f * 90.0f / 1.0f / 60.0f - 0.05f);
}

TEST_CASE("timeline: empty timeline samples the initial key pose", "[timeline]") {
  Timeline tl;
  an::Pose a;
  a.set(an::Motion::KneeFlexion, an::Side::Left, 30.0f);
  tl.addKeyPose(a);
  an::Pose p;
  CHECK(tl.sample(1.0f, p) == -1);
  CHECK(p.get(an::Motion::KneeFlexion, an::Side::Left) == 30.0f);
  CHECK(tl.phaseAt(0.0f) == -1);
}
