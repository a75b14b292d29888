#include "body/body_fit.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include <glm/gtc/quaternion.hpp>

#include "anatomy/kinematics.h"

namespace sv::body {
namespace {

using anatomy::Joint;
using anatomy::Motion;
using anatomy::Pose;
using anatomy::Side;

constexpr glm::quat kIdentity(1.0f, 0.0f, 0.0f, 0.0f);
const glm::vec3 kDown(0.0f, -1.0f, 0.0f);

// The shortest rotation taking unit vector a to unit vector b.
glm::quat swingBetween(const glm::vec3& a, const glm::vec3& b) {
  const float d = glm::dot(a, b);
  if (d > 1.0f - 1e-7f) return kIdentity;
  if (d < -1.0f + 1e-7f) {
    glm::vec3 axis = glm::cross(a, glm::vec3(1, 0, 0));
    if (glm::dot(axis, axis) < 1e-6f) axis = glm::cross(a, glm::vec3(0, 0, 1));
    return glm::angleAxis(glm::pi<float>(), glm::normalize(axis));
  }
  const glm::vec3 c = glm::cross(a, b);
  return glm::normalize(glm::quat(1.0f + d, c.x, c.y, c.z));
}

// The rotation one or two motions of a joint produce (anatomy's own conventions).
glm::quat motionRotation(Joint j, Motion a, float degA, Motion b = Motion::HipFlexion,
                         float degB = 0.0f) {
  Pose p;
  const Side side = anatomy::sideOf(j);
  p.set(a, side, degA);
  if (degB != 0.0f) p.set(b, side, degB);
  return anatomy::anatomicalRotation(j, p);
}

// Maximises score(x) over x in [lo, hi]^n by a coarse grid on the first parameter and
// coordinate descent with halving steps on all. Deterministic; n <= 3.
template <int N>
std::array<float, N> maximise(const std::function<float(const std::array<float, N>&)>& score,
                              float lo, float hi, float gridStep) {
  std::array<float, N> best{};
  float bestS = score(best);
  for (float v = lo; v <= hi; v += gridStep) {
    std::array<float, N> x{};
    x[0] = v;
    const float s = score(x);
    if (s > bestS) {
      bestS = s;
      best = x;
    }
  }
  for (float step = gridStep * 0.5f; step > 0.005f; step *= 0.5f) {
    bool improved = true;
    while (improved) {
      improved = false;
      for (int k = 0; k < N; ++k) {
        for (float sgn : {1.0f, -1.0f}) {
          std::array<float, N> x = best;
          x[static_cast<std::size_t>(k)] =
              std::clamp(x[static_cast<std::size_t>(k)] + sgn * step, lo, hi);
          const float s = score(x);
          if (s > bestS + 1e-9f) {
            bestS = s;
            best = x;
            improved = true;
          }
        }
      }
    }
  }
  return best;
}

const BoneSpec* findFingerBone(const BodyAsset& a, anatomy::Finger f, int segment, Side side) {
  for (const BoneSpec& b : a.bones) {
    if (b.drive == Drive::Finger && b.finger == f && b.segment == segment && b.side == side)
      return &b;
  }
  return nullptr;
}

}  // namespace

Result<BodyFit> fitSkeleton(const BodyAsset& asset, std::span<const glm::vec3> points) {
  if (points.size() != asset.points.size()) return Error{"body fit: wrong number of joint points"};
  const std::string where = asset.source.string() + ": ";
  std::array<glm::vec3, anatomy::kJointCount> b{};
  for (int j = 0; j < anatomy::kJointCount; ++j) {
    b[static_cast<std::size_t>(j)] =
        points[static_cast<std::size_t>(asset.canonicalPoint[static_cast<std::size_t>(j)])];
  }
  auto P = [&](Joint j) { return b[static_cast<std::size_t>(anatomy::index(j))]; };
  auto dir = [&](Joint from, Joint to) -> Result<glm::vec3> {
    const glm::vec3 d = P(to) - P(from);
    if (glm::dot(d, d) < 1e-8f) {
      return Error{where + "joints '" + std::string(anatomy::jointName(from)) + "' and '" +
                   std::string(anatomy::jointName(to)) + "' coincide"};
    }
    return glm::normalize(d);
  };

  BodyFit fit;
  // Bind model rotations Q of every canonical joint (trunk, neck, head, clavicles: identity).
  std::array<glm::quat, anatomy::kJointCount> Q;
  Q.fill(kIdentity);
  for (Side side : {Side::Left, Side::Right}) {
    const auto J = [&](Joint leftJoint) { return anatomy::onSide(leftJoint, side); };
    const auto q = [&](Joint leftJoint) -> glm::quat& {
      return Q[static_cast<std::size_t>(anatomy::index(J(leftJoint)))];
    };
    const std::size_t si = side == Side::Left ? 0 : 1;

    // Arm.
    auto u = dir(J(Joint::ShoulderL), J(Joint::ElbowL));
    auto f = dir(J(Joint::ElbowL), J(Joint::WristL));
    auto h = dir(J(Joint::WristL), J(Joint::HandL));
    if (!u) return u.error();
    if (!f) return f.error();
    if (!h) return h.error();
    q(Joint::ShoulderL) = swingBetween(kDown, *u);
    const glm::quat qs = q(Joint::ShoulderL);
    const auto elbow = maximise<1>(
        [&](const std::array<float, 1>& x) {
          return glm::dot(qs * motionRotation(J(Joint::ElbowL), Motion::ElbowFlexion, x[0]) * kDown,
                          *f);
        },
        -10.0f, 150.0f, 5.0f);
    q(Joint::ElbowL) = qs * motionRotation(J(Joint::ElbowL), Motion::ElbowFlexion, elbow[0]);

    // Palm normal from the index and little finger knuckles and the wrist; it points to the
    // side the fingers curl toward (the modelled hand is relaxed, fingers slightly flexed).
    const BoneSpec* index0 = findFingerBone(asset, anatomy::Finger::Index, 0, side);
    const BoneSpec* little0 = findFingerBone(asset, anatomy::Finger::Little, 0, side);
    const BoneSpec* middle2 = findFingerBone(asset, anatomy::Finger::Middle, 2, side);
    if (index0 == nullptr || little0 == nullptr || middle2 == nullptr || middle2->tailPoint < 0) {
      return Error{where + "the hands need index, middle and little finger bones"};
    }
    const glm::vec3 wrist = P(J(Joint::WristL));
    const glm::vec3 ik = points[static_cast<std::size_t>(index0->headPoint)];
    const glm::vec3 lk = points[static_cast<std::size_t>(little0->headPoint)];
    glm::vec3 n = glm::cross(ik - wrist, lk - wrist);
    if (glm::dot(n, n) < 1e-10f) return Error{where + "the hand's knuckles are degenerate"};
    n = glm::normalize(n);
    const glm::vec3 tip = points[static_cast<std::size_t>(middle2->tailPoint)];
    if (glm::dot(tip - P(J(Joint::HandL)), n) < 0.0f) n = -n;
    fit.palmNormal[si] = n;

    // Forearm pronation and wrist flexion/deviation: fingers (down at rest) along the hand,
    // the palm (forward at rest) along its normal.
    const glm::quat qe = q(Joint::ElbowL);
    auto wristRot = [&](const std::array<float, 3>& x) {
      return qe * motionRotation(J(Joint::ForearmL), Motion::ForearmPronation, x[0]) *
             motionRotation(J(Joint::WristL), Motion::WristFlexion, x[1],
                            Motion::WristRadialDeviation, x[2]);
    };
    const auto hand = maximise<3>(
        [&](const std::array<float, 3>& x) {
          const glm::quat w = wristRot(x);
          return glm::dot(w * kDown, *h) + glm::dot(w * glm::vec3(0, 0, 1), n);
        },
        -170.0f, 170.0f, 5.0f);
    q(Joint::ForearmL) = qe * motionRotation(J(Joint::ForearmL), Motion::ForearmPronation, hand[0]);
    q(Joint::WristL) = wristRot(hand);
    q(Joint::HandL) = q(Joint::WristL);

    // Leg.
    auto t = dir(J(Joint::HipL), J(Joint::KneeL));
    auto sh = dir(J(Joint::KneeL), J(Joint::AnkleL));
    if (!t) return t.error();
    if (!sh) return sh.error();
    q(Joint::HipL) = swingBetween(kDown, *t);
    const glm::quat qh = q(Joint::HipL);
    const auto knee = maximise<1>(
        [&](const std::array<float, 1>& x) {
          return glm::dot(qh * motionRotation(J(Joint::KneeL), Motion::KneeFlexion, x[0]) * kDown,
                          *sh);
        },
        -10.0f, 150.0f, 5.0f);
    q(Joint::KneeL) = qh * motionRotation(J(Joint::KneeL), Motion::KneeFlexion, knee[0]);
    const glm::quat qk = q(Joint::KneeL);
    // Foot as modelled: its bind frame as close to model-aligned as ankle + subtalar allow.
    auto footRot = [&](const std::array<float, 2>& x) {
      return qk * motionRotation(J(Joint::AnkleL), Motion::AnkleDorsiflexion, x[0]) *
             motionRotation(J(Joint::SubtalarL), Motion::AnkleInversion, x[1]);
    };
    const auto foot = maximise<2>(
        [&](const std::array<float, 2>& x) {
          const glm::quat r = footRot(x);
          return glm::dot(r * glm::vec3(0, 0, 1), glm::vec3(0, 0, 1)) +
                 glm::dot(r * glm::vec3(0, 1, 0), glm::vec3(0, 1, 0));
        },
        -45.0f, 45.0f, 5.0f);
    q(Joint::AnkleL) = qk * motionRotation(J(Joint::AnkleL), Motion::AnkleDorsiflexion, foot[0]);
    q(Joint::SubtalarL) = footRot(foot);
    q(Joint::ToesL) = q(Joint::SubtalarL);
  }

  // Bind angles: measured from the local rotations, then the local rotations rebuilt from the
  // angles so the bind pose is exactly representable.
  anatomy::Skeleton& s = fit.skeleton;
  s = anatomy::makeDefaultSkeleton(1.75f);  // parents, names; positions replaced below
  std::array<anatomy::Transform, anatomy::kJointCount> local{};
  for (int j = 0; j < anatomy::kJointCount; ++j) {
    const int p = s.parents[static_cast<std::size_t>(j)];
    const glm::quat qp = p < 0 ? kIdentity : Q[static_cast<std::size_t>(p)];
    local[static_cast<std::size_t>(j)].rotation =
        glm::normalize(glm::conjugate(qp) * Q[static_cast<std::size_t>(j)]);
    s.restLocal[static_cast<std::size_t>(j)].rotation = kIdentity;
    s.anatomicalFrame[static_cast<std::size_t>(j)] = kIdentity;
  }
  fit.bindPose = anatomy::measurePoseLocal(s, local);
  fit.bindPose.root = {};
  anatomy::poseToLocal(s, fit.bindPose, local);
  // Model rotations of the (exact) bind pose, and the rest offsets through them.
  std::array<glm::quat, anatomy::kJointCount> Qb;
  for (int j = 0; j < anatomy::kJointCount; ++j) {
    const auto ju = static_cast<std::size_t>(j);
    const int p = s.parents[ju];
    Qb[ju] = p < 0 ? local[ju].rotation : Qb[static_cast<std::size_t>(p)] * local[ju].rotation;
    s.restLocal[ju].translation = p < 0 ? b[ju]
                                        : glm::conjugate(Qb[static_cast<std::size_t>(p)]) *
                                              (b[ju] - b[static_cast<std::size_t>(p)]);
  }
  // Spine levels from the skin bones that follow them (their head points are the pivots).
  for (auto& lv : s.levels) lv = anatomy::JointLevels{};
  for (const BoneSpec& bone : asset.bones) {
    if (bone.drive != Drive::Level) continue;
    const auto ju = static_cast<std::size_t>(anatomy::index(bone.joint));
    anatomy::JointLevels& lv = s.levels[ju];
    lv.count = static_cast<std::uint8_t>(std::max<int>(lv.count, bone.level + 1));
    // Trunk joints keep their modelled orientation (bind = rest), so bind offsets are rest ones.
    lv.pivot[static_cast<std::size_t>(bone.level)] =
        bone.level == 0 ? glm::vec3(0.0f)
                        : points[static_cast<std::size_t>(bone.headPoint)] - b[ju];
  }
  anatomy::updateRestModel(s);
  float top = 0.0f;
  for (const glm::vec3& p : points) top = std::max(top, p.y);
  s.height = top > 0.5f ? top : 1.75f;  // refined by the caller from the mesh (Body)
  // The bind pose with the fitted offsets: every joint on its point.
  anatomy::poseToLocal(s, fit.bindPose, local);
  anatomy::localToModel(s, local, fit.bindModel);
  return fit;
}

}  // namespace sv::body
