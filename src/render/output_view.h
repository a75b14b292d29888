// A second GL context's view of a renderer output (the presenter window). Contexts that share
// objects share textures, buffers, programs and sync objects but not framebuffers or vertex
// arrays: this owns that context's framebuffers, and copies the renderer's output 1 (drawn in
// the main context) into its window, or, offscreen (headless), into a texture of its own that
// capture() reads back. Create, use and destroy it with the second context current.
#pragma once

#include <memory>

#include "render/image.h"
#include "render/renderer.h"

namespace sv {

class OutputView {
 public:
  explicit OutputView(bool offscreen);
  ~OutputView();
  OutputView(const OutputView&) = delete;
  OutputView& operator=(const OutputView&) = delete;

  // Copies `renderer`'s output `index` into this context's window (or own target) at
  // width × height pixels.
  void present(Renderer& renderer, int index, int width, int height);
  // What the last present() drew (call before the buffer swap).
  Image capture() const;

 private:
  struct Impl;  // the GL objects (render/gpu.h)
  std::unique_ptr<Impl> impl_;
};

}  // namespace sv
