#include "camera/orbit_camera.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace sv {
namespace {
constexpr float kOrbitDegPerPixel = 0.35f;
constexpr float kZoomPerStep = 0.85f;    // distance factor per wheel step
constexpr float kSmoothingTime = 0.08f;  // seconds to close ~63% of the gap

float wrapDeg(float a) {
  a = std::fmod(a, 360.0f);
  if (a > 180.0f) a -= 360.0f;
  if (a < -180.0f) a += 360.0f;
  return a;
}
}  // namespace

OrbitCamera::OrbitCamera() {
  home_ = current_ = goal_ = OrbitState{};
}

void OrbitCamera::setViewport(int width, int height) {
  width_ = std::max(width, 1);
  height_ = std::max(height, 1);
}

float OrbitCamera::aspect() const {
  return static_cast<float>(width_) / static_cast<float>(height_);
}

// Near/far scale with distance so depth precision stays useful both close up and far out.
float OrbitCamera::nearPlane() const {
  return std::max(0.02f, current_.distance * 0.02f);
}
float OrbitCamera::farPlane() const {
  return current_.distance * 4.0f + 60.0f;
}

void OrbitCamera::orbit(float dx, float dy) {
  goal_.yawDeg -= dx * kOrbitDegPerPixel;
  goal_.pitchDeg = std::clamp(goal_.pitchDeg + dy * kOrbitDegPerPixel, kMinPitch, kMaxPitch);
}

void OrbitCamera::pan(float dx, float dy) {
  // One pixel moves the target by the world size of a pixel at the target's depth, so the
  // grabbed point follows the cursor.
  const float worldPerPixel =
      2.0f * goal_.distance * std::tan(glm::radians(fovYDeg_) * 0.5f) / static_cast<float>(height_);
  const glm::mat4 v = viewOf(goal_);
  const glm::vec3 right(v[0][0], v[1][0], v[2][0]);
  const glm::vec3 up(v[0][1], v[1][1], v[2][1]);
  goal_.target += (-dx * right + dy * up) * worldPerPixel;
}

void OrbitCamera::zoomAt(float steps, glm::vec2 cursor) {
  const float factor = std::pow(kZoomPerStep, steps);
  const float newDistance = std::clamp(goal_.distance * factor, kMinDistance, kMaxDistance);
  const float applied = newDistance / goal_.distance;
  // Point under the cursor on the plane through the target facing the camera; moving the
  // target toward it by (1 - applied) keeps that point fixed on screen.
  const glm::vec3 eyeG = eyeOf(goal_);
  const glm::vec3 fwd = glm::normalize(goal_.target - eyeG);
  OrbitState saved = current_;
  current_ = goal_;
  const Ray r = rayThroughPixel(cursor);
  current_ = saved;
  const float denom = glm::dot(r.dir, fwd);
  if (denom > 1e-4f) {
    const float t = glm::dot(goal_.target - r.origin, fwd) / denom;
    const glm::vec3 p = r.origin + r.dir * t;
    goal_.target += (p - goal_.target) * (1.0f - applied);
  }
  goal_.distance = newDistance;
}

void OrbitCamera::recentre(const glm::vec3& p) {
  // The eye stays where it is and turns to the new pivot, so the view re-aims instead of
  // jumping; only when that would pass the pole limits does the eye move (pitch clamp).
  const glm::vec3 offset = eyeOf(goal_) - p;
  const float d = glm::length(offset);
  if (d < 1e-5f) return;
  goal_.target = p;
  goal_.distance = std::clamp(d, kMinDistance, kMaxDistance);
  const float yaw = glm::degrees(std::atan2(offset.x, offset.z));
  goal_.yawDeg = goal_.yawDeg + wrapDeg(yaw - goal_.yawDeg);
  goal_.pitchDeg = std::clamp(glm::degrees(std::asin(std::clamp(offset.y / d, -1.0f, 1.0f))),
                              kMinPitch, kMaxPitch);
}

void OrbitCamera::applyPreset(ViewPreset preset) {
  OrbitState s = goal_;
  switch (preset) {
    case ViewPreset::Front:
      s.yawDeg = 0.0f;
      s.pitchDeg = 5.0f;
      break;
    case ViewPreset::Side:
      s.yawDeg = 90.0f;
      s.pitchDeg = 5.0f;
      break;
    case ViewPreset::Top:
      s.yawDeg = 0.0f;
      s.pitchDeg = kMaxPitch;
      break;
    case ViewPreset::ThreeQuarter:
      s.yawDeg = 35.0f;
      s.pitchDeg = 18.0f;
      break;
    case ViewPreset::Reset:
      s = home_;
      break;
  }
  // Take the short way round so the eased yaw does not spin a full turn.
  s.yawDeg = goal_.yawDeg + wrapDeg(s.yawDeg - goal_.yawDeg);
  goal_ = s;
}

void OrbitCamera::snapTo(const OrbitState& s) {
  current_ = goal_ = s;
}

void OrbitCamera::update(float dt) {
  const float a = 1.0f - std::exp(-std::max(dt, 0.0f) / kSmoothingTime);
  current_.target += (goal_.target - current_.target) * a;
  current_.yawDeg += (goal_.yawDeg - current_.yawDeg) * a;
  current_.pitchDeg += (goal_.pitchDeg - current_.pitchDeg) * a;
  // Distance eases in log space so zooming feels uniform at every scale.
  current_.distance = std::exp(std::log(current_.distance) +
                               (std::log(goal_.distance) - std::log(current_.distance)) * a);
  const glm::vec3 d = goal_.target - current_.target;
  if (glm::dot(d, d) < 1e-8f && std::abs(goal_.yawDeg - current_.yawDeg) < 0.01f &&
      std::abs(goal_.pitchDeg - current_.pitchDeg) < 0.01f &&
      std::abs(goal_.distance - current_.distance) < 1e-4f * goal_.distance) {
    current_ = goal_;
  }
}

bool OrbitCamera::settled() const {
  return current_.target == goal_.target && current_.yawDeg == goal_.yawDeg &&
         current_.pitchDeg == goal_.pitchDeg && current_.distance == goal_.distance;
}

glm::vec3 OrbitCamera::eyeOf(const OrbitState& s) {
  const float yaw = glm::radians(s.yawDeg);
  const float pitch = glm::radians(s.pitchDeg);
  const glm::vec3 offset(std::sin(yaw) * std::cos(pitch), std::sin(pitch),
                         std::cos(yaw) * std::cos(pitch));
  return s.target + offset * s.distance;
}

glm::vec3 OrbitCamera::eye() const {
  return eyeOf(current_);
}

glm::mat4 OrbitCamera::viewOf(const OrbitState& s) const {
  return glm::lookAt(eyeOf(s), s.target, glm::vec3(0.0f, 1.0f, 0.0f));
}

glm::mat4 OrbitCamera::view() const {
  return viewOf(current_);
}

glm::mat4 OrbitCamera::projection() const {
  return glm::perspective(glm::radians(fovYDeg_), aspect(), nearPlane(), farPlane());
}

Ray OrbitCamera::rayThroughPixel(glm::vec2 pixel) const {
  const glm::vec3 nearP = unproject(pixel, 0.0f);
  const glm::vec3 farP = unproject(pixel, 1.0f);
  return Ray{nearP, glm::normalize(farP - nearP)};
}

glm::vec3 OrbitCamera::unproject(glm::vec2 pixel, float depth01) const {
  const glm::vec4 ndc(2.0f * pixel.x / static_cast<float>(width_) - 1.0f,
                      1.0f - 2.0f * pixel.y / static_cast<float>(height_), 2.0f * depth01 - 1.0f,
                      1.0f);
  const glm::vec4 w = glm::inverse(projection() * view()) * ndc;
  return glm::vec3(w) / w.w;
}

glm::vec3 OrbitCamera::project(const glm::vec3& world) const {
  const glm::vec4 c = projection() * view() * glm::vec4(world, 1.0f);
  const glm::vec3 ndc = glm::vec3(c) / c.w;
  return {(ndc.x + 1.0f) * 0.5f * static_cast<float>(width_),
          (1.0f - ndc.y) * 0.5f * static_cast<float>(height_), ndc.z};
}

}  // namespace sv
