// Comparing captured images in tests.
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>

#include "render/image.h"

namespace sv::test {

// Mean absolute difference per pixel, summed over R, G and B (0: identical).
inline double meanDifference(const Image& a, const Image& b) {
  REQUIRE(a.rgba.size() == b.rgba.size());
  double sum = 0.0;
  for (std::size_t i = 0; i < a.rgba.size(); i += 4) {
    for (std::size_t c = 0; c < 3; ++c) sum += std::abs(a.rgba[i + c] - b.rgba[i + c]);
  }
  return sum / static_cast<double>(a.rgba.size() / 4);
}

}  // namespace sv::test
