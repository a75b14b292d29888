#include "camera/framing.h"

#include <algorithm>
#include <cmath>

namespace sv {

OrbitState frameBounds(const glm::vec3& lo, const glm::vec3& hi, float fovYDeg, float aspect,
                       const OrbitState& view, float fill) {
  const bool finite = std::isfinite(lo.x) && std::isfinite(lo.y) && std::isfinite(lo.z) &&
                      std::isfinite(hi.x) && std::isfinite(hi.y) && std::isfinite(hi.z);
  if (!finite || lo.x > hi.x || lo.y > hi.y || lo.z > hi.z || !(fovYDeg > 0.0f) ||
      !(fovYDeg < 179.0f) || !(aspect > 0.0f) || !(fill > 0.0f) || fill > 1.0f) {
    return view;
  }
  OrbitState s = view;
  s.target = 0.5f * (lo + hi);
  s.distance = 1.0f;
  // Camera axes of the view direction (as OrbitCamera's lookAt builds them).
  const glm::vec3 back = OrbitCamera::eyeOf(s) - s.target;  // unit: distance 1
  const glm::vec3 right = glm::normalize(glm::cross(glm::vec3(0.0f, 1.0f, 0.0f), back));
  const glm::vec3 up = glm::cross(back, right);
  const float tanY = std::tan(glm::radians(fovYDeg) * 0.5f) * fill;
  const float tanX = std::tan(glm::radians(fovYDeg) * 0.5f) * aspect * fill;
  // A corner at (x, y) across and z toward the eye is in view from distance d when
  // |x| <= (d - z) tanX and |y| <= (d - z) tanY.
  float d = 0.0f;
  for (int c = 0; c < 8; ++c) {
    const glm::vec3 p((c & 1) ? hi.x : lo.x, (c & 2) ? hi.y : lo.y, (c & 4) ? hi.z : lo.z);
    const glm::vec3 v = p - s.target;
    const float z = glm::dot(v, back);
    d = std::max(d, z + std::fabs(glm::dot(v, right)) / tanX);
    d = std::max(d, z + std::fabs(glm::dot(v, up)) / tanY);
  }
  s.distance = std::clamp(d, OrbitCamera::kMinDistance, OrbitCamera::kMaxDistance);
  return s;
}

}  // namespace sv
