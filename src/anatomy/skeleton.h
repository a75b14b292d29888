// Canonical humanoid skeleton: joint set, hierarchy and rest (bind) pose.
//
// Model space: metres, +Y up, the body faces +Z (glTF convention), so the character's LEFT
// is +X. Right-handed. The rest pose is the ANATOMICAL POSITION: standing, arms at the
// sides, palms forward, feet forward.
//
// Storage follows ozz-animation: flat arrays in depth-first order, parent index < child
// index, names only for load-time look-ups. A Skeleton is built once and not changed after.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

namespace sv::anatomy {

enum class Side : uint8_t { Left, Right, Center };

// Depth-first order; every parent precedes its children. The values are stable array
// indices (they index Skeleton arrays and model-matrix buffers).
enum class Joint : uint8_t {
  Pelvis,     // root; placed in model space by Pose::root
  Lumbar,     // L5/S1: lumbar spine motions
  Thoracic,   // T12/L1: thoracic spine motions
  Cervical,   // C7/T1: neck motions
  Head,       // skull base; no motions of its own (leaf)
  ClavicleL,  // sternoclavicular joint: shoulder girdle (scapula) elevation/protraction
  ShoulderL,  // glenohumeral joint
  ElbowL,     // humero-ulnar: flexion
  ForearmL,   // radio-ulnar twist joint, mid-forearm: pronation/supination
  WristL,     // radiocarpal: flexion, radial/ulnar deviation
  HandL,      // 3rd metacarpophalangeal joint (knuckles); leaf
  ClavicleR,
  ShoulderR,
  ElbowR,
  ForearmR,
  WristR,
  HandR,
  HipL,       // hip joint centre
  KneeL,      // knee flexion
  AnkleL,     // talocrural: dorsi/plantarflexion
  SubtalarL,  // subtalar: inversion/eversion
  ToesL,      // metatarsophalangeal joints; leaf
  HipR,
  KneeR,
  AnkleR,
  SubtalarR,
  ToesR,
};

inline constexpr int kJointCount = 27;

constexpr int index(Joint j) {
  return static_cast<int>(j);
}

// Canonical name ("pelvis", "hip_l", "shoulder_r" ...). Never used on the per-frame path.
std::string_view jointName(Joint j);
// Inverse of jointName (exact, lower-case). Load time only.
std::optional<Joint> jointFromName(std::string_view name);
// Parent joint index, -1 for the root.
int parentOf(Joint j);
Side sideOf(Joint j);
// The same joint on the other side (Center joints map to themselves).
Joint mirrorJoint(Joint j);
// Left-side (or Center) version of a joint: the key into per-joint-kind tables.
inline Joint leftOf(Joint j) {
  return sideOf(j) == Side::Right ? mirrorJoint(j) : j;
}
// The joint of a given side for a left-side joint kind (Center joints unchanged).
inline Joint onSide(Joint leftJoint, Side side) {
  return side == Side::Right ? mirrorJoint(leftJoint) : leftJoint;
}

// A joint whose rotation is spread over several levels (a spine region: the lumbar, thoracic
// or cervical vertebrae). With count n > 1 the joint's motion m (its local rotation without
// the rest rotation) is applied as n equal parts m^(1/n): the first at the joint centre, the
// others at pivot[1..n-1]. The joint's model matrix is then the frame carried past the last
// pivot, so children stay where the bent chain puts them and its rotation is still the whole
// m (measurement is unchanged). count 1 = an ordinary joint.
inline constexpr int kMaxJointLevels = 4;
struct JointLevels {
  std::uint8_t count = 1;
  // Pivot of level i in the joint's rest frame, relative to the joint centre (pivot[0] = 0).
  std::array<glm::vec3, kMaxJointLevels> pivot{};
};

// Rigid transform, no scale. Translation in metres.
struct Transform {
  glm::vec3 translation{0.0f};
  glm::quat rotation{1.0f, 0.0f, 0.0f, 0.0f};  // (w, x, y, z)
};

struct Skeleton {
  float height = 1.75f;  // standing height H, metres
  std::array<int16_t, kJointCount> parents{};
  std::array<std::string_view, kJointCount> names{};  // load-time only
  // Rest pose (anatomical position), local to the parent joint.
  std::array<Transform, kJointCount> restLocal{};
  // Rest pose in model space (derived from restLocal at build time).
  std::array<glm::mat4, kJointCount> restModel{};
  // Per joint, the rotation taking the joint's anatomical axes to its bind (local) frame.
  // Anatomical axes are model-aligned in the anatomical position: X = the character's left,
  // Y = up, Z = anterior (see docs/anatomy.md). Zero anatomical angles give the rest pose.
  // Identity for the default skeleton, whose bind frames are model-aligned.
  std::array<glm::quat, kJointCount> anatomicalFrame{};
  // Spread joints (see JointLevels); all count 1 for the default skeleton. Levels are for
  // the spine joints only (lumbar, thoracic, cervical).
  std::array<JointLevels, kJointCount> levels{};
};

// Default skeleton scaled to `heightMetres`, segment lengths from Winter's anthropometric
// proportions (Winter DA, Biomechanics and Motor Control of Human Movement, 4th ed., 2009,
// Fig. 4.1: segment lengths as fractions of height H). Bind frames are model-aligned
// (identity rest rotations). Joint positions: see docs/anatomy.md, "Default skeleton".
Skeleton makeDefaultSkeleton(float heightMetres = 1.75f);

// Recomputes restModel from restLocal and parents (for skeletons built by hand).
void updateRestModel(Skeleton& skeleton);

}  // namespace sv::anatomy
