// Surface classification of the converted body in the anatomical position: muscle regions
// (for picking, highlight and the heat map) and cover (clothing, hair, eyes). Both work on the
// body posed at zero anatomical angles, where "front", "above the knee" and "the back of the
// upper arm" mean what they say.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

#include "anatomy/skeleton.h"

namespace sv::makebody {

struct RestMesh {
  std::vector<glm::vec3> positions;  // metres, anatomical position (rest pose)
  std::vector<glm::vec3> normals;
  std::vector<int> joint;  // dominant canonical joint per vertex
  std::vector<bool> eye;   // eyeball vertices
  std::vector<std::uint32_t> indices;
  anatomy::Skeleton skeleton;  // fitted; restModel = the joints in this pose
  // Extra landmarks in this pose (metres): the waist (navel height, on the midline), the top
  // of the head.
  glm::vec3 waist{0.0f};
  float headTop = 0.0f;
};

// One muscle-region id (anatomy::regionId) or 0 per vertex: where each group lies on the
// skin, from surface anatomy.
std::vector<std::uint16_t> classifyRegions(const RestMesh& mesh);

// Smooth region weights: per vertex, each hard region's share of the surface within `falloff`
// metres along the mesh (a smooth kernel of the distance, weighted by area), so borders fall
// off over about ±falloff whatever the mesh density; the four strongest muscle regions per
// vertex, weights 0…255 (their sum ≤ 255; the rest is "no region").
void smoothRegions(const RestMesh& mesh, const std::vector<std::uint16_t>& hard, float falloff,
                   std::vector<std::array<std::uint8_t, 4>>& ids,
                   std::vector<std::array<std::uint8_t, 4>>& weights);

// Cover channels (body::Cover: top, shorts, hair, eye) as coverage 0…255 = 128 + the signed
// distance (inside positive) to the garment's edge over `edge` metres, so a shader that cuts at
// 128 draws a straight hem through the triangles.
std::vector<std::array<std::uint8_t, 4>> classifyCover(const RestMesh& mesh);

}  // namespace sv::makebody
