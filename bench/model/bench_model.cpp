// BENCH mannequin_load_ms: assets/models/mannequin.glb -> RiggedModel (median of 7).
// BENCH palette_update_us: anatomical pose -> local (poseToLocal) -> model (localToModel) ->
// skinning palette (computePalette), per frame (mean over many frames).
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <vector>

#include "anatomy/kinematics.h"
#include "model/model_import.h"

int main() {
  using clock = std::chrono::steady_clock;
  std::vector<double> loads;
  sv::RiggedModel model;
  for (int i = 0; i < 7; ++i) {
    const auto t0 = clock::now();
    auto r = sv::importModel(SV_MANNEQUIN_PATH, sv::ImportOptions{true});
    loads.push_back(std::chrono::duration<double, std::milli>(clock::now() - t0).count());
    if (!r) {
      std::fprintf(stderr, "%s\n", r.error().message.c_str());
      return 1;
    }
    model = std::move(r.value());
  }
  std::sort(loads.begin(), loads.end());
  std::printf("BENCH mannequin_load_ms %.2f ms\n", loads[loads.size() / 2]);

  const sv::anatomy::Skeleton skel = sv::anatomy::makeDefaultSkeleton(1.75f);
  std::array<sv::anatomy::Transform, sv::anatomy::kJointCount> local{};
  std::array<glm::mat4, sv::anatomy::kJointCount> world{};
  std::vector<glm::mat4> palette(model.skinJointNode.size());
  // The mannequin's skin joint i is canonical joint i: its palette uses the canonical model
  // matrices directly (joint-to-node remap = identity).
  std::vector<int> remap(model.skinJointNode.size());
  for (std::size_t i = 0; i < remap.size(); ++i) remap[i] = static_cast<int>(i);
  sv::anatomy::Pose pose;
  constexpr int kFrames = 20000;
  float sink = 0.0f;
  const auto t0 = clock::now();
  for (int f = 0; f < kFrames; ++f) {
    const float a = static_cast<float>(f % 140);
    pose.set(sv::anatomy::Motion::KneeFlexion, sv::anatomy::Side::Left, a);
    pose.set(sv::anatomy::Motion::HipFlexion, sv::anatomy::Side::Right, a * 0.8f);
    pose.set(sv::anatomy::Motion::ShoulderFlexion, sv::anatomy::Side::Left, a);
    pose.set(sv::anatomy::Motion::ThoracicRotation, a * 0.3f);
    sv::anatomy::poseToLocal(skel, pose, local);
    sv::anatomy::localToModel(skel, local, world);
    sv::computePalette(world, remap, model.inverseBind, palette);
    sink += palette[static_cast<std::size_t>(f) % palette.size()][3][1];
  }
  const double us = std::chrono::duration<double, std::micro>(clock::now() - t0).count() / kFrames;
  std::printf("BENCH palette_update_us %.2f us\n", us);
  if (sink == 12345.0f) std::puts("");
  return 0;
}
