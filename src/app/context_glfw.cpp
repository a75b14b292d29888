#include <GLFW/glfw3.h>

#include <cstdlib>
#include <string>

#include "app/context.h"

namespace sv {
namespace {

std::string g_glfwError;  // last message from GLFW's error callback (init-time only)

void onGlfwError(int /*code*/, const char* description) {
  g_glfwError = description;
}

class WindowContext final : public GlContext {
 public:
  explicit WindowContext(GLFWwindow* w) : window_(w) {}
  ~WindowContext() override {
    glfwDestroyWindow(window_);
    glfwTerminate();
  }
  GlLoader loader() const override { return reinterpret_cast<GlLoader>(glfwGetProcAddress); }
  bool offscreen() const override { return false; }
  GLFWwindow* window() const override { return window_; }
  void framebufferSize(int& w, int& h) const override { glfwGetFramebufferSize(window_, &w, &h); }
  float contentScale() const override {
    float x = 1.0f, y = 1.0f;
    glfwGetWindowContentScale(window_, &x, &y);
    return x > 0.0f ? x : 1.0f;
  }
  bool shouldClose() const override { return glfwWindowShouldClose(window_) != 0; }
  void pollEvents() override { glfwPollEvents(); }
  void swapBuffers() override { glfwSwapBuffers(window_); }
  void setFullscreen(bool on) override {
    if (on == (glfwGetWindowMonitor(window_) != nullptr)) return;
    if (on) {
      glfwGetWindowPos(window_, &savedX_, &savedY_);
      glfwGetWindowSize(window_, &savedW_, &savedH_);
      GLFWmonitor* m = glfwGetPrimaryMonitor();
      const GLFWvidmode* mode = m ? glfwGetVideoMode(m) : nullptr;
      if (mode)
        glfwSetWindowMonitor(window_, m, 0, 0, mode->width, mode->height, mode->refreshRate);
    } else {
      glfwSetWindowMonitor(window_, nullptr, savedX_, savedY_, savedW_, savedH_, 0);
    }
  }

 private:
  GLFWwindow* window_;
  int savedX_ = 0, savedY_ = 0, savedW_ = 1280, savedH_ = 720;
};

}  // namespace

Result<std::unique_ptr<GlContext>> createWindowContext(const WindowConfig& config) {
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  if ((display == nullptr || *display == '\0') && (wayland == nullptr || *wayland == '\0')) {
    return Error{
        "no display found (DISPLAY is not set). To render without a screen, run\n"
        "  stretchviz --headless --screenshot out.png\n"
        "or start a virtual display: xvfb-run -a -s '-screen 0 1280x720x24' stretchviz"};
  }
  glfwSetErrorCallback(onGlfwError);
  if (!glfwInit()) {
    return Error{"cannot initialise GLFW: " + g_glfwError +
                 "\nTo render without a screen, run stretchviz --headless --screenshot out.png"};
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_OPENGL_DEBUG_CONTEXT, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  // Multisampling happens in the renderer's own target, so the window needs none.
  glfwWindowHint(GLFW_SAMPLES, 0);
  GLFWwindow* w =
      glfwCreateWindow(config.width, config.height, config.title.c_str(), nullptr, nullptr);
  if (w == nullptr) {
    const std::string reason = g_glfwError;
    glfwTerminate();
    return Error{"cannot create an OpenGL 3.3 core window: " + reason};
  }
  glfwMakeContextCurrent(w);
  glfwSwapInterval(config.vsync ? 1 : 0);
  return std::unique_ptr<GlContext>(new WindowContext(w));
}

}  // namespace sv
