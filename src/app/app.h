// The application: context + renderer + UI + scene, and one frame of the main loop.
//
// Linear lifetime in the manner of Dear ImGui's examples: create() initialises everything in
// order, the destructor shuts down in reverse. runFrame() = poll input → fixed-step update →
// build the draw list → render scene → render UI → (capture) → present.
#pragma once

#include <chrono>
#include <memory>

#include "app/cli.h"
#include "app/context.h"
#include "camera/orbit_camera.h"
#include "core/result.h"
#include "render/renderer.h"
#include "scene/draw_list.h"
#include "ui/stats_overlay.h"

namespace sv {

class App {
 public:
  static Result<std::unique_ptr<App>> create(const Options& options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Runs until the window closes or options.frames have been rendered; writes the screenshot
  // if one was asked for. Returns the process exit code.
  int run();
  // One frame. Headless frames advance the simulation by exactly one fixed step, so a given
  // --frames count always yields the same image.
  void runFrame();
  Status writeScreenshot(const std::filesystem::path& path) const;

  Renderer& renderer() { return *renderer_; }
  OrbitCamera& camera() { return camera_; }
  int framesRendered() const { return frames_; }

 private:
  App(Options options, std::unique_ptr<GlContext> ctx, std::unique_ptr<Renderer> r);
  void handleInput();
  void update(float dt);
  void buildDrawList();
  void drawUi();

  Options options_;
  std::unique_ptr<GlContext> ctx_;
  std::unique_ptr<Renderer> renderer_;
  OrbitCamera camera_;
  DrawList drawList_;
  MeshId placeholderMesh_ = kNoMesh;
  bool imguiPlatform_ = false;
  bool fullscreen_ = false;

  // Timing (real time for the window, fixed steps headless).
  static constexpr double kStep = 1.0 / 60.0;
  double accumulator_ = 0.0;
  std::chrono::steady_clock::time_point last_;
  int frames_ = 0;
  ui::FrameStats stats_;
  double statAccumMs_ = 0.0;
  double statAccumUpdateUs_ = 0.0;
  int statFrames_ = 0;
  std::chrono::steady_clock::time_point statStart_;
};

}  // namespace sv
