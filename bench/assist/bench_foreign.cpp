// The per-frame update of a stretch with a foreign humanoid rig as the client (issue #19): the
// session's advance — timeline sample and grounding, the practitioner staged against the
// rig's stand-in (bench_assist's frame), the rig posed by the staged pose (poseRig, node
// matrices, palette) and every muscle length on its fitted skeleton. The rig is the MakeHuman
// body read as a foreign glTF file (78 bones). Prints `BENCH frame_update_foreign_us <v> us`
// (median of 15 runs of 600 frames over the straight-leg raise).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "anatomy/rom.h"
#include "body/body.h"
#include "muscles/muscle_set.h"
#include "session/session.h"
#include "stretches/library.h"

int main() {
  using namespace sv;
  auto rom = anatomy::loadRomTable(SV_ROM_PATH);
  if (!rom) return std::fprintf(stderr, "%s\n", rom.error().message.c_str()), 1;
  const stretches::LibraryLoad lib = stretches::loadLibrary(SV_STRETCH_DIR, *rom);
  session::Cast cast;
  std::string warning;
  if (auto st = cast.load(SV_BODY_PATH, std::filesystem::path(SV_BODY_PATH),
                          body::defaultClientShape(), body::defaultPractitionerShape(), &warning);
      !st || cast.stagingClient() == nullptr) {
    return std::fprintf(stderr, "no foreign client: %s %s\n", st ? "" : st.error().message.c_str(),
                        warning.c_str()),
           1;
  }
  session::Session s(lib.library, *rom, cast);
  auto set = muscles::loadMuscleSet(SV_MUSCLE_PATH);
  if (!set || !s.setMuscleSet(std::move(*set))) return std::fprintf(stderr, "muscles\n"), 1;
  const auto* st = lib.library.find("hamstrings-supine-straight-leg");
  if (st == nullptr ||
      !s.open(static_cast<int>(st - lib.library.stretches.data()), anatomy::Side::Right, "")) {
    return std::fprintf(stderr, "cannot open the stretch\n"), 1;
  }
  const float dur = s.timeline()->timeline.duration();
  constexpr int kFrames = 600;
  double checksum = 0.0;
  std::vector<double> runs;
  for (int run = 0; run < 16; ++run) {
    s.player().seek(0.0f);
    s.player().play();
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < kFrames; ++i) {
      s.advance(dur / kFrames);
      checksum += static_cast<double>(cast.clientPalette()[10][3][1] + s.muscleValues()[0].length);
    }
    const auto t1 = std::chrono::steady_clock::now();
    if (run > 0)
      runs.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count() / kFrames);
  }
  std::sort(runs.begin(), runs.end());
  std::printf("# checksum %.6f\n", checksum);
  std::printf("BENCH frame_update_foreign_us %.2f us\n", runs[runs.size() / 2]);
  return 0;
}
