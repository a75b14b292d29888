// Burned-in captions: drawn in a band at the bottom only, wrapped at the frame's width (a
// longer text takes more lines, never more than the frame), and the frame stays opaque.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "clip/caption.h"

namespace {

constexpr int kW = 480, kH = 270;

std::vector<std::uint8_t> grey() {
  return std::vector<std::uint8_t>(static_cast<std::size_t>(kW) * kH * 4, 128);
}

// Rows (from the top) where the frame differs from mid grey.
int firstChangedRow(const std::vector<std::uint8_t>& f) {
  for (int y = 0; y < kH; ++y) {
    for (int x = 0; x < kW * 4; ++x) {
      if (f[static_cast<std::size_t>(y) * kW * 4 + static_cast<std::size_t>(x)] != 128) return y;
    }
  }
  return kH;
}

}  // namespace

TEST_CASE("caption: a band along the bottom, text inside it, opaque") {
  auto f = grey();
  sv::clip::Caption c;
  c.headline = "Contract — push your heel into my shoulder";
  c.detail = "Pushes the heel gently into the shoulder.";
  c.countdown = 5;
  REQUIRE(sv::clip::drawCaption(f.data(), kW, kH, 0, c).ok());
  const int top = firstChangedRow(f);
  CHECK(top > kH / 2);  // the scene keeps the upper part of the picture
  CHECK(top < kH - 30);
  // Light text pixels inside the band (the band itself is dark).
  int light = 0, alphaChanged = 0;
  for (int y = top; y < kH; ++y) {
    for (int x = 0; x < kW; ++x) {
      const std::uint8_t* p = &f[(static_cast<std::size_t>(y) * kW + x) * 4];
      if (p[0] > 200 && p[1] > 200) ++light;
      alphaChanged += p[3] != 128 ? 1 : 0;
    }
  }
  CHECK(light > 50);
  CHECK(alphaChanged == 0);  // alpha untouched
}

TEST_CASE("caption: longer text wraps onto more lines within the frame") {
  auto shortF = grey();
  auto longF = grey();
  sv::clip::Caption c;
  c.headline = "Hold";
  REQUIRE(sv::clip::drawCaption(shortF.data(), kW, kH, 0, c).ok());
  c.headline.clear();
  for (int i = 0; i < 12; ++i) c.headline += "keep the knee straight and breathe out ";
  REQUIRE(sv::clip::drawCaption(longF.data(), kW, kH, 0, c).ok());
  CHECK(firstChangedRow(longF) < firstChangedRow(shortF) - 20);
  CHECK(firstChangedRow(longF) >= 0);
  CHECK_FALSE(sv::clip::drawCaption(nullptr, kW, kH, 0, c).ok());
}
