#include "app/presenter_window.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <imgui.h>

#include <algorithm>

#include "render/imgui_fonts.h"
#include "render/renderer.h"

namespace sv {

Result<std::unique_ptr<PresenterWindow>> PresenterWindow::open(GlContext& main, int width,
                                                               int height,
                                                               const ui::ModifierKeys& modifiers) {
  WindowConfig config;
  config.width = width;
  config.height = height;
  config.vsync = false;
  config.title = "stretchviz — presenter";
  auto ctx = createSharedContext(main, config);
  if (!ctx) return ctx.error();
  auto w = std::unique_ptr<PresenterWindow>(new PresenterWindow(main, std::move(*ctx)));
  w->modifiers_ = modifiers;
  return w;
}

PresenterWindow::PresenterWindow(GlContext& main, std::unique_ptr<GlContext> ctx)
    : main_(main), ctx_(std::move(ctx)) {
  ImGuiContext* mainUi = ImGui::GetCurrentContext();
  // One font atlas for both contexts: the fonts (ui/style.h) are the same objects in each.
  imgui_ = ImGui::CreateContext(ImGui::GetIO().Fonts);
  ImGui::SetCurrentContext(imgui_);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.ConfigInputTextCursorBlink = false;
  if (ctx_->window() != nullptr) {
    // No callbacks: the window's events go to this window's own queue (as the main one's).
    platform_ = ImGui_ImplGlfw_InitForOpenGL(ctx_->window(), false);
  }
  io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  // Its ImGui renderer draws in the main GL context (into the renderer's output 1).
  imguiRendererInit();
  ImGui::SetCurrentContext(mainUi);
  ctx_->setInputSink(&input_);
  ctx_->makeCurrent();
  view_ = std::make_unique<OutputView>(ctx_->offscreen());
  main_.makeCurrent();
}

PresenterWindow::~PresenterWindow() {
  ctx_->setInputSink(nullptr);
  ctx_->makeCurrent();
  view_.reset();  // its framebuffers belong to the window's context
  main_.makeCurrent();
  ImGuiContext* mainUi = ImGui::GetCurrentContext();
  ImGui::SetCurrentContext(imgui_);
  imguiRendererShutdown();
  if (platform_) ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext(imgui_);
  ImGui::SetCurrentContext(mainUi);
  // The shutdown deleted the shared atlas's texture (the last one the backends made): the
  // main context makes it again.
  imguiRendererReloadFonts();
  ctx_.reset();
}

void PresenterWindow::beginFrame(double now) {
  previous_ = ImGui::GetCurrentContext();
  const ImGuiStyle style = ImGui::GetStyle();  // the workspace's (scaled) style
  ImGui::SetCurrentContext(imgui_);
  ImGui::GetStyle() = style;
  input_.setTime(now);
  int w = 0, h = 0;
  ctx_->framebufferSize(w, h);
  imguiRendererNewFrame();
  ImGuiIO& io = ImGui::GetIO();
  if (platform_) {
    ImGui_ImplGlfw_NewFrame();
  } else {
    io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
  }
  const ui::DrainResult drained = input_.drainFrame(state_);
  inputThisFrame_ = drained.consumed > 0;
  const double dt = std::max(now - last_, 1e-4);
  last_ = now;
  ui::feedImGui(state_, modifiers_, dt);
  ImGui::NewFrame();
}

ImDrawData* PresenterWindow::endFrame() {
  // The window's own keys: F11 or a double-click toggles fullscreen there, Esc leaves it.
  if (ImGui::IsKeyPressed(GLFW_KEY_F11, false) ||
      ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
    ctx_->setFullscreen(!ctx_->fullscreen());
  } else if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false) && ctx_->fullscreen()) {
    ctx_->setFullscreen(false);
  }
  ImGui::Render();
  ImDrawData* d = ImGui::GetDrawData();
  ImGui::SetCurrentContext(previous_);
  return d;
}

void PresenterWindow::renderUi(Renderer& renderer, ImDrawData* drawData) {
  ImGuiContext* keep = ImGui::GetCurrentContext();
  ImGui::SetCurrentContext(imgui_);
  renderer.renderImGui(drawData);
  ImGui::SetCurrentContext(keep);
}

void PresenterWindow::present(Renderer& renderer) {
  int w = 0, h = 0;
  ctx_->framebufferSize(w, h);
  ctx_->makeCurrent();
  view_->present(renderer, 1, w, h);
  if (captureNext_) capture_ = view_->capture();
  ctx_->swapBuffers();
  main_.makeCurrent();
}

}  // namespace sv
