// The renderer's whole input for one frame: a flat list of draw items plus a flat parameter
// struct. Built by pure code (no GL), so what is drawn and in which colour is unit-testable.
#pragma once

#include <array>
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
  kDrawMuscleRegions = 1u << 2,  // apply FrameParams::regions to the mesh's region ids
  kDrawGhost = 1u << 4,          // translucent (DrawItem::opacity), drawn after opaque items
  // Dual-quaternion skinning (rigid palettes, e.g. the mannequin) instead of linear blend
  // skinning (the default; needed for palettes with scale). See shaders/skinning.glsl.
  kDrawDualQuat = 1u << 3,
  // Paint the mesh's cover channels (clothing, hair, eyes) in DrawItem::cover.
  kDrawCover = 1u << 5,
  kDrawDefault = kDrawCastShadow | kDrawReceiveShadow,
};

// Most joints a skinning palette may have (the uniform block's size).
inline constexpr std::uint32_t kMaxPaletteJoints = 256;
// Muscle-region slots the renderer understands (region ids 0 … 63).
inline constexpr std::size_t kMaxRegions = 64;

struct DrawItem {
  MeshId mesh = kNoMesh;
  glm::mat4 model{1.0f};     // model → world, metres
  glm::vec3 albedo{0.8f};    // linear RGB
  float roughness = 0.7f;    // 0 glossy … 1 matte
  std::uint32_t pickId = 0;  // written to the id buffer; 0 = not pickable
  std::uint32_t flags = kDrawDefault;
  // Skinning palette (model-space joint matrix × inverse bind, per skin joint), or null for a
  // rigid mesh. Not owned: the caller keeps it alive until renderScene() returns.
  float opacity = 0.35f;  // for kDrawGhost items
  const glm::mat4* palette = nullptr;
  std::uint32_t paletteCount = 0;  // ≤ kMaxPaletteJoints
  // kDrawCover: linear RGB of the cover channels (Vertex::cover): top, shorts, hair (also the
  // irises), eye whites. A channel painted in `albedo` is in effect switched off.
  std::array<glm::vec3, 4> cover{};
};

// Per muscle region (index = region id): highlight intensity in [0,1], selection (0 or 1) and
// the heatmap value in [-1,1] (share of the available stretch: -1 shortened, 0 anatomical
// length, 1 fully lengthened), used when FrameParams::heatmap is on.
struct RegionStyle {
  float highlight = 0.0f;
  float selected = 0.0f;
  float heat = 0.0f;
};

// A line segment end drawn over the scene (skeleton overlay, muscle paths, arrows). World
// space; colour in sRGB with alpha.
struct LineVertex {
  glm::vec3 position{0.0f};
  glm::vec4 color{1.0f};
};

struct DirectionalLight {
  glm::vec3 direction{0.0f, -1.0f, 0.0f};  // unit, world space, the way the light travels
  glm::vec3 color{1.0f};                   // linear RGB × intensity
};

// A rectangle of the output target in pixels, top-left origin.
struct PixelRect {
  int x = 0, y = 0, width = 0, height = 0;
};

struct FrameParams {
  // Where the 3D view goes on the output target (the part the panels leave free); an empty
  // rect means the whole target. Only these pixels are shaded: on software GL the scene's
  // cost is per pixel. The projection must be built for this rect's aspect ratio. The rest
  // of the target is cleared to `outsideColor` (sRGB) for the UI to draw on.
  PixelRect viewport;
  glm::vec3 outsideColor{0.11f, 0.12f, 0.14f};
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
  bool wireframe = false;
  // Meshes with levels of detail (model/mesh_lod.h) are drawn with the coarsest level whose
  // geometric error covers at most this many pixels on screen; ≤ 0 always draws full detail.
  float lodPixelError = 1.0f;
  // Share of the viewport's width and height the 3D view is rendered at, then upscaled into
  // the viewport (adaptive resolution while something moves). Clamped to [0.1, 1].
  float resolutionScale = 1.0f;
  // Multisampled (4×) rendering, for still frames. Off, or below scale 1, the view is drawn
  // single-sample, anti-aliased by a filter and upscaled: the moving frames' cheap path.
  bool multisample = true;
  float exposure = 1.0f;
  std::array<RegionStyle, kMaxRegions> regions{};
  glm::vec3 highlightColor{0.90f, 0.30f, 0.05f};  // linear RGB
  glm::vec3 selectColor{0.10f, 0.55f, 0.75f};     // linear RGB
  // Heatmap of muscle stretch on the body instead of the target tint. A diverging
  // purple–orange scale (ColorBrewer PuOr ends, colour-blind safe): lengthened reads as cool
  // violet, shortened as ochre, so neither reads as the red of muscle activation.
  bool heatmap = false;
  glm::vec3 heatLengthened{0.30f, 0.16f, 0.55f};  // linear RGB at +1
  glm::vec3 heatShortened{0.75f, 0.40f, 0.04f};   // linear RGB at -1
};

struct DrawList {
  std::vector<DrawItem> items;    // capacity kept across frames: clear() does not free
  std::vector<LineVertex> lines;  // pairs of vertices, one segment each
  // Lines drawn on top of everything (depth test off), e.g. the skeleton overlay.
  bool linesOnTop = true;

  void clear() {
    items.clear();
    lines.clear();
  }
};

}  // namespace sv
