// The renderer: owns every GL object and issues every GL call of the program.
//
// Frame contract: renderScene() draws the studio (backdrop, floor, shadowed items) into the
// output target; renderImGui() then draws the UI on top; capture() reads the result back.
// The output target is the window's default framebuffer, or, when offscreen, an RGBA8
// framebuffer object of the same size (headless rendering uses exactly the same passes).
// Colours are linear until the final pass, which tone-maps and encodes sRGB.
#pragma once

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

// What lies under a pixel: the draw item's pick id (0 = nothing pickable) and the muscle
// region id of the mesh there (0 = none).
struct PickResult {
  std::uint32_t pickId = 0;
  std::uint16_t region = 0;
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
  void renderScene(const FrameParams& params, const DrawList& list);
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
  // Renders ids for one pixel (top-left origin) of the given frame and reads them back.
  PickResult pick(const FrameParams& params, const DrawList& list, int x, int y);
  // Window depth in [0,1] of the scene at a pixel (top-left origin); nullopt on the backdrop.
  std::optional<float> depthAt(int x, int y);

  const RendererInfo& info() const { return info_; }
  int width() const { return width_; }
  int height() const { return height_; }

  struct Impl;

 private:
  explicit Renderer(std::unique_ptr<Impl> impl);
  // Uploads the item's palette; returns the uSkinned mode (0 rigid, 1 LBS, 2 dual quaternion).
  int uploadPalette(const DrawItem& item);
  std::unique_ptr<Impl> impl_;
  RendererInfo info_;
  int width_ = 0;
  int height_ = 0;
};

// ImGui's OpenGL3 backend lives with the other GL code: these wrap its init/new-frame/
// shutdown so the UI layer never sees GL.
bool imguiRendererInit();
void imguiRendererNewFrame();
void imguiRendererShutdown();

}  // namespace sv
