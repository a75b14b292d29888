#include <catch2/catch.hpp>

#include <filesystem>

#include "render/image.h"

using namespace sv;

TEST_CASE("png: what writePng encodes, an independent decoder (stb) reads back bit for bit") {
  // Odd sizes, every channel varying (alpha too), rows that differ from the row above by
  // wrapping amounts: exercises the Up filter's modular arithmetic.
  Image img;
  img.width = 37;
  img.height = 23;
  img.rgba.resize(static_cast<std::size_t>(img.width * img.height * 4));
  std::uint32_t x = 12345;
  for (std::uint8_t& b : img.rgba) {
    x = x * 1664525u + 1013904223u;
    b = static_cast<std::uint8_t>(x >> 24);
  }
  const auto path = std::filesystem::temp_directory_path() / "sv_png_roundtrip.png";
  REQUIRE(writePng(img, path).ok());
  auto back = readPng(path);
  REQUIRE(back.ok());
  CHECK(back->width == img.width);
  CHECK(back->height == img.height);
  CHECK(back->rgba == img.rgba);
  std::filesystem::remove(path);
}

TEST_CASE("png: an empty image or an unwritable path is a clear error") {
  Image empty;
  auto st = writePng(empty, std::filesystem::temp_directory_path() / "sv_png_empty.png");
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find("empty image") != std::string::npos);
  Image one;
  one.width = one.height = 1;
  one.rgba = {1, 2, 3, 4};
  // A path below a regular file cannot be created, not even by root.
  const auto file = std::filesystem::temp_directory_path() / "sv_png_not_a_dir";
  REQUIRE(writePng(one, file).ok());
  auto bad = writePng(one, file / "x.png");
  std::filesystem::remove(file);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("cannot write screenshot") != std::string::npos);
}
