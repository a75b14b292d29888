#include "render/output_view.h"

#include <algorithm>

#include "render/gl_debug.h"
#include "render/gpu.h"

namespace sv {

struct OutputView::Impl {
  bool offscreen_ = false;
  gpu::Framebuffer readFbo_;
  gpu::Framebuffer drawFbo_;  // offscreen only
  gpu::Texture drawColor_;
  int width_ = 0, height_ = 0;
};

OutputView::OutputView(bool offscreen) : impl_(std::make_unique<Impl>()) {
  impl_->offscreen_ = offscreen;
}
OutputView::~OutputView() = default;

void OutputView::present(Renderer& renderer, int index, int width, int height) {
  Impl& m = *impl_;
  width = std::max(width, 1);
  height = std::max(height, 1);
  if (!m.readFbo_) m.readFbo_ = gpu::makeFramebuffer();
  if (m.offscreen_ && (width != m.width_ || height != m.height_ || !m.drawFbo_)) {
    m.drawColor_ = gpu::makeTexture();
    glBindTexture(GL_TEXTURE_2D, m.drawColor_.get());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glBindTexture(GL_TEXTURE_2D, 0);
    m.drawFbo_ = gpu::makeFramebuffer();
    glBindFramebuffer(GL_FRAMEBUFFER, m.drawFbo_.get());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m.drawColor_.get(),
                           0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
  }
  m.width_ = width;
  m.height_ = height;
  renderer.presentOutput(index, m.readFbo_.get(), m.offscreen_ ? m.drawFbo_.get() : 0u, width,
                         height);
  gldebug::check("OutputView::present");
}

Image OutputView::capture() const {
  const Impl& m = *impl_;
  Image img;
  img.width = m.width_;
  img.height = m.height_;
  if (m.width_ <= 0 || m.height_ <= 0) return img;
  img.rgba.resize(static_cast<std::size_t>(m.width_) * static_cast<std::size_t>(m.height_) * 4u);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m.offscreen_ ? m.drawFbo_.get() : 0u);
  if (!m.offscreen_) glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, m.width_, m.height_, GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  const std::size_t row = static_cast<std::size_t>(m.width_) * 4u;
  for (int y = 0; y < m.height_ / 2; ++y) {
    std::swap_ranges(
        img.rgba.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y) * row),
        img.rgba.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y + 1) * row),
        img.rgba.begin() +
            static_cast<std::ptrdiff_t>(static_cast<std::size_t>(m.height_ - 1 - y) * row));
  }
  for (std::size_t i = 3; i < img.rgba.size(); i += 4) img.rgba[i] = 255;
  gldebug::check("OutputView::capture");
  return img;
}

}  // namespace sv
