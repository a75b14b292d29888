// Benchmark: a full anatomical pose (every coordinate non-zero) -> local transforms ->
// model-space matrices for one character. Prints `BENCH pose_to_model_us <value> us`.
#include <array>
#include <chrono>
#include <cstdio>

#include "anatomy/kinematics.h"

using namespace sv::anatomy;

int main() {
  const Skeleton skeleton = makeDefaultSkeleton(1.75f);
  Pose pose;
  for (int c = 0; c < kCoordinateCount; ++c) {
    pose.angles[static_cast<std::size_t>(c)] = 5.0f + 0.7f * static_cast<float>(c % 13);
  }
  std::array<Transform, kJointCount> local;
  std::array<glm::mat4, kJointCount> model;
  volatile float sink = 0.0f;

  auto run = [&](int iterations) {
    float checksum = 0.0f;
    for (int i = 0; i < iterations; ++i) {
      // Change one angle per call so no work can be hoisted out of the loop.
      pose.angles[static_cast<std::size_t>(i % kCoordinateCount)] += 1e-4f;
      poseToLocal(skeleton, pose, local);
      localToModel(skeleton, local, model);
      checksum += model[static_cast<std::size_t>(i % kJointCount)][3].x;
    }
    sink = sink + checksum;
  };

  run(2000);  // warm-up
  constexpr int kIterations = 200000;
  double best = 1e30;
  for (int rep = 0; rep < 5; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    run(kIterations);
    const auto t1 = std::chrono::steady_clock::now();
    const double us = std::chrono::duration<double, std::micro>(t1 - t0).count() / kIterations;
    if (us < best) best = us;
  }
  std::printf("BENCH pose_to_model_us %.3f us\n", best);
  return sink == 12345.0f ? 1 : 0;
}
