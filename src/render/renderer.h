// The renderer: owns every GL object and issues every GL call of the program.
//
// Frame contract: renderScene() draws the studio (backdrop, floor, shadowed items) into the
// output target; renderImGui() then draws the UI on top; capture() reads the result back.
// The output target is the window's default framebuffer, or, when offscreen, an RGBA8
// framebuffer object of the same size (headless rendering uses exactly the same passes).
// Colours are linear until the final pass, which tone-maps and encodes sRGB.
#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/mesh_data.h"
#include "render/image.h"
#include "scene/draw_list.h"

struct ImDrawData;

namespace sv {

// A GL function loader (glfwGetProcAddress, eglGetProcAddress), in GLAD's signature.
using GlProc = void (*)();
using GlLoader = GlProc (*)(const char*);

struct RendererConfig {
  std::filesystem::path shaderDir;  // directory holding the .vert/.frag/.glsl files
  bool offscreen = false;           // render into an FBO instead of the default framebuffer
  int samples = 4;                  // MSAA samples of the scene pass
  int shadowMapSize = 1024;         // over the ~1.6 m shadowed sphere: about 3 mm per texel
};

struct RendererInfo {
  std::string glRenderer;
  std::string glVersion;
  bool debugOutput = false;  // KHR_debug messages routed to the log
  int samples = 0;           // MSAA samples actually granted
  int maxTargetSize = 0;     // largest width or height of a render target (GL limits)
};

// How the last renderScene() went (for the frame-time line, tests and benchmarks).
struct SceneFrameInfo {
  int renderWidth = 0;  // pixels the 3D view was rendered at (before upscaling)
  int renderHeight = 0;
  bool reduced = false;        // the moving frames' path: single-sample, filtered, upscaled
  bool shadowUpdated = false;  // the shadow map was redrawn (else its casters had not moved)
  bool backdropDrawn = false;  // else the floor covered the whole view
  bool reused = false;         // same input as the frame before: the view was not re-rendered
};

// Milliseconds per pass of the last frame, measured with glFinish() between passes when
// Renderer::setPassTiming(true) (benchmarks only: the waits serialise CPU and GPU). A pass
// that was skipped reads 0.
struct PassTimes {
  float shadow = 0.0f;
  float figures = 0.0f;  // opaque draw items
  float floor = 0.0f;
  float backdrop = 0.0f;
  float overlays = 0.0f;  // ghosted items and lines
  float resolve = 0.0f;   // MSAA resolve, upscale and the copy into the output target
  float ui = 0.0f;        // renderImGui()
};

// What lies under a pixel: the draw item's pick id (0 = nothing pickable) and the muscle
// region id of the mesh there (0 = none).
struct PickResult {
  std::uint32_t pickId = 0;
  std::uint16_t region = 0;
};

// What Renderer::measureView measures: a segment of one draw item (the vertices whose
// strongest skin influence is one of `segmentBones`, one bit per palette joint: joint j is
// bit j % 32 of word j / 32), at 1/`divisor` of the viewport's resolution.
struct ViewMeasureQuery {
  std::uint32_t segmentPickId = 1;  // the item (by pick id) the segment belongs to
  std::array<std::uint32_t, kMaxPaletteJoints / 32> segmentBones{};
  int divisor = 2;
  // Whether to measure every pickable item's silhouette bounds; without, the second pass draws
  // the segment's item alone (the visible share costs less).
  bool silhouettes = true;
};

// A rectangle of output-target pixels (top-left origin, x1/y1 exclusive); may reach outside
// the viewport. Empty when nothing was drawn.
struct PixelBounds {
  float x0 = 0.0f, y0 = 0.0f, x1 = 0.0f, y1 = 0.0f;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};

// The id buffer's answer (pixels at the measuring resolution). The segment "alone" is the
// segment drawn with nothing else in front of it, over a guard band as large as the viewport
// on every side, so a segment partly outside the view counts as partly hidden.
struct ViewMeasure {
  int segmentVisible = 0;      // segment pixels in front of everything else, inside the view
  int segmentAlone = 0;        // segment pixels drawn alone, inside the view and beyond it
  int segmentAloneInView = 0;  // … of them inside the view
  // Per pick id 1 … 7: the item's whole silhouette (whatever covers it), output pixels.
  std::array<PixelBounds, 8> bounds{};
  // The share of the segment that shows: visible / alone (0 without a segment).
  float visibleShare() const {
    return segmentAlone > 0 ? static_cast<float>(segmentVisible) / static_cast<float>(segmentAlone)
                            : 0.0f;
  }
};

class Renderer {
 public:
  // Requires a current GL ≥ 3.3 core context. Loads GL entry points with `loader`, compiles
  // the shaders (errors name file and line) and creates the passes' GPU objects.
  static Result<std::unique_ptr<Renderer>> create(GlLoader loader, const RendererConfig& config);
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  MeshId uploadMesh(const MeshData& mesh);
  // Replaces the geometry behind an existing id (props that change per stretch).
  void replaceMesh(MeshId id, const MeshData& mesh);

  // Output size in pixels; reallocates the targets only when it changes.
  void resize(int width, int height);
  // Whether the targets of the current size exist (every framebuffer complete): a size
  // within info().maxTargetSize may still fail for memory (GL_OUT_OF_MEMORY in resize).
  Status checkTargets() const;
  // Draws the 3D view into FrameParams::viewport of the output target and clears the rest.
  // Work whose result would not change is skipped: the shadow map when no shadow caster and
  // not the key light moved; the backdrop when the floor covers the view; the whole scene pass
  // when the input equals the previous frame's (the kept image is copied again). Below
  // FrameParams::resolutionScale 1, or without FrameParams::multisample, the view is rendered
  // single-sample into that share of the pixels, anti-aliased by a filter (FXAA) and
  // upscaled (bilinear) into the viewport.
  void renderScene(const FrameParams& params, const DrawList& list);
  const SceneFrameInfo& lastSceneFrame() const { return sceneInfo_; }
  // Counts mesh uploads and replacements: with the frame's input it identifies the image.
  std::uint64_t meshGeneration() const;
  // Forgets the kept view and shadow map: the next renderScene() draws every pass
  // (benchmarks measuring each pass).
  void invalidateCaches();
  void setPassTiming(bool on);
  const PassTimes& passTimes() const;
  // Draws ImGui's output onto the target; `drawData` may be null (no UI).
  void renderImGui(ImDrawData* drawData);
  // Skinned model-space positions of a mesh's vertices as the GPU computes them (transform
  // feedback through the scene's own skinning code); tests compare them with the CPU.
  // dualQuat: dual-quaternion skinning (as kDrawDualQuat), else linear blend skinning.
  Result<std::vector<glm::vec3>> captureSkinned(MeshId mesh, const glm::mat4* palette,
                                                std::uint32_t paletteCount, bool dualQuat = false);
  // Blocks until the GPU has finished (benchmarks and captures).
  void finish();

  // Reads the output target back (call after rendering, before a buffer swap).
  Image capture() const;
  // The same into the caller's width() × height() × 4 bytes (rows top to bottom, opaque):
  // no allocation, for clip frames read straight into the encoder's ring.
  void captureInto(std::uint8_t* rgba) const;
  // The 3D view alone, rendered at width × height with full MSAA (the projection in `params`
  // must be built for that aspect), without the UI; with FrameParams::transparentBackground
  // the figures and props on a transparent background (straight alpha). The output target
  // is untouched; the next renderScene draws every pass again.
  Image renderViewImage(const FrameParams& params, const DrawList& list, int width, int height);
  // Renders ids for one pixel (top-left origin) of the given frame and reads them back.
  PickResult pick(const FrameParams& params, const DrawList& list, int x, int y);
  // Window depth in [0,1] of the last rendered scene at a pixel (top-left origin), from the
  // reduced-resolution image when that is what is shown; nullopt on the backdrop.
  std::optional<float> depthAt(int x, int y);
  // How much of a segment the frame shows and where each figure's silhouette lies, from two
  // passes of an id buffer (opaque items with depth: what is in front; pickable items without
  // depth, their ids OR-ed: every silhouette whole). Ghosted items hide nothing. Costs two
  // passes of the items at the measuring resolution and their read-back (BENCH
  // measure_view_ms); nothing is drawn on the output target.
  ViewMeasure measureView(const FrameParams& params, const DrawList& list,
                          const ViewMeasureQuery& query);

  // Outputs: 0 the window (or the headless target), 1 a second window's image (the presenter
  // window). Every call above draws into, reads and resizes the selected output; output 1 is
  // an offscreen texture with its own targets and kept view. Selecting 0 after drawing 1
  // flushes it behind a fence. releaseOutput(1) frees its targets.
  void selectOutput(int index);
  int selectedOutput() const;
  void releaseOutput(int index);
  // Called with the second window's context current (GL contexts share textures and sync
  // objects, not framebuffers): copies output 1's image, once its fence has passed, from
  // `readFramebuffer` (an empty framebuffer of that context, the texture attached here) into
  // `drawFramebuffer` (0: its window) at width × height.
  void presentOutput(int index, unsigned readFramebuffer, unsigned drawFramebuffer, int width,
                     int height);

  const RendererInfo& info() const { return info_; }
  int width() const { return width_; }
  int height() const { return height_; }

  struct Impl;

 private:
  explicit Renderer(std::unique_ptr<Impl> impl);
  // Uploads the item's palette; returns the uSkinned mode (0 rigid, 1 LBS, 2 dual quaternion).
  int uploadPalette(const DrawItem& item);
  bool renderView(const FrameParams& params, const DrawList& list);
  void presentKept(const glm::vec3& outsideColor);
  std::unique_ptr<Impl> impl_;
  RendererInfo info_;
  SceneFrameInfo sceneInfo_;
  int width_ = 0;
  int height_ = 0;
};

// ImGui's OpenGL3 backend lives with the other GL code: these wrap its init/new-frame/
// shutdown so the UI layer never sees GL.
bool imguiRendererInit();
void imguiRendererNewFrame();
void imguiRendererShutdown();

}  // namespace sv
