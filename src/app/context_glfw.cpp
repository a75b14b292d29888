#include <GLFW/glfw3.h>

#include <cstdlib>
#include <string>

#include <vector>

#include "app/context.h"
#include "app/monitor_pick.h"
#include "ui/input_queue.h"

namespace sv {
namespace {

std::string g_glfwError;  // last message from GLFW's error callback (init-time only)

void onGlfwError(int /*code*/, const char* description) {
  g_glfwError = description;
}

class WindowContext final : public GlContext {
 public:
  // `ownsGlfw`: the main window terminates GLFW when it goes; a second window does not.
  explicit WindowContext(GLFWwindow* w, bool ownsGlfw = true) : window_(w), ownsGlfw_(ownsGlfw) {
    glfwSetWindowUserPointer(window_, this);
    glfwSetKeyCallback(window_, onKey);
    glfwSetCharCallback(window_, onChar);
    glfwSetMouseButtonCallback(window_, onMouseButton);
    glfwSetCursorPosCallback(window_, onCursorPos);
    glfwSetCursorEnterCallback(window_, onCursorEnter);
    glfwSetScrollCallback(window_, onScroll);
    glfwSetWindowFocusCallback(window_, onFocus);
    glfwSetWindowRefreshCallback(window_, onDamage);
    glfwSetFramebufferSizeCallback(window_, onResize);
  }
  ~WindowContext() override {
    glfwDestroyWindow(window_);
    if (ownsGlfw_) glfwTerminate();
  }
  void makeCurrent() override { glfwMakeContextCurrent(window_); }
  void clearCloseRequest() override { glfwSetWindowShouldClose(window_, GLFW_FALSE); }
  bool fullscreen() const override { return glfwGetWindowMonitor(window_) != nullptr; }
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
  void setInputSink(ui::InputQueue* queue) override { sink_ = queue; }
  void pollEvents() override { glfwPollEvents(); }
  void waitEvents(double timeoutSeconds) override {
    if (timeoutSeconds > 0.0)
      glfwWaitEventsTimeout(timeoutSeconds);
    else
      glfwPollEvents();
  }
  bool takeDamage() override {
    const bool d = damaged_;
    damaged_ = false;
    return d;
  }
  void swapBuffers() override { glfwSwapBuffers(window_); }
  void setFullscreen(bool on) override {
    if (on == (glfwGetWindowMonitor(window_) != nullptr)) return;
    if (on) {
      glfwGetWindowPos(window_, &savedX_, &savedY_);
      glfwGetWindowSize(window_, &savedW_, &savedH_);
      GLFWmonitor* m = monitorUnder();
      const GLFWvidmode* mode = m ? glfwGetVideoMode(m) : nullptr;
      if (mode)
        glfwSetWindowMonitor(window_, m, 0, 0, mode->width, mode->height, mode->refreshRate);
    } else {
      glfwSetWindowMonitor(window_, nullptr, savedX_, savedY_, savedW_, savedH_, 0);
    }
  }

 private:
  // The monitor the window overlaps most (the one it was dragged onto).
  GLFWmonitor* monitorUnder() const {
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    if (monitors == nullptr || count <= 0) return glfwGetPrimaryMonitor();
    std::vector<ScreenRect> rects(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
      ScreenRect& r = rects[static_cast<std::size_t>(i)];
      glfwGetMonitorPos(monitors[i], &r.x, &r.y);
      if (const GLFWvidmode* mode = glfwGetVideoMode(monitors[i])) {
        r.width = mode->width;
        r.height = mode->height;
      }
    }
    ScreenRect w;
    glfwGetWindowPos(window_, &w.x, &w.y);
    glfwGetWindowSize(window_, &w.width, &w.height);
    const int i = pickMonitor(w, rects);
    return i >= 0 ? monitors[i] : glfwGetPrimaryMonitor();
  }

  // GLFW's callbacks, recorded in the input queue in the order they arrive. Key repeats are
  // dropped (the UI repeats held keys itself) but still wake waitEvents().
  static WindowContext* self(GLFWwindow* w) {
    return static_cast<WindowContext*>(glfwGetWindowUserPointer(w));
  }
  static void onKey(GLFWwindow* w, int key, int /*scancode*/, int action, int /*mods*/) {
    ui::InputQueue* q = self(w)->sink_;
    if (q == nullptr || key < 0 || action == GLFW_REPEAT) return;
    q->key(key, action == GLFW_PRESS);
  }
  static void onChar(GLFWwindow* w, unsigned int c) {
    if (ui::InputQueue* q = self(w)->sink_) q->character(c);
  }
  static void onMouseButton(GLFWwindow* w, int button, int action, int /*mods*/) {
    if (ui::InputQueue* q = self(w)->sink_) q->mouseButton(button, action == GLFW_PRESS);
  }
  static void onCursorPos(GLFWwindow* w, double x, double y) {
    if (ui::InputQueue* q = self(w)->sink_)
      q->mouseMove(static_cast<float>(x), static_cast<float>(y));
  }
  static void onCursorEnter(GLFWwindow* w, int entered) {
    ui::InputQueue* q = self(w)->sink_;
    if (q == nullptr || entered) return;
    // A drag that leaves the window keeps reporting positions; otherwise the mouse is gone.
    for (int b = 0; b < ui::kMouseButtons; ++b) {
      if (glfwGetMouseButton(w, b) == GLFW_PRESS) return;
    }
    q->mouseMove(ui::kNoMouse, ui::kNoMouse);
  }
  static void onScroll(GLFWwindow* w, double dx, double dy) {
    if (ui::InputQueue* q = self(w)->sink_)
      q->wheel(static_cast<float>(dx), static_cast<float>(dy));
  }
  static void onFocus(GLFWwindow* w, int focused) {
    if (ui::InputQueue* q = self(w)->sink_) q->focus(focused != 0);
  }
  static void onDamage(GLFWwindow* w) { self(w)->damaged_ = true; }
  static void onResize(GLFWwindow* w, int, int) { self(w)->damaged_ = true; }

  GLFWwindow* window_;
  bool ownsGlfw_ = true;
  ui::InputQueue* sink_ = nullptr;
  bool damaged_ = true;  // the first frame must be drawn
  int savedX_ = 0, savedY_ = 0, savedW_ = 1280, savedH_ = 720;
};

}  // namespace

Result<std::unique_ptr<GlContext>> createSharedContext(GlContext& main,
                                                       const WindowConfig& config) {
  if (main.window() != nullptr) return detail::createSharedWindow(main, config);
  return detail::createSharedHeadless(main, config.width, config.height);
}

Result<std::unique_ptr<GlContext>> detail::createSharedWindow(GlContext& main,
                                                              const WindowConfig& config) {
  // The hints of the main window's context still hold (GLFW keeps them until reset).
  GLFWwindow* w =
      glfwCreateWindow(config.width, config.height, config.title.c_str(), nullptr, main.window());
  if (w == nullptr) {
    main.makeCurrent();
    return Error{"cannot open a second window: " + g_glfwError};
  }
  glfwMakeContextCurrent(w);
  glfwSwapInterval(0);  // the main window's swap waits for vsync; one wait per frame
  auto ctx = std::unique_ptr<GlContext>(new WindowContext(w, false));
  main.makeCurrent();
  return ctx;
}

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
