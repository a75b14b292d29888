// An 8-bit palette for GIF frames: median cut over a 5-bit-per-channel histogram, the
// mapping of RGB colours to their nearest entry (cached per 5-bit colour), and the ordered
// dither that keeps gradients from banding when they are mapped.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sv::clip {

// Ordered dithering (8 × 8 Bayer matrix): the offset, in 8-bit levels, added to all three
// channels of the pixel at (x, y) before it is mapped to the palette. The offsets span
// kDitherSpan levels (−kDitherSpan/2 … +kDitherSpan/2), a little more than one 5-bit cell of
// the mapping cache (8 levels) and about one step of a 256-colour palette spread over a
// studio gradient, so neighbouring pixels fall on both sides of a step and a gradient's local
// mean follows the source instead of banding. Ordered rather than error diffusion: the
// pattern is fixed to the pixel grid, so it does not crawl from frame to frame in still
// areas and GIF's LZW still finds repeats. Costs about 3.5 levels RMS of noise.
inline constexpr int kDitherSpan = 12;

namespace detail {
// The classic recursive 8 × 8 Bayer index matrix (0 … 63).
inline constexpr std::uint8_t kBayer8[64] = {
    0,  32, 8,  40, 2,  34, 10, 42, 48, 16, 56, 24, 50, 18, 58, 26, 12, 44, 4,  36, 14, 46,
    6,  38, 60, 28, 52, 20, 62, 30, 54, 22, 3,  35, 11, 43, 1,  33, 9,  41, 51, 19, 59, 27,
    49, 17, 57, 25, 15, 47, 7,  39, 13, 45, 5,  37, 63, 31, 55, 23, 61, 29, 53, 21};
}  // namespace detail

// Inline: it runs for every pixel of every GIF frame.
inline int ditherOffset(int x, int y) {
  // ((i + 0.5) / 64 − 0.5) × the span, truncated towards zero: symmetric about 0.
  const int i = detail::kBayer8[((y & 7) << 3) | (x & 7)];
  return ((2 * i + 1 - 64) * kDitherSpan) / 128;
}

class Palette {
 public:
  // Up to 256 entries from the colours of an RGBA image (alpha ignored); rows of `stride`
  // bytes. An image of fewer distinct 5-bit colours gets fewer entries (the rest repeat the
  // last one, so every index the encoder sees is valid).
  static Palette fromImage(const std::uint8_t* rgba, int width, int height, std::size_t stride);

  // Index of the nearest entry (squared RGB distance) to the colour's 5-bit cell centre.
  std::uint8_t index(std::uint8_t r, std::uint8_t g, std::uint8_t b);
  // Entries as libavcodec's PAL8 palette wants them: 0xAARRGGBB in native order, opaque
  // (the gif encoder takes an entry with alpha below 128 as the transparent colour).
  const std::array<std::uint32_t, 256>& argb() const { return argb_; }
  int size() const { return size_; }

 private:
  std::array<std::uint32_t, 256> argb_{};
  int size_ = 0;
  std::vector<std::int16_t> cache_ = std::vector<std::int16_t>(32768, -1);  // 5-bit RGB -> index
};

}  // namespace sv::clip
