// An 8-bit RGBA image in memory, rows top to bottom (as image files store them).
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"

namespace sv {

struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;  // width * height * 4 bytes

  glm::u8vec4 at(int x, int y) const {
    const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                           static_cast<std::size_t>(x)) *
                          4u;
    return {rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]};
  }
};

// Encodes as PNG and writes atomically. Errors name the path and the reason.
Status writePng(const Image& image, const std::filesystem::path& path);
// Decodes a PNG file (tests read screenshots back with it).
Result<Image> readPng(const std::filesystem::path& path);

}  // namespace sv
