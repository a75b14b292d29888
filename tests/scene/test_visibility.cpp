// When the floor hides the backdrop entirely.
#include <catch2/catch.hpp>

#include "camera/orbit_camera.h"
#include "scene/visibility.h"

namespace {
bool covered(float pitchDeg, float distance, glm::vec3 target = {0.0f, 0.8f, 0.0f}) {
  sv::OrbitCamera c;
  c.setViewport(604, 694);
  sv::OrbitState s;
  s.target = target;
  s.pitchDeg = pitchDeg;
  s.distance = distance;
  c.snapTo(s);
  return sv::floorCoversView(c.view(), c.projection());
}
}  // namespace

TEST_CASE("visibility: seen from above the floor fills the view") {
  CHECK(covered(89.0f, 4.0f));
  CHECK(covered(45.0f, 4.0f));
}

TEST_CASE("visibility: with the horizon in view the backdrop shows") {
  CHECK_FALSE(covered(5.0f, 4.0f));
  CHECK_FALSE(covered(12.0f, 4.0f));
  // Looking up from above the floor.
  CHECK_FALSE(covered(-30.0f, 2.0f, {0.0f, 3.0f, 0.0f}));
  // From below it, the floor (drawn from both sides) fills the view again.
  CHECK(covered(-30.0f, 4.0f));
}

TEST_CASE("visibility: far out, the view reaches past the floor's edge") {
  // Pitched 25° down (the top row 7.5° below the horizon): from 4 m the floor fills the
  // view, from 35 m the top rows look beyond the 60 m square.
  CHECK(covered(25.0f, 4.0f));
  CHECK_FALSE(covered(25.0f, 35.0f));
}
