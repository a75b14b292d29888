// Auto-fit framing: the orbit state that shows a whole box. Pure maths (no GL); the app calls
// it when a model is loaded.
#pragma once

#include <glm/glm.hpp>

#include "camera/orbit_camera.h"

namespace sv {

// `view` re-aimed at the centre of the axis-aligned box [lo, hi], keeping its yaw and pitch,
// at the smallest distance at which every corner of the box lies inside the frustum of a
// vertical field of view `fovYDeg` and `aspect` (width / height), each corner using at most
// `fill` (0 < fill <= 1) of the half-width and half-height of the view. The distance is clamped
// to the camera's limits [OrbitCamera::kMinDistance, kMaxDistance], so a box too large for
// kMaxDistance is not wholly in view. A degenerate box (lo above hi on an axis, non-finite
// values) or fov/aspect/fill out of range returns `view` unchanged.
OrbitState frameBounds(const glm::vec3& lo, const glm::vec3& hi, float fovYDeg, float aspect,
                       const OrbitState& view, float fill = 0.9f);

}  // namespace sv
