// Prints BENCH clip_encode_fps: 1280 × 720 RGBA frames encoded per second to MP4 (H.264,
// libx264, the default preset and quality), colour conversion and file writing included;
// and BENCH clip_gif_encode_fps for the same frames as an animated GIF. The frames are
// made before the clock starts (60 distinct synthetic frames, cycled), so only encoding is
// timed: what the export adds to rendering.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "clip/clip.h"
#include "support/synthetic_pictures.h"

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

double encode(const fs::path& path, sv::clip::Format format, int frames,
              const std::vector<std::vector<std::uint8_t>>& pool) {
  sv::clip::ClipOptions o;
  o.format = format;
  o.width = 1280;
  o.height = 720;
  const auto t0 = Clock::now();
  auto r = sv::clip::exportClip(path, o, frames, [&](int i, sv::clip::FrameView& v) {
    v = {pool[static_cast<std::size_t>(i) % pool.size()].data(), 1280, 720};
    return sv::Status{};
  });
  const double s = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!r.ok()) {
    std::fprintf(stderr, "%s\n", r.error().message.c_str());
    return -1.0;
  }
  std::printf("%s: %d frames, %.1f KiB\n", path.filename().c_str(), frames,
              static_cast<double>(fs::file_size(path)) / 1024.0);
  return frames / s;
}

}  // namespace

int main() {
  std::vector<std::vector<std::uint8_t>> pool;
  for (int i = 0; i < 60; ++i) pool.push_back(sv::test::syntheticRgba(1280, 720, i));
  const fs::path dir = fs::temp_directory_path() / ("sv_bench_clip_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const double mp4 = encode(dir / "bench.mp4", sv::clip::Format::Mp4, 150, pool);
  const double gif = encode(dir / "bench.gif", sv::clip::Format::Gif, 60, pool);
  fs::remove_all(dir);
  if (mp4 < 0 || gif < 0) return 1;
  std::printf("BENCH clip_encode_fps %.1f frames/s\n", mp4);
  std::printf("BENCH clip_gif_encode_fps %.1f frames/s\n", gif);
  return 0;
}
