#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "anatomy/kinematics.h"
#include "anatomy/rig_mapping.h"

using namespace sv::anatomy;
using Catch::Matchers::Contains;

namespace {

const std::vector<std::string> kMixamo = {
    "Hips",         "Spine",     "Spine1",      "Spine2",      "Neck",          "Head",
    "LeftShoulder", "LeftArm",   "LeftForeArm", "LeftHand",    "RightShoulder", "RightArm",
    "RightForeArm", "RightHand", "LeftUpLeg",   "LeftLeg",     "LeftFoot",      "LeftToeBase",
    "RightUpLeg",   "RightLeg",  "RightFoot",   "RightToeBase"};

std::vector<std::string> prefixed(const std::vector<std::string>& names, const std::string& p) {
  std::vector<std::string> out;
  for (const auto& n : names) out.push_back(p + n);
  return out;
}

int bone(const RigMapping& m, Joint j) {
  return m.boneOfJoint[static_cast<std::size_t>(index(j))];
}

}  // namespace

TEST_CASE("rig mapping: the project's own names", "[anatomy][rig]") {
  std::vector<std::string> names;
  for (int i = kJointCount - 1; i >= 0; --i) names.emplace_back(jointName(static_cast<Joint>(i)));
  auto r = mapRigBones(names);
  REQUIRE(r.ok());
  for (int i = 0; i < kJointCount; ++i) CHECK(r->boneOfJoint[i] == kJointCount - 1 - i);
}

TEST_CASE("rig mapping: Mixamo names with and without prefixes", "[anatomy][rig]") {
  for (const std::string prefix : {"mixamorig:", "", "mixamorig1:", "Armature|mixamorig_"}) {
    INFO(prefix);
    const auto names = prefixed(kMixamo, prefix);
    auto r = mapRigBones(names);
    REQUIRE(r.ok());
    CHECK(bone(*r, Joint::Pelvis) == 0);
    CHECK(bone(*r, Joint::Lumbar) == 1);
    CHECK(bone(*r, Joint::Thoracic) == 2);
    CHECK(r->upperChestBone == 3);
    CHECK(bone(*r, Joint::Cervical) == 4);
    CHECK(bone(*r, Joint::Head) == 5);
    CHECK(bone(*r, Joint::ClavicleL) == 6);
    CHECK(bone(*r, Joint::ShoulderL) == 7);
    CHECK(bone(*r, Joint::ElbowL) == 8);
    CHECK(bone(*r, Joint::WristL) == 9);
    CHECK(bone(*r, Joint::ShoulderR) == 11);
    CHECK(bone(*r, Joint::HipL) == 14);
    CHECK(bone(*r, Joint::KneeL) == 15);
    CHECK(bone(*r, Joint::AnkleL) == 16);
    CHECK(bone(*r, Joint::ToesL) == 17);
    CHECK(bone(*r, Joint::HipR) == 18);
    CHECK(bone(*r, Joint::ToesR) == 21);
    CHECK(bone(*r, Joint::ForearmL) == -1);  // optional, absent
    CHECK(bone(*r, Joint::SubtalarL) == -1);
  }
}

TEST_CASE("rig mapping: VRM / Unity humanoid names, any case", "[anatomy][rig]") {
  const std::vector<std::string> names = {
      "hips",          "spine",         "chest",         "upperChest",    "neck",
      "head",          "leftShoulder",  "LEFTUPPERARM",  "leftLowerArm",  "leftHand",
      "rightShoulder", "rightUpperArm", "rightLowerArm", "rightHand",     "leftUpperLeg",
      "leftLowerLeg",  "leftFoot",      "leftToes",      "rightUpperLeg", "rightLowerLeg",
      "rightFoot",     "rightToes"};
  auto r = mapRigBones(names);
  REQUIRE(r.ok());
  CHECK(bone(*r, Joint::Thoracic) == 2);
  CHECK(r->upperChestBone == 3);
  CHECK(bone(*r, Joint::ShoulderL) == 7);
  CHECK(bone(*r, Joint::ElbowL) == 8);
  CHECK(bone(*r, Joint::KneeR) == 19);
  CHECK(bone(*r, Joint::ToesL) == 17);
}

TEST_CASE("rig mapping: a missing required joint is named", "[anatomy][rig]") {
  auto names = prefixed(kMixamo, "mixamorig:");
  names.erase(names.begin() + 14);  // LeftUpLeg
  auto r = mapRigBones(names);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().message, Contains("hip_l"));
  CHECK_THAT(r.error().message, !Contains("knee_l"));
  std::vector<std::string> few = {"Hips", "Head"};
  auto r2 = mapRigBones(few);
  REQUIRE_FALSE(r2.ok());
  CHECK_THAT(r2.error().message, Contains("lumbar, shoulder_l, elbow_l, wrist_l"));
  CHECK_THAT(r2.error().message, Contains("ankle_r"));
  // Optional joints may be missing.
  auto noToes = prefixed(kMixamo, "");
  noToes.erase(noToes.begin() + 17);
  CHECK(mapRigBones(noToes).ok());
}

namespace {

// A synthetic Mixamo-like rig (with or without its shoulder bones) driven through applyToRig:
// every mapped bone must land on its canonical joint in a busy pose.
void checkRotatedFrames(bool clavicles) {
  const Skeleton canon = makeDefaultSkeleton(1.75f);
  // Synthetic Mixamo-like rig: the canonical joints that Mixamo has, plus an unmapped Spine2
  // between Spine1 and the neck/shoulders; each bone's rest frame rotated at random.
  struct B {
    std::string name;
    int parent;
    glm::vec3 pos;
  };
  auto P = [&](Joint j) {
    return glm::vec3(canon.restModel[static_cast<std::size_t>(index(j))][3]);
  };
  std::vector<B> bones = {
      {"mixamorig:Hips", -1, P(Joint::Pelvis)},
      {"mixamorig:Spine", 0, P(Joint::Lumbar)},
      {"mixamorig:Spine1", 1, P(Joint::Thoracic)},
      {"mixamorig:Spine2", 2, (P(Joint::Thoracic) + P(Joint::Cervical)) * 0.5f},
      {"mixamorig:Neck", 3, P(Joint::Cervical)},
      {"mixamorig:Head", 4, P(Joint::Head)},
      {"mixamorig:LeftShoulder", 3, P(Joint::ClavicleL)},
      {"mixamorig:LeftArm", 6, P(Joint::ShoulderL)},
      {"mixamorig:LeftForeArm", 7, P(Joint::ElbowL)},
      {"mixamorig:LeftHand", 8, P(Joint::WristL)},
      {"mixamorig:RightShoulder", 3, P(Joint::ClavicleR)},
      {"mixamorig:RightArm", 10, P(Joint::ShoulderR)},
      {"mixamorig:RightForeArm", 11, P(Joint::ElbowR)},
      {"mixamorig:RightHand", 12, P(Joint::WristR)},
      {"mixamorig:LeftUpLeg", 0, P(Joint::HipL)},
      {"mixamorig:LeftLeg", 14, P(Joint::KneeL)},
      {"mixamorig:LeftFoot", 15, P(Joint::AnkleL)},
      {"mixamorig:LeftToeBase", 16, P(Joint::ToesL)},
      {"mixamorig:RightUpLeg", 0, P(Joint::HipR)},
      {"mixamorig:RightLeg", 18, P(Joint::KneeR)},
      {"mixamorig:RightFoot", 19, P(Joint::AnkleR)},
      {"mixamorig:RightToeBase", 20, P(Joint::ToesR)},
  };
  if (!clavicles) {
    // No shoulder (clavicle) bones: the arms hang from Spine2 (index 2).
    std::vector<B> kept;
    std::vector<int> newIndex(bones.size(), -1);
    for (std::size_t b = 0; b < bones.size(); ++b) {
      if (bones[b].name.find("Shoulder") != std::string::npos) continue;
      newIndex[b] = static_cast<int>(kept.size());
      kept.push_back(bones[b]);
    }
    for (B& b : kept) {
      if (b.parent >= 0 && newIndex[static_cast<std::size_t>(b.parent)] < 0)
        b.parent = 2;
      else if (b.parent >= 0)
        b.parent = newIndex[static_cast<std::size_t>(b.parent)];
    }
    bones = kept;
  }
  const std::size_t n = bones.size();
  std::mt19937 rng(11);
  std::normal_distribution<float> g(0.0f, 1.0f);
  std::vector<std::string> names;
  std::vector<int> parents;
  std::vector<glm::quat> restWorld(n);
  std::vector<glm::mat4> restModel(n);
  std::vector<Transform> restLocal(n);
  for (std::size_t b = 0; b < n; ++b) {
    names.push_back(bones[b].name);
    parents.push_back(bones[b].parent);
    restWorld[b] = glm::normalize(glm::quat(g(rng), g(rng), g(rng), g(rng)));
    restModel[b] = glm::mat4_cast(restWorld[b]);
    restModel[b][3] = glm::vec4(bones[b].pos, 1.0f);
    const int p = bones[b].parent;
    if (p < 0) {
      restLocal[b] = {bones[b].pos, restWorld[b]};
    } else {
      const auto pu = static_cast<std::size_t>(p);
      restLocal[b].rotation = glm::conjugate(restWorld[pu]) * restWorld[b];
      restLocal[b].translation = glm::conjugate(restWorld[pu]) * (bones[b].pos - bones[pu].pos);
    }
  }
  auto mapped = mapRigBones(names);
  REQUIRE(mapped.ok());
  RigMapping mapping = mapped.value();
  REQUIRE(computeRestCorrection(mapping, canon, restModel).ok());

  auto foreignFk = [&](const std::vector<Transform>& local) {
    std::vector<glm::mat4> model(n);
    for (std::size_t b = 0; b < n; ++b) {
      glm::mat4 l = glm::mat4_cast(local[b].rotation);
      l[3] = glm::vec4(local[b].translation, 1.0f);
      model[b] = parents[b] < 0 ? l : model[static_cast<std::size_t>(parents[b])] * l;
    }
    return model;
  };
  auto drive = [&](const Pose& pose, std::array<glm::mat4, kJointCount>& canonModel) {
    std::array<Transform, kJointCount> local;
    REQUIRE(poseToLocal(canon, pose, local));
    REQUIRE(localToModel(canon, local, canonModel));
    std::vector<Transform> out(n);
    REQUIRE(applyToRig(canon, mapping, canonModel, parents, restLocal, out));
    return foreignFk(out);
  };

  // At rest the rig reproduces its own rest pose.
  {
    std::array<glm::mat4, kJointCount> cm;
    const auto m = drive(Pose{}, cm);
    for (std::size_t b = 0; b < n; ++b) {
      CHECK(glm::distance(glm::vec3(m[b][3]), bones[b].pos) < 1e-5f);
      CHECK(std::fabs(glm::dot(glm::quat_cast(glm::mat3(m[b])), restWorld[b])) > 0.99999f);
    }
  }
  // hip.flexion 90 carries the rig's knee forward (bone indices of the rig with clavicles).
  if (clavicles) {
    Pose p;
    p.set(Motion::HipFlexion, Side::Left, 90.0f);
    std::array<glm::mat4, kJointCount> cm;
    const auto m = drive(p, cm);
    const glm::vec3 hip(m[14][3]);
    const glm::vec3 knee(m[15][3]);
    CHECK(knee.z > hip.z + 0.4f);
    CHECK(knee.y == Approx(hip.y).margin(1e-4));
    // The right knee stays where it was.
    CHECK(glm::distance(glm::vec3(m[19][3]), bones[19].pos) < 1e-5f);
  }
  // A busy pose: every mapped bone lands where the canonical joint is, and the measured
  // angles of the canonical skeleton are those of the pose.
  {
    Pose p;
    p.set(Motion::HipFlexion, Side::Right, 70.0f);
    p.set(Motion::HipInternalRotation, Side::Right, 20.0f);
    p.set(Motion::KneeFlexion, Side::Right, 80.0f);
    p.set(Motion::ShoulderAbduction, Side::Left, 90.0f);
    p.set(Motion::ShoulderHorizontalAdduction, Side::Left, 40.0f);
    p.set(Motion::ElbowFlexion, Side::Left, 60.0f);
    p.set(Motion::ThoracicRotation, 20.0f);
    p.set(Motion::CervicalLateralFlexion, 15.0f);
    p.set(Motion::LumbarFlexion, 25.0f);
    // The girdle moves the shoulder joint; a rig without clavicle bones still follows it.
    p.set(Motion::ScapulaElevation, Side::Left, 20.0f);
    p.set(Motion::ScapulaProtraction, Side::Right, 15.0f);
    p.root.translation = glm::vec3(0.0f, -0.3f, 0.2f);
    std::array<glm::mat4, kJointCount> cm;
    const auto m = drive(p, cm);
    for (int j = 0; j < kJointCount; ++j) {
      const int b = mapping.boneOfJoint[static_cast<std::size_t>(j)];
      if (b < 0) continue;
      INFO(jointName(static_cast<Joint>(j)));
      CHECK(glm::distance(glm::vec3(m[static_cast<std::size_t>(b)][3]), glm::vec3(cm[j][3])) <
            1e-4f);
      // Foreign frame = canonical frame * K.
      const glm::quat want = glm::quat_cast(glm::mat3(cm[j])) * mapping.restCorrection[j];
      CHECK(std::fabs(glm::dot(glm::quat_cast(glm::mat3(m[static_cast<std::size_t>(b)])), want)) >
            0.9999f);
    }
  }
}

}  // namespace

TEST_CASE("rest-frame correction drives a rig with arbitrarily rotated bone frames",
          "[anatomy][rig]") {
  checkRotatedFrames(true);
}

TEST_CASE("a rig without clavicle bones keeps its arms on the shoulder joints as the girdle moves",
          "[anatomy][rig]") {
  checkRotatedFrames(false);
}
