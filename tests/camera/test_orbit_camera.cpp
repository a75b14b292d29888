#include <catch2/catch.hpp>

#include <cmath>

#include "camera/orbit_camera.h"

using sv::OrbitCamera;
using sv::OrbitState;
using sv::ViewPreset;

namespace {
OrbitCamera settled(const OrbitState& s) {
  OrbitCamera c;
  c.setViewport(1280, 720);
  c.snapTo(s);
  return c;
}
void settle(OrbitCamera& c) {
  for (int i = 0; i < 600; ++i) c.update(1.0f / 60.0f);
}
}  // namespace

TEST_CASE("orbit: eye sits on the sphere around the target, yaw 0 looks from +Z") {
  OrbitState s;
  s.target = {0.5f, 1.0f, -0.25f};
  s.yawDeg = 0.0f;
  s.pitchDeg = 0.0f;
  s.distance = 3.0f;
  OrbitCamera c = settled(s);
  const glm::vec3 e = c.eye();
  CHECK(e.x == Approx(0.5f));
  CHECK(e.y == Approx(1.0f));
  CHECK(e.z == Approx(2.75f));
  // The target projects to the centre of the viewport.
  const glm::vec3 p = c.project(s.target);
  CHECK(p.x == Approx(640.0f).margin(0.01));
  CHECK(p.y == Approx(360.0f).margin(0.01));
}

TEST_CASE("orbit: dragging changes yaw/pitch but keeps distance and target") {
  OrbitCamera c = settled(OrbitState{});
  const OrbitState before = c.goal();
  c.orbit(100.0f, 40.0f);
  settle(c);
  CHECK(c.state().yawDeg != Approx(before.yawDeg));
  CHECK(c.state().pitchDeg > before.pitchDeg);
  CHECK(glm::length(c.eye() - c.state().target) == Approx(before.distance).epsilon(1e-4));
  CHECK(glm::length(c.state().target - before.target) < 1e-5f);
}

TEST_CASE("orbit: pitch is clamped short of the poles (no flip)") {
  OrbitCamera c = settled(OrbitState{});
  c.orbit(0.0f, 100000.0f);
  CHECK(c.goal().pitchDeg == Approx(OrbitCamera::kMaxPitch));
  c.orbit(0.0f, -200000.0f);
  CHECK(c.goal().pitchDeg == Approx(OrbitCamera::kMinPitch));
}

TEST_CASE("orbit: pan moves the grabbed point with the cursor") {
  OrbitCamera c = settled(OrbitState{});
  const glm::vec3 anchor = c.state().target;
  const glm::vec3 before = c.project(anchor);
  c.pan(50.0f, -30.0f);
  settle(c);
  const glm::vec3 after = c.project(anchor);
  // The anchor (a point at the target's depth) moved with the cursor by about the drag.
  CHECK(after.x - before.x == Approx(50.0f).margin(1.0));
  CHECK(after.y - before.y == Approx(-30.0f).margin(1.0));
}

TEST_CASE("orbit: zooming at a cursor keeps the point under it fixed") {
  OrbitCamera c = settled(OrbitState{});
  const glm::vec2 cursor(900.0f, 200.0f);
  // The world point under the cursor on the focal plane.
  const sv::Ray r = c.rayThroughPixel(cursor);
  const glm::vec3 fwd = glm::normalize(c.state().target - c.eye());
  const float t = glm::dot(c.state().target - r.origin, fwd) / glm::dot(r.dir, fwd);
  const glm::vec3 p = r.origin + r.dir * t;
  const float d0 = c.goal().distance;
  c.zoomAt(2.0f, cursor);
  settle(c);
  CHECK(c.state().distance < d0);
  const glm::vec3 q = c.project(p);
  CHECK(q.x == Approx(cursor.x).margin(1.5));
  CHECK(q.y == Approx(cursor.y).margin(1.5));
}

TEST_CASE("orbit: zoom distance stays within limits") {
  OrbitCamera c = settled(OrbitState{});
  c.zoomAt(500.0f, {640.0f, 360.0f});
  CHECK(c.goal().distance == Approx(OrbitCamera::kMinDistance));
  c.zoomAt(-2000.0f, {640.0f, 360.0f});
  CHECK(c.goal().distance == Approx(OrbitCamera::kMaxDistance));
}

TEST_CASE("orbit: unproject inverts project") {
  OrbitCamera c = settled(OrbitState{});
  const glm::vec3 w(0.3f, 0.4f, 0.2f);
  const glm::vec3 p = c.project(w);
  const glm::vec3 back = c.unproject({p.x, p.y}, p.z * 0.5f + 0.5f);
  CHECK(glm::length(back - w) < 1e-3f);
}

TEST_CASE("orbit: recentre pivots on a point without moving the eye") {
  OrbitCamera c = settled(OrbitState{});
  const glm::vec3 eye = c.eye();
  c.recentre({0.4f, 0.2f, 0.1f});
  c.snapTo(c.goal());
  CHECK(glm::length(c.state().target - glm::vec3(0.4f, 0.2f, 0.1f)) < 1e-6f);
  CHECK(glm::length(c.eye() - eye) == Approx(0.0f).margin(1e-3));
}

TEST_CASE("orbit: presets set the documented views and reset returns home") {
  OrbitCamera c = settled(OrbitState{});
  OrbitState home;
  home.yawDeg = 30.0f;
  home.distance = 5.0f;
  c.setHome(home);
  c.applyPreset(ViewPreset::Side);
  settle(c);
  CHECK(c.eye().x > c.state().target.x + 1.0f);  // side view looks from +X
  c.applyPreset(ViewPreset::Top);
  settle(c);
  CHECK(c.eye().y - c.state().target.y == Approx(c.state().distance).epsilon(0.01));
  c.applyPreset(ViewPreset::Front);
  settle(c);
  CHECK(c.eye().z > c.state().target.z + 1.0f);
  c.applyPreset(ViewPreset::Reset);
  settle(c);
  CHECK(c.state().distance == Approx(5.0f).epsilon(1e-3));
  CHECK(std::fmod(c.state().yawDeg + 360.0f, 360.0f) == Approx(30.0f).margin(0.01));
}

TEST_CASE("orbit: smoothing converges independently of the frame rate") {
  OrbitCamera a = settled(OrbitState{});
  OrbitCamera b = settled(OrbitState{});
  a.orbit(200.0f, 0.0f);
  b.orbit(200.0f, 0.0f);
  for (int i = 0; i < 30; ++i) a.update(1.0f / 30.0f);    // 1 s at 30 fps
  for (int i = 0; i < 144; ++i) b.update(1.0f / 144.0f);  // 1 s at 144 fps
  CHECK(a.state().yawDeg == Approx(b.state().yawDeg).margin(0.05));
  CHECK(a.state().yawDeg == Approx(a.goal().yawDeg).margin(0.05));
  // Part-way, the state lies strictly between start and goal (it eases, it does not jump).
  OrbitCamera d = settled(OrbitState{});
  d.orbit(200.0f, 0.0f);
  d.update(1.0f / 60.0f);
  CHECK(d.state().yawDeg < 0.0f);
  CHECK(d.state().yawDeg > d.goal().yawDeg);
}

TEST_CASE("orbit: easing ends: the state reaches the goal exactly and reports settled") {
  OrbitCamera c = settled(OrbitState{});
  CHECK(c.settled());
  c.orbit(200.0f, 40.0f);
  CHECK_FALSE(c.settled());
  c.update(1.0f / 60.0f);
  CHECK_FALSE(c.settled());
  settle(c);
  CHECK(c.settled());
  CHECK(c.state().yawDeg == c.goal().yawDeg);
  CHECK(c.state().pitchDeg == c.goal().pitchDeg);
}

TEST_CASE("orbit: one long easing step equals many short ones") {
  OrbitCamera a = settled(OrbitState{});
  OrbitCamera b = settled(OrbitState{});
  a.orbit(100.0f, 0.0f);
  b.orbit(100.0f, 0.0f);
  a.update(0.1f);
  for (int i = 0; i < 10; ++i) b.update(0.01f);
  CHECK(a.state().yawDeg == Approx(b.state().yawDeg).epsilon(1e-4));
}
