#include "anatomy/motion.h"

namespace sv::anatomy {
namespace {

constexpr std::array<std::string_view, kMotionCount> kIds = {
    "hip.flexion",
    "hip.abduction",
    "hip.internal_rotation",
    "knee.flexion",
    "ankle.dorsiflexion",
    "ankle.inversion",
    "toes.extension",
    "scapula.elevation",
    "scapula.protraction",
    "shoulder.flexion",
    "shoulder.abduction",
    "shoulder.horizontal_adduction",
    "shoulder.internal_rotation",
    "elbow.flexion",
    "forearm.pronation",
    "wrist.flexion",
    "wrist.radial_deviation",
    "lumbar.flexion",
    "lumbar.lateral_flexion",
    "lumbar.rotation",
    "thoracic.flexion",
    "thoracic.lateral_flexion",
    "thoracic.rotation",
    "cervical.flexion",
    "cervical.lateral_flexion",
    "cervical.rotation",
};

// Left-side (or midline) joint of each motion.
constexpr std::array<Joint, kMotionCount> kJoint = {
    Joint::HipL,      Joint::HipL,      Joint::HipL,      Joint::KneeL,     Joint::AnkleL,
    Joint::SubtalarL, Joint::ToesL,     Joint::ClavicleL, Joint::ClavicleL, Joint::ShoulderL,
    Joint::ShoulderL, Joint::ShoulderL, Joint::ShoulderL, Joint::ElbowL,    Joint::ForearmL,
    Joint::WristL,    Joint::WristL,    Joint::Lumbar,    Joint::Lumbar,    Joint::Lumbar,
    Joint::Thoracic,  Joint::Thoracic,  Joint::Thoracic,  Joint::Cervical,  Joint::Cervical,
    Joint::Cervical,
};

// In the enum's order.
constexpr std::string_view kNames[kMotionCount] = {
    "Hip flexion",
    "Hip abduction",
    "Hip internal rotation",
    "Knee flexion",
    "Ankle dorsiflexion",
    "Ankle inversion",
    "Toe extension",
    "Scapular elevation",
    "Scapular protraction",
    "Shoulder flexion",
    "Shoulder abduction",
    "Shoulder horizontal adduction",
    "Shoulder internal rotation",
    "Elbow flexion",
    "Forearm pronation",
    "Wrist flexion",
    "Wrist radial deviation",
    "Lumbar flexion",
    "Lumbar lateral flexion",
    "Lumbar rotation",
    "Thoracic flexion",
    "Thoracic lateral flexion",
    "Thoracic rotation",
    "Cervical flexion",
    "Cervical lateral flexion",
    "Cervical rotation",
};

// The clinician's names of each motion's two directions (positive, negative), in the enum's
// order; the spine's lateral flexion and rotation are named by the side they go to.
constexpr std::array<std::array<std::string_view, 2>, kMotionCount> kDirections = {{
    {"Hip flexion", "Hip extension"},
    {"Hip abduction", "Hip adduction"},
    {"Hip internal rotation", "Hip external rotation"},
    {"Knee flexion", "Knee hyperextension"},
    {"Ankle dorsiflexion", "Ankle plantarflexion"},
    {"Ankle inversion", "Ankle eversion"},
    {"Toe extension", "Toe flexion"},
    {"Scapular elevation", "Scapular depression"},
    {"Scapular protraction", "Scapular retraction"},
    {"Shoulder flexion", "Shoulder extension"},
    {"Shoulder abduction", "Shoulder adduction"},
    {"Shoulder horizontal adduction", "Shoulder horizontal abduction"},
    {"Shoulder internal rotation", "Shoulder external rotation"},
    {"Elbow flexion", "Elbow hyperextension"},
    {"Forearm pronation", "Forearm supination"},
    {"Wrist flexion", "Wrist extension"},
    {"Wrist radial deviation", "Wrist ulnar deviation"},
    {"Lumbar flexion", "Lumbar extension"},
    {"Lumbar lateral flexion to the right", "Lumbar lateral flexion to the left"},
    {"Lumbar rotation to the right", "Lumbar rotation to the left"},
    {"Thoracic flexion", "Thoracic extension"},
    {"Thoracic lateral flexion to the right", "Thoracic lateral flexion to the left"},
    {"Thoracic rotation to the right", "Thoracic rotation to the left"},
    {"Cervical flexion", "Cervical extension"},
    {"Cervical lateral flexion to the right", "Cervical lateral flexion to the left"},
    {"Cervical rotation to the right", "Cervical rotation to the left"},
}};

}  // namespace

std::string_view motionName(Motion m) {
  return kNames[static_cast<std::size_t>(m)];
}

std::string_view directionName(Motion m, bool negative) {
  return kDirections[static_cast<std::size_t>(m)][negative ? 1 : 0];
}

MotionReading readingOf(Motion m, float degrees, bool negativeDirection) {
  const float shown = negativeDirection ? -degrees : degrees;
  return {directionName(m, negativeDirection), shown};
}

std::string_view motionId(Motion m) {
  return kIds[static_cast<std::size_t>(m)];
}

std::optional<Motion> motionFromId(std::string_view id) {
  for (int i = 0; i < kMotionCount; ++i) {
    if (kIds[static_cast<std::size_t>(i)] == id) return static_cast<Motion>(i);
  }
  return std::nullopt;
}

Joint jointOfMotion(Motion m, Side side) {
  const Joint j = kJoint[static_cast<std::size_t>(m)];
  return isBilateral(m) ? onSide(j, side) : j;
}

CoordinateKey coordinateKey(int c) {
  if (c < 2 * kBilateralMotionCount) {
    return {static_cast<Motion>(c / 2), (c % 2) == 1 ? Side::Right : Side::Left};
  }
  return {static_cast<Motion>(c - kBilateralMotionCount), Side::Center};
}

}  // namespace sv::anatomy
