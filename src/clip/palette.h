// An 8-bit palette for GIF frames: median cut over a 5-bit-per-channel histogram, and the
// mapping of RGB colours to their nearest entry (cached per 5-bit colour).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sv::clip {

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
