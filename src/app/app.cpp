#include "app/app.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <imgui.h>
#include <unistd.h>

#include <cstdio>

#include "core/log.h"
#include "core/paths.h"
#include "model/mesh_data.h"
#include "scene/studio.h"
#include "ui/style.h"

namespace sv {

namespace {
// Checked before rendering so a typo fails in milliseconds, not after the frames.
Status checkWritable(const std::filesystem::path& path) {
  std::error_code ec;
  const auto parent = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(parent, ec)) {
    return Error{"cannot write screenshot " + path.string() + ": directory " + parent.string() +
                 " does not exist"};
  }
  if (::access(parent.c_str(), W_OK) != 0) {
    return Error{"cannot write screenshot " + path.string() + ": directory " + parent.string() +
                 " is not writable"};
  }
  if (std::filesystem::is_directory(path, ec)) {
    return Error{"cannot write screenshot " + path.string() + ": it is a directory"};
  }
  return {};
}
}  // namespace

Result<std::unique_ptr<App>> App::create(const Options& options) {
  if (options.screenshot) {
    Status st = checkWritable(*options.screenshot);
    if (!st) return st.error();
  }
  Result<std::unique_ptr<GlContext>> ctx =
      options.headless ? createHeadlessContext(options.width, options.height)
                       : createWindowContext({options.width, options.height, options.vsync});
  if (!ctx) return ctx.error();

  RendererConfig rc;
  rc.shaderDir = dataDir() / "shaders";
  rc.offscreen = (*ctx)->offscreen();
  auto renderer = Renderer::create((*ctx)->loader(), rc);
  if (!renderer) return renderer.error();

  return std::unique_ptr<App>(new App(options, std::move(*ctx), std::move(*renderer)));
}

App::App(Options options, std::unique_ptr<GlContext> ctx, std::unique_ptr<Renderer> r)
    : options_(std::move(options)), ctx_(std::move(ctx)), renderer_(std::move(r)) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout persistence belongs to the app's settings, not cwd
  const float scale = ctx_->contentScale();
  ui::applyStyle(scale);
  if (ctx_->window() != nullptr) {
    imguiPlatform_ = ImGui_ImplGlfw_InitForOpenGL(ctx_->window(), true);
  } else {
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  }
  imguiRendererInit();

  placeholderMesh_ = renderer_->uploadMesh(makeCapsule(0.2f, 1.75f, 64, 24));
  drawList_.items.reserve(64);

  int w = 0, h = 0;
  ctx_->framebufferSize(w, h);
  camera_.setViewport(w, h);
  OrbitState home;
  home.target = {0.0f, 0.85f, 0.0f};
  home.yawDeg = 30.0f;
  home.pitchDeg = 12.0f;
  home.distance = 4.2f;
  camera_.setHome(home);
  camera_.snapTo(home);

  stats_.glRenderer = &renderer_->info().glRenderer;
  stats_.msaaSamples = renderer_->info().samples;
  last_ = statStart_ = std::chrono::steady_clock::now();
}

App::~App() {
  imguiRendererShutdown();
  if (imguiPlatform_) ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  renderer_.reset();  // GL objects die while the context is still current
}

void App::handleInput() {
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantCaptureMouse) {
    const float sx = io.DisplayFramebufferScale.x, sy = io.DisplayFramebufferScale.y;
    const glm::vec2 cursor(io.MousePos.x * sx, io.MousePos.y * sy);
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) {
      camera_.orbit(io.MouseDelta.x * sx, io.MouseDelta.y * sy);
    }
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Right, 0.0f) ||
        ImGui::IsMouseDragging(ImGuiMouseButton_Middle, 0.0f)) {
      camera_.pan(io.MouseDelta.x * sx, io.MouseDelta.y * sy);
    }
    if (io.MouseWheel != 0.0f) camera_.zoomAt(io.MouseWheel, cursor);
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
      if (auto d = renderer_->depthAt(static_cast<int>(cursor.x), static_cast<int>(cursor.y))) {
        camera_.recentre(camera_.unproject(cursor, *d));
      }
    }
  }
  if (!io.WantCaptureKeyboard) {
    if (ImGui::IsKeyPressed(GLFW_KEY_1, false)) camera_.applyPreset(ViewPreset::Front);
    if (ImGui::IsKeyPressed(GLFW_KEY_2, false)) camera_.applyPreset(ViewPreset::Side);
    if (ImGui::IsKeyPressed(GLFW_KEY_3, false)) camera_.applyPreset(ViewPreset::Top);
    if (ImGui::IsKeyPressed(GLFW_KEY_4, false)) camera_.applyPreset(ViewPreset::ThreeQuarter);
    if (ImGui::IsKeyPressed(GLFW_KEY_0, false) || ImGui::IsKeyPressed(GLFW_KEY_HOME, false)) {
      camera_.applyPreset(ViewPreset::Reset);
    }
    if (ImGui::IsKeyPressed(GLFW_KEY_F, false)) {
      fullscreen_ = !fullscreen_;
      ctx_->setFullscreen(fullscreen_);
    }
  }
}

void App::update(float dt) {
  camera_.update(dt);
}

void App::buildDrawList() {
  drawList_.clear();
  DrawItem capsule;
  capsule.mesh = placeholderMesh_;
  capsule.albedo = glm::vec3(0.62f, 0.58f, 0.54f);
  capsule.roughness = 0.75f;
  capsule.pickId = 1;
  drawList_.items.push_back(capsule);
}

void App::drawUi() {
  if (options_.showStats) ui::drawStatsOverlay(stats_);
  ui::drawControlsHint();
}

void App::runFrame() {
  using clock = std::chrono::steady_clock;
  const auto frameStart = clock::now();
  ctx_->pollEvents();
  int w = 0, h = 0;
  ctx_->framebufferSize(w, h);
  renderer_->resize(w, h);
  camera_.setViewport(w, h);

  imguiRendererNewFrame();
  ImGuiIO& io = ImGui::GetIO();
  double elapsed = kStep;
  if (imguiPlatform_) {
    ImGui_ImplGlfw_NewFrame();
    elapsed = std::chrono::duration<double>(frameStart - last_).count();
  } else {
    io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
    io.DeltaTime = static_cast<float>(kStep);
  }
  last_ = frameStart;
  ImGui::NewFrame();
  handleInput();

  // Fixed-step simulation: the visible state depends on time, not on frame rate. Long
  // stalls (debugger, window drag) are capped so the loop never spirals.
  accumulator_ += std::min(elapsed, 0.25);
  const auto updateStart = clock::now();
  while (accumulator_ >= kStep) {
    update(static_cast<float>(kStep));
    accumulator_ -= kStep;
  }
  const double updateUs =
      std::chrono::duration<double, std::micro>(clock::now() - updateStart).count();

  buildDrawList();
  FrameParams params = studioFrameParams(camera_);
  renderer_->renderScene(params, drawList_);
  stats_.width = w;
  stats_.height = h;
  drawUi();
  ImGui::Render();
  renderer_->renderImGui(ImGui::GetDrawData());
  ++frames_;

  const double frameMs =
      std::chrono::duration<double, std::milli>(clock::now() - frameStart).count();
  statAccumMs_ += frameMs;
  statAccumUpdateUs_ += updateUs;
  ++statFrames_;
  const double window = std::chrono::duration<double>(clock::now() - statStart_).count();
  if (window >= 0.5 || stats_.fps == 0.0f) {
    stats_.frameMs = static_cast<float>(statAccumMs_ / statFrames_);
    stats_.fps = static_cast<float>(statFrames_ / std::max(window, 1e-6));
    stats_.updateUs = static_cast<float>(statAccumUpdateUs_ / statFrames_);
    if (!imguiPlatform_) stats_.fps = static_cast<float>(1000.0 / std::max(stats_.frameMs, 1e-3f));
    statAccumMs_ = statAccumUpdateUs_ = 0.0;
    statFrames_ = 0;
    statStart_ = clock::now();
  }
}

Status App::writeScreenshot(const std::filesystem::path& path) const {
  return writePng(renderer_->capture(), path);
}

int App::run() {
  while (!ctx_->shouldClose()) {
    runFrame();
    const bool last = options_.frames > 0 && frames_ >= options_.frames;
    if (last && options_.screenshot) {
      Status st = writeScreenshot(*options_.screenshot);
      if (!st) {
        log::error(st.error().message);
        return 1;
      }
      log::info("wrote " + options_.screenshot->string());
    }
    ctx_->swapBuffers();
    if (last) break;
  }
  // A window closed by the user before --frames ran out still gets its screenshot.
  if (options_.screenshot && options_.frames == 0) {
    log::warn("--screenshot without --frames: no frame was captured");
  }
  return 0;
}

}  // namespace sv
