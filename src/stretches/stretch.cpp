#include "stretches/stretch.h"

#include <array>
#include <utility>

#include "anatomy/kinematics.h"

namespace sv::stretches {

namespace an = sv::anatomy;

namespace {

template <class E, std::size_t N>
std::optional<E> lookup(const std::array<std::string_view, N>& ids, std::string_view id) {
  for (std::size_t i = 0; i < N; ++i) {
    if (ids[i] == id) return static_cast<E>(i);
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 6> kClientPositions{"supine", "prone",    "side_lying",
                                                           "seated", "standing", "kneeling"};
constexpr std::array<std::string_view, 3> kSupports{"table", "floor", "chair"};
constexpr std::array<std::string_view, 8> kPractitionerPositions{
    "standing_side",  "standing_end",  "standing_front", "kneeling_on_table",
    "kneeling_floor", "head_of_table", "behind_seated",  "behind_standing"};
constexpr std::array<std::string_view, 4> kPractitionerPostures{"standing", "lunge",
                                                                "half_kneeling", "kneeling"};
constexpr std::array<std::string_view, 6> kPhaseKinds{
    "move", "hold", "contract", "relax", "agonist_contract", "return"};

// Midline motions whose sign names a side (toward the right = positive).
bool isLateralMidline(an::Motion m) {
  switch (m) {
    case an::Motion::LumbarLateralFlexion:
    case an::Motion::LumbarRotation:
    case an::Motion::ThoracicLateralFlexion:
    case an::Motion::ThoracicRotation:
    case an::Motion::CervicalLateralFlexion:
    case an::Motion::CervicalRotation:
      return true;
    default:
      return false;
  }
}

an::Side otherSide(an::Side s) {
  return s == an::Side::Left ? an::Side::Right : (s == an::Side::Right ? an::Side::Left : s);
}

Range negated(Range r) {
  return {-r.max, -r.min};
}

}  // namespace

std::string_view clientPositionId(ClientPosition p) {
  return kClientPositions[static_cast<std::size_t>(p)];
}
std::string_view supportId(Support s) {
  return kSupports[static_cast<std::size_t>(s)];
}
std::string_view practitionerPositionId(PractitionerPosition p) {
  return kPractitionerPositions[static_cast<std::size_t>(p)];
}
std::string_view practitionerPostureId(PractitionerPosture p) {
  return kPractitionerPostures[static_cast<std::size_t>(p)];
}
std::string_view phaseKindId(PhaseKind k) {
  return kPhaseKinds[static_cast<std::size_t>(k)];
}
std::string_view phaseTitle(PhaseKind k) {
  constexpr std::array<std::string_view, 6> kTitles = {
      "Move", "Hold", "Contract", "Relax", "Agonist contract", "Return"};
  return kTitles[static_cast<std::size_t>(k)];
}
std::optional<ClientPosition> clientPositionFromId(std::string_view id) {
  return lookup<ClientPosition>(kClientPositions, id);
}
std::optional<Support> supportFromId(std::string_view id) {
  return lookup<Support>(kSupports, id);
}
std::optional<PractitionerPosition> practitionerPositionFromId(std::string_view id) {
  return lookup<PractitionerPosition>(kPractitionerPositions, id);
}
std::optional<PractitionerPosture> practitionerPostureFromId(std::string_view id) {
  return lookup<PractitionerPosture>(kPractitionerPostures, id);
}
std::optional<PhaseKind> phaseKindFromId(std::string_view id) {
  return lookup<PhaseKind>(kPhaseKinds, id);
}

const NamedPose* Stretch::pose(std::string_view poseName) const {
  for (const NamedPose& p : poses) {
    if (p.name == poseName) return &p;
  }
  return nullptr;
}

const Technique* Stretch::technique(std::string_view techniqueId) const {
  for (const Technique& t : techniques) {
    if (t.id == techniqueId) return &t;
  }
  return nullptr;
}

an::Pose mirrorPose(const an::Pose& pose) {
  an::Pose out;
  for (int i = 0; i < an::kMotionCount; ++i) {
    const auto m = static_cast<an::Motion>(i);
    if (an::isBilateral(m)) {
      out.set(m, an::Side::Left, pose.get(m, an::Side::Right));
      out.set(m, an::Side::Right, pose.get(m, an::Side::Left));
    } else {
      out.set(m, isLateralMidline(m) ? -pose.get(m) : pose.get(m));
    }
  }
  out.root.translation = {-pose.root.translation.x, pose.root.translation.y,
                          pose.root.translation.z};
  out.root.rotation = an::mirrorX(pose.root.rotation);
  return out;
}

Stretch mirrorStretch(const Stretch& s) {
  Stretch out = s;
  out.side = otherSide(s.side);
  out.mirrored = !s.mirrored;
  auto mirrorMeasurement = [](Measurement& m) {
    if (isLateralMidline(m.motion)) {
      m.target = negated(m.target);
      m.normal = negated(m.normal);
    }
  };
  mirrorMeasurement(out.key);
  if (out.second) mirrorMeasurement(*out.second);
  out.root.translation.x = -s.root.translation.x;
  out.root.rotation = an::mirrorX(s.root.rotation);
  for (Contact& c : out.contacts) {
    c.hand = c.hand == Hand::Left ? Hand::Right : Hand::Left;
    c.joint = an::mirrorJoint(c.joint);
    c.offset.x = -c.offset.x;
    c.forceDirection.x = -c.forceDirection.x;
    if (c.forearm) {
      c.forearm->joint = an::mirrorJoint(c.forearm->joint);
      c.forearm->offset.x = -c.forearm->offset.x;
      c.forearm->forceDirection.x = -c.forearm->forceDirection.x;
    }
  }
  for (NamedPose& p : out.poses) p.pose = mirrorPose(p.pose);
  if (out.view) out.view->yawDeg = s.view->yawDeg == 180.0f ? 180.0f : -s.view->yawDeg;
  return out;
}

Stretch stretchForSide(const Stretch& stretch, an::Side side) {
  if (side == stretch.side || side == an::Side::Center) return stretch;
  return mirrorStretch(stretch);
}

float measurementValue(const Measurement& m, an::Side side, const an::Pose& pose) {
  return pose.get(m.motion, side);
}

}  // namespace sv::stretches
