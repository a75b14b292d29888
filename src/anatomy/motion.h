// Clinical joint motions, their stable string ids, and the anatomical pose.
//
// Sign convention: a positive angle is the named direction, a negative angle its opposite
// (hip.flexion -10 = 10 degrees of hip extension; forearm.pronation -80 = 80 degrees of
// supination). Bilateral motions are mirrored: hip.flexion 90 is the same anatomical
// movement on the left and the right. Spine lateral flexion and rotation are positive toward
// the character's RIGHT. Full conventions per motion: docs/anatomy.md.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "anatomy/skeleton.h"

namespace sv::anatomy {

// Bilateral motions first, then the midline (spine) motions. The enum position is not a
// file format: save motionId() strings, never the number.
enum class Motion : uint8_t {
  HipFlexion,
  HipAbduction,
  HipInternalRotation,
  KneeFlexion,
  AnkleDorsiflexion,
  AnkleInversion,  // acts at the subtalar joint
  ToesExtension,
  ScapulaElevation,  // acts at the clavicle (shoulder girdle) joint
  ScapulaProtraction,
  ShoulderFlexion,
  ShoulderAbduction,
  ShoulderHorizontalAdduction,
  ShoulderInternalRotation,
  ElbowFlexion,
  ForearmPronation,
  WristFlexion,
  WristRadialDeviation,
  // midline
  LumbarFlexion,
  LumbarLateralFlexion,  // positive = toward the right
  LumbarRotation,        // positive = toward the right
  ThoracicFlexion,
  ThoracicLateralFlexion,
  ThoracicRotation,
  CervicalFlexion,
  CervicalLateralFlexion,
  CervicalRotation,
};

inline constexpr int kBilateralMotionCount = 17;
inline constexpr int kMotionCount = 26;
inline constexpr int kCoordinateCount =
    2 * kBilateralMotionCount + (kMotionCount - kBilateralMotionCount);

constexpr bool isBilateral(Motion m) {
  return static_cast<int>(m) < kBilateralMotionCount;
}

// Index of the (motion, side) coordinate in Pose::angles. The side is ignored for midline
// motions; Side::Center on a bilateral motion means Left.
constexpr int coord(Motion m, Side side = Side::Center) {
  const int i = static_cast<int>(m);
  if (i < kBilateralMotionCount) return 2 * i + (side == Side::Right ? 1 : 0);
  return kBilateralMotionCount + i;
}

// "hip.flexion", "shoulder.horizontal_adduction", "ankle.inversion" ...
std::string_view motionId(Motion m);
std::optional<Motion> motionFromId(std::string_view id);
// The clinician's name of the motion, as every screen shows it: "Hip flexion", "Cervical lateral
// flexion" (never the id).
std::string_view motionName(Motion m);
// The name of one direction of the motion as a clinician says it: positive angles are the
// motion itself ("Wrist flexion"), negative ones the opposite motion ("Wrist extension");
// the spine's lateral flexion and rotation name the side ("Cervical rotation to the left").
std::string_view directionName(Motion m, bool negative);
// An angle read in one direction of its motion: for a gauge whose range lies on the negative
// side (a wrist-extension stretch, a Thomas test's hip extension) `negativeDirection` is true
// and -62 wrist.flexion reads {"Wrist extension", 62}; values past zero read negative (5°
// short of neutral), never as the opposite motion's name with a minus sign.
struct MotionReading {
  std::string_view name;
  float degrees = 0.0f;
};
MotionReading readingOf(Motion m, float degrees, bool negativeDirection);
// The joint whose rotation carries the motion (left or right as asked for bilateral ones).
Joint jointOfMotion(Motion m, Side side);

// Angles of every (motion, side) coordinate, in degrees. All zero = anatomical position.
struct Pose {
  std::array<float, kCoordinateCount> angles{};
  // Placement of the pelvis in model space, applied on top of its rest transform
  // (identity = standing at the rest position). Not an anatomical angle.
  Transform root{};

  float get(Motion m, Side side = Side::Center) const {
    return angles[static_cast<std::size_t>(coord(m, side))];
  }
  void set(Motion m, Side side, float degrees) {
    angles[static_cast<std::size_t>(coord(m, side))] = degrees;
  }
  void set(Motion m, float degrees) { set(m, Side::Center, degrees); }

  // Exact equality (every angle and the root placement bit for bit): two equal poses give
  // equal frames everywhere downstream, which the sweeps use to skip repeated holds.
  bool operator==(const Pose& o) const {
    return angles == o.angles && root.translation == o.root.translation &&
           root.rotation == o.root.rotation;
  }
};

// The side a coordinate index belongs to and its motion (inverse of coord()).
struct CoordinateKey {
  Motion motion;
  Side side;
};
CoordinateKey coordinateKey(int coordinate);

}  // namespace sv::anatomy
