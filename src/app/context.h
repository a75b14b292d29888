// OpenGL context creation: a GLFW window, or a headless EGL (Mesa surfaceless) context.
//
// Platform code only: no GL calls here beyond making the context current; the renderer loads
// the entry points with loader().
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "render/renderer.h"

struct GLFWwindow;

namespace sv {

class GlContext {
 public:
  virtual ~GlContext() = default;
  virtual GlLoader loader() const = 0;
  virtual bool offscreen() const = 0;
  // The window, or null when headless.
  virtual GLFWwindow* window() const { return nullptr; }
  // Framebuffer size in pixels and content scale (high-DPI factor, 1 when headless).
  virtual void framebufferSize(int& w, int& h) const = 0;
  virtual float contentScale() const { return 1.0f; }
  virtual bool shouldClose() const { return false; }
  virtual void pollEvents() {}
  virtual void swapBuffers() {}
  virtual void setFullscreen(bool) {}
};

struct WindowConfig {
  int width = 1280;
  int height = 720;
  bool vsync = true;
  std::string title = "stretchviz";
};

// Errors say what to do instead (no display: use --headless or xvfb-run).
Result<std::unique_ptr<GlContext>> createWindowContext(const WindowConfig& config);
Result<std::unique_ptr<GlContext>> createHeadlessContext(int width, int height);

}  // namespace sv
