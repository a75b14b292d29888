#include "body/body_rig.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

#include "anatomy/kinematics.h"

namespace sv::body {
namespace {

using anatomy::Transform;
constexpr glm::quat kIdentity(1.0f, 0.0f, 0.0f, 0.0f);

// T(t) · R(q) after `parent`.
glm::mat4 compose(const glm::mat4& parent, const glm::vec3& t, const glm::quat& q) {
  glm::mat4 m = parent;
  m[3] = parent * glm::vec4(t, 1.0f);
  return m * glm::mat4_cast(q);
}

glm::mat4 driverModel(const RigBone& r, const anatomy::Skeleton& s,
                      std::span<const Transform> local, std::span<const glm::mat4> model) {
  const auto ju = static_cast<std::size_t>(r.joint);
  if (r.drive == Drive::Joint) return model[ju];
  // The frame the joint hangs from (its parent's matrix, or the frame a spread parent carries
  // past its last level): model = frame · T(t) · R(q), so frame = model · R(q)^-1 · T(-t).
  glm::mat4 pm = model[ju] * glm::mat4_cast(glm::conjugate(local[ju].rotation));
  pm[3] = pm * glm::vec4(-local[ju].translation, 1.0f);
  if (r.drive == Drive::Level) return anatomy::levelModel(s, r.joint, pm, local[ju], r.level);
  const glm::quat rest = s.restLocal[ju].rotation;
  const glm::quat motion = glm::conjugate(rest) * local[ju].rotation;
  glm::quat part;
  if (r.drive == Drive::Twist) {
    glm::quat swing, twist;
    swingTwist(motion, r.twistAxis, swing, twist);
    part = swing * glm::slerp(kIdentity, twist, r.fraction);
  } else {  // Partial
    part = glm::slerp(kIdentity, motion, r.fraction);
  }
  return compose(pm, local[ju].translation, rest * part);
}

// Signed angle (degrees) from a to b about `axis`, of b's component perpendicular to axis.
float signedAngle(const glm::vec3& a, const glm::vec3& b, const glm::vec3& axis) {
  const glm::vec3 bp = b - axis * glm::dot(b, axis);
  const glm::vec3 ap = a - axis * glm::dot(a, axis);
  return glm::degrees(std::atan2(glm::dot(glm::cross(ap, bp), axis), glm::dot(ap, bp)));
}

glm::vec3 safeNormalize(const glm::vec3& v, const glm::vec3& fallback) {
  const float l = glm::length(v);
  return l > 1e-8f ? v / l : fallback;
}

}  // namespace

void swingTwist(const glm::quat& q, const glm::vec3& a, glm::quat& swing, glm::quat& twist) {
  const glm::vec3 v(q.x, q.y, q.z);
  const glm::vec3 p = a * glm::dot(v, a);
  const float len2 = q.w * q.w + glm::dot(p, p);
  if (len2 < 1e-12f) {
    twist = kIdentity;
  } else {
    const float inv = 1.0f / std::sqrt(len2);
    twist = glm::quat(q.w * inv, p.x * inv, p.y * inv, p.z * inv);
  }
  swing = q * glm::conjugate(twist);
}

BodyRig buildRig(const BodyAsset& asset, const BodyFit& fit, std::span<const glm::vec3> points) {
  BodyRig rig;
  const anatomy::Skeleton& s = fit.skeleton;
  std::array<Transform, anatomy::kJointCount> bindLocal{};
  anatomy::poseToLocal(s, fit.bindPose, bindLocal);
  const std::size_t nb = asset.bones.size();
  rig.bones.resize(nb);
  rig.bindModel.resize(nb);
  auto P = [&](int point) { return points[static_cast<std::size_t>(point)]; };
  for (std::size_t i = 0; i < nb; ++i) {
    const BoneSpec& spec = asset.bones[i];
    RigBone& r = rig.bones[i];
    r.drive = spec.drive;
    r.parent = spec.parent;
    r.head = P(spec.headPoint);
    rig.bindModel[i] = glm::translate(glm::mat4(1.0f), r.head);
    if (spec.drive != Drive::Finger) {
      r.joint = anatomy::index(spec.joint);
      // A bone taking less than half of its joint's rotation sits on the parent segment (the
      // hip and shoulder caps, the upper forearm).
      r.segment = spec.drive == Drive::Partial && spec.fraction < 0.5f
                      ? std::max(s.parents[static_cast<std::size_t>(r.joint)], std::int16_t{0})
                      : r.joint;
      r.level = spec.level;
      r.fraction = spec.fraction;
      // The segment's axis: toward the first canonical child of the joint.
      for (int c = r.joint + 1; c < anatomy::kJointCount; ++c) {
        if (s.parents[static_cast<std::size_t>(c)] == r.joint) {
          r.twistAxis = safeNormalize(s.restLocal[static_cast<std::size_t>(c)].translation,
                                      glm::vec3(0.0f, -1.0f, 0.0f));
          break;
        }
      }
      r.driverBindInverse = glm::inverse(driverModel(r, s, bindLocal, fit.bindModel));
      continue;
    }
    r.finger = static_cast<int>(spec.finger);
    r.fingerSegment = spec.segment;
    r.hand = spec.side == anatomy::Side::Right ? 1 : 0;
    r.segment = anatomy::index(anatomy::onSide(anatomy::Joint::HandL, spec.side));
    const glm::vec3 n = fit.palmNormal[static_cast<std::size_t>(r.hand)];
    const glm::vec3 d = safeNormalize(P(spec.tailPoint) - r.head, -n);
    const BoneSpec& parent = asset.bones[static_cast<std::size_t>(spec.parent)];
    const glm::vec3 parentDir =
        parent.tailPoint >= 0 ? safeNormalize(P(parent.tailPoint) - P(parent.headPoint), d) : d;
    auto fingerHead = [&](anatomy::Finger f) {
      for (const BoneSpec& b : asset.bones) {
        if (b.drive == Drive::Finger && b.finger == f && b.segment == 0 && b.side == spec.side) {
          return P(b.headPoint);
        }
      }
      return r.head;
    };
    if (spec.finger == anatomy::Finger::Thumb) {
      // Flexion carries the thumb across the palm toward the little finger's knuckle;
      // palmar abduction lifts it away from the palm. Angles are deltas (bind = 0).
      const glm::vec3 toLittle = fingerHead(anatomy::Finger::Little) - r.head;
      const glm::vec3 m = safeNormalize(toLittle - d * glm::dot(toLittle, d), n);
      r.flexAxis = safeNormalize(glm::cross(d, m), glm::vec3(1, 0, 0));
      r.spreadAxis = safeNormalize(glm::cross(d, n), glm::vec3(0, 0, 1));
      continue;
    }
    r.flexAxis = safeNormalize(glm::cross(parentDir, n), glm::vec3(1, 0, 0));
    r.bindFlex = signedAngle(parentDir, d, r.flexAxis);
    if (spec.segment == 0) {
      // Spread: about the palm normal, positive away from the middle finger (the middle
      // finger's toward the index).
      const glm::vec3 middle = fingerHead(anatomy::Finger::Middle);
      const glm::vec3 away = spec.finger == anatomy::Finger::Middle
                                 ? fingerHead(anatomy::Finger::Index) - middle
                                 : r.head - middle;
      r.spreadAxis = glm::dot(glm::cross(n, d), away) >= 0.0f ? n : -n;
      r.bindSpread = signedAngle(parentDir, d, r.spreadAxis);
    }
  }
  return rig;
}

bool computeBodyPalette(const BodyRig& rig, const anatomy::Skeleton& s,
                        std::span<const Transform> local, std::span<const glm::mat4> model,
                        const anatomy::HandShape& left, const anatomy::HandShape& right,
                        std::span<glm::mat4> out) {
  if (local.size() != static_cast<std::size_t>(anatomy::kJointCount) ||
      model.size() != static_cast<std::size_t>(anatomy::kJointCount) ||
      out.size() < rig.bones.size()) {
    return false;
  }
  for (std::size_t i = 0; i < rig.bones.size(); ++i) {
    const RigBone& r = rig.bones[i];
    if (r.drive != Drive::Finger) {
      out[i] = driverModel(r, s, local, model) * r.driverBindInverse;
      continue;
    }
    const anatomy::FingerAngles& fa =
        (r.hand == 0 ? left : right).fingers[static_cast<std::size_t>(r.finger)];
    const float flex = fa.flexion[static_cast<std::size_t>(r.fingerSegment)] - r.bindFlex;
    glm::quat q = glm::angleAxis(glm::radians(flex), r.flexAxis);
    if (r.fingerSegment == 0)
      q = q * glm::angleAxis(glm::radians(fa.spread - r.bindSpread), r.spreadAxis);
    glm::mat4 m = glm::mat4_cast(q);
    m[3] = glm::vec4(r.head - glm::vec3(m * glm::vec4(r.head, 0.0f)), 1.0f);
    out[i] = out[static_cast<std::size_t>(r.parent)] * m;
  }
  return true;
}

}  // namespace sv::body
