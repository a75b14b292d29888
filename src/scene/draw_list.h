// The renderer's whole input for one frame: a flat list of draw items plus a flat parameter
// struct. Built by pure code (no GL), so what is drawn and in which colour is unit-testable.
#pragma once

#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

namespace sv {

// Index of a mesh uploaded to the renderer (Renderer::uploadMesh). Stable for its lifetime.
using MeshId = std::uint32_t;
inline constexpr MeshId kNoMesh = ~0u;

enum DrawFlags : std::uint32_t {
  kDrawCastShadow = 1u << 0,
  kDrawReceiveShadow = 1u << 1,
  kDrawDefault = kDrawCastShadow | kDrawReceiveShadow,
};

struct DrawItem {
  MeshId mesh = kNoMesh;
  glm::mat4 model{1.0f};     // model → world, metres
  glm::vec3 albedo{0.8f};    // linear RGB
  float roughness = 0.7f;    // 0 glossy … 1 matte
  std::uint32_t pickId = 0;  // written to the id buffer; 0 = not pickable
  std::uint32_t flags = kDrawDefault;
};

struct DirectionalLight {
  glm::vec3 direction{0.0f, -1.0f, 0.0f};  // unit, world space, the way the light travels
  glm::vec3 color{1.0f};                   // linear RGB × intensity
};

struct FrameParams {
  glm::mat4 view{1.0f};
  glm::mat4 projection{1.0f};
  glm::vec3 eye{0.0f};
  DirectionalLight key;   // casts shadows
  DirectionalLight fill;  // no shadows
  glm::vec3 skyAmbient{0.0f};
  glm::vec3 groundAmbient{0.0f};
  glm::vec3 backdropTop{0.0f};     // linear RGB of the studio backdrop, top of the screen
  glm::vec3 backdropBottom{0.0f};  // … and at the horizon; the floor fades into it
  // Sphere that must be covered by the shadow map (world space, metres).
  glm::vec3 shadowCenter{0.0f, 0.9f, 0.0f};
  float shadowRadius = 2.5f;
  bool showGrid = true;
  float exposure = 1.0f;
};

struct DrawList {
  std::vector<DrawItem> items;  // capacity kept across frames: clear() does not free
};

}  // namespace sv
