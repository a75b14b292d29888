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

namespace ui {
class InputQueue;
}

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
  // Window events (keys, mouse, text, focus) go to `queue` as they arrive, from inside
  // pollEvents()/waitEvents(); null stops that. The queue must outlive the context or be unset.
  virtual void setInputSink(ui::InputQueue* /*queue*/) {}
  virtual void pollEvents() {}
  // Blocks until an event arrives or `timeoutSeconds` pass, then handles events as
  // pollEvents() does.
  virtual void waitEvents(double /*timeoutSeconds*/) {}
  // True once after the window was exposed, resized or otherwise needs drawing again although
  // nothing in the app changed.
  virtual bool takeDamage() { return false; }
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
