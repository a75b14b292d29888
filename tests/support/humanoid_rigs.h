// Humanoid test rigs built in code (no files): one skeleton with the default skeleton's
// proportions at a chosen height, plus an upper-chest bone, finger bases and end sites, named
// after a rig convention, posed in a bind pose (anatomical, T, A), in a unit and up axis.
// Pure data (anatomy + glm): tests/model/rig_gltf.h writes it as glTF.
#pragma once

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "anatomy/skeleton.h"

namespace sv::test {

// A bone's role; sided roles come once per side.
enum class Role : int {
  Pelvis,
  Spine,
  Chest,
  UpperChest,
  Neck,
  Head,
  HeadEnd,
  Clavicle,
  UpperArm,
  Forearm,
  Hand,
  Index,
  Middle,
  Little,
  Thigh,
  Shin,
  Foot,
  Toe,
  ToeEnd,
  kCount
};
inline bool sided(Role r) {
  return r >= Role::Clavicle;
}
// The canonical joint a role maps to (-1: none — upper chest, fingers other than the middle
// one, end sites).
inline int jointOfRole(Role r, anatomy::Side s) {
  using anatomy::Joint;
  auto J = [&](Joint j) { return anatomy::index(anatomy::onSide(j, s)); };
  switch (r) {
    case Role::Pelvis:
      return J(Joint::Pelvis);
    case Role::Spine:
      return J(Joint::Lumbar);
    case Role::Chest:
      return J(Joint::Thoracic);
    case Role::Neck:
      return J(Joint::Cervical);
    case Role::Head:
      return J(Joint::Head);
    case Role::Clavicle:
      return J(Joint::ClavicleL);
    case Role::UpperArm:
      return J(Joint::ShoulderL);
    case Role::Forearm:
      return J(Joint::ElbowL);
    case Role::Hand:
      return J(Joint::WristL);
    case Role::Middle:
      return J(Joint::HandL);
    case Role::Thigh:
      return J(Joint::HipL);
    case Role::Shin:
      return J(Joint::KneeL);
    case Role::Foot:
      return J(Joint::AnkleL);
    case Role::Toe:
      return J(Joint::ToesL);
    default:
      return -1;
  }
}

// Names of one convention: '#' stands for the side token.
struct Convention {
  const char* label;
  std::array<const char*, static_cast<std::size_t>(Role::kCount)> names;
  const char* left;
  const char* right;
  const char* family;  // the convention anatomy::recogniseRig reports
};

inline const std::vector<Convention>& conventions() {
  static const std::vector<Convention> c = {
      {"Mixamo",
       {"mixamorig:Hips", "mixamorig:Spine", "mixamorig:Spine1", "mixamorig:Spine2",
        "mixamorig:Neck", "mixamorig:Head", "mixamorig:HeadTop_End", "mixamorig:#Shoulder",
        "mixamorig:#Arm", "mixamorig:#ForeArm", "mixamorig:#Hand", "mixamorig:#HandIndex1",
        "mixamorig:#HandMiddle1", "mixamorig:#HandPinky1", "mixamorig:#UpLeg", "mixamorig:#Leg",
        "mixamorig:#Foot", "mixamorig:#ToeBase", "mixamorig:#Toe_End"},
       "Left",
       "Right",
       "Mixamo"},
      {"Blender",
       {"hips", "spine", "chest", "upper_chest", "neck", "head", "head_end", "shoulder#",
        "upper_arm#", "forearm#", "hand#", "f_index.01#", "f_middle.01#", "f_pinky.01#", "thigh#",
        "shin#", "foot#", "toe#", "toe_end#"},
       ".L",
       ".R",
       "Blender/Rigify"},
      {"Rigify DEF",
       {"DEF-hips", "DEF-spine", "DEF-chest", "DEF-upper_chest", "DEF-neck", "DEF-head",
        "DEF-head_end", "DEF-shoulder#", "DEF-upper_arm#", "DEF-forearm#", "DEF-hand#",
        "DEF-f_index.01#", "DEF-f_middle.01#", "DEF-f_pinky.01#", "DEF-thigh#", "DEF-shin#",
        "DEF-foot#", "DEF-toe#", "DEF-toe_end#"},
       ".L",
       ".R",
       "Blender/Rigify"},
      {"MakeHuman",
       {"root", "spine05", "spine03", "spine01", "neck01", "head", "head_end", "clavicle#",
        "upperarm01#", "lowerarm01#", "wrist#", "finger2-1#", "finger3-1#", "finger5-1#",
        "upperleg01#", "lowerleg01#", "foot#", "toe1-1#", "toe1-2_end#"},
       ".L",
       ".R",
       "MakeHuman"},
      {"Maya",
       {"hips", "spine01", "spine02", "spine03", "neck01", "head", "head_end", "#_clavicle",
        "#_shoulder", "#_elbow", "#_wrist", "#_index01", "#_middle01", "#_pinky01", "#_hip",
        "#_knee", "#_ankle", "#_ball", "#_toe_end"},
       "L",
       "R",
       "Maya"},
      {"3ds Max Biped",
       {"Bip01 Pelvis", "Bip01 Spine", "Bip01 Spine1", "Bip01 Spine2", "Bip01 Neck", "Bip01 Head",
        "Bip01 HeadNub", "Bip01 # Clavicle", "Bip01 # UpperArm", "Bip01 # Forearm", "Bip01 # Hand",
        "Bip01 # Finger1", "Bip01 # Finger2", "Bip01 # Finger4", "Bip01 # Thigh", "Bip01 # Calf",
        "Bip01 # Foot", "Bip01 # Toe0", "Bip01 # Toe0Nub"},
       "L",
       "R",
       "3ds Max Biped"},
      {"Unreal",
       {"pelvis", "spine_01", "spine_02", "spine_03", "neck_01", "head", "head_end", "clavicle_#",
        "upperarm_#", "lowerarm_#", "hand_#", "index_01_#", "middle_01_#", "pinky_01_#", "thigh_#",
        "calf_#", "foot_#", "ball_#", "ball_end_#"},
       "l",
       "r",
       "Unreal"},
      {"Unity humanoid",
       {"Hips", "Spine", "Chest", "UpperChest", "Neck", "Head", "HeadTop_End", "#Shoulder",
        "#UpperArm", "#LowerArm", "#Hand", "#IndexProximal", "#MiddleProximal", "#LittleProximal",
        "#UpperLeg", "#LowerLeg", "#Foot", "#Toes", "#Toes_End"},
       "Left",
       "Right",
       "Unity/VRM humanoid"},
      {"anatomical bones",
       {"pelvis", "abdomen", "thorax", "upper_thorax", "neck", "skull", "skull_end", "#_clavicle",
        "#_humerus", "#_ulna", "#_wrist", "#_index1", "#_middle1", "#_pinky1", "#_femur", "#_tibia",
        "#_talus", "#_toes", "#_toes_end"},
       "l",
       "r",
       "anatomical"},
      {"anatomical joints",
       {"pelvis", "lumbar_spine", "thoracic_spine", "upper_back", "neck", "head", "head_end",
        "#_scapula", "#_shoulder", "#_elbow", "#_wrist", "#_index1", "#_middle1", "#_pinky1",
        "#_hip", "#_knee", "#_ankle", "#_mtp", "#_mtp_end"},
       "l",
       "r",
       "anatomical"},
  };
  return c;
}

inline std::string boneName(const Convention& c, Role r, anatomy::Side s) {
  std::string n = c.names[static_cast<std::size_t>(r)];
  const auto at = n.find('#');
  if (at != std::string::npos) n.replace(at, 1, s == anatomy::Side::Right ? c.right : c.left);
  return n;
}

enum class BindPose { Anatomical, T, A };
inline const char* bindPoseName(BindPose b) {
  return b == BindPose::T ? "T-pose" : b == BindPose::A ? "A-pose" : "anatomical";
}

struct RigBone {
  Role role;
  anatomy::Side side;
  int parent;
  bool deforms;
  glm::vec3 position;  // model space, file units, in the rig's up axis
  std::string name;
};

struct RigSpec {
  const Convention* convention = nullptr;  // nullptr: unnamed bones
  BindPose bind = BindPose::T;
  float height = 1.72f;        // metres
  float unitsPerMetre = 1.0f;  // 100 = centimetres in the file
  bool zUp = false;            // +Z up, facing -Y (Blender's and 3ds Max's convention)
  bool facingBack = false;     // the figure faces -Z (turned 180° about up)
};

// The rig's bones, parents first. In the anatomical position every joint sits where
// makeDefaultSkeleton(height) puts it; the bind pose then turns the limbs:
//  T: upper arms out to the sides, palms down (abduction 90° after internal rotation 90°);
//  A: upper arms 45° from the sides, palms down and in, elbows bent 15°, thighs 5° apart, toes
//     turned out 10° with the soles flat.
inline std::vector<RigBone> makeRig(const RigSpec& spec) {
  using anatomy::Joint;
  using anatomy::Side;
  const anatomy::Skeleton d = anatomy::makeDefaultSkeleton(spec.height);
  const float H = spec.height;
  auto P = [&](Joint j) {
    return glm::vec3(d.restModel[static_cast<std::size_t>(anatomy::index(j))][3]);
  };
  std::vector<RigBone> b;
  auto add = [&](Role r, Side s, int parent, glm::vec3 p, bool deforms = true) {
    b.push_back({r, s, parent, deforms, p, ""});
    return static_cast<int>(b.size()) - 1;
  };
  const int pelvis = add(Role::Pelvis, Side::Center, -1, P(Joint::Pelvis));
  const int spine = add(Role::Spine, Side::Center, pelvis, P(Joint::Lumbar));
  const int chest = add(Role::Chest, Side::Center, spine, P(Joint::Thoracic));
  const int upper =
      add(Role::UpperChest, Side::Center, chest, 0.5f * (P(Joint::Thoracic) + P(Joint::Cervical)));
  const int neck = add(Role::Neck, Side::Center, upper, P(Joint::Cervical));
  const int head = add(Role::Head, Side::Center, neck, P(Joint::Head));
  add(Role::HeadEnd, Side::Center, head, glm::vec3(0.0f, 0.98f * H, P(Joint::Head).z), false);
  for (Side s : {Side::Left, Side::Right}) {
    auto J = [&](Joint j) { return P(anatomy::onSide(j, s)); };
    const float lat = s == Side::Left ? 1.0f : -1.0f;
    const int clav = add(Role::Clavicle, s, upper, J(Joint::ClavicleL));
    const int arm = add(Role::UpperArm, s, clav, J(Joint::ShoulderL));
    const int fore = add(Role::Forearm, s, arm, J(Joint::ElbowL));
    const int hand = add(Role::Hand, s, fore, J(Joint::WristL));
    const glm::vec3 k = J(Joint::HandL);
    add(Role::Index, s, hand, k + glm::vec3(lat * 0.012f * H, 0.004f * H, 0.0f));
    add(Role::Middle, s, hand, k);
    add(Role::Little, s, hand, k + glm::vec3(-lat * 0.012f * H, 0.008f * H, 0.0f));
  }
  for (Side s : {Side::Left, Side::Right}) {
    auto J = [&](Joint j) { return P(anatomy::onSide(j, s)); };
    const int thigh = add(Role::Thigh, s, pelvis, J(Joint::HipL));
    const int shin = add(Role::Shin, s, thigh, J(Joint::KneeL));
    const int foot = add(Role::Foot, s, shin, J(Joint::AnkleL));
    const int toe = add(Role::Toe, s, foot, J(Joint::ToesL));
    add(Role::ToeEnd, s, toe, J(Joint::ToesL) + glm::vec3(0.0f, -0.012f * H, 0.03f * H), false);
  }
  // Bind pose: model-space turns of whole limbs about their root joint.
  auto turn = [&](int root, const glm::quat& q) {
    const glm::vec3 pivot = b[static_cast<std::size_t>(root)].position;
    std::vector<bool> in(b.size(), false);
    for (std::size_t i = static_cast<std::size_t>(root); i < b.size(); ++i) {
      const int p = b[i].parent;
      in[i] = static_cast<int>(i) == root || (p >= root && in[static_cast<std::size_t>(p)]);
      if (in[i]) b[i].position = pivot + q * (b[i].position - pivot);
    }
  };
  auto find = [&](Role r, Side s) {
    for (std::size_t i = 0; i < b.size(); ++i) {
      if (b[i].role == r && b[i].side == s) return static_cast<int>(i);
    }
    return -1;
  };
  auto R = [](float deg, glm::vec3 axis) { return glm::angleAxis(glm::radians(deg), axis); };
  const glm::vec3 X(1, 0, 0), Y(0, 1, 0), Z(0, 0, 1);
  for (Side s : {Side::Left, Side::Right}) {
    const float m = s == Side::Left ? 1.0f : -1.0f;  // mirror: rotations about Y and Z flip
    if (spec.bind == BindPose::T) {
      turn(find(Role::UpperArm, s), R(90.0f * m, Z) * R(-90.0f * m, Y));
    } else if (spec.bind == BindPose::A) {
      const glm::quat q = R(45.0f * m, Z) * R(-90.0f * m, Y);
      turn(find(Role::UpperArm, s), q);
      turn(find(Role::Forearm, s), q * R(-15.0f, X) * glm::conjugate(q));
      turn(find(Role::Thigh, s), R(5.0f * m, Z) * R(10.0f * m, Y));
      turn(find(Role::Foot, s), R(-5.0f * m, Z));  // soles flat on the floor, toes out
    }
  }
  // Facing, up axis and unit.
  glm::quat frame(1, 0, 0, 0);
  if (spec.facingBack) frame = R(180.0f, Y);
  if (spec.zUp) frame = R(90.0f, X) * frame;  // +Y -> +Z, +Z (front) -> -Y
  for (RigBone& r : b) r.position = (frame * r.position) * spec.unitsPerMetre;
  for (RigBone& r : b) {
    r.name = spec.convention ? boneName(*spec.convention, r.role, r.side) : std::string();
  }
  return b;
}

}  // namespace sv::test
