#include "render/gpu.h"

namespace sv::gpu {
namespace detail {
void deleteBuffer(GLuint n) {
  glDeleteBuffers(1, &n);
}
void deleteVertexArray(GLuint n) {
  glDeleteVertexArrays(1, &n);
}
void deleteTexture(GLuint n) {
  glDeleteTextures(1, &n);
}
void deleteFramebuffer(GLuint n) {
  glDeleteFramebuffers(1, &n);
}
void deleteRenderbuffer(GLuint n) {
  glDeleteRenderbuffers(1, &n);
}
void deleteProgram(GLuint n) {
  glDeleteProgram(n);
}
void deleteShader(GLuint n) {
  glDeleteShader(n);
}
}  // namespace detail

Buffer makeBuffer() {
  GLuint n = 0;
  glGenBuffers(1, &n);
  return Buffer(n);
}
VertexArray makeVertexArray() {
  GLuint n = 0;
  glGenVertexArrays(1, &n);
  return VertexArray(n);
}
Texture makeTexture() {
  GLuint n = 0;
  glGenTextures(1, &n);
  return Texture(n);
}
Framebuffer makeFramebuffer() {
  GLuint n = 0;
  glGenFramebuffers(1, &n);
  return Framebuffer(n);
}
Renderbuffer makeRenderbuffer() {
  GLuint n = 0;
  glGenRenderbuffers(1, &n);
  return Renderbuffer(n);
}

}  // namespace sv::gpu
