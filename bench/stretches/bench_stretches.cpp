// Prints BENCH lines: whole-library load+validate time and one timeline sample.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "stretches/library.h"
#include "stretches/playback.h"

using Clock = std::chrono::steady_clock;
namespace an = sv::anatomy;
namespace st = sv::stretches;

int main() {
  auto rom = an::loadRomTable(st::defaultRomPath());
  if (!rom.ok()) {
    std::fprintf(stderr, "%s\n", rom.error().message.c_str());
    return 1;
  }
  std::vector<double> loads;
  st::LibraryLoad load;
  for (int i = 0; i < 9; ++i) {
    const auto t0 = Clock::now();
    load = st::loadLibrary(st::defaultStretchDir(), *rom);
    loads.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  std::sort(loads.begin(), loads.end());
  if (!load.report.ok() || load.library.stretches.empty()) {
    std::fprintf(stderr, "library did not load cleanly\n");
    return 1;
  }
  std::printf("stretches: %d files\n", load.report.filesLoaded);
  std::printf("BENCH library_load_ms %.3f ms\n", loads[loads.size() / 2]);

  const st::Stretch* s = load.library.find("hamstrings-supine-straight-leg");
  if (!s) s = &load.library.stretches.front();
  auto tl = st::buildTimeline(*s, "contract_relax", an::Side::Left, {}, *rom);
  if (!tl.ok()) return 1;
  const auto& timeline = tl->timeline;
  const int n = 2'000'000;
  an::Pose pose;
  volatile float sink = 0.0f;
  float checksum = 0.0f;
  const float step = timeline.duration() / 997.0f;
  float t = 0.0f;
  const auto t0 = Clock::now();
  for (int i = 0; i < n; ++i) {
    timeline.sample(t, pose);
    checksum += pose.angles[static_cast<std::size_t>(i % an::kCoordinateCount)];
    t += step;
    if (t > timeline.duration()) t -= timeline.duration();
  }
  const double us = std::chrono::duration<double, std::micro>(Clock::now() - t0).count() / n;
  sink = checksum;
  std::printf("BENCH sample_pose_us %.4f us (checksum %.1f)\n", us, static_cast<double>(sink));
  return 0;
}
