#include "render/renderer.h"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/type_ptr.hpp>

#include "core/hash.h"
#include "core/log.h"
#include "model/mesh_lod.h"
#include "render/gl.h"
#include "render/gl_debug.h"
#include "render/gpu.h"
#include "render/shader.h"
#include "scene/frame_hash.h"
#include "scene/visibility.h"

namespace sv {

namespace {

// The index buffer holds the full triangle list followed by the coarser levels' lists
// (MeshData::lodIndices); lods[i].firstIndex is already offset into this buffer.
struct GpuMesh {
  gpu::VertexArray vao;
  gpu::Buffer vbo;
  gpu::Buffer ibo;
  GLsizei indexCount = 0;
  std::vector<MeshLod> lods;
  std::vector<PartBound> parts;  // for the distance that picks a level (model/mesh_lod.h)
};

// Uniform locations are looked up once at creation; the frame path uses only these ints.
struct LightingUniforms {
  GLint viewProj = -1, eye = -1, keyDir = -1, keyColor = -1, fillDir = -1, fillColor = -1,
        skyAmbient = -1, groundAmbient = -1, shadowMatrix = -1, shadowMap = -1, shadowTexel = -1,
        exposure = -1;

  void lookup(GLuint p) {
    viewProj = glGetUniformLocation(p, "uViewProj");
    eye = glGetUniformLocation(p, "uEye");
    keyDir = glGetUniformLocation(p, "uKeyDir");
    keyColor = glGetUniformLocation(p, "uKeyColor");
    fillDir = glGetUniformLocation(p, "uFillDir");
    fillColor = glGetUniformLocation(p, "uFillColor");
    skyAmbient = glGetUniformLocation(p, "uSkyAmbient");
    groundAmbient = glGetUniformLocation(p, "uGroundAmbient");
    shadowMatrix = glGetUniformLocation(p, "uShadowMatrix");
    shadowMap = glGetUniformLocation(p, "uShadowMap");
    shadowTexel = glGetUniformLocation(p, "uShadowTexel");
    exposure = glGetUniformLocation(p, "uExposure");
  }
};

void setVec3(GLint loc, const glm::vec3& v) {
  glUniform3fv(loc, 1, glm::value_ptr(v));
}
void setMat4(GLint loc, const glm::mat4& m) {
  glUniformMatrix4fv(loc, 1, GL_FALSE, glm::value_ptr(m));
}

}  // namespace

struct Renderer::Impl {
  RendererConfig config;
  std::vector<GpuMesh> meshes;
  std::vector<std::uint32_t> meshVertexCounts;

  gpu::Program shadowProg, sceneProg, groundProg, backdropProg, linesProg, captureProg, pickProg,
      aaProg;
  GLint aaSource = -1, aaTexel = -1, aaLast = -1;
  GLint pickViewProj = -1, pickModel = -1, pickId = -1, pickSkinned = -1;
  gpu::Framebuffer pickFbo;  // 1×1-scissored id target, allocated at the output size
  gpu::Texture pickColor, pickDepth;
  // measureView's id target (R32UI masks + depth), sized for the last measurement.
  gpu::Program visibilityProg;
  GLint visViewProj = -1, visModel = -1, visSkinned = -1, visBones = -1, visItemBits = -1;
  gpu::Framebuffer measureFbo;
  gpu::Texture measureColor, measureDepth;
  int measureW = 0, measureH = 0;
  std::vector<std::uint32_t> measurePixels;
  GLint shadowLightViewProj = -1, shadowModel = -1, shadowSkinned = -1;
  GLint sceneSkinned = -1, sceneRegion = -1, sceneHighlight = -1, sceneSelect = -1,
        sceneHeatmap = -1, sceneHeatPlus = -1, sceneHeatMinus = -1, sceneOpacity = -1,
        sceneCover = -1, sceneCoverOn = -1;
  GLint linesViewProj = -1, captureSkinned = -1;
  gpu::Buffer paletteUbo;
  gpu::VertexArray linesVao;
  gpu::Buffer linesVbo;
  std::size_t linesCapacity = 0;  // vertices the line buffer holds
  std::vector<float> regionScratch = std::vector<float>(3 * kMaxRegions);
  LightingUniforms sceneLight, groundLight;
  GLint sceneModel = -1, sceneNormalMat = -1, sceneAlbedo = -1, sceneRoughness = -1,
        sceneReceive = -1;
  GLint groundShowGrid = -1, groundHorizon = -1, groundFadeCenter = -1, groundUnlit = -1,
        groundKey = -1, groundShadowReach = -1;
  GLint backdropInvViewProj = -1, backdropTop = -1, backdropBottom = -1, backdropExposure = -1;

  GpuMesh groundQuad;
  gpu::VertexArray emptyVao;  // the backdrop's vertices are generated from gl_VertexID

  gpu::Framebuffer shadowFbo;
  gpu::Texture shadowTex;

  // The scene renders multisampled into display-encoded RGBA8 and is resolved by a blit:
  // straight into the offscreen output, or via `resolveFbo` into the window (a multisample
  // blit into the default framebuffer would need it to match our format exactly).
  gpu::Framebuffer msaaFbo;
  gpu::Renderbuffer msaaColor, msaaDepth;
  gpu::Framebuffer resolveFbo;  // single-sample colour + depth (depth serves picking)
  gpu::Texture resolveColor, resolveDepth;
  gpu::Framebuffer outFbo;  // offscreen only
  gpu::Texture outColor;
  // A reduced view, anti-aliased from resolveColor, is kept here and upscaled from here.
  gpu::Framebuffer aaFbo;
  gpu::Texture aaColor;
  int samples = 0;

  // Work skipped when its input did not change (see renderScene).
  std::uint64_t meshGeneration = 0;  // bumped by every upload: geometry behind an id changed
  bool shadowValid = false;
  std::uint64_t shadowKey = 0;
  // The 3D view kept in resolveFbo: rendered at `src` (GL convention) and shown at `dst`.
  struct Kept {
    bool valid = false;
    std::uint64_t key = 0;
    GLint srcX = 0, srcY = 0, srcW = 0, srcH = 0;
    GLint dstX = 0, dstY = 0, dstW = 0, dstH = 0;
    bool dstFull = true;
    bool reduced = false;  // single-sample in resolveFbo (depth), anti-aliased into aaFbo
  } kept;

  // The other output's targets (Renderer::selectOutput): swapped in and out with the ones
  // above, so every pass draws into whichever is selected. Output 1 is always offscreen.
  struct Stash {
    gpu::Framebuffer msaaFbo;
    gpu::Renderbuffer msaaColor, msaaDepth;
    gpu::Framebuffer resolveFbo;
    gpu::Texture resolveColor, resolveDepth;
    gpu::Framebuffer outFbo;
    gpu::Texture outColor;
    gpu::Framebuffer aaFbo;
    gpu::Texture aaColor;
    gpu::Framebuffer pickFbo;
    gpu::Texture pickColor, pickDepth;
    Kept kept;
    bool offscreen = true;
    int width = 0, height = 0;
  } other;
  int output = 0;
  GLsync outputFence = nullptr;  // output 1 drawn: the second context waits on it

  bool timing = false;
  PassTimes times;
  std::chrono::steady_clock::time_point passStart;
  // Ends the pass being timed (glFinish, so the GPU's share is counted) and starts the next.
  void endPass(float& ms) {
    if (!timing) return;
    glFinish();
    const auto now = std::chrono::steady_clock::now();
    ms = std::chrono::duration<float, std::milli>(now - passStart).count();
    passStart = now;
  }
  void startTiming() {
    if (!timing) return;
    glFinish();
    times = PassTimes{};
    passStart = std::chrono::steady_clock::now();
  }
};

namespace {

GpuMesh upload(const MeshData& mesh) {
  GpuMesh g;
  g.vao = gpu::makeVertexArray();
  g.vbo = gpu::makeBuffer();
  g.ibo = gpu::makeBuffer();
  glBindVertexArray(g.vao.get());
  glBindBuffer(GL_ARRAY_BUFFER, g.vbo.get());
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(mesh.vertices.size() * sizeof(Vertex)),
               mesh.vertices.data(), GL_STATIC_DRAW);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g.ibo.get());
  const std::size_t full = mesh.indices.size();
  const std::size_t all = full + mesh.lodIndices.size();
  glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(all * sizeof(std::uint32_t)),
               nullptr, GL_STATIC_DRAW);
  glBufferSubData(GL_ELEMENT_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(full * sizeof(std::uint32_t)),
                  mesh.indices.data());
  if (!mesh.lodIndices.empty()) {
    glBufferSubData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLintptr>(full * sizeof(std::uint32_t)),
                    static_cast<GLsizeiptr>(mesh.lodIndices.size() * sizeof(std::uint32_t)),
                    mesh.lodIndices.data());
  }
  for (MeshLod lod : mesh.lods) {
    lod.firstIndex += static_cast<std::uint32_t>(full);
    g.lods.push_back(lod);
  }
  if (!g.lods.empty()) g.parts = computePartBounds(mesh);
  const auto stride = static_cast<GLsizei>(sizeof(Vertex));
  auto offset = [](std::size_t o) { return reinterpret_cast<const void*>(o); };
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, offset(offsetof(Vertex, position)));
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, stride, offset(offsetof(Vertex, normal)));
  glEnableVertexAttribArray(2);
  glVertexAttribIPointer(2, 4, GL_UNSIGNED_SHORT, stride, offset(offsetof(Vertex, joints)));
  glEnableVertexAttribArray(3);
  glVertexAttribPointer(3, 4, GL_FLOAT, GL_FALSE, stride, offset(offsetof(Vertex, weights)));
  glEnableVertexAttribArray(4);
  glVertexAttribIPointer(4, 1, GL_UNSIGNED_SHORT, stride, offset(offsetof(Vertex, region)));
  glEnableVertexAttribArray(5);
  glVertexAttribIPointer(5, 4, GL_UNSIGNED_BYTE, stride, offset(offsetof(Vertex, regionIds)));
  glEnableVertexAttribArray(6);
  glVertexAttribPointer(6, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                        offset(offsetof(Vertex, regionWeights)));
  glEnableVertexAttribArray(7);
  glVertexAttribPointer(7, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, offset(offsetof(Vertex, cover)));
  glBindVertexArray(0);
  g.indexCount = static_cast<GLsizei>(mesh.indices.size());
  return g;
}

// The frame's viewport clamped to the target, in GL's bottom-left convention.
struct GlRect {
  GLint x = 0, y = 0;
  GLsizei w = 0, h = 0;
  bool full = true;
};
GlRect glViewportRect(const PixelRect& r, int width, int height) {
  GlRect g;
  g.w = width;
  g.h = height;
  if (r.width <= 0 || r.height <= 0) return g;
  const int x0 = std::clamp(r.x, 0, width - 1), y0 = std::clamp(r.y, 0, height - 1);
  const int x1 = std::clamp(r.x + r.width, x0 + 1, width);
  const int y1 = std::clamp(r.y + r.height, y0 + 1, height);
  g.x = x0;
  g.y = height - y1;
  g.w = x1 - x0;
  g.h = y1 - y0;
  g.full = g.w == width && g.h == height;
  return g;
}

// lod: -1 for the full mesh, else an index into m.lods.
void draw(const GpuMesh& m, int lod = -1) {
  glBindVertexArray(m.vao.get());
  if (lod < 0 || static_cast<std::size_t>(lod) >= m.lods.size()) {
    glDrawElements(GL_TRIANGLES, m.indexCount, GL_UNSIGNED_INT, nullptr);
    return;
  }
  const MeshLod& l = m.lods[static_cast<std::size_t>(lod)];
  glDrawElements(
      GL_TRIANGLES, static_cast<GLsizei>(l.indexCount), GL_UNSIGNED_INT,
      reinterpret_cast<const void*>(std::uintptr_t{l.firstIndex} * sizeof(std::uint32_t)));
}

// True when some muscle region is tinted (highlight, selection or heatmap).
bool regionsShown(const FrameParams& p) {
  if (p.heatmap) return true;
  for (const RegionStyle& r : p.regions) {
    if (r.highlight > 0.0f || r.selected > 0.0f) return true;
  }
  return false;
}

// Level of detail for a camera view: the coarsest whose geometric error projects to at most
// `pixelError` pixels at the item's nearest part. An item whose muscle regions are tinted is
// drawn in full: the levels bound the error of positions, not of the per-vertex region
// colours, whose borders turn into large star-shaped blotches on coarse triangles. Pixels per metre
// at distance d are (viewport height / 2) × projection[1][1] / d for a perspective camera, without
// the d for an orthographic one (projection[3][3] == 1).
int viewLod(const GpuMesh& g, const DrawItem& it, const FrameParams& p, int viewportHeight,
            bool regionsTinted) {
  if (g.lods.empty() || p.lodPixelError <= 0.0f) return -1;
  if (regionsTinted && (it.flags & kDrawMuscleRegions)) return -1;
  float pixelsPerMetre = 0.5f * static_cast<float>(viewportHeight) * p.projection[1][1];
  if (p.projection[3][3] < 0.5f) {
    const float d = nearestPartDistance(g.parts, it.model, it.palette, it.paletteCount, p.eye);
    pixelsPerMetre /= std::max(d, 0.05f);
  }
  return selectLod(g.lods, p.lodPixelError / pixelsPerMetre);
}

// Orthographic light frustum around the sphere that must be shadowed, with the light's
// position snapped to whole shadow texels so shadow edges do not shimmer as things move.
glm::mat4 lightViewProj(const FrameParams& p, int mapSize) {
  const glm::vec3 dir = glm::normalize(p.key.direction);
  const glm::vec3 up = std::abs(dir.y) > 0.99f ? glm::vec3(0, 0, 1) : glm::vec3(0, 1, 0);
  const float r = p.shadowRadius;
  glm::mat4 view = glm::lookAt(p.shadowCenter - dir * (r * 2.0f), p.shadowCenter, up);
  const float texel = 2.0f * r / static_cast<float>(mapSize);
  glm::vec4 c = view * glm::vec4(p.shadowCenter, 1.0f);
  view = glm::translate(glm::mat4(1.0f), glm::vec3(std::round(c.x / texel) * texel - c.x,
                                                   std::round(c.y / texel) * texel - c.y, 0.0f)) *
         view;
  const glm::mat4 proj = glm::ortho(-r, r, -r, r, 0.01f, r * 4.0f);
  return proj * view;
}

void setLighting(const LightingUniforms& u, const FrameParams& p, const glm::mat4& viewProj,
                 const glm::mat4& shadowMatrix, int shadowSize) {
  setMat4(u.viewProj, viewProj);
  setVec3(u.eye, p.eye);
  setVec3(u.keyDir, glm::normalize(p.key.direction));
  setVec3(u.keyColor, p.key.color);
  setVec3(u.fillDir, glm::normalize(p.fill.direction));
  setVec3(u.fillColor, p.fill.color);
  setVec3(u.skyAmbient, p.skyAmbient);
  setVec3(u.groundAmbient, p.groundAmbient);
  setMat4(u.shadowMatrix, shadowMatrix);
  glUniform1i(u.shadowMap, 0);
  glUniform1f(u.shadowTexel, 1.0f / static_cast<float>(shadowSize));
  glUniform1f(u.exposure, p.exposure);
}

}  // namespace

Renderer::Renderer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Renderer::~Renderer() {
  if (impl_ && impl_->outputFence != nullptr) glDeleteSync(impl_->outputFence);
}

Result<std::unique_ptr<Renderer>> Renderer::create(GlLoader loader, const RendererConfig& config) {
  if (gladLoadGL(reinterpret_cast<GLADloadfunc>(loader)) == 0) {
    return Error{"cannot load OpenGL functions (no current context?)"};
  }
  if (!GLAD_GL_VERSION_3_3) return Error{"OpenGL 3.3 core is required"};

  auto impl = std::make_unique<Impl>();
  impl->config = config;
  RendererInfo info;
  info.debugOutput = gldebug::install();
  info.glRenderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  info.glVersion = reinterpret_cast<const char*>(glGetString(GL_VERSION));

  const auto& dir = config.shaderDir;
  struct Load {
    gpu::Program* out;
    const char* vs;
    const char* fs;
  };
  const Load loads[] = {{&impl->shadowProg, "shadow.vert", "shadow.frag"},
                        {&impl->sceneProg, "scene.vert", "scene.frag"},
                        {&impl->groundProg, "ground.vert", "ground.frag"},
                        {&impl->backdropProg, "backdrop.vert", "backdrop.frag"},
                        {&impl->linesProg, "lines.vert", "lines.frag"},
                        {&impl->pickProg, "pick.vert", "pick.frag"},
                        {&impl->visibilityProg, "visibility.vert", "visibility.frag"},
                        {&impl->aaProg, "fullscreen.vert", "reduced_aa.frag"}};
  for (const Load& l : loads) {
    auto p = loadProgram(dir, l.vs, l.fs);
    if (!p) return p.error();
    *l.out = std::move(*p);
  }

  {
    // Transform-feedback capture of skinned positions (tests compare it with the CPU).
    auto capture = loadProgram(dir, "skin_capture.vert", "shadow.frag", "vSkinned");
    if (!capture) return capture.error();
    impl->captureProg = std::move(*capture);
  }
  // Every program that skins reads the same palette block at binding 0.
  for (GLuint prog : {impl->shadowProg.get(), impl->sceneProg.get(), impl->captureProg.get(),
                      impl->pickProg.get(), impl->visibilityProg.get()}) {
    const GLuint block = glGetUniformBlockIndex(prog, "Palette");
    if (block != GL_INVALID_INDEX) glUniformBlockBinding(prog, block, 0);
  }
  impl->paletteUbo = gpu::makeBuffer();
  glBindBuffer(GL_UNIFORM_BUFFER, impl->paletteUbo.get());
  glBufferData(GL_UNIFORM_BUFFER, kMaxPaletteJoints * sizeof(glm::mat4), nullptr, GL_DYNAMIC_DRAW);
  glBindBufferBase(GL_UNIFORM_BUFFER, 0, impl->paletteUbo.get());
  impl->captureSkinned = glGetUniformLocation(impl->captureProg.get(), "uSkinned");
  impl->pickViewProj = glGetUniformLocation(impl->pickProg.get(), "uViewProj");
  impl->pickModel = glGetUniformLocation(impl->pickProg.get(), "uModel");
  impl->pickId = glGetUniformLocation(impl->pickProg.get(), "uPickId");
  impl->pickSkinned = glGetUniformLocation(impl->pickProg.get(), "uSkinned");
  impl->visViewProj = glGetUniformLocation(impl->visibilityProg.get(), "uViewProj");
  impl->visModel = glGetUniformLocation(impl->visibilityProg.get(), "uModel");
  impl->visSkinned = glGetUniformLocation(impl->visibilityProg.get(), "uSkinned");
  impl->visBones = glGetUniformLocation(impl->visibilityProg.get(), "uSegmentBones");
  impl->visItemBits = glGetUniformLocation(impl->visibilityProg.get(), "uItemBits");

  GLuint p = impl->shadowProg.get();
  impl->shadowLightViewProj = glGetUniformLocation(p, "uLightViewProj");
  impl->shadowModel = glGetUniformLocation(p, "uModel");
  impl->shadowSkinned = glGetUniformLocation(p, "uSkinned");
  p = impl->sceneProg.get();
  impl->sceneLight.lookup(p);
  impl->sceneModel = glGetUniformLocation(p, "uModel");
  impl->sceneNormalMat = glGetUniformLocation(p, "uNormalMatrix");
  impl->sceneAlbedo = glGetUniformLocation(p, "uAlbedo");
  impl->sceneRoughness = glGetUniformLocation(p, "uRoughness");
  impl->sceneReceive = glGetUniformLocation(p, "uReceiveShadow");
  impl->sceneSkinned = glGetUniformLocation(p, "uSkinned");
  impl->sceneRegion = glGetUniformLocation(p, "uRegion");
  impl->sceneHighlight = glGetUniformLocation(p, "uHighlightColor");
  impl->sceneSelect = glGetUniformLocation(p, "uSelectColor");
  impl->sceneHeatmap = glGetUniformLocation(p, "uHeatmap");
  impl->sceneOpacity = glGetUniformLocation(p, "uOpacity");
  impl->sceneCover = glGetUniformLocation(p, "uCover");
  impl->sceneCoverOn = glGetUniformLocation(p, "uCoverOn");
  impl->sceneHeatPlus = glGetUniformLocation(p, "uHeatPlus");
  impl->sceneHeatMinus = glGetUniformLocation(p, "uHeatMinus");
  impl->linesViewProj = glGetUniformLocation(impl->linesProg.get(), "uViewProj");
  impl->aaSource = glGetUniformLocation(impl->aaProg.get(), "uSource");
  impl->aaTexel = glGetUniformLocation(impl->aaProg.get(), "uTexel");
  impl->aaLast = glGetUniformLocation(impl->aaProg.get(), "uLast");
  impl->linesVao = gpu::makeVertexArray();
  impl->linesVbo = gpu::makeBuffer();
  glBindVertexArray(impl->linesVao.get());
  glBindBuffer(GL_ARRAY_BUFFER, impl->linesVbo.get());
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(LineVertex),
                        reinterpret_cast<const void*>(offsetof(LineVertex, position)));
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, sizeof(LineVertex),
                        reinterpret_cast<const void*>(offsetof(LineVertex, color)));
  glBindVertexArray(0);
  p = impl->groundProg.get();
  impl->groundLight.lookup(p);
  impl->groundShowGrid = glGetUniformLocation(p, "uShowGrid");
  impl->groundHorizon = glGetUniformLocation(p, "uHorizon");
  impl->groundFadeCenter = glGetUniformLocation(p, "uFadeCenter");
  impl->groundUnlit = glGetUniformLocation(p, "uFloorUnlit");
  impl->groundKey = glGetUniformLocation(p, "uFloorKey");
  impl->groundShadowReach = glGetUniformLocation(p, "uShadowReach");
  p = impl->backdropProg.get();
  impl->backdropInvViewProj = glGetUniformLocation(p, "uInvViewProj");
  impl->backdropTop = glGetUniformLocation(p, "uTop");
  impl->backdropBottom = glGetUniformLocation(p, "uBottom");
  impl->backdropExposure = glGetUniformLocation(p, "uExposure");

  // Floor: one large quad; the shader fades it into the backdrop long before its edge.
  MeshData quad;
  const float h = kFloorHalfSize;
  for (glm::vec2 c : {glm::vec2(-h, -h), glm::vec2(h, -h), glm::vec2(h, h), glm::vec2(-h, h)}) {
    Vertex v;
    v.position = {c.x, 0.0f, c.y};
    v.normal = {0.0f, 1.0f, 0.0f};
    quad.vertices.push_back(v);
  }
  quad.indices = {0, 2, 1, 0, 3, 2};
  impl->groundQuad = upload(quad);
  impl->emptyVao = gpu::makeVertexArray();

  // Shadow map: depth texture with hardware comparison, so each shader tap is a bilinear
  // 2×2 percentage-closer filter.
  impl->shadowTex = gpu::makeTexture();
  glBindTexture(GL_TEXTURE_2D, impl->shadowTex.get());
  glTexImage2D(GL_TEXTURE_2D, 0, GL_DEPTH_COMPONENT24, config.shadowMapSize, config.shadowMapSize,
               0, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_BORDER);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_BORDER);
  const float white[4] = {1, 1, 1, 1};
  glTexParameterfv(GL_TEXTURE_2D, GL_TEXTURE_BORDER_COLOR, white);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_COMPARE_MODE, GL_COMPARE_REF_TO_TEXTURE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_COMPARE_FUNC, GL_LEQUAL);
  impl->shadowFbo = gpu::makeFramebuffer();
  glBindFramebuffer(GL_FRAMEBUFFER, impl->shadowFbo.get());
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_TEXTURE_2D, impl->shadowTex.get(),
                         0);
  glDrawBuffer(GL_NONE);
  glReadBuffer(GL_NONE);
  if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
    return Error{"shadow framebuffer incomplete"};
  }
  glBindFramebuffer(GL_FRAMEBUFFER, 0);

  GLint maxSamples = 0;
  glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
  impl->samples = std::clamp(config.samples, 1, std::max(maxSamples, 1));
  info.samples = impl->samples;
  GLint maxTexture = 0, maxRenderbuffer = 0, maxViewport[2] = {0, 0};
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxTexture);
  glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &maxRenderbuffer);
  glGetIntegerv(GL_MAX_VIEWPORT_DIMS, maxViewport);
  info.maxTargetSize = std::min({maxTexture, maxRenderbuffer, maxViewport[0], maxViewport[1]});

  gldebug::check("Renderer::create");
  auto r = std::unique_ptr<Renderer>(new Renderer(std::move(impl)));
  r->info_ = std::move(info);
  return r;
}

int Renderer::uploadPalette(const DrawItem& it) {
  if (it.palette == nullptr || it.paletteCount == 0) return 0;
  const std::uint32_t n = std::min(it.paletteCount, kMaxPaletteJoints);
  // Binding point 0 is the context's, not this renderer's: another renderer in the same
  // context (an export's Stage beside the window's) binds its own block there.
  glBindBufferBase(GL_UNIFORM_BUFFER, 0, impl_->paletteUbo.get());
  glBufferSubData(GL_UNIFORM_BUFFER, 0, static_cast<GLsizeiptr>(n * sizeof(glm::mat4)), it.palette);
  return (it.flags & kDrawDualQuat) ? 2 : 1;  // uSkinned: see shaders/skinning.glsl
}

Result<std::vector<glm::vec3>> Renderer::captureSkinned(MeshId mesh, const glm::mat4* palette,
                                                        std::uint32_t paletteCount, bool dualQuat) {
  Impl& m = *impl_;
  if (mesh >= m.meshes.size()) return Error{"captureSkinned: no such mesh"};
  const std::uint32_t count = m.meshVertexCounts[mesh];
  gpu::Buffer out = gpu::makeBuffer();
  glBindBuffer(GL_TRANSFORM_FEEDBACK_BUFFER, out.get());
  glBufferData(GL_TRANSFORM_FEEDBACK_BUFFER, static_cast<GLsizeiptr>(count * sizeof(glm::vec3)),
               nullptr, GL_STATIC_READ);
  glBindBufferBase(GL_TRANSFORM_FEEDBACK_BUFFER, 0, out.get());
  DrawItem it;
  it.palette = palette;
  it.paletteCount = paletteCount;
  it.flags = dualQuat ? kDrawDualQuat : 0u;
  glUseProgram(m.captureProg.get());
  glUniform1i(m.captureSkinned, uploadPalette(it));
  glEnable(GL_RASTERIZER_DISCARD);
  // A surfaceless context has no default framebuffer, and drawing needs a complete one even
  // with rasterisation discarded.
  glBindFramebuffer(GL_FRAMEBUFFER, m.shadowFbo.get());
  glBindVertexArray(m.meshes[mesh].vao.get());
  glBeginTransformFeedback(GL_POINTS);
  glDrawArrays(GL_POINTS, 0, static_cast<GLsizei>(count));
  glEndTransformFeedback();
  glDisable(GL_RASTERIZER_DISCARD);
  std::vector<glm::vec3> result(count);
  glGetBufferSubData(GL_TRANSFORM_FEEDBACK_BUFFER, 0,
                     static_cast<GLsizeiptr>(count * sizeof(glm::vec3)), result.data());
  glBindBufferBase(GL_TRANSFORM_FEEDBACK_BUFFER, 0, 0);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glBindVertexArray(0);
  gldebug::check("Renderer::captureSkinned");
  return result;
}

void Renderer::replaceMesh(MeshId id, const MeshData& mesh) {
  if (id >= impl_->meshes.size()) return;
  ++impl_->meshGeneration;
  impl_->meshes[id] = upload(mesh);
  impl_->meshVertexCounts[id] = static_cast<std::uint32_t>(mesh.vertices.size());
}

MeshId Renderer::uploadMesh(const MeshData& mesh) {
  ++impl_->meshGeneration;
  impl_->meshes.push_back(upload(mesh));
  impl_->meshVertexCounts.push_back(static_cast<std::uint32_t>(mesh.vertices.size()));
  return static_cast<MeshId>(impl_->meshes.size() - 1);
}

void Renderer::resize(int width, int height) {
  width = std::max(width, 1);
  height = std::max(height, 1);
  if (width == width_ && height == height_) return;
  width_ = width;
  height_ = height;
  Impl& m = *impl_;
  m.kept.valid = false;

  m.msaaColor = gpu::makeRenderbuffer();
  glBindRenderbuffer(GL_RENDERBUFFER, m.msaaColor.get());
  glRenderbufferStorageMultisample(GL_RENDERBUFFER, m.samples, GL_RGBA8, width, height);
  m.msaaDepth = gpu::makeRenderbuffer();
  glBindRenderbuffer(GL_RENDERBUFFER, m.msaaDepth.get());
  glRenderbufferStorageMultisample(GL_RENDERBUFFER, m.samples, GL_DEPTH_COMPONENT24, width, height);
  m.msaaFbo = gpu::makeFramebuffer();
  glBindFramebuffer(GL_FRAMEBUFFER, m.msaaFbo.get());
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                            m.msaaColor.get());
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER,
                            m.msaaDepth.get());

  auto texture = [&](gpu::Texture& t, GLint internal, GLenum format, GLenum type) {
    t = gpu::makeTexture();
    glBindTexture(GL_TEXTURE_2D, t.get());
    glTexImage2D(GL_TEXTURE_2D, 0, internal, width, height, 0, format, type, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  };
  texture(m.resolveColor, GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE);
  // The anti-aliasing of a reduced view samples it between texels.
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  texture(m.resolveDepth, GL_DEPTH_COMPONENT24, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT);
  m.resolveFbo = gpu::makeFramebuffer();
  glBindFramebuffer(GL_FRAMEBUFFER, m.resolveFbo.get());
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m.resolveColor.get(),
                         0);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_TEXTURE_2D, m.resolveDepth.get(),
                         0);

  texture(m.aaColor, GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE);
  m.aaFbo = gpu::makeFramebuffer();
  glBindFramebuffer(GL_FRAMEBUFFER, m.aaFbo.get());
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m.aaColor.get(), 0);

  texture(m.pickColor, GL_RG32UI, GL_RG_INTEGER, GL_UNSIGNED_INT);
  texture(m.pickDepth, GL_DEPTH_COMPONENT24, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT);
  m.pickFbo = gpu::makeFramebuffer();
  glBindFramebuffer(GL_FRAMEBUFFER, m.pickFbo.get());
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m.pickColor.get(), 0);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_TEXTURE_2D, m.pickDepth.get(), 0);

  if (m.config.offscreen) {
    texture(m.outColor, GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE);
    m.outFbo = gpu::makeFramebuffer();
    glBindFramebuffer(GL_FRAMEBUFFER, m.outFbo.get());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m.outColor.get(),
                           0);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  gldebug::check("Renderer::resize");
}

void Renderer::selectOutput(int index) {
  Impl& m = *impl_;
  index = index == 1 ? 1 : 0;
  if (index == m.output) return;
  if (m.output == 1) {
    // Output 1's image is complete: the context that shows it waits for this fence.
    if (m.outputFence != nullptr) glDeleteSync(m.outputFence);
    m.outputFence = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
    glFlush();
  }
  Impl::Stash& o = m.other;
  std::swap(m.msaaFbo, o.msaaFbo);
  std::swap(m.msaaColor, o.msaaColor);
  std::swap(m.msaaDepth, o.msaaDepth);
  std::swap(m.resolveFbo, o.resolveFbo);
  std::swap(m.resolveColor, o.resolveColor);
  std::swap(m.resolveDepth, o.resolveDepth);
  std::swap(m.outFbo, o.outFbo);
  std::swap(m.outColor, o.outColor);
  std::swap(m.aaFbo, o.aaFbo);
  std::swap(m.aaColor, o.aaColor);
  std::swap(m.pickFbo, o.pickFbo);
  std::swap(m.pickColor, o.pickColor);
  std::swap(m.pickDepth, o.pickDepth);
  std::swap(m.kept, o.kept);
  std::swap(m.config.offscreen, o.offscreen);
  std::swap(width_, o.width);
  std::swap(height_, o.height);
  m.output = index;
}

int Renderer::selectedOutput() const {
  return impl_->output;
}

void Renderer::releaseOutput(int index) {
  const int keep = impl_->output;
  if (index != 1) return;
  if (keep == 1) selectOutput(0);
  Impl::Stash& o = impl_->other;
  o = Impl::Stash{};
  if (impl_->outputFence != nullptr) glDeleteSync(impl_->outputFence);
  impl_->outputFence = nullptr;
}

void Renderer::presentOutput(int index, unsigned readFramebuffer, unsigned drawFramebuffer,
                             int width, int height) {
  // Runs in the second context: only shared objects of this renderer are touched (the
  // texture and the fence); both framebuffers are that context's own.
  Impl& m = *impl_;
  if (index != 1 || m.output == 1) return;
  const Impl::Stash& o = m.other;
  if (!o.outColor || o.width <= 0 || o.height <= 0) return;
  if (m.outputFence != nullptr) glWaitSync(m.outputFence, 0, GL_TIMEOUT_IGNORED);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, readFramebuffer);
  glFramebufferTexture2D(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, o.outColor.get(),
                         0);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, drawFramebuffer);
  glViewport(0, 0, width, height);
  glDisable(GL_SCISSOR_TEST);
  glBlitFramebuffer(0, 0, o.width, o.height, 0, 0, width, height, GL_COLOR_BUFFER_BIT,
                    o.width == width && o.height == height ? GL_NEAREST : GL_LINEAR);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  gldebug::check("Renderer::presentOutput");
}

void Renderer::setPassTiming(bool on) {
  impl_->timing = on;
  impl_->times = PassTimes{};
}

const PassTimes& Renderer::passTimes() const {
  return impl_->times;
}

std::uint64_t Renderer::meshGeneration() const {
  return impl_->meshGeneration;
}

void Renderer::invalidateCaches() {
  impl_->kept.valid = false;
  impl_->shadowValid = false;
}

Status Renderer::checkTargets() const {
  const Impl& m = *impl_;
  const GLuint fbos[] = {m.msaaFbo.get(), m.resolveFbo.get(), m.pickFbo.get(),
                         m.config.offscreen ? m.outFbo.get() : 0u};
  GLenum status = GL_FRAMEBUFFER_COMPLETE;
  for (GLuint fbo : fbos) {
    if (fbo == 0) continue;
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    if (status != GL_FRAMEBUFFER_COMPLETE) break;
  }
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  gldebug::check("Renderer::checkTargets");
  if (width_ <= 0 || height_ <= 0 || status != GL_FRAMEBUFFER_COMPLETE) {
    return Error{"the OpenGL implementation cannot allocate " + std::to_string(width_) + "x" +
                 std::to_string(height_) + " render targets (framebuffer incomplete)"};
  }
  return {};
}

void Renderer::renderScene(const FrameParams& p, const DrawList& list) {
  if (renderView(p, list)) presentKept(p.outsideColor);
}

// Everything of renderScene but the copy into the output target: returns whether the kept
// view is ready to present (always; kept for the caller's symmetry with reuse).
bool Renderer::renderView(const FrameParams& p, const DrawList& list) {
  Impl& m = *impl_;
  m.startTiming();
  sceneInfo_ = SceneFrameInfo{};
  const GlRect vp = glViewportRect(p.viewport, width_, height_);
  // Adaptive resolution: a reduced view is rendered at the target's origin, single-sample,
  // straight into resolveFbo, and upscaled from there; a full one goes through the MSAA
  // target and is resolved into the same place.
  const float scale = std::clamp(p.resolutionScale, 0.1f, 1.0f);
  GlRect rr = vp;
  if (scale < 1.0f) {
    rr.x = 0;
    rr.y = 0;
    rr.w = std::max(static_cast<GLsizei>(std::lround(static_cast<float>(vp.w) * scale)), 1);
    rr.h = std::max(static_cast<GLsizei>(std::lround(static_cast<float>(vp.h) * scale)), 1);
  }
  const bool reduced = rr.w < vp.w || rr.h < vp.h || !p.multisample;
  sceneInfo_.renderWidth = rr.w;
  sceneInfo_.renderHeight = rr.h;
  sceneInfo_.reduced = reduced;

  Hasher key;
  key.u64(sceneInputHash(p, list));
  key.u64(m.meshGeneration);
  if (m.kept.valid && m.kept.key == key.value()) {
    sceneInfo_.reused = true;
    return true;
  }

  const glm::mat4 viewProj = p.projection * p.view;
  const glm::mat4 lightVP = lightViewProj(p, m.config.shadowMapSize);
  // Maps world positions to shadow-map texture coordinates and depth in [0,1].
  const glm::mat4 bias = glm::translate(glm::mat4(1.0f), glm::vec3(0.5f)) *
                         glm::scale(glm::mat4(1.0f), glm::vec3(0.5f));
  const glm::mat4 shadowMatrix = bias * lightVP;

  // 1. Shadow map, only when a caster or the light moved (orbiting the camera around a paused
  // pose reuses it). Casters may use a level of detail whose error is below half a shadow
  // texel: the map cannot resolve more.
  Hasher shadowKey;
  shadowKey.u64(shadowInputHash(p, list));
  shadowKey.u64(m.meshGeneration);
  if (!m.shadowValid || shadowKey.value() != m.shadowKey) {
    m.shadowValid = true;
    m.shadowKey = shadowKey.value();
    sceneInfo_.shadowUpdated = true;
    const float shadowLodError =
        p.lodPixelError > 0.0f ? p.shadowRadius / static_cast<float>(m.config.shadowMapSize) : 0.0f;
    glBindFramebuffer(GL_FRAMEBUFFER, m.shadowFbo.get());
    glViewport(0, 0, m.config.shadowMapSize, m.config.shadowMapSize);
    glEnable(GL_DEPTH_TEST);
    glDepthMask(GL_TRUE);
    glDisable(GL_BLEND);
    glClear(GL_DEPTH_BUFFER_BIT);
    glEnable(GL_POLYGON_OFFSET_FILL);
    glPolygonOffset(2.0f, 4.0f);
    glEnable(GL_CULL_FACE);
    glCullFace(GL_BACK);
    glUseProgram(m.shadowProg.get());
    setMat4(m.shadowLightViewProj, lightVP);
    for (const DrawItem& it : list.items) {
      if (!(it.flags & kDrawCastShadow) || it.mesh >= m.meshes.size()) continue;
      setMat4(m.shadowModel, it.model);
      glUniform1i(m.shadowSkinned, uploadPalette(it));
      draw(m.meshes[it.mesh], selectLod(m.meshes[it.mesh].lods, shadowLodError));
    }
    glDisable(GL_POLYGON_OFFSET_FILL);
  }
  m.endPass(m.times.shadow);

  // 2. Scene into the multisampled, display-encoded target (or, reduced, the single-sample
  // one).
  glBindFramebuffer(GL_FRAMEBUFFER, reduced ? m.resolveFbo.get() : m.msaaFbo.get());
  glViewport(rr.x, rr.y, rr.w, rr.h);
  glEnable(GL_SCISSOR_TEST);
  glScissor(rr.x, rr.y, rr.w, rr.h);
  glEnable(GL_DEPTH_TEST);
  glDepthMask(GL_TRUE);
  glDisable(GL_BLEND);
  if (p.transparentBackground) {
    // No floor and no backdrop: what is not covered stays transparent.
    glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
    glClear(GL_DEPTH_BUFFER_BIT | GL_COLOR_BUFFER_BIT);
  } else {
    glClear(GL_DEPTH_BUFFER_BIT);
  }
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, m.shadowTex.get());

  glEnable(GL_CULL_FACE);
  glCullFace(GL_BACK);
  glUseProgram(m.sceneProg.get());
  setLighting(m.sceneLight, p, viewProj, shadowMatrix, m.config.shadowMapSize);
  setVec3(m.sceneHighlight, p.highlightColor);
  setVec3(m.sceneSelect, p.selectColor);
  glUniform1i(m.sceneHeatmap, p.heatmap ? 1 : 0);
  setVec3(m.sceneHeatPlus, p.heatLengthened);
  setVec3(m.sceneHeatMinus, p.heatShortened);
  for (std::size_t i = 0; i < kMaxRegions; ++i) {
    m.regionScratch[3 * i] = p.regions[i].highlight;
    m.regionScratch[3 * i + 1] = p.regions[i].selected;
    m.regionScratch[3 * i + 2] = p.regions[i].heat;
  }
  if (p.wireframe) glPolygonMode(GL_FRONT_AND_BACK, GL_LINE);
  bool regionsOn = false;
  const bool tinted = regionsShown(p);
  auto drawItem = [&](const DrawItem& it) {
    // Region styling is uploaded only when an item asks for it; others see all zeros.
    const bool wantRegions = (it.flags & kDrawMuscleRegions) != 0;
    if (wantRegions != regionsOn) {
      if (wantRegions) {
        glUniform3fv(m.sceneRegion, static_cast<GLsizei>(kMaxRegions), m.regionScratch.data());
      } else {
        static const std::array<float, 3 * kMaxRegions> zeros{};
        glUniform3fv(m.sceneRegion, static_cast<GLsizei>(kMaxRegions), zeros.data());
      }
      regionsOn = wantRegions;
    }
    glUniform1i(m.sceneSkinned, uploadPalette(it));
    setMat4(m.sceneModel, it.model);
    setMat4(m.sceneNormalMat, glm::transpose(glm::inverse(it.model)));
    setVec3(m.sceneAlbedo, it.albedo);
    glUniform1f(m.sceneRoughness, it.roughness);
    glUniform1i(m.sceneReceive, (it.flags & kDrawReceiveShadow) ? 1 : 0);
    glUniform1f(m.sceneOpacity, (it.flags & kDrawGhost) ? it.opacity : 1.0f);
    const bool cover = (it.flags & kDrawCover) != 0;
    glUniform1i(m.sceneCoverOn, cover ? 1 : 0);
    if (cover) glUniform3fv(m.sceneCover, 4, glm::value_ptr(it.cover[0]));
    // Levels of detail are chosen for the pixels actually rendered.
    draw(m.meshes[it.mesh], viewLod(m.meshes[it.mesh], it, p, rr.h, tinted));
  };
  bool anyGhost = false;
  for (const DrawItem& it : list.items) {
    if (it.mesh >= m.meshes.size()) continue;
    if (it.flags & kDrawGhost) {
      anyGhost = true;
      continue;
    }
    drawItem(it);
  }
  if (p.wireframe) glPolygonMode(GL_FRONT_AND_BACK, GL_FILL);
  m.endPass(m.times.figures);
  // The floor after the figures, so pixels they cover are rejected before shading.
  glDisable(GL_CULL_FACE);
  if (!p.transparentBackground) {
    glUseProgram(m.groundProg.get());
    setLighting(m.groundLight, p, viewProj, shadowMatrix, m.config.shadowMapSize);
    glUniform1i(m.groundShowGrid, p.showGrid ? 1 : 0);
    setVec3(m.groundHorizon, p.backdropBottom);
    setVec3(m.groundFadeCenter, p.shadowCenter);
    {
      const glm::vec3 up(0.0f, 1.0f, 0.0f);
      const glm::vec3 unlit =
          p.skyAmbient +
          p.fill.color * std::max(glm::dot(up, -glm::normalize(p.fill.direction)), 0.0f);
      const glm::vec3 keyLit =
          p.key.color * std::max(glm::dot(up, -glm::normalize(p.key.direction)), 0.0f);
      setVec3(m.groundUnlit, unlit);
      setVec3(m.groundKey, keyLit);
      // Shadows reach no further than the shadowed sphere's radius stretched along the light.
      const float dy = std::max(std::abs(glm::normalize(p.key.direction).y), 0.2f);
      glUniform1f(m.groundShadowReach, p.shadowRadius * (1.0f + 1.0f / dy));
    }
    draw(m.groundQuad);
  }
  m.endPass(m.times.floor);

  // Backdrop last, only where nothing was drawn: its vertices sit on the far plane and the
  // depth test (LEQUAL against the cleared 1.0) rejects every covered pixel early. When the
  // floor covers the whole view (seen from above) even that per-pixel test is skipped.
  if (!p.transparentBackground && !floorCoversView(p.view, p.projection)) {
    sceneInfo_.backdropDrawn = true;
    glDepthFunc(GL_LEQUAL);
    glDepthMask(GL_FALSE);
    glUseProgram(m.backdropProg.get());
    setMat4(m.backdropInvViewProj, glm::inverse(viewProj));
    setVec3(m.backdropTop, p.backdropTop);
    setVec3(m.backdropBottom, p.backdropBottom);
    glUniform1f(m.backdropExposure, p.exposure);
    glBindVertexArray(m.emptyVao.get());
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 34);
    glDepthMask(GL_TRUE);
    glDepthFunc(GL_LESS);
  }
  m.endPass(m.times.backdrop);

  // Ghosted items after everything opaque (floor and backdrop included), blended, without
  // depth writes: only their front faces show, so they read as a translucent figure.
  if (anyGhost) {
    glEnable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    glDepthMask(GL_FALSE);
    glUseProgram(m.sceneProg.get());
    for (const DrawItem& it : list.items) {
      if ((it.flags & kDrawGhost) && it.mesh < m.meshes.size()) drawItem(it);
    }
    glDepthMask(GL_TRUE);
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);
  }

  if (!list.lines.empty()) {
    glBindBuffer(GL_ARRAY_BUFFER, m.linesVbo.get());
    if (list.lines.size() > m.linesCapacity) {
      m.linesCapacity = list.lines.size() * 2;
      glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(m.linesCapacity * sizeof(LineVertex)),
                   nullptr, GL_STREAM_DRAW);
    }
    glBufferSubData(GL_ARRAY_BUFFER, 0,
                    static_cast<GLsizeiptr>(list.lines.size() * sizeof(LineVertex)),
                    list.lines.data());
    glUseProgram(m.linesProg.get());
    setMat4(m.linesViewProj, viewProj);
    if (list.linesOnTop) glDisable(GL_DEPTH_TEST);
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    glBindVertexArray(m.linesVao.get());
    glDrawArrays(GL_LINES, 0, static_cast<GLsizei>(list.lines.size()));
    glDisable(GL_BLEND);
    glEnable(GL_DEPTH_TEST);
  }
  glDisable(GL_SCISSOR_TEST);
  m.endPass(m.times.overlays);

  // 3. Resolve the samples into resolveFbo, where the view is kept for frames that reuse it;
  // a reduced view is anti-aliased into aaFbo and kept there.
  if (!reduced) {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m.msaaFbo.get());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, m.resolveFbo.get());
    glBlitFramebuffer(vp.x, vp.y, vp.x + vp.w, vp.y + vp.h, vp.x, vp.y, vp.x + vp.w, vp.y + vp.h,
                      GL_COLOR_BUFFER_BIT, GL_NEAREST);
  } else {
    glBindFramebuffer(GL_FRAMEBUFFER, m.aaFbo.get());
    glViewport(rr.x, rr.y, rr.w, rr.h);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_BLEND);
    glUseProgram(m.aaProg.get());
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, m.resolveColor.get());
    glUniform1i(m.aaSource, 0);
    const glm::vec2 texel(1.0f / static_cast<float>(width_), 1.0f / static_cast<float>(height_));
    glUniform2f(m.aaTexel, texel.x, texel.y);
    glUniform2i(m.aaLast, rr.w - 1, rr.h - 1);
    glBindVertexArray(m.emptyVao.get());
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glEnable(GL_DEPTH_TEST);
  }
  Impl::Kept& k = m.kept;
  k.valid = true;
  k.key = key.value();
  k.srcX = rr.x;
  k.srcY = rr.y;
  k.srcW = rr.w;
  k.srcH = rr.h;
  k.dstX = vp.x;
  k.dstY = vp.y;
  k.dstW = vp.w;
  k.dstH = vp.h;
  k.dstFull = vp.full;
  k.reduced = reduced;
  glBindVertexArray(0);
  gldebug::check("Renderer::renderScene");
  return true;
}

Image Renderer::renderViewImage(const FrameParams& params, const DrawList& list, int width,
                                int height) {
  Impl& m = *impl_;
  const int keepW = width_, keepH = height_;
  // The targets at the image's size for one frame (a screenshot is rare: reallocating them
  // twice costs less than keeping a second set), then back; the next frame draws anew.
  resize(width, height);
  FrameParams p = params;
  p.viewport = {0, 0, width, height};
  p.resolutionScale = 1.0f;
  p.multisample = true;
  renderView(p, list);
  Image img;
  img.width = width;
  img.height = height;
  img.rgba.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4u);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m.resolveFbo.get());
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  const std::size_t row = static_cast<std::size_t>(width) * 4u;
  for (int y = 0; y < height / 2; ++y) {
    std::swap_ranges(
        img.rgba.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y) * row),
        img.rgba.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y + 1) * row),
        img.rgba.begin() +
            static_cast<std::ptrdiff_t>(static_cast<std::size_t>(height - 1 - y) * row));
  }
  for (std::size_t i = 0; i + 3 < img.rgba.size(); i += 4) {
    std::uint8_t* px = &img.rgba[i];
    if (!p.transparentBackground) {
      px[3] = 255;
    } else if (px[3] > 0 && px[3] < 255) {
      // The resolve averaged colour over transparent black: back to straight alpha for PNG.
      for (int c = 0; c < 3; ++c) {
        px[c] = static_cast<std::uint8_t>(std::min(255, px[c] * 255 / px[3]));
      }
    }
  }
  resize(keepW, keepH);
  invalidateCaches();
  gldebug::check("Renderer::renderViewImage");
  return img;
}

// Copies the kept view into the output target (upscaled when it was reduced) and clears
// around a partial view for the panels.
void Renderer::presentKept(const glm::vec3& outsideColor) {
  Impl& m = *impl_;
  const Impl::Kept& k = m.kept;
  const GLuint outFbo = m.config.offscreen ? m.outFbo.get() : 0;
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, outFbo);
  if (!k.dstFull) {
    glViewport(0, 0, width_, height_);
    glClearColor(outsideColor.r, outsideColor.g, outsideColor.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
  }
  glBindFramebuffer(GL_READ_FRAMEBUFFER, k.reduced ? m.aaFbo.get() : m.resolveFbo.get());
  glBlitFramebuffer(k.srcX, k.srcY, k.srcX + k.srcW, k.srcY + k.srcH, k.dstX, k.dstY,
                    k.dstX + k.dstW, k.dstY + k.dstH, GL_COLOR_BUFFER_BIT,
                    k.reduced ? GL_LINEAR : GL_NEAREST);
  glViewport(0, 0, width_, height_);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  m.endPass(m.times.resolve);
}

void Renderer::renderImGui(ImDrawData* drawData) {
  if (drawData == nullptr) return;
  glBindFramebuffer(GL_FRAMEBUFFER, impl_->config.offscreen ? impl_->outFbo.get() : 0);
  if (impl_->timing) {
    glFinish();
    impl_->passStart = std::chrono::steady_clock::now();
  }
  glViewport(0, 0, width_, height_);
  ImGui_ImplOpenGL3_RenderDrawData(drawData);
  impl_->endPass(impl_->times.ui);
  gldebug::check("Renderer::renderImGui");
}

void Renderer::finish() {
  glFinish();
}

Image Renderer::capture() const {
  Image img;
  img.width = width_;
  img.height = height_;
  img.rgba.resize(static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_) * 4u);
  captureInto(img.rgba.data());
  return img;
}

void Renderer::captureInto(std::uint8_t* rgba) const {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, impl_->config.offscreen ? impl_->outFbo.get() : 0);
  if (!impl_->config.offscreen) glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
  // GL rows run bottom-up; images run top-down.
  const std::size_t row = static_cast<std::size_t>(width_) * 4u;
  for (int y = 0; y < height_ / 2; ++y) {
    std::swap_ranges(rgba + static_cast<std::size_t>(y) * row,
                     rgba + static_cast<std::size_t>(y + 1) * row,
                     rgba + static_cast<std::size_t>(height_ - 1 - y) * row);
  }
  // The window's alpha channel is not meaningful for a screenshot.
  const std::size_t bytes = row * static_cast<std::size_t>(height_);
  for (std::size_t i = 3; i < bytes; i += 4) rgba[i] = 255;
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  gldebug::check("Renderer::capture");
}

std::optional<float> Renderer::depthAt(int x, int y) {
  if (x < 0 || y < 0 || x >= width_ || y >= height_) return std::nullopt;
  Impl& m = *impl_;
  const Impl::Kept& k = m.kept;
  if (!k.valid) return std::nullopt;
  int rx = x, ry = height_ - 1 - y;  // GL convention
  if (k.reduced) {
    // The reduced view holds its own depth: map the pixel into it.
    if (rx < k.dstX || rx >= k.dstX + k.dstW || ry < k.dstY || ry >= k.dstY + k.dstH) {
      return std::nullopt;
    }
    rx = k.srcX + (rx - k.dstX) * k.srcW / k.dstW;
    ry = k.srcY + (ry - k.dstY) * k.srcH / k.dstH;
  } else {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, m.msaaFbo.get());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, m.resolveFbo.get());
    glBlitFramebuffer(0, 0, width_, height_, 0, 0, width_, height_, GL_DEPTH_BUFFER_BIT,
                      GL_NEAREST);
  }
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m.resolveFbo.get());
  float depth = 1.0f;
  glReadPixels(rx, ry, 1, 1, GL_DEPTH_COMPONENT, GL_FLOAT, &depth);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  gldebug::check("Renderer::depthAt");
  if (depth >= 1.0f) return std::nullopt;
  return depth;
}

PickResult Renderer::pick(const FrameParams& p, const DrawList& list, int x, int y) {
  PickResult result;
  if (x < 0 || y < 0 || x >= width_ || y >= height_) return result;
  Impl& m = *impl_;
  const int glY = height_ - 1 - y;
  const GlRect vp = glViewportRect(p.viewport, width_, height_);
  if (x < vp.x || x >= vp.x + vp.w || glY < vp.y || glY >= vp.y + vp.h) return result;
  glBindFramebuffer(GL_FRAMEBUFFER, m.pickFbo.get());
  glViewport(vp.x, vp.y, vp.w, vp.h);
  // Only the one pixel is rasterised: picking costs a few draw calls, not a frame.
  glEnable(GL_SCISSOR_TEST);
  glScissor(x, glY, 1, 1);
  const GLuint zero[4] = {0, 0, 0, 0};
  glClearBufferuiv(GL_COLOR, 0, zero);
  glClear(GL_DEPTH_BUFFER_BIT);
  glEnable(GL_DEPTH_TEST);
  glDepthMask(GL_TRUE);
  glDisable(GL_BLEND);
  glUseProgram(m.pickProg.get());
  setMat4(m.pickViewProj, p.projection * p.view);
  const bool tinted = regionsShown(p);
  for (const DrawItem& it : list.items) {
    if (it.pickId == 0 || it.mesh >= m.meshes.size()) continue;
    setMat4(m.pickModel, it.model);
    glUniform1ui(m.pickId, it.pickId);
    glUniform1i(m.pickSkinned, uploadPalette(it));
    draw(m.meshes[it.mesh], viewLod(m.meshes[it.mesh], it, p, vp.h, tinted));
  }
  GLuint ids[2] = {0, 0};
  glReadPixels(x, glY, 1, 1, GL_RG_INTEGER, GL_UNSIGNED_INT, ids);
  glDisable(GL_SCISSOR_TEST);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glBindVertexArray(0);
  gldebug::check("Renderer::pick");
  result.pickId = ids[0];
  result.region = static_cast<std::uint16_t>(ids[1]);
  return result;
}

ViewMeasure Renderer::measureView(const FrameParams& p, const DrawList& list,
                                  const ViewMeasureQuery& q) {
  ViewMeasure result;
  Impl& m = *impl_;
  const GlRect vp = glViewportRect(p.viewport, width_, height_);
  const int div = std::max(q.divisor, 1);
  // The view at 1/div resolution, inside a guard band of its own size on every side: the
  // projection is shrunk 3× about the view's centre, so the target is 3w × 3h and the view
  // is its middle ninth.
  constexpr int kGuard = 3;
  const int w = std::max((vp.w + div - 1) / div, 1), h = std::max((vp.h + div - 1) / div, 1);
  const int W = kGuard * w, H = kGuard * h;
  if (W != m.measureW || H != m.measureH) {
    m.measureW = W;
    m.measureH = H;
    const auto texture = [&](gpu::Texture& t, GLint internal, GLenum format, GLenum type) {
      t = gpu::makeTexture();
      glBindTexture(GL_TEXTURE_2D, t.get());
      glTexImage2D(GL_TEXTURE_2D, 0, internal, W, H, 0, format, type, nullptr);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
      glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    };
    texture(m.measureColor, GL_R32UI, GL_RED_INTEGER, GL_UNSIGNED_INT);
    texture(m.measureDepth, GL_DEPTH_COMPONENT24, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT);
    m.measureFbo = gpu::makeFramebuffer();
    glBindFramebuffer(GL_FRAMEBUFFER, m.measureFbo.get());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D,
                           m.measureColor.get(), 0);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_TEXTURE_2D, m.measureDepth.get(),
                           0);
    m.measurePixels.assign(static_cast<std::size_t>(W) * static_cast<std::size_t>(H), 0u);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, m.measureFbo.get());
  glViewport(0, 0, W, H);
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_BLEND);
  glEnable(GL_CULL_FACE);
  glCullFace(GL_BACK);
  glUseProgram(m.visibilityProg.get());
  const float shrink = 1.0f / static_cast<float>(kGuard);
  const glm::mat4 guard = glm::scale(glm::mat4(1.0f), glm::vec3(shrink, shrink, 1.0f));
  setMat4(m.visViewProj, guard * p.projection * p.view);
  const std::array<std::uint32_t, kMaxPaletteJoints / 32> none{};
  // Bits: 0 the segment, 1 … 7 pick ids 1 … 7, 8 any other opaque item.
  const auto bitsOf = [](const DrawItem& it) -> GLuint {
    return it.pickId >= 1 && it.pickId <= 7 ? (1u << it.pickId) : (1u << 8);
  };
  const auto drawItems = [&](bool pickableOnly) {
    for (const DrawItem& it : list.items) {
      if (it.mesh >= m.meshes.size() || (it.flags & kDrawGhost)) continue;
      if (pickableOnly && (it.pickId == 0 || (!q.silhouettes && it.pickId != q.segmentPickId)))
        continue;
      const bool segment = it.pickId == q.segmentPickId;
      glUniform1uiv(m.visBones, static_cast<GLsizei>(none.size()),
                    segment ? q.segmentBones.data() : none.data());
      glUniform1ui(m.visItemBits, bitsOf(it));
      setMat4(m.visModel, it.model);
      glUniform1i(m.visSkinned, uploadPalette(it));
      draw(m.meshes[it.mesh], viewLod(m.meshes[it.mesh], it, p, vp.h / div, false));
    }
  };
  const auto readBack = [&] {
    glReadPixels(0, 0, W, H, GL_RED_INTEGER, GL_UNSIGNED_INT, m.measurePixels.data());
  };
  const GLuint zero[4] = {0, 0, 0, 0};
  const auto inView = [&](int x, int y) { return x >= w && x < 2 * w && y >= h && y < 2 * h; };

  // 1. What is in front: every opaque item with depth.
  glClearBufferuiv(GL_COLOR, 0, zero);
  glClear(GL_DEPTH_BUFFER_BIT);
  glEnable(GL_DEPTH_TEST);
  glDepthMask(GL_TRUE);
  drawItems(false);
  readBack();
  for (int y = h; y < 2 * h; ++y) {
    for (int x = w; x < 2 * w; ++x) {
      result.segmentVisible += static_cast<int>(
          m.measurePixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(W) +
                          static_cast<std::size_t>(x)] &
          1u);
    }
  }

  // 2. Every silhouette whole: the pickable items without depth, their bits OR-ed.
  glClearBufferuiv(GL_COLOR, 0, zero);
  glDisable(GL_DEPTH_TEST);
  glEnable(GL_COLOR_LOGIC_OP);
  glLogicOp(GL_OR);
  drawItems(true);
  glDisable(GL_COLOR_LOGIC_OP);
  readBack();
  std::array<int, 8> bx0{}, by0{}, bx1{}, by1{};
  bx0.fill(W);
  by0.fill(H);
  bx1.fill(-1);
  by1.fill(-1);
  for (int y = 0; y < H; ++y) {
    for (int x = 0; x < W; ++x) {
      const std::uint32_t v =
          m.measurePixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(W) +
                          static_cast<std::size_t>(x)];
      if (v == 0) continue;
      if (v & 1u) {
        ++result.segmentAlone;
        if (inView(x, y)) ++result.segmentAloneInView;
      }
      for (std::size_t id = 1; id < 8; ++id) {
        if (!(v & (1u << id))) continue;
        bx0[id] = std::min(bx0[id], x);
        bx1[id] = std::max(bx1[id], x);
        by0[id] = std::min(by0[id], y);
        by1[id] = std::max(by1[id], y);
      }
    }
  }
  // Measuring pixels (GL convention, the view at [w, 2w) × [h, 2h)) to output pixels, top-left.
  const float scale = static_cast<float>(vp.w) / static_cast<float>(w);
  const float scaleY = static_cast<float>(vp.h) / static_cast<float>(h);
  for (std::size_t id = 1; id < 8; ++id) {
    if (bx1[id] < 0) continue;
    PixelBounds& b = result.bounds[id];
    b.x0 = static_cast<float>(vp.x) + static_cast<float>(bx0[id] - w) * scale;
    b.x1 = static_cast<float>(vp.x) + static_cast<float>(bx1[id] + 1 - w) * scale;
    const float glY0 = static_cast<float>(vp.y) + static_cast<float>(by0[id] - h) * scaleY;
    const float glY1 = static_cast<float>(vp.y) + static_cast<float>(by1[id] + 1 - h) * scaleY;
    b.y0 = static_cast<float>(height_) - glY1;
    b.y1 = static_cast<float>(height_) - glY0;
  }
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glBindVertexArray(0);
  gldebug::check("Renderer::measureView");
  return result;
}

bool imguiRendererInit() {
  return ImGui_ImplOpenGL3_Init("#version 330 core");
}
void imguiRendererNewFrame() {
  ImGui_ImplOpenGL3_NewFrame();
}
void imguiRendererShutdown() {
  ImGui_ImplOpenGL3_Shutdown();
}

}  // namespace sv
