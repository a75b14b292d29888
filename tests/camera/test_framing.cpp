#include <catch2/catch.hpp>

#include <cmath>

#include "camera/framing.h"

using namespace sv;

namespace {

// The largest share of the half-width / half-height any corner of the box uses from `s`.
float fill(const OrbitState& s, glm::vec3 lo, glm::vec3 hi, float fov, int w, int h) {
  OrbitCamera cam;
  cam.setViewport(w, h);
  cam.setFovY(fov);
  cam.snapTo(s);
  float used = 0.0f;
  for (int c = 0; c < 8; ++c) {
    const glm::vec3 p((c & 1) ? hi.x : lo.x, (c & 2) ? hi.y : lo.y, (c & 4) ? hi.z : lo.z);
    const glm::vec3 px = cam.project(p);
    REQUIRE(px.z > -1.0f);  // in front of the near plane
    REQUIRE(px.z < 1.0f);
    used = std::max(used, std::fabs(px.x / (0.5f * static_cast<float>(w)) - 1.0f));
    used = std::max(used, std::fabs(px.y / (0.5f * static_cast<float>(h)) - 1.0f));
  }
  return used;
}

}  // namespace

TEST_CASE("frameBounds fits a box tightly in the view from any yaw and pitch, any aspect") {
  const glm::vec3 boxes[][2] = {
      {{-0.25f, 0.0f, -0.15f}, {0.25f, 1.8f, 0.15f}},  // a standing figure
      {{-4.0f, 0.0f, -0.5f}, {4.0f, 0.3f, 0.5f}},      // long and flat
      {{10.0f, 2.0f, -3.0f}, {10.5f, 2.4f, -2.5f}}};   // small, off centre
  for (const auto& box : boxes) {
    for (float yaw : {0.0f, 30.0f, -120.0f, 180.0f}) {
      for (float pitch : {-20.0f, 12.0f, 60.0f}) {
        for (auto [w, h] : {std::pair{1280, 720}, std::pair{500, 900}}) {
          INFO("yaw " << yaw << " pitch " << pitch << " view " << w << "x" << h);
          OrbitState view;
          view.yawDeg = yaw;
          view.pitchDeg = pitch;
          const float aspect = static_cast<float>(w) / static_cast<float>(h);
          const OrbitState s = frameBounds(box[0], box[1], 35.0f, aspect, view, 0.9f);
          CHECK(s.yawDeg == yaw);
          CHECK(s.pitchDeg == pitch);
          CHECK(glm::distance(s.target, 0.5f * (box[0] + box[1])) < 1e-5f);
          // Every corner inside, and the tightest one at the fill line.
          CHECK(fill(s, box[0], box[1], 35.0f, w, h) == Approx(0.9f).margin(2e-3));
        }
      }
    }
  }
}

TEST_CASE("frameBounds keeps the camera's limits and refuses degenerate input") {
  OrbitState view;
  view.distance = 2.5f;
  // A point: as close as the camera goes.
  const glm::vec3 p(1.0f, 1.0f, 1.0f);
  CHECK(frameBounds(p, p, 35.0f, 1.5f, view).distance == OrbitCamera::kMinDistance);
  // A 500 m box: as far as the camera goes.
  CHECK(frameBounds(glm::vec3(-250.0f), glm::vec3(250.0f), 35.0f, 1.5f, view).distance ==
        OrbitCamera::kMaxDistance);
  const float nan = std::nanf("");
  const glm::vec3 lo(0.0f), hi(1.0f);
  for (const OrbitState& s :
       {frameBounds(hi, lo, 35.0f, 1.5f, view), frameBounds(lo, glm::vec3(nan), 35.0f, 1.5f, view),
        frameBounds(lo, hi, 0.0f, 1.5f, view), frameBounds(lo, hi, 35.0f, 0.0f, view),
        frameBounds(lo, hi, 35.0f, 1.5f, view, 0.0f),
        frameBounds(lo, hi, 35.0f, 1.5f, view, 2.0f)}) {
    CHECK(s.distance == view.distance);
    CHECK(s.target == view.target);
  }
}
