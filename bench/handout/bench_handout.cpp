// Prints BENCH handout_ms: the PDF of the shipped 6-stretch routine (after-a-run) with
// synthetic 640 × 480 pictures, laid out and rendered to memory (median of 5).
// `bench_handout OUT.pdf [letter]` also writes that PDF (to look at it).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/paths.h"
#include "handout/from_routine.h"
#include "stretches/library.h"
#include "support/synthetic_pictures.h"

using Clock = std::chrono::steady_clock;
namespace st = sv::stretches;
namespace rt = sv::routines;
namespace ho = sv::handout;

int main(int argc, char** argv) {
  auto rom = sv::anatomy::loadRomTable(st::defaultRomPath());
  if (!rom.ok()) {
    std::fprintf(stderr, "%s\n", rom.error().message.c_str());
    return 1;
  }
  const st::LibraryLoad lib = st::loadLibrary(st::defaultStretchDir(), *rom);
  const auto routine = rt::loadRoutineFile(
      sv::dataDir() / "assets" / "routines" / "after-a-run.json", {&lib.library, nullptr});
  if (!routine.ok()) {
    for (const auto& e : routine.errors) std::fprintf(stderr, "%s\n", e.c_str());
    return 1;
  }
  rt::Client client;
  client.id = "sam";
  client.name = "Sam Rivera";
  client.measurements.push_back({sv::anatomy::Motion::HipFlexion, sv::anatomy::Side::Right, 62.0f,
                                 "2024-03-01", "hamstrings-supine-straight-leg", ""});
  auto h = ho::handoutFromRoutine(*routine.value, lib.library, &client,
                                  {"Alex Morgan, PT", "Riverside Physiotherapy", "2024-03-12"});
  if (!h.ok()) {
    std::fprintf(stderr, "%s\n", h.error().message.c_str());
    return 1;
  }
  for (std::size_t i = 0; i < h->stretches.size(); ++i) {
    const int k = static_cast<int>(i) * 40;
    h->stretches[i].start = {640, 480, sv::test::syntheticRgba(640, 480, k)};
    h->stretches[i].end = {640, 480, sv::test::syntheticRgba(640, 480, k + 20)};
  }
  const ho::Paper paper =
      argc > 2 && std::string(argv[2]) == "letter" ? ho::Paper::Letter : ho::Paper::A4;
  std::vector<double> ms;
  ho::Layout layout;
  for (int i = 0; i < 5; ++i) {
    const auto t0 = Clock::now();
    auto pdf = ho::renderPdf(*h, paper, &layout);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (!pdf.ok()) {
      std::fprintf(stderr, "%s\n", pdf.error().message.c_str());
      return 1;
    }
  }
  std::sort(ms.begin(), ms.end());
  std::printf("handout: %zu stretches, %d pages\n", h->stretches.size(), layout.pages);
  std::printf("BENCH handout_ms %.1f ms\n", ms[ms.size() / 2]);
  if (argc > 1) {
    const sv::Status s = ho::writePdf(*h, paper, argv[1]);
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.error().message.c_str());
      return 1;
    }
  }
  return 0;
}
