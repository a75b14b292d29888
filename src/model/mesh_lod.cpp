#include "model/mesh_lod.h"

#include <meshoptimizer.h>

#include <algorithm>
#include <vector>

namespace sv {

void buildLods(MeshData& mesh, std::span<const float> ratios) {
  mesh.lods.clear();
  mesh.lodIndices.clear();
  const std::size_t fullCount = mesh.indices.size();
  if (fullCount / 3 < kMinTrianglesForLod || mesh.vertices.empty()) return;
  const float* positions = &mesh.vertices[0].position.x;
  const std::size_t stride = sizeof(Vertex);
  // meshoptimizer reports errors relative to the mesh's extent; this converts to metres.
  const float scale = meshopt_simplifyScale(positions, mesh.vertices.size(), stride);
  // Each level is simplified from the previous one (cheaper than starting from the full mesh
  // every time: the load budget matters); errors are relative to that input, so they add up
  // to a bound on the distance to the full mesh. The first simplification of the full mesh is
  // most of the cost, so there are few levels.
  std::vector<std::uint32_t> source = mesh.indices;
  std::vector<std::uint32_t> scratch(fullCount);
  float totalError = 0.0f;
  for (const float ratio : ratios) {
    const auto target = static_cast<std::size_t>(static_cast<float>(fullCount) * ratio) / 3 * 3;
    float relError = 0.0f;
    // A target error of 1 (the whole extent) lets the triangle target decide where to stop.
    const std::size_t n =
        meshopt_simplify(scratch.data(), source.data(), source.size(), positions,
                         mesh.vertices.size(), stride, target, 1.0f, 0, &relError);
    if (n == 0 || static_cast<double>(n) > 0.9 * static_cast<double>(source.size())) continue;
    scratch.resize(n);
    meshopt_optimizeVertexCache(scratch.data(), scratch.data(), n, mesh.vertices.size());
    totalError += relError * scale;
    MeshLod lod;
    lod.firstIndex = static_cast<std::uint32_t>(mesh.lodIndices.size());
    lod.indexCount = static_cast<std::uint32_t>(n);
    lod.error = totalError;
    mesh.lodIndices.insert(mesh.lodIndices.end(), scratch.begin(), scratch.end());
    mesh.lods.push_back(lod);
    source.swap(scratch);
    scratch.resize(source.size());
  }
}

std::vector<PartBound> computePartBounds(const MeshData& mesh) {
  std::vector<PartBound> parts;
  if (mesh.vertices.empty()) return parts;
  // Dominant joint per vertex: weights are sorted descending at import, but not by the
  // primitive generators, so look at all four.
  auto dominant = [](const Vertex& v) {
    int best = -1;
    float w = 0.0f;
    for (int k = 0; k < 4; ++k) {
      if (v.weights[k] > w) {
        w = v.weights[k];
        best = v.joints[static_cast<std::size_t>(k)];
      }
    }
    return best;
  };
  int maxJoint = -1;
  for (const Vertex& v : mesh.vertices) maxJoint = std::max(maxJoint, dominant(v));
  // Slot 0 collects unskinned vertices (joint -1), slot j + 1 joint j.
  const std::size_t slots = static_cast<std::size_t>(maxJoint + 2);
  std::vector<glm::vec3> lo(slots, glm::vec3(1e30f)), hi(slots, glm::vec3(-1e30f));
  for (const Vertex& v : mesh.vertices) {
    const auto s = static_cast<std::size_t>(dominant(v) + 1);
    lo[s] = glm::min(lo[s], v.position);
    hi[s] = glm::max(hi[s], v.position);
  }
  std::vector<int> partOfSlot(slots, -1);
  for (std::size_t s = 0; s < slots; ++s) {
    if (lo[s].x > hi[s].x) continue;
    partOfSlot[s] = static_cast<int>(parts.size());
    PartBound b;
    b.joint = static_cast<int>(s) - 1;
    b.center = 0.5f * (lo[s] + hi[s]);
    b.radius = 0.0f;
    parts.push_back(b);
  }
  // Radii from the vertices themselves (tighter than the box's half-diagonal).
  for (const Vertex& v : mesh.vertices) {
    PartBound& b =
        parts[static_cast<std::size_t>(partOfSlot[static_cast<std::size_t>(dominant(v) + 1)])];
    b.radius = std::max(b.radius, glm::length(v.position - b.center));
  }
  return parts;
}

float nearestPartDistance(std::span<const PartBound> parts, const glm::mat4& model,
                          const glm::mat4* palette, std::uint32_t paletteCount,
                          const glm::vec3& eye) {
  float nearest = 1e30f;
  for (const PartBound& b : parts) {
    glm::vec4 c(b.center, 1.0f);
    if (palette != nullptr && b.joint >= 0 && static_cast<std::uint32_t>(b.joint) < paletteCount) {
      c = palette[b.joint] * c;
    }
    const glm::vec3 w(model * c);
    nearest = std::min(nearest, glm::length(w - eye) - b.radius);
  }
  return parts.empty() ? 0.0f : std::max(nearest, 0.0f);
}

int selectLod(std::span<const MeshLod> lods, float maxError) {
  int chosen = -1;
  for (std::size_t i = 0; i < lods.size(); ++i) {
    if (lods[i].error <= maxError) chosen = static_cast<int>(i);
  }
  return chosen;
}

}  // namespace sv
