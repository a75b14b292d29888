// RAII owners of OpenGL objects. Each owns exactly one GL name, is movable and not copyable,
// and deletes its name on destruction. A GL context must be current on this thread for the
// whole lifetime of every object.
#pragma once

#include <utility>

#include "render/gl.h"

namespace sv::gpu {

template <void (*Delete)(GLuint)>
class Handle {
 public:
  Handle() = default;
  explicit Handle(GLuint name) : name_(name) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& o) noexcept : name_(std::exchange(o.name_, 0)) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      reset();
      name_ = std::exchange(o.name_, 0);
    }
    return *this;
  }
  ~Handle() { reset(); }

  GLuint get() const { return name_; }
  explicit operator bool() const { return name_ != 0; }
  void reset() {
    if (name_ != 0) Delete(name_);
    name_ = 0;
  }

 private:
  GLuint name_ = 0;
};

namespace detail {
void deleteBuffer(GLuint n);
void deleteVertexArray(GLuint n);
void deleteTexture(GLuint n);
void deleteFramebuffer(GLuint n);
void deleteRenderbuffer(GLuint n);
void deleteProgram(GLuint n);
void deleteShader(GLuint n);
}  // namespace detail

using Buffer = Handle<detail::deleteBuffer>;
using VertexArray = Handle<detail::deleteVertexArray>;
using Texture = Handle<detail::deleteTexture>;
using Framebuffer = Handle<detail::deleteFramebuffer>;
using Renderbuffer = Handle<detail::deleteRenderbuffer>;
using Program = Handle<detail::deleteProgram>;
using Shader = Handle<detail::deleteShader>;

Buffer makeBuffer();
VertexArray makeVertexArray();
Texture makeTexture();
Framebuffer makeFramebuffer();
Renderbuffer makeRenderbuffer();

}  // namespace sv::gpu
