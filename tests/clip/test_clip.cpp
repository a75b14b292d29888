// Clips decoded with the same libraries (libavformat's demuxers, libavcodec's decoders,
// libswscale back to RGBA): frame count, size, frame rate, duration and the pictures
// themselves against the frames that went in (PSNR); atomic output and cancellation.
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <vector>

#include "clip/clip.h"
#include "clip/palette.h"
#include "support/clip_decode.h"
#include "support/scratch.h"
#include "support/synthetic_pictures.h"

namespace sv::clip {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  return sv::test::scratchDir("clip", name);
}

using sv::test::filesIn;

using sv::test::decode;
using sv::test::Decoded;
using sv::test::psnr;

// Writes `count` synthetic frames; returns the frames that went in.
std::vector<std::vector<std::uint8_t>> writeClip(const fs::path& path, ClipOptions o, int count) {
  std::vector<std::vector<std::uint8_t>> frames;
  for (int i = 0; i < count; ++i) frames.push_back(sv::test::syntheticRgba(o.width, o.height, i));
  auto w = ClipWriter::open(path, o);
  INFO((w.ok() ? std::string() : w.error().message));
  REQUIRE(w.ok());
  for (const auto& f : frames) REQUIRE((*w)->addFrame({f.data(), o.width, o.height}).ok());
  const Status s = (*w)->finish();
  INFO((s.ok() ? std::string() : s.error().message));
  REQUIRE(s.ok());
  return frames;
}

}  // namespace

TEST_CASE("an MP4 decodes to the frames, size, rate and duration that went in") {
  const fs::path dir = scratch("mp4");
  const fs::path path = dir / "clip.mp4";
  ClipOptions o;
  o.format = Format::Mp4;
  o.width = 320;
  o.height = 180;
  const int n = 45;  // 1.5 s
  const auto input = writeClip(path, o, n);
  CHECK(filesIn(dir) == 1);  // the temporary file was renamed, nothing else is left
  const Decoded d = decode(path);
  CHECK(d.codec == "h264");
  CHECK(d.width == 320);
  CHECK(d.height == 180);
  CHECK(av_q2d(d.frameRate) == Approx(30.0));
  REQUIRE(static_cast<int>(d.frames.size()) == n);
  CHECK(d.duration == Approx(n / 30.0).margin(1e-3));
  CHECK(d.colorspace == AVCOL_SPC_BT709);
  CHECK(d.range == AVCOL_RANGE_MPEG);
  for (int i = 0; i < n; ++i) {
    CHECK(d.times[static_cast<std::size_t>(i)] == Approx(i / 30.0).margin(1e-3));
  }
  // Every decoded frame is its own input frame: close to it and further from its neighbours
  // (the disc moves), so frames are neither dropped, repeated nor reordered.
  for (int i : {0, 1, 22, 44}) {
    INFO("frame " << i);
    const double same =
        psnr(d.frames[static_cast<std::size_t>(i)], input[static_cast<std::size_t>(i)]);
    CHECK(same > 35.0);
    const int other = i == 44 ? 40 : i + 4;
    CHECK(psnr(d.frames[static_cast<std::size_t>(i)], input[static_cast<std::size_t>(other)]) <
          same - 3.0);
  }
}

TEST_CASE("a GIF decodes to the frames and size that went in, at 30 fps on average") {
  const fs::path dir = scratch("gif");
  const fs::path path = dir / "clip.gif";
  ClipOptions o;
  o.format = Format::Gif;
  o.width = 160;
  o.height = 120;
  const int n = 30;
  const auto input = writeClip(path, o, n);
  CHECK(filesIn(dir) == 1);
  const Decoded d = decode(path);
  CHECK(d.codec == "gif");
  CHECK(d.width == 160);
  CHECK(d.height == 120);
  REQUIRE(static_cast<int>(d.frames.size()) == n);
  // Frame i starts at round(100 i / 30) cs: delays of 3 and 4 cs, 1 s in all.
  for (int i = 0; i < n; ++i) {
    CHECK(d.times[static_cast<std::size_t>(i)] ==
          Approx(std::round(100.0 * i / 30.0) / 100.0).margin(1e-6));
  }
  CHECK(d.duration == Approx(1.0).margin(0.006));
  for (int i : {0, 15, 29}) {
    INFO("frame " << i);
    const double same =
        psnr(d.frames[static_cast<std::size_t>(i)], input[static_cast<std::size_t>(i)]);
    CHECK(same > 30.0);  // 256 colours of a smooth gradient
    CHECK(psnr(d.frames[static_cast<std::size_t>(i)],
               input[static_cast<std::size_t>((i + 6) % n)]) < same - 3.0);
  }
}

TEST_CASE("a GIF of a gradient is dithered: its local means follow the source, no bands") {
  // Red across, green down, blue fixed: 32768 colours for 256 palette entries, so a plain
  // nearest-colour mapping leaves bands many levels wide.
  const fs::path dir = scratch("gif-gradient");
  const fs::path path = dir / "gradient.gif";
  ClipOptions o;
  o.format = Format::Gif;
  o.width = 256;
  o.height = 128;
  std::vector<std::uint8_t> img(static_cast<std::size_t>(o.width) * o.height * 4);
  for (int y = 0; y < o.height; ++y) {
    for (int x = 0; x < o.width; ++x) {
      std::uint8_t* p = &img[(static_cast<std::size_t>(y) * o.width + x) * 4];
      p[0] = static_cast<std::uint8_t>(x);
      p[1] = static_cast<std::uint8_t>(64 + y);
      p[2] = 128;
      p[3] = 255;
    }
  }
  auto w = ClipWriter::open(path, o);
  REQUIRE(w.ok());
  REQUIRE((*w)->addFrame({img.data(), o.width, o.height}).ok());
  REQUIRE((*w)->finish().ok());
  const Decoded d = decode(path);
  REQUIRE(d.frames.size() == 1);
  const std::vector<std::uint8_t>& out = d.frames[0];
  // Means over 8 × 8 blocks (what the eye averages at a normal viewing distance): dithered,
  // they follow the source within a level or so; banded, they are off by a quarter of a band
  // (measured: mean 0.42 and worst 1.5 levels dithered, 1.5 and 4.5 without). The outermost blocks
  // are left out: the palette's extreme entries are box means, inside the gradient's extremes, and
  // no dither reaches past them.
  double sum = 0.0, worst = 0.0;
  int blocks = 0;
  for (int by = 8; by + 8 < o.height; by += 8) {
    for (int bx = 8; bx + 8 < o.width; bx += 8) {
      for (int c = 0; c < 3; ++c) {
        double a = 0.0, b = 0.0;
        for (int y = by; y < by + 8; ++y) {
          for (int x = bx; x < bx + 8; ++x) {
            const std::size_t i = (static_cast<std::size_t>(y) * o.width + x) * 4 + c;
            a += img[i];
            b += out[i];
          }
        }
        const double e = std::abs(a - b) / 64.0;
        sum += e;
        worst = std::max(worst, e);
        ++blocks;
      }
    }
  }
  const double mean = sum / blocks;
  INFO("mean block error " << mean << ", worst " << worst);
  CHECK(mean < 0.8);
  CHECK(worst < 2.5);
  // And the picture as a whole stays close (the dither's noise is a few levels).
  CHECK(psnr(out, img) > 30.0);
}

TEST_CASE("the palette keeps a few colours exact and maps the rest to the nearest") {
  // Four flat colours: each gets its own entry, exactly.
  const std::uint8_t colours[4][3] = {{250, 10, 10}, {10, 200, 30}, {20, 30, 220}, {240, 240, 240}};
  std::vector<std::uint8_t> img(64 * 4 * 4);
  for (int i = 0; i < 64 * 4; ++i) {
    const auto* c = colours[i / 64];
    img[static_cast<std::size_t>(i) * 4 + 0] = c[0];
    img[static_cast<std::size_t>(i) * 4 + 1] = c[1];
    img[static_cast<std::size_t>(i) * 4 + 2] = c[2];
    img[static_cast<std::size_t>(i) * 4 + 3] = 255;
  }
  Palette p = Palette::fromImage(img.data(), 64, 4, 64 * 4);
  CHECK(p.size() == 4);
  for (const auto& c : colours) {
    const std::uint32_t e = p.argb()[p.index(c[0], c[1], c[2])];
    CHECK(e >> 24 == 0xFF);  // opaque: never the GIF's transparent colour
    CHECK(((e >> 16) & 0xFF) == c[0]);
    CHECK(((e >> 8) & 0xFF) == c[1]);
    CHECK((e & 0xFF) == c[2]);
  }
  // A colour absent from the image goes to the closest entry.
  CHECK(p.argb()[p.index(200, 40, 40)] == p.argb()[p.index(250, 10, 10)]);
}

TEST_CASE("a cancelled or failed export leaves nothing behind and the old file as it was") {
  const fs::path dir = scratch("cancel");
  const fs::path path = dir / "clip.mp4";
  { std::ofstream(path) << "old clip"; }
  ClipOptions o;
  o.width = 64;
  o.height = 64;
  const auto frame = sv::test::syntheticRgba(64, 64, 0);
  int calls = 0;
  auto r = exportClip(
      path, o, 90,
      [&](int, FrameView& v) {
        v = {frame.data(), 64, 64};
        return Status{};
      },
      [&](int done, int total) {
        ++calls;
        CHECK(total == 90);
        return done < 10;  // cancel after 10 frames
      });
  REQUIRE(r.ok());
  CHECK(*r == ExportOutcome::Cancelled);
  CHECK(calls == 10);
  CHECK(filesIn(dir) == 1);
  std::ifstream in(path);
  std::string content;
  std::getline(in, content);
  CHECK(content == "old clip");

  // A frame source that fails, and a frame of the wrong size: the same.
  r = exportClip(path, o, 5, [&](int i, FrameView& v) {
    if (i == 3) return Status(Error{"render failed"});
    v = {frame.data(), 64, 64};
    return Status{};
  });
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "render failed");
  CHECK(filesIn(dir) == 1);
  auto w = ClipWriter::open(path, o);
  REQUIRE(w.ok());
  CHECK(filesIn(dir) == 2);  // the temporary file exists while encoding
  const Status bad = (*w)->addFrame({frame.data(), 32, 64});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("frame 0 is 32x64, the clip is 64x64") != std::string::npos);
  CHECK(filesIn(dir) == 1);
  CHECK_FALSE((*w)->finish().ok());
  // Destroyed before finish(): also nothing left.
  {
    auto w2 = ClipWriter::open(path, o);
    REQUIRE(w2.ok());
    REQUIRE((*w2)->addFrame({frame.data(), 64, 64}).ok());
  }
  CHECK(filesIn(dir) == 1);
  std::ifstream again(path);
  std::getline(again, content);
  CHECK(content == "old clip");
}

TEST_CASE("sizes and targets are checked before any encoding") {
  ClipOptions o;
  o.width = 1279;
  o.height = 720;
  const Status odd = checkClipOptions(o);
  REQUIRE_FALSE(odd.ok());
  CHECK(odd.error().message ==
        "clip size 1279x720: an MP4 (H.264, yuv420p) needs an even width "
        "and height");
  o.format = Format::Gif;
  CHECK(checkClipOptions(o).ok());  // a GIF may be odd
  o.width = 8;
  CHECK_FALSE(checkClipOptions(o).ok());
  o.width = 5000;
  CHECK_FALSE(checkClipOptions(o).ok());
  CHECK(formatForPath("a/b.MP4") == Format::Mp4);
  CHECK(formatForPath("x.gif") == Format::Gif);
  CHECK_FALSE(formatForPath("x.mov"));
  CHECK(framesFor(2.0) == 60);
  CHECK(framesFor(0.01) == 1);
  // A directory where the file should go is refused, and left alone.
  const fs::path dir = scratch("targets");
  fs::create_directories(dir / "taken.mp4");
  ClipOptions mp4;
  mp4.width = 64;
  mp4.height = 64;
  auto w = ClipWriter::open(dir / "taken.mp4", mp4);
  REQUIRE_FALSE(w.ok());
  CHECK(w.error().message.find("is not a regular file (a directory)") != std::string::npos);
  CHECK(fs::is_directory(dir / "taken.mp4"));
}

}  // namespace sv::clip
