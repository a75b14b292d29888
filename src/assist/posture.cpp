#include "assist/posture.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "anatomy/kinematics.h"

namespace sv::assist {
namespace {

using anatomy::Joint;
using anatomy::Motion;
using anatomy::Side;
using stretches::PractitionerPosture;

constexpr float kDeg = 0.017453292f;

std::uint32_t bit(Joint j) {
  return 1u << anatomy::index(j);
}
std::uint32_t footBits(Side s) {
  return bit(anatomy::onSide(Joint::AnkleL, s)) | bit(anatomy::onSide(Joint::SubtalarL, s)) |
         bit(anatomy::onSide(Joint::ToesL, s));
}
std::uint32_t shinBits(Side s) {
  return bit(anatomy::onSide(Joint::KneeL, s));
}

std::size_t sideIndex(Side s) {
  return s == Side::Left ? 0 : 1;
}

// A lunge: the front ankle this far ahead of the hips, the back ankle this far behind (metres).
constexpr float kLungeAhead = 0.32f, kLungeBehind = 0.38f;
// Half-kneeling: the front ankle ahead of the hips.
constexpr float kKneelStepAhead = 0.40f;
constexpr float kKneecap = 0.05f;  // about the knee's capsule radius: the hip over a kneeling knee

// The sagittal two-bone solution for a leg whose ankle is `down` metres below and `ahead`
// metres in front of its hip joint (thigh a, shank b): hip and knee flexion in degrees, the
// knee bending forward of the hip-ankle line.
void legTo(float down, float ahead, float a, float b, float& hip, float& knee) {
  const float l = std::min(std::sqrt(down * down + ahead * ahead), 0.999f * (a + b));
  const float inner = std::acos(std::clamp((a * a + b * b - l * l) / (2.0f * a * b), -1.0f, 1.0f));
  const float atHip = std::acos(std::clamp((a * a + l * l - b * b) / (2.0f * a * l), -1.0f, 1.0f));
  knee = 180.0f - inner / kDeg;
  hip = (std::atan2(ahead, down) + atHip) / kDeg;
}

// The legs of `posture` with the hip joints `hipOverFloor` metres above the floor. `fit[side]`
// is each leg's correction that brings it to the floor: a leg that stands on its foot reaches
// its ankle `ankleHeight + fit` metres above the floor a step ahead or behind (two-bone IK, the
// foot flat or on its ball); a kneeling leg bends its knee `fit` degrees more (raising the foot
// until the tucked toes touch down with the knee).
PostureSample legsAt(PractitionerPosture posture, Side lead, float thigh, float shank,
                     float hipOverFloor, float ankleHeight, const std::array<float, 2>& fit) {
  PostureSample s;
  const std::size_t f = sideIndex(lead);
  const std::size_t r = 1 - f;
  // A kneeling leg: the thigh upright, the shin back along the floor rising about 15 degrees to
  // the ankle, the foot down on its tucked toes.
  auto kneel = [&](std::size_t k) {
    s.hipFlexion[k] = 0.0f;
    s.kneeFlexion[k] = 105.0f + fit[k];
    s.ankleDorsiflexion[k] = 0.0f;
    s.toesExtension[k] = 70.0f;
  };
  // A leg on its foot, the ankle `ahead` metres in front of the hip (negative: behind).
  auto stand = [&](std::size_t k, float ahead) {
    legTo(hipOverFloor - ankleHeight - fit[k], ahead, thigh, shank, s.hipFlexion[k],
          s.kneeFlexion[k]);
    // The shin leans forward over the foot by (knee - hip). A front foot stays flat (the
    // ankle takes it all, up to 30 degrees); a back foot takes 15 at the ankle and rolls onto
    // its ball for the rest, the toes bent back flat on the floor.
    const float over = s.kneeFlexion[k] - s.hipFlexion[k];
    if (ahead >= 0.0f) {
      s.ankleDorsiflexion[k] = std::min(over, 30.0f);
    } else {
      s.ankleDorsiflexion[k] = std::min(over, 15.0f);
      s.toesExtension[k] = std::clamp(over - 15.0f, 0.0f, 60.0f);
    }
  };
  switch (posture) {
    case PractitionerPosture::Standing:
      break;  // samplePosture() is analytic for standing
    case PractitionerPosture::Lunge:
      stand(f, kLungeAhead);
      stand(r, -kLungeBehind);
      break;
    case PractitionerPosture::HalfKneeling:
      kneel(r);
      stand(f, kKneelStepAhead);
      break;
    case PractitionerPosture::Kneeling:
      kneel(f);
      kneel(r);
      break;
  }
  return s;
}

// A figure posed with `sample` (pelvis at its rest place, facing +Z): its placed capsules.
FigureCapsules posed(const anatomy::Skeleton& sk, const FigureCapsules& fit,
                     const PostureSample& sample) {
  anatomy::Pose p;
  applyPosture(sample, 0.0f, p);
  p.root.translation = glm::vec3(0.0f, -sample.drop, sample.forward);
  std::array<anatomy::Transform, anatomy::kJointCount> local{};
  std::array<glm::mat4, anatomy::kJointCount> model{};
  anatomy::poseToLocal(sk, p, local);
  anatomy::localToModel(sk, local, model);
  FigureCapsules placed;
  placeFigure(fit, model, placed);
  return placed;
}

// The lowest point of the capsules of the joints `bits` (world y).
float lowestOf(const FigureCapsules& placed, std::uint32_t bits) {
  float low = std::numeric_limits<float>::max();
  for (int i = 0; i < placed.count; ++i) {
    const BodyCapsule& c = placed.capsules[static_cast<std::size_t>(i)];
    if ((bits >> c.joint) & 1u) low = std::min(low, std::min(c.a.y, c.b.y) - c.radius);
  }
  return low;
}

}  // namespace

PostureTable buildPostureTable(const anatomy::Skeleton& skeleton, const FigureCapsules& fit,
                               PractitionerPosture posture, Side lead, float maxSquat) {
  PostureTable t;
  t.posture = posture;
  t.lead = lead;
  t.thigh = glm::length(skeleton.restLocal[anatomy::index(Joint::KneeL)].translation);
  t.shank = glm::length(skeleton.restLocal[anatomy::index(Joint::AnkleL)].translation);
  const Side back = lead == Side::Left ? Side::Right : Side::Left;
  // Which legs kneel (the knee and the tucked toes on the floor) and which stand on a foot.
  std::array<bool, 2> kneels{false, false};
  switch (posture) {
    case PractitionerPosture::Standing:
      t.supports = {footBits(Side::Left) | footBits(Side::Right), 0u};
      t.supportCount = 1;
      t.maxSquat = maxSquat;
      break;
    case PractitionerPosture::Lunge:
      t.supports = {footBits(Side::Left), footBits(Side::Right)};
      t.supportCount = 2;
      t.maxSquat = maxSquat;
      break;
    case PractitionerPosture::HalfKneeling:
      t.supports = {shinBits(back) | footBits(back), footBits(lead)};
      t.supportCount = 2;
      kneels[sideIndex(back)] = true;
      break;
    case PractitionerPosture::Kneeling:
      t.supports = {shinBits(Side::Left) | footBits(Side::Left),
                    shinBits(Side::Right) | footBits(Side::Right)};
      t.supportCount = 2;
      kneels = {true, true};
      break;
  }
  // The level of the feet at the standing rest pose: where the placement puts the floor.
  t.restLowest =
      lowestOf(posed(skeleton, fit, PostureSample{}), footBits(Side::Left) | footBits(Side::Right));
  if (posture == PractitionerPosture::Standing) return t;

  const float thigh = t.thigh, shank = t.shank;
  const float hipHeight = skeleton.restModel[anatomy::index(Joint::HipL)][3].y;
  const float ankleHeight = skeleton.restModel[anatomy::index(Joint::AnkleL)][3].y;
  const float leg = thigh + shank;
  const bool onKnees = posture != PractitionerPosture::Lunge;
  for (int k = 0; k < kPostureSamples; ++k) {
    const float u = static_cast<float>(k) / static_cast<float>(kPostureSamples - 1);
    // The hips' height: a lunge goes down from an almost straight back leg to a deep lunge;
    // kneeling, the thigh stands on the knee.
    const float top = ankleHeight + 0.97f * std::sqrt(leg * leg - kLungeBehind * kLungeBehind);
    const float bottom = ankleHeight + 0.60f * leg;
    float hips = onKnees ? thigh + kKneecap : top + u * (bottom - top);
    // Bring every support to the floor (the capsules bear on it, not the joint centres): the
    // kneeling knees by the hips' height (their toes by the knee's bend), a leg on its foot by
    // its own reach.
    std::array<float, 2> fitLeg{0.0f, 0.0f};
    for (int round = 0; round < 6; ++round) {
      PostureSample s = legsAt(posture, lead, thigh, shank, hips, ankleHeight, fitLeg);
      s.drop = hipHeight - hips;
      const FigureCapsules p = posed(skeleton, fit, s);
      float knees = std::numeric_limits<float>::max();
      for (Side side : {Side::Left, Side::Right}) {
        const std::size_t i = sideIndex(side);
        const float foot = lowestOf(p, footBits(side)) - t.restLowest;
        if (kneels[i]) {
          const float knee = lowestOf(p, shinBits(side)) - t.restLowest;
          knees = std::min(knees, knee);
          // Toes below the knee: bend it more (about a degree per centimetre at the toes).
          fitLeg[i] += (knee - foot) * 100.0f;
        } else {
          fitLeg[i] -= foot;
        }
      }
      if (knees < std::numeric_limits<float>::max()) hips -= knees;
    }
    PostureSample s = legsAt(posture, lead, thigh, shank, hips, ankleHeight, fitLeg);
    s.drop = hipHeight - hips;
    t.samples[static_cast<std::size_t>(k)] = s;
  }
  return t;
}

PostureSample samplePosture(const PostureTable& t, float squat) {
  const float sq = std::clamp(squat, 0.0f, t.maxSquat);
  if (t.posture == PractitionerPosture::Standing) {
    PostureSample s;
    const float thigh = t.thigh, shank = t.shank;
    for (std::size_t i = 0; i < 2; ++i) {
      s.hipFlexion[i] = sq;
      s.kneeFlexion[i] = 2.0f * sq;
      s.ankleDorsiflexion[i] = sq;
    }
    const float a = sq * kDeg;
    s.drop = (thigh + shank) * (1.0f - std::cos(a));
    s.forward = (shank - thigh) * std::sin(a);
    return s;
  }
  if (t.maxSquat <= 0.0f) return t.samples[0];
  const float x = sq / t.maxSquat * static_cast<float>(kPostureSamples - 1);
  const int k = std::min(static_cast<int>(x), kPostureSamples - 2);
  const float w = x - static_cast<float>(k);
  const PostureSample& a = t.samples[static_cast<std::size_t>(k)];
  const PostureSample& b = t.samples[static_cast<std::size_t>(k + 1)];
  auto mix = [w](float p, float q) { return p + (q - p) * w; };
  PostureSample s;
  for (std::size_t i = 0; i < 2; ++i) {
    s.hipFlexion[i] = mix(a.hipFlexion[i], b.hipFlexion[i]);
    s.kneeFlexion[i] = mix(a.kneeFlexion[i], b.kneeFlexion[i]);
    s.ankleDorsiflexion[i] = mix(a.ankleDorsiflexion[i], b.ankleDorsiflexion[i]);
    s.toesExtension[i] = mix(a.toesExtension[i], b.toesExtension[i]);
  }
  s.drop = mix(a.drop, b.drop);
  s.forward = mix(a.forward, b.forward);
  return s;
}

void applyPosture(const PostureSample& s, float tilt, anatomy::Pose& p) {
  for (Side side : {Side::Left, Side::Right}) {
    const std::size_t i = sideIndex(side);
    p.set(Motion::HipFlexion, side, s.hipFlexion[i] + tilt);
    p.set(Motion::KneeFlexion, side, s.kneeFlexion[i]);
    p.set(Motion::AnkleDorsiflexion, side, s.ankleDorsiflexion[i]);
    p.set(Motion::ToesExtension, side, s.toesExtension[i]);
  }
}

void supportLowest(const PostureTable& t, const FigureCapsules& placed, std::array<float, 2>& out) {
  out = {std::numeric_limits<float>::max(), std::numeric_limits<float>::max()};
  for (int k = 0; k < t.supportCount; ++k) {
    out[static_cast<std::size_t>(k)] = lowestOf(placed, t.supports[static_cast<std::size_t>(k)]);
  }
}

}  // namespace sv::assist
