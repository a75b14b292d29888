// Prints `BENCH muscle_lengths_us <v> us`: every muscle (both sides) for one pose, with the
// model matrices already computed (the app has them from the frame's skinning); also the
// time including the pose's forward kinematics. A checksum keeps the work observable.
#include <array>
#include <chrono>
#include <cstdio>
#include <vector>

#include "anatomy/kinematics.h"
#include "anatomy/rom.h"
#include "muscles/muscle_model.h"

namespace an = sv::anatomy;
using namespace sv::muscles;

int main() {
  auto rom = an::loadRomTable(SV_ROM_PATH);
  auto set = loadMuscleSet(SV_MUSCLES_PATH);
  if (!rom || !set) {
    std::fprintf(stderr, "%s\n", !rom ? rom.error().message.c_str() : set.error().message.c_str());
    return 1;
  }
  const an::Skeleton sk = an::makeDefaultSkeleton(1.75f);
  auto built = MuscleModel::build(*set, sk, *rom);
  if (!built) {
    std::fprintf(stderr, "%s\n", built.error().message.c_str());
    return 1;
  }
  const MuscleModel& model = *built;
  // 64 varied poses (every coordinate non-zero) so branches and splines are exercised.
  std::vector<an::Pose> poses(64);
  for (std::size_t k = 0; k < poses.size(); ++k) {
    for (int c = 0; c < an::kCoordinateCount; ++c) {
      poses[k].angles[static_cast<std::size_t>(c)] =
          static_cast<float>((static_cast<int>(k) * 37 + c * 11) % 90) - 20.0f;
    }
  }
  std::vector<std::array<glm::mat4, an::kJointCount>> matrices(poses.size());
  std::array<an::Transform, an::kJointCount> local;
  for (std::size_t k = 0; k < poses.size(); ++k) {
    an::poseToLocal(sk, poses[k], local);
    an::localToModel(sk, local, matrices[k]);
  }
  std::vector<MuscleValue> out(static_cast<std::size_t>(model.count()));
  double checksum = 0.0;
  auto run = [&](bool withFk, int iterations) {
    const auto t0 = std::chrono::steady_clock::now();
    for (int it = 0; it < iterations; ++it) {
      const std::size_t k = static_cast<std::size_t>(it) % poses.size();
      if (withFk) {
        model.evaluate(poses[k], out);
      } else {
        model.evaluate(poses[k], matrices[k], out);
      }
      checksum += static_cast<double>(out[static_cast<std::size_t>(it) % out.size()].share);
    }
    const auto t1 = std::chrono::steady_clock::now();
    return std::chrono::duration<double, std::micro>(t1 - t0).count() / iterations;
  };
  run(false, 2000);  // warm-up
  double best = 1e30, bestFk = 1e30;
  for (int rep = 0; rep < 5; ++rep) {
    best = std::min(best, run(false, 20000));
    bestFk = std::min(bestFk, run(true, 20000));
  }
  std::printf("muscles: %d (both sides), checksum %.6f\n", model.count(), checksum);
  std::printf("BENCH muscle_lengths_us %.3f us\n", best);
  std::printf("BENCH muscle_lengths_with_fk_us %.3f us\n", bestFk);
  return 0;
}
