// Synthetic RGBA pictures for the handout and clip tests and benchmarks: a smooth studio-like
// gradient with a soft disc whose place and colour depend on the index, deterministic, so a
// decoded clip frame can be compared with the frame that went in and a handout picture is
// visibly not blank. Straight alpha, rows top to bottom (render's sv::Image layout).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace sv::test {

inline std::vector<std::uint8_t> syntheticRgba(int width, int height, int index) {
  std::vector<std::uint8_t> px(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) *
                               4u);
  const double t = index * 0.05;
  const double cx = width * (0.3 + 0.4 * (0.5 + 0.5 * std::sin(t)));
  const double cy = height * (0.45 + 0.15 * std::cos(t * 1.3));
  const double radius = std::min(width, height) * 0.22;
  const double hue = std::fmod(index * 0.013, 1.0);
  const double dr = 0.55 + 0.4 * std::sin(6.2832 * hue);
  const double dg = 0.45 + 0.35 * std::sin(6.2832 * (hue + 0.33));
  const double db = 0.50 + 0.40 * std::sin(6.2832 * (hue + 0.66));
  for (int y = 0; y < height; ++y) {
    const double v = static_cast<double>(y) / std::max(1, height - 1);
    for (int x = 0; x < width; ++x) {
      const double u = static_cast<double>(x) / std::max(1, width - 1);
      // Backdrop: a cool vertical gradient with a slight horizontal falloff.
      double r = 0.80 - 0.35 * v - 0.05 * (u - 0.5) * (u - 0.5);
      double g = 0.84 - 0.33 * v;
      double b = 0.88 - 0.28 * v;
      // A soft-edged disc (anti-aliased over 2 px).
      const double d = std::hypot(x + 0.5 - cx, y + 0.5 - cy);
      const double cover = std::clamp((radius - d) / 2.0 + 0.5, 0.0, 1.0);
      const double shade = 1.0 - 0.35 * std::clamp(d / radius, 0.0, 1.0);
      r = r * (1 - cover) + dr * shade * cover;
      g = g * (1 - cover) + dg * shade * cover;
      b = b * (1 - cover) + db * shade * cover;
      std::uint8_t* p = &px[(static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                             static_cast<std::size_t>(x)) *
                            4u];
      p[0] = static_cast<std::uint8_t>(std::lround(std::clamp(r, 0.0, 1.0) * 255));
      p[1] = static_cast<std::uint8_t>(std::lround(std::clamp(g, 0.0, 1.0) * 255));
      p[2] = static_cast<std::uint8_t>(std::lround(std::clamp(b, 0.0, 1.0) * 255));
      p[3] = 255;
    }
  }
  return px;
}

}  // namespace sv::test
