// The whole per-frame update for client and practitioner: timeline sample + grounding,
// poseToLocal/localToModel for both figures, contacts on the skin, lean/step search, the
// collision push, arm IK with the elbows' turn out of the client,
// both bodies' skinning palettes (every skin bone: twist, spine levels, fingers), force arrows and
// (when sv_muscles is built) every muscle length of the client. Prints `BENCH frame_update_us <v>
// us` (median of 15 runs of 2000 frames) and `BENCH staging_create_ms <v> ms` (the scene's load:
// collision model, spot search, push decision; median of 5).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <vector>

#include "anatomy/rom.h"
#include "assist/assist.h"
#include "body/body.h"
#include "stretches/library.h"
#include "stretches/playback.h"
#ifdef SV_HAVE_MUSCLES
#include "muscles/muscle_model.h"
#include "muscles/muscle_set.h"
#endif

using namespace sv;

int main() {
  auto rom = anatomy::loadRomTable(SV_ROM_PATH);
  if (!rom) return std::fprintf(stderr, "%s\n", rom.error().message.c_str()), 1;
  const stretches::LibraryLoad lib = stretches::loadLibrary(SV_STRETCH_DIR, *rom);
  const stretches::Stretch* st = lib.library.find("hamstrings-supine-straight-leg");
  if (!st) return std::fprintf(stderr, "stretch not found\n"), 1;
  auto model = body::loadBodyModel(SV_BODY_PATH);
  if (!model) return std::fprintf(stderr, "%s\n", model.error().message.c_str()), 1;
  auto client = body::Body::create(*model, body::defaultClientShape());
  auto practitioner = body::Body::create(*model, body::defaultPractitionerShape());
  if (!client || !practitioner) return std::fprintf(stderr, "body shape failed\n"), 1;
  const anatomy::Skeleton& sk = client->skeleton();
  auto tl = stretches::buildTimeline(*st, "contract_relax", st->side, {}, *rom);
  if (!tl) return std::fprintf(stderr, "%s\n", tl.error().message.c_str()), 1;
  // Load time: the scene with its collision model, the spot search and the push decision.
  std::vector<double> creates;
  for (int i = 0; i < 5; ++i) {
    const auto c0 = std::chrono::steady_clock::now();
    auto s = assist::AssistScene::create(*st, *tl, *client, *practitioner);
    const auto c1 = std::chrono::steady_clock::now();
    if (!s) return std::fprintf(stderr, "%s\n", s.error().message.c_str()), 1;
    creates.push_back(std::chrono::duration<double, std::milli>(c1 - c0).count());
  }
  std::sort(creates.begin(), creates.end());
  auto scene = assist::AssistScene::create(*st, *tl, *client, *practitioner);
  if (!scene) return std::fprintf(stderr, "%s\n", scene.error().message.c_str()), 1;
#ifdef SV_HAVE_MUSCLES
  auto set = muscles::loadMuscleSet(SV_MUSCLE_PATH);
  if (!set) return std::fprintf(stderr, "%s\n", set.error().message.c_str()), 1;
  auto mm = muscles::MuscleModel::build(*set, sk, *rom);
  if (!mm) return std::fprintf(stderr, "%s\n", mm.error().message.c_str()), 1;
  std::vector<muscles::MuscleValue> values(static_cast<std::size_t>(mm->count()));
#endif

  auto frame = std::make_unique<assist::AssistFrame>();
  const float dur = scene->duration();
  constexpr int kFrames = 2000;
  double checksum = 0.0;
  std::vector<double> runs;
  for (int run = 0; run < 16; ++run) {
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < kFrames; ++i) {
      const float t = dur * static_cast<float>(i) / kFrames;
      scene->update(t, *frame);
#ifdef SV_HAVE_MUSCLES
      mm->evaluate(frame->clientPose, frame->clientModel, values);
      checksum += static_cast<double>(values[0].length);
#endif
      checksum += static_cast<double>(frame->practitionerPalette[40][3][1] +
                                      frame->clientPalette[60][3][2] + frame->maxContactError +
                                      frame->arrows[0].magnitude);
    }
    const auto t1 = std::chrono::steady_clock::now();
    if (run > 0) {  // first run warms up
      runs.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count() / kFrames);
    }
  }
  std::sort(runs.begin(), runs.end());
  const double median = runs[runs.size() / 2];
#ifdef SV_HAVE_MUSCLES
  std::printf("# includes %d muscle lengths\n", mm->count());
#else
  std::printf("# muscle lengths not included (sv_muscles not built)\n");
#endif
  std::printf("# checksum %.6f\n", checksum);
  std::printf("BENCH frame_update_us %.2f us\n", median);
  std::printf("BENCH staging_create_ms %.1f ms\n", creates[creates.size() / 2]);
  return 0;
}
