// Levels of detail for triangle meshes (pure logic, no GL).
//
// Why: on the reference machine (software GL) a frame's cost grows with the number of
// triangles submitted, not with shading: the 45k-triangle mannequin costs ~0.5 ms per 1000
// triangles per pass, while at a normal viewing distance most of those triangles are smaller
// than a pixel. Coarser levels share the mesh's vertices (only the index lists differ), so
// skinning, region ids and normals are identical at every level and switching is free.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "model/mesh_data.h"

namespace sv {

// Fractions of the full triangle count aimed at for levels 1 and 2 (the mannequin: 5.4k and
// 1.8k of 45k triangles).
inline constexpr float kDefaultLodRatios[] = {0.12f, 0.04f};

// Meshes with fewer triangles than this get no coarser levels (nothing to gain).
inline constexpr std::size_t kMinTrianglesForLod = 4000;

// Fills mesh.lods / mesh.lodIndices (replacing any) by simplifying mesh.indices toward each
// ratio of the full triangle count (meshoptimizer's edge-collapse simplifier, which keeps
// the surface within a measured geometric error). Each level's error is stored in metres of
// the mesh's model space. Deterministic. Levels that would not remove at least 10% more
// triangles than the previous one are dropped.
void buildLods(MeshData& mesh, std::span<const float> ratios = kDefaultLodRatios);

// A bounding sphere of the vertices a skin joint dominates, in bind (model) space; joint -1
// for an unskinned mesh (then one sphere around everything).
struct PartBound {
  int joint = -1;
  glm::vec3 center{0.0f};
  float radius = 0.0f;
};

// One sphere per skin joint that is some vertex's largest influence (or one for a rigid
// mesh). Posed through the skinning palette they bound the deformed mesh closely enough to
// pick a level of detail by distance.
std::vector<PartBound> computePartBounds(const MeshData& mesh);

// Distance (metres, ≥ 0) from `eye` to the nearest posed part sphere: each sphere is moved by
// model × palette[joint] (palette may be empty for rigid meshes; a joint beyond the palette
// is left in bind space). 0 when the eye is inside one.
float nearestPartDistance(std::span<const PartBound> parts, const glm::mat4& model,
                          const glm::mat4* palette, std::uint32_t paletteCount,
                          const glm::vec3& eye);

// The coarsest level whose geometric error is at most `maxError` metres: -1 for the full
// mesh, else an index into `lods` (which are ordered finest first, errors non-decreasing).
int selectLod(std::span<const MeshLod> lods, float maxError);

}  // namespace sv
