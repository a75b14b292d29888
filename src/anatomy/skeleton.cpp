#include "anatomy/skeleton.h"

namespace sv::anatomy {
namespace {

constexpr std::array<std::string_view, kJointCount> kNames = {
    "pelvis",    "lumbar",    "thoracic", "cervical", "head",       "clavicle_l", "shoulder_l",
    "elbow_l",   "forearm_l", "wrist_l",  "hand_l",   "clavicle_r", "shoulder_r", "elbow_r",
    "forearm_r", "wrist_r",   "hand_r",   "hip_l",    "knee_l",     "ankle_l",    "subtalar_l",
    "toes_l",    "hip_r",     "knee_r",   "ankle_r",  "subtalar_r", "toes_r"};

constexpr std::array<int16_t, kJointCount> kParents = {
    -1, 0,  1,  2,  3,       // pelvis lumbar thoracic cervical head
    2,  5,  6,  7,  8,  9,   // left arm (clavicle hangs off the thoracic segment)
    2,  11, 12, 13, 14, 15,  // right arm
    0,  17, 18, 19, 20,      // left leg
    0,  22, 23, 24, 25};     // right leg

// Model-space joint positions in the anatomical position for the LEFT side and midline, as
// fractions of standing height H (x = left, y = up, z = anterior). Right side: x mirrored.
//
// Heights and lengths from Winter (2009), Fig. 4.1:
//   shoulder (acromion) 0.818H, elbow 0.630H, wrist 0.485H, hip (greater trochanter) 0.530H,
//   knee 0.285H, ankle 0.039H; upper arm 0.186H, forearm 0.146H, hand 0.108H,
//   thigh 0.245H, shank 0.246H, foot length 0.152H, shoulder width 0.259H, hip width 0.191H.
// The joint centres lie inside the outer widths Winter gives: the glenohumeral centres at
// +-0.110H (about +-0.19 m at 1.75 m, inside the 0.259H bideltoid width) and the hip joint
// centres at +-0.051H (about +-9 cm, inside the 0.191H bitrochanteric width). Spine joint
// heights and depths (L5/S1, T12/L1, C7/T1, skull base) are approximate placements, not
// Winter figures; see docs/anatomy.md.
struct P {
  float x, y, z;
};
constexpr float kShoulderX = 0.110f;
constexpr float kHipX = 0.051f;
constexpr float kShoulderY = 0.818f;
constexpr float kElbowY = kShoulderY - 0.186f;  // 0.632 (Winter's elbow height: 0.630)
constexpr float kWristY = kElbowY - 0.146f;     // 0.486 (Winter: 0.485)
constexpr float kHipY = 0.530f;
constexpr float kKneeY = kHipY - 0.245f;    // 0.285
constexpr float kAnkleY = kKneeY - 0.246f;  // 0.039

constexpr std::array<P, kJointCount> kModelPos = {{
    {0.0f, kHipY, 0.0f},                   // pelvis: midpoint of the hip joint centres
    {0.0f, 0.575f, -0.025f},               // lumbar (L5/S1)
    {0.0f, 0.680f, -0.030f},               // thoracic (T12/L1)
    {0.0f, kShoulderY, -0.030f},           // cervical (C7/T1), at shoulder height
    {0.0f, 0.900f, -0.010f},               // head (skull base / C1)
    {0.015f, 0.805f, 0.020f},              // clavicle_l (sternoclavicular joint)
    {kShoulderX, kShoulderY, 0.0f},        // shoulder_l
    {kShoulderX, kElbowY, 0.0f},           // elbow_l
    {kShoulderX, kElbowY - 0.073f, 0.0f},  // forearm_l (mid-forearm twist)
    {kShoulderX, kWristY, 0.0f},           // wrist_l
    {kShoulderX, kWristY - 0.054f, 0.0f},  // hand_l (knuckles; fingertips at 0.108H)
    {-0.015f, 0.805f, 0.020f},             // clavicle_r
    {-kShoulderX, kShoulderY, 0.0f},
    {-kShoulderX, kElbowY, 0.0f},
    {-kShoulderX, kElbowY - 0.073f, 0.0f},
    {-kShoulderX, kWristY, 0.0f},
    {-kShoulderX, kWristY - 0.054f, 0.0f},
    {kHipX, kHipY, 0.0f},     // hip_l
    {kHipX, kKneeY, 0.0f},    // knee_l
    {kHipX, kAnkleY, 0.0f},   // ankle_l
    {kHipX, 0.027f, 0.008f},  // subtalar_l (below and in front of the ankle axis)
    {kHipX, 0.012f, 0.080f},  // toes_l (MTP; heel at z=-0.040H, toe tip at +0.112H)
    {-kHipX, kHipY, 0.0f},
    {-kHipX, kKneeY, 0.0f},
    {-kHipX, kAnkleY, 0.0f},
    {-kHipX, 0.027f, 0.008f},
    {-kHipX, 0.012f, 0.080f},
}};

}  // namespace

std::string_view jointName(Joint j) {
  return kNames[static_cast<std::size_t>(j)];
}

std::optional<Joint> jointFromName(std::string_view name) {
  for (int i = 0; i < kJointCount; ++i) {
    if (kNames[static_cast<std::size_t>(i)] == name) return static_cast<Joint>(i);
  }
  return std::nullopt;
}

int parentOf(Joint j) {
  return kParents[static_cast<std::size_t>(j)];
}

Side sideOf(Joint j) {
  const int i = index(j);
  if (i < index(Joint::ClavicleL)) return Side::Center;
  if (i < index(Joint::ClavicleR)) return Side::Left;
  if (i < index(Joint::HipL)) return Side::Right;
  if (i < index(Joint::HipR)) return Side::Left;
  return Side::Right;
}

Joint mirrorJoint(Joint j) {
  const int i = index(j);
  constexpr int kArm = index(Joint::ClavicleR) - index(Joint::ClavicleL);
  constexpr int kLeg = index(Joint::HipR) - index(Joint::HipL);
  if (i < index(Joint::ClavicleL)) return j;
  if (i < index(Joint::ClavicleR)) return static_cast<Joint>(i + kArm);
  if (i < index(Joint::HipL)) return static_cast<Joint>(i - kArm);
  if (i < index(Joint::HipR)) return static_cast<Joint>(i + kLeg);
  return static_cast<Joint>(i - kLeg);
}

void updateRestModel(Skeleton& s) {
  for (int i = 0; i < kJointCount; ++i) {
    const Transform& t = s.restLocal[static_cast<std::size_t>(i)];
    glm::mat4 local = glm::mat4_cast(t.rotation);
    local[3] = glm::vec4(t.translation, 1.0f);
    const int p = s.parents[static_cast<std::size_t>(i)];
    s.restModel[static_cast<std::size_t>(i)] =
        p < 0 ? local : s.restModel[static_cast<std::size_t>(p)] * local;
  }
}

Skeleton makeDefaultSkeleton(float heightMetres) {
  Skeleton s;
  s.height = heightMetres;
  s.parents = kParents;
  s.names = kNames;
  for (std::size_t i = 0; i < kJointCount; ++i) {
    const glm::vec3 pos = glm::vec3(kModelPos[i].x, kModelPos[i].y, kModelPos[i].z) * heightMetres;
    const int p = kParents[i];
    glm::vec3 parentPos(0.0f);
    if (p >= 0) {
      const P& pp = kModelPos[static_cast<std::size_t>(p)];
      parentPos = glm::vec3(pp.x, pp.y, pp.z) * heightMetres;
    }
    s.restLocal[i].translation = pos - parentPos;
    s.restLocal[i].rotation = glm::quat(1.0f, 0.0f, 0.0f, 0.0f);
    s.anatomicalFrame[i] = glm::quat(1.0f, 0.0f, 0.0f, 0.0f);
  }
  updateRestModel(s);
  return s;
}

}  // namespace sv::anatomy
