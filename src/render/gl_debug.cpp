#include "render/gl_debug.h"

#include <atomic>
#include <string>

#include "core/log.h"
#include "render/gl.h"

namespace sv::gldebug {
namespace {
std::atomic<int> g_errors{0};

const char* errorName(GLenum e) {
  switch (e) {
    case GL_INVALID_ENUM:
      return "GL_INVALID_ENUM";
    case GL_INVALID_VALUE:
      return "GL_INVALID_VALUE";
    case GL_INVALID_OPERATION:
      return "GL_INVALID_OPERATION";
    case GL_INVALID_FRAMEBUFFER_OPERATION:
      return "GL_INVALID_FRAMEBUFFER_OPERATION";
    case GL_OUT_OF_MEMORY:
      return "GL_OUT_OF_MEMORY";
    default:
      return "GL error";
  }
}

void GLAD_API_PTR onMessage(GLenum /*source*/, GLenum type, GLuint id, GLenum severity,
                            GLsizei length, const GLchar* message, const void* /*user*/) {
  const std::string text = "GL: " + std::string(message, static_cast<std::size_t>(length)) +
                           " (id " + std::to_string(id) + ")";
  if (type == GL_DEBUG_TYPE_ERROR) {
    g_errors.fetch_add(1);
    log::error(text);
  } else if (severity == GL_DEBUG_SEVERITY_HIGH || severity == GL_DEBUG_SEVERITY_MEDIUM) {
    log::warn(text);
  } else {
    log::debug(text);
  }
}
}  // namespace

bool install() {
  if (!GLAD_GL_KHR_debug || glDebugMessageCallback == nullptr) return false;
  glEnable(GL_DEBUG_OUTPUT);
  glEnable(GL_DEBUG_OUTPUT_SYNCHRONOUS);
  glDebugMessageCallback(onMessage, nullptr);
  glDebugMessageControl(GL_DONT_CARE, GL_DONT_CARE, GL_DONT_CARE, 0, nullptr, GL_TRUE);
  return true;
}

void check(const char* where) {
  for (GLenum e = glGetError(); e != GL_NO_ERROR; e = glGetError()) {
    g_errors.fetch_add(1);
    log::error(std::string(errorName(e)) + " at " + where);
  }
}

int errorCount() {
  return g_errors.load();
}
void resetErrorCount() {
  g_errors.store(0);
}

}  // namespace sv::gldebug
