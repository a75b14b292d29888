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
  // Fullscreen on the monitor the window overlaps most (monitor_pick.h), or back to the
  // window it was.
  virtual void setFullscreen(bool) {}
  virtual bool fullscreen() const { return false; }
  // Makes this context current on the calling thread (a second window's context and the main
  // one take turns).
  virtual void makeCurrent() {}
  // The user asked to close the window (its close button).
  virtual void clearCloseRequest() {}
};

struct WindowConfig {
  int width = 1280;
  int height = 720;
  bool vsync = true;
  std::string title = "stretchviz";
};

// A second window (or, headless, a second surfaceless context) whose GL context shares
// textures, buffers, programs and sync objects with `main`'s; its swaps never wait for vsync
// (the main window's do), so two windows do not halve the frame rate. The main context is
// current again on return.
Result<std::unique_ptr<GlContext>> createSharedContext(GlContext& main, const WindowConfig& config);

// Errors say what to do instead (no display: use --headless or xvfb-run).
Result<std::unique_ptr<GlContext>> createWindowContext(const WindowConfig& config);
Result<std::unique_ptr<GlContext>> createHeadlessContext(int width, int height);

namespace detail {
// createSharedContext's two halves (context_glfw.cpp, context_egl.cpp).
Result<std::unique_ptr<GlContext>> createSharedWindow(GlContext& main, const WindowConfig& config);
Result<std::unique_ptr<GlContext>> createSharedHeadless(GlContext& main, int width, int height);
}  // namespace detail

}  // namespace sv
