// The presenter's second window: its own GLFW window (a second surfaceless EGL context when
// headless) whose GL context shares objects with the main one, its own Dear ImGui context
// (sharing the main one's font atlas and copying its style) and its own input queue. The app
// draws the presenter view of the session into the renderer's output 1 in the main context;
// present() shows that image in this window (render/output_view.h). F11 or a double-click
// toggles fullscreen on the monitor the window is on, Esc leaves it; its close button asks the
// app to close it (the workspace stays).
#pragma once

#include <memory>

#include "app/context.h"
#include "core/result.h"
#include "render/image.h"
#include "render/output_view.h"
#include "ui/imgui_input.h"
#include "ui/input_queue.h"

struct ImGuiContext;
struct ImDrawData;
struct ImFontAtlas;

namespace sv {

class PresenterWindow {
 public:
  // Opens the window at width × height. The main GL context and ImGui context are current on
  // entry and on return.
  static Result<std::unique_ptr<PresenterWindow>> open(GlContext& main, int width, int height,
                                                       const ui::ModifierKeys& modifiers);
  ~PresenterWindow();  // the main GL and ImGui contexts must be current
  PresenterWindow(const PresenterWindow&) = delete;
  PresenterWindow& operator=(const PresenterWindow&) = delete;

  // The window's UI frame: makes its ImGui context current (the fonts and style are the main
  // context's), feeds it this frame's events and starts the frame at the window's size. Draw
  // the presenter UI in between; endFrame() renders it, handles the window's own keys and
  // makes the main ImGui context current again.
  void beginFrame(double now);
  ImDrawData* endFrame();
  // Draws `drawData` with this window's ImGui renderer (call in the main GL context, the
  // renderer's output 1 selected).
  void renderUi(Renderer& renderer, ImDrawData* drawData);
  // Copies the renderer's output 1 into the window and swaps (never waiting for vsync).
  void present(Renderer& renderer);
  // The window's content as last presented (headless: its own target).
  const Image& lastCapture() const { return capture_; }
  void setCaptureNext(bool on) { captureNext_ = on; }

  void framebufferSize(int& w, int& h) const { ctx_->framebufferSize(w, h); }
  // The user closed the window, resized or exposed it, or used its keys.
  bool closeRequested() const { return ctx_->shouldClose(); }
  bool takeDamage() { return ctx_->takeDamage() || inputThisFrame_; }
  bool fullscreen() const { return ctx_->fullscreen(); }
  void setFullscreen(bool on) { ctx_->setFullscreen(on); }
  ui::InputQueue& input() { return input_; }

 private:
  PresenterWindow(GlContext& main, std::unique_ptr<GlContext> ctx);
  GlContext& main_;
  std::unique_ptr<GlContext> ctx_;
  ImGuiContext* imgui_ = nullptr;
  ImGuiContext* previous_ = nullptr;
  bool platform_ = false;  // ImGui's GLFW backend on the window (not headless)
  ui::ModifierKeys modifiers_;
  ui::InputQueue input_;
  ui::InputState state_;
  bool inputThisFrame_ = false;
  double last_ = 0.0;
  std::unique_ptr<OutputView> view_;  // lives in ctx_
  Image capture_;
  bool captureNext_ = false;
};

}  // namespace sv
