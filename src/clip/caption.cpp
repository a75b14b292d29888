#include "clip/caption.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace sv::clip {
namespace {

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
struct FontDeleter {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

// A layout of `text` wrapped at `width` pixels in the sans face at `px` pixels.
LayoutPtr makeLayout(cairo_t* cr, const std::string& text, int width, double px, bool bold) {
  LayoutPtr layout(pango_cairo_create_layout(cr));
  std::unique_ptr<PangoFontDescription, FontDeleter> font(pango_font_description_new());
  pango_font_description_set_family(font.get(), "Inter, DejaVu Sans, sans-serif");
  pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_SEMIBOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(font.get(), px * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_width(layout.get(), width * PANGO_SCALE);
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  return layout;
}

int heightOf(PangoLayout* l) {
  int w = 0, h = 0;
  pango_layout_get_pixel_size(l, &w, &h);
  return h;
}

int widthOf(PangoLayout* l) {
  int w = 0, h = 0;
  pango_layout_get_pixel_size(l, &w, &h);
  return w;
}

}  // namespace

Status drawCaption(std::uint8_t* rgba, int width, int height, std::size_t stride,
                   const Caption& caption) {
  if (rgba == nullptr || width <= 0 || height <= 0) return Error{"caption: empty frame"};
  if (stride == 0) stride = static_cast<std::size_t>(width) * 4;
  const double headPx = std::max(11.0, height / 24.0);
  const double detailPx = std::max(9.0, height / 34.0);
  const int pad = static_cast<int>(std::lround(headPx * 0.6));
  const int countdownWidth = caption.countdown >= 0 ? static_cast<int>(headPx * 3.2) : 0;
  const int textWidth = std::max(width - 2 * pad - countdownWidth, 16);

  // Measure on a scratch surface, then draw into a band of that height.
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> scratch(
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1));
  std::unique_ptr<cairo_t, CairoDeleter> measure(cairo_create(scratch.get()));
  const int headH =
      heightOf(makeLayout(measure.get(), caption.headline, textWidth, headPx, true).get());
  const int detailH =
      caption.detail.empty()
          ? 0
          : heightOf(makeLayout(measure.get(), caption.detail, textWidth, detailPx, false).get());
  const int gap = caption.detail.empty() ? 0 : static_cast<int>(detailPx * 0.3);
  const int bandH = std::min(height, headH + gap + detailH + 2 * pad);

  std::unique_ptr<cairo_surface_t, SurfaceDeleter> band(
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, bandH));
  if (cairo_surface_status(band.get()) != CAIRO_STATUS_SUCCESS) {
    return Error{std::string("caption: ") +
                 cairo_status_to_string(cairo_surface_status(band.get()))};
  }
  std::unique_ptr<cairo_t, CairoDeleter> cr(cairo_create(band.get()));
  // The band: the studio's dark slate, mostly opaque so text reads over any scene.
  cairo_set_source_rgba(cr.get(), 0.09, 0.10, 0.12, 0.82);
  cairo_paint(cr.get());
  cairo_set_source_rgb(cr.get(), caption.accent[0] / 255.0, caption.accent[1] / 255.0,
                       caption.accent[2] / 255.0);
  cairo_rectangle(cr.get(), 0, 0, width, std::max(2.0, headPx * 0.12));
  cairo_fill(cr.get());
  const LayoutPtr head = makeLayout(cr.get(), caption.headline, textWidth, headPx, true);
  cairo_move_to(cr.get(), pad, pad);
  pango_cairo_show_layout(cr.get(), head.get());
  if (!caption.detail.empty()) {
    const LayoutPtr detail = makeLayout(cr.get(), caption.detail, textWidth, detailPx, false);
    cairo_set_source_rgb(cr.get(), 0.88, 0.89, 0.91);
    cairo_move_to(cr.get(), pad, pad + headH + gap);
    pango_cairo_show_layout(cr.get(), detail.get());
  }
  if (caption.countdown >= 0) {
    const LayoutPtr count = makeLayout(cr.get(), std::to_string(caption.countdown) + " s",
                                       countdownWidth, headPx * 1.3, true);
    cairo_set_source_rgb(cr.get(), 0.96, 0.96, 0.97);
    cairo_move_to(cr.get(), width - pad - widthOf(count.get()), pad);
    pango_cairo_show_layout(cr.get(), count.get());
  }
  cairo_surface_flush(band.get());
  if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
    return Error{std::string("caption: ") + cairo_status_to_string(cairo_status(cr.get()))};
  }

  // Composite the premultiplied ARGB32 band (native-endian words) over the frame's bottom.
  const unsigned char* src = cairo_image_surface_get_data(band.get());
  const int srcStride = cairo_image_surface_get_stride(band.get());
  for (int y = 0; y < bandH; ++y) {
    const auto* s = reinterpret_cast<const std::uint32_t*>(src + y * srcStride);
    std::uint8_t* d = rgba + static_cast<std::size_t>(height - bandH + y) * stride;
    for (int x = 0; x < width; ++x, d += 4) {
      const std::uint32_t p = s[x];
      const unsigned a = p >> 24;
      if (a == 0) continue;
      const unsigned inv = 255 - a;
      d[0] = static_cast<std::uint8_t>(((p >> 16) & 255) + (d[0] * inv + 127) / 255);
      d[1] = static_cast<std::uint8_t>(((p >> 8) & 255) + (d[1] * inv + 127) / 255);
      d[2] = static_cast<std::uint8_t>((p & 255) + (d[2] * inv + 127) / 255);
    }
  }
  return {};
}

}  // namespace sv::clip
