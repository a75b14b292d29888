// CPU-side triangle meshes (pure data, no GL): what generators and importers produce and
// the renderer uploads.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

namespace sv {

// Vertex layout shared with the renderer. Units: metres, in the mesh's own (model) space.
// joints/weights: up to 4 skin influences (weights sum to 1 when skinned; all zero when not).
struct Vertex {
  glm::vec3 position{0.0f};
  glm::vec3 normal{0.0f, 1.0f, 0.0f};
  std::array<std::uint16_t, 4> joints{0, 0, 0, 0};
  glm::vec4 weights{0.0f};
  std::uint16_t region = 0;  // muscle-region id (0 = none): the strongest of regionIds
  // Smooth muscle regions: up to four region ids with weights 0…255 summing to 255 (all zero:
  // no region). The tint blends them, so borders fall off over a few centimetres.
  std::array<std::uint8_t, 4> regionIds{0, 0, 0, 0};
  std::array<std::uint8_t, 4> regionWeights{0, 0, 0, 0};
  // Material coverage 0…255 (body/body_asset.h, Cover: top, shorts, hair, eye), cut at 128.
  std::array<std::uint8_t, 4> cover{0, 0, 0, 0};
};

// A coarser level of detail: indexCount indices from MeshData::lodIndices[firstIndex], over
// the same vertices as the full mesh. error: the largest distance (metres, model space)
// between this level's surface and the full mesh, as measured by the simplifier.
struct MeshLod {
  std::uint32_t firstIndex = 0;
  std::uint32_t indexCount = 0;
  float error = 0.0f;
};

struct MeshData {
  std::vector<Vertex> vertices;
  std::vector<std::uint32_t> indices;  // triangle list, counter-clockwise front faces
  // Optional coarser levels (see model/mesh_lod.h), finest first; `indices` is level 0.
  std::vector<std::uint32_t> lodIndices;
  std::vector<MeshLod> lods;

  // Axis-aligned bounds of the positions; {0,0} when empty.
  glm::vec3 boundsMin() const;
  glm::vec3 boundsMax() const;
};

// A capsule standing on the XZ plane around +Y: total height `height` (including the caps),
// radius `radius`, base at y = 0. Smooth normals; `segments` around, `rings` per cap.
MeshData makeCapsule(float radius, float height, int segments = 48, int rings = 16);

// A UV sphere of the given radius centred at the origin.
MeshData makeSphere(float radius, int segments = 32, int rings = 16);

// A cone along +Y: base disc of `radius` at y = 0 (closed), apex at y = `height`.
MeshData makeCone(float radius, float height, int segments = 24);

// An axis-aligned box centred at the origin with the given full extents (flat normals).
MeshData makeBox(const glm::vec3& size);

}  // namespace sv
