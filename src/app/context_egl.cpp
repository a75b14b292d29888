#include <EGL/egl.h>
#include <EGL/eglext.h>

#include <string>

#include "app/context.h"

namespace sv {
namespace {

std::string eglErrorText(EGLint e) {
  switch (e) {
    case EGL_NOT_INITIALIZED:
      return "EGL_NOT_INITIALIZED";
    case EGL_BAD_ALLOC:
      return "EGL_BAD_ALLOC";
    case EGL_BAD_ATTRIBUTE:
      return "EGL_BAD_ATTRIBUTE";
    case EGL_BAD_CONFIG:
      return "EGL_BAD_CONFIG";
    case EGL_BAD_CONTEXT:
      return "EGL_BAD_CONTEXT";
    case EGL_BAD_DISPLAY:
      return "EGL_BAD_DISPLAY";
    case EGL_BAD_MATCH:
      return "EGL_BAD_MATCH";
    default:
      return "EGL error " + std::to_string(e);
  }
}

const EGLint kContextAttribs[] = {EGL_CONTEXT_MAJOR_VERSION,
                                  3,
                                  EGL_CONTEXT_MINOR_VERSION,
                                  3,
                                  EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                  EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                                  EGL_CONTEXT_OPENGL_DEBUG,
                                  EGL_TRUE,
                                  EGL_NONE};

class HeadlessContext final : public GlContext {
 public:
  // `main`: a second context, sharing objects with main's (the display is main's to end).
  HeadlessContext(EGLDisplay d, EGLConfig cfg, EGLContext c, int w, int h,
                  const HeadlessContext* main = nullptr)
      : dpy_(d), config_(cfg), ctx_(c), w_(w), h_(h), main_(main) {}
  ~HeadlessContext() override {
    if (main_ != nullptr) {
      // The main context stays current for whoever continues.
      eglMakeCurrent(dpy_, EGL_NO_SURFACE, EGL_NO_SURFACE, main_->ctx_);
      eglDestroyContext(dpy_, ctx_);
      return;
    }
    eglMakeCurrent(dpy_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroyContext(dpy_, ctx_);
    eglTerminate(dpy_);
  }
  void makeCurrent() override { eglMakeCurrent(dpy_, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx_); }
  EGLDisplay display() const { return dpy_; }
  EGLConfig config() const { return config_; }
  EGLContext context() const { return ctx_; }
  GlLoader loader() const override { return reinterpret_cast<GlLoader>(eglGetProcAddress); }
  bool offscreen() const override { return true; }
  void framebufferSize(int& w, int& h) const override {
    w = w_;
    h = h_;
  }

 private:
  EGLDisplay dpy_;
  EGLConfig config_;
  EGLContext ctx_;
  int w_, h_;
  const HeadlessContext* main_;
};

}  // namespace

Result<std::unique_ptr<GlContext>> createHeadlessContext(int width, int height) {
  auto getPlatformDisplay = reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(
      eglGetProcAddress("eglGetPlatformDisplayEXT"));
  if (getPlatformDisplay == nullptr) {
    return Error{"headless rendering needs EGL_EXT_platform_base (Mesa's libEGL)"};
  }
  EGLDisplay dpy = getPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
  EGLint major = 0, minor = 0;
  if (dpy == EGL_NO_DISPLAY || !eglInitialize(dpy, &major, &minor)) {
    return Error{"cannot open a headless EGL display (Mesa surfaceless platform): " +
                 eglErrorText(eglGetError()) + ". Is libgl1-mesa-dri installed?"};
  }
  if (!eglBindAPI(EGL_OPENGL_API)) {
    eglTerminate(dpy);
    return Error{"EGL cannot bind the desktop OpenGL API"};
  }
  const EGLint configAttribs[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE,
                                  EGL_OPENGL_BIT, EGL_NONE};
  EGLConfig config = nullptr;
  EGLint count = 0;
  if (!eglChooseConfig(dpy, configAttribs, &config, 1, &count) || count < 1) {
    eglTerminate(dpy);
    return Error{"no EGL config supports desktop OpenGL"};
  }
  EGLContext ctx = eglCreateContext(dpy, config, EGL_NO_CONTEXT, kContextAttribs);
  if (ctx == EGL_NO_CONTEXT) {
    const std::string reason = eglErrorText(eglGetError());
    eglTerminate(dpy);
    return Error{"cannot create a headless OpenGL 3.3 core context: " + reason};
  }
  if (!eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx)) {
    const std::string reason = eglErrorText(eglGetError());
    eglDestroyContext(dpy, ctx);
    eglTerminate(dpy);
    return Error{"cannot make the headless context current: " + reason};
  }
  return std::unique_ptr<GlContext>(new HeadlessContext(dpy, config, ctx, width, height));
}

Result<std::unique_ptr<GlContext>> detail::createSharedHeadless(GlContext& main, int width,
                                                                int height) {
  auto* m = dynamic_cast<HeadlessContext*>(&main);
  if (m == nullptr) return Error{"no headless context to share objects with"};
  EGLContext ctx = eglCreateContext(m->display(), m->config(), m->context(), kContextAttribs);
  if (ctx == EGL_NO_CONTEXT) {
    return Error{"cannot create a second headless context: " + eglErrorText(eglGetError())};
  }
  return std::unique_ptr<GlContext>(
      new HeadlessContext(m->display(), m->config(), ctx, width, height, m));
}

}  // namespace sv
