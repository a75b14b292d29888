// BENCH rig_normalise_60_bones_us: recognition + normalisation of a 60-bone Mixamo-named rig in
// centimetres in a T-pose (model/foreign_rig.h normaliseModel: names, spine, hierarchy checks,
// units from the height, axes, baking, rest pose to the anatomical position, fitted skeleton),
// median of 201 runs on copies of the imported (not yet normalised) model; file I/O and assimp
// excluded. BENCH rig_recognise_60_bones_us: anatomy::recogniseRig alone on the same bones.
// BENCH rig_pose_60_bones_us: the per-frame job that drives the rig (poseRig), mean.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include "model/model_import.h"
#include "model/rig_gltf.h"

namespace {

// The test rig (31 bones) grown to 60 with what real rigs carry: finger phalanges, thumbs,
// twist bones, eyes and a jaw.
std::vector<sv::test::RigBone> sixtyBones() {
  using sv::anatomy::Side;
  using sv::test::Role;
  sv::test::RigSpec spec;
  spec.convention = &sv::test::conventions()[0];
  spec.bind = sv::test::BindPose::T;
  spec.unitsPerMetre = 100.0f;
  std::vector<sv::test::RigBone> b = sv::test::makeRig(spec);
  auto add = [&](int parent, const glm::vec3& offset, const std::string& name) {
    const glm::vec3 p = b[static_cast<std::size_t>(parent)].position + offset;
    b.push_back({Role::kCount, Side::Center, parent, true, p, name});
    return static_cast<int>(b.size()) - 1;
  };
  const std::size_t base = b.size();
  for (std::size_t i = 0; i < base; ++i) {
    const std::string& n = b[i].name;
    if (n.find("HandIndex1") != std::string::npos || n.find("HandMiddle1") != std::string::npos ||
        n.find("HandPinky1") != std::string::npos) {
      const float dir = b[i].position.x > 0.0f ? 2.5f : -2.5f;
      const int p2 = add(static_cast<int>(i), {dir, 0, 0}, n.substr(0, n.size() - 1) + "2");
      add(p2, {dir, 0, 0}, n.substr(0, n.size() - 1) + "3");
    }
    if (n.find("Hand") != std::string::npos &&
        n.size() ==
            std::string("mixamorig:LeftHand").size() + (n.find("Right") != std::string::npos)) {
      const float dir = b[i].position.x > 0.0f ? 2.0f : -2.0f;
      const std::string side = n.find("Right") != std::string::npos ? "Right" : "Left";
      int t = add(static_cast<int>(i), {dir, 0, 3}, "mixamorig:" + side + "HandThumb1");
      t = add(t, {dir, 0, 2}, "mixamorig:" + side + "HandThumb2");
      add(t, {dir, 0, 2}, "mixamorig:" + side + "HandThumb3");
      const int ring =
          add(static_cast<int>(i), {4.0f * dir, 0, -1}, "mixamorig:" + side + "HandRing1");
      add(ring, {dir, 0, 0}, "mixamorig:" + side + "HandRing2");
    }
    if (n == "mixamorig:LeftArm" || n == "mixamorig:RightArm" || n == "mixamorig:LeftForeArm" ||
        n == "mixamorig:RightForeArm") {
      add(static_cast<int>(i), {b[i].position.x > 0.0f ? 12.0f : -12.0f, 0, 0}, n + "Twist");
    }
    if (n == "mixamorig:Head") {
      add(static_cast<int>(i), {3, 6, 8}, "mixamorig:LeftEye");
      add(static_cast<int>(i), {-3, 6, 8}, "mixamorig:RightEye");
      add(static_cast<int>(i), {0, -2, 6}, "mixamorig:Jaw");
    }
  }
  return b;
}

}  // namespace

int main() {
  using clock = std::chrono::steady_clock;
  const auto bones = sixtyBones();
  const auto path = std::filesystem::temp_directory_path() / "sv_bench_rig_60.glb";
  {
    std::ofstream f(path, std::ios::binary);
    f << sv::gltf::writeGlb(sv::test::rigDocument(bones, 100.0f));
  }
  sv::SourceUnits units;
  sv::ImportOptions raw;
  raw.normalise = false;
  raw.sourceUnits = &units;
  auto r = sv::importModel(path, raw);
  std::filesystem::remove(path);
  if (!r) {
    std::fprintf(stderr, "%s\n", r.error().message.c_str());
    return 1;
  }
  const sv::RiggedModel model = std::move(r.value());
  int boneCount = 0;
  for (const std::string& n : model.nodeNames) boneCount += n.rfind("mixamorig:", 0) == 0 ? 1 : 0;
  if (boneCount != 60) {
    std::fprintf(stderr, "the rig has %d bones, not 60\n", boneCount);
    return 1;
  }

  std::vector<double> us;
  sv::RiggedModel m;
  for (int i = 0; i < 201; ++i) {
    m = model;
    const auto t0 = clock::now();
    sv::normaliseModel(m, units);
    us.push_back(std::chrono::duration<double, std::micro>(clock::now() - t0).count());
    if (!m.humanoid) {
      std::fprintf(stderr, "not recognised: %s\n", m.humanoidError.c_str());
      return 1;
    }
  }
  std::sort(us.begin(), us.end());
  std::printf("BENCH rig_normalise_60_bones_us %.1f us\n", us[us.size() / 2]);

  std::vector<glm::mat4> world(model.restLocal.size());
  sv::nodeLocalToModel(model.parents, model.restLocal, world);
  std::vector<glm::vec3> pos;
  std::vector<std::uint8_t> deforms(model.parents.size(), 0);
  for (const glm::mat4& w : world) pos.emplace_back(w[3]);
  for (int j : model.skinJointNode) deforms[static_cast<std::size_t>(j)] = 1;
  sv::anatomy::RigBones rb;
  rb.names = model.nodeNames;
  rb.parents = model.parents;
  rb.positions = pos;
  rb.deforms = deforms;
  us.clear();
  for (int i = 0; i < 201; ++i) {
    const auto t0 = clock::now();
    auto rec = sv::anatomy::recogniseRig(rb);
    us.push_back(std::chrono::duration<double, std::micro>(clock::now() - t0).count());
    if (!rec) return 1;
  }
  std::sort(us.begin(), us.end());
  std::printf("BENCH rig_recognise_60_bones_us %.1f us\n", us[us.size() / 2]);

  sv::RigPoseBuffers buffers = sv::makeRigPoseBuffers(m);
  sv::anatomy::Pose pose;
  constexpr int kFrames = 20000;
  float sink = 0.0f;
  const auto t0 = clock::now();
  for (int f = 0; f < kFrames; ++f) {
    pose.set(sv::anatomy::Motion::HipFlexion, sv::anatomy::Side::Left, static_cast<float>(f % 90));
    pose.set(sv::anatomy::Motion::ElbowFlexion, sv::anatomy::Side::Right,
             static_cast<float>(f % 120));
    sv::poseRig(m, pose, buffers);
    sink += buffers.nodeLocal[static_cast<std::size_t>(f) % buffers.nodeLocal.size()].rotation.w;
  }
  const double perFrame =
      std::chrono::duration<double, std::micro>(clock::now() - t0).count() / kFrames;
  std::printf("BENCH rig_pose_60_bones_us %.2f us\n", perFrame);
  if (sink == 12345.0f) std::puts("");
  return 0;
}
