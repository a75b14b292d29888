// Skin-weight smoothing around the joints that bend furthest (make_body).
//
// MakeHuman's weights were painted for its own rig and linear blending; under this project's
// dual-quaternion skinning and stretch-depth poses (hip flexion 120°, shoulder flexion 170°)
// the change from one bone's rotation to the next happens over a few centimetres of skin
// there, which stretches and folds it. Averaging each vertex's weights with its neighbours'
// inside a zone around such a joint spreads the change over the zone.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <vector>

#include <glm/glm.hpp>

namespace sv::makebody {

struct SmoothZone {
  glm::vec3 centre{0.0f};  // metres, bind pose
  float radius = 0.0f;     // the smoothing fades to nothing at this distance
};

// `weights`: per vertex, bone -> weight. Vertices with `frozen` set keep theirs (hands, eyes).
// Each of `iterations` passes moves a vertex's weights half-way (at a zone's centre, fading
// to 0 at its edge) toward the mean of its neighbours'; the result is renormalised.
// Deterministic.
void smoothWeights(std::vector<std::map<int, double>>& weights,
                   std::span<const glm::vec3> positions, std::span<const std::uint32_t> indices,
                   std::span<const SmoothZone> zones, const std::vector<bool>& frozen,
                   int iterations);

// Smooths vertex positions inside zones the same way in several fields at once (the base
// positions and every shape target's offsets): the operator is linear, so any blend of the
// smoothed targets is the smoothed blend. Used where a fitted garment would not follow the
// skin (the nipples under the top). Each pass moves a vertex half-way (at a zone's centre,
// fading to 0 at its edge) toward its neighbours' mean.
void smoothFields(std::span<std::vector<glm::vec3>*> fields, std::span<const std::uint32_t> indices,
                  std::span<const glm::vec3> positions, std::span<const SmoothZone> zones,
                  int iterations);

}  // namespace sv::makebody
