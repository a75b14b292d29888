#include "assist/ik.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/quaternion.hpp>

#include "anatomy/kinematics.h"

namespace sv::assist {
namespace {

using anatomy::Joint;
using anatomy::Skeleton;
using anatomy::Transform;

constexpr float kDegToRad = 0.017453292519943295f;
constexpr float kRadToDeg = 57.29577951308232f;

bool finite(const glm::vec3& v) {
  return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
}

int subtreeEndOf(const Skeleton& s, int start) {
  int i = start + 1;
  while (i < anatomy::kJointCount) {
    int p = s.parents[static_cast<std::size_t>(i)];
    while (p > start) p = s.parents[static_cast<std::size_t>(p)];
    if (p != start) break;
    ++i;
  }
  return i;
}

TwoBoneChain makeChain(const Skeleton& s, Joint start, Joint mid, Joint end, glm::vec3 axis,
                       float minFlex, float maxFlex) {
  TwoBoneChain c;
  c.start = anatomy::index(start);
  c.mid = anatomy::index(mid);
  c.end = anatomy::index(end);
  c.hingeAxis = glm::normalize(s.anatomicalFrame[static_cast<std::size_t>(c.mid)] * axis);
  c.minFlexion = minFlex;
  c.maxFlexion = maxFlex;
  c.midOffset = s.restLocal[static_cast<std::size_t>(c.mid)].translation;
  // Compose rest transforms from the end joint up to (not including) the mid joint.
  glm::vec3 offset = s.restLocal[static_cast<std::size_t>(c.end)].translation;
  int j = s.parents[static_cast<std::size_t>(c.end)];
  while (j != c.mid && j > 0) {
    const Transform& t = s.restLocal[static_cast<std::size_t>(j)];
    offset = t.translation + t.rotation * offset;
    j = s.parents[static_cast<std::size_t>(j)];
  }
  c.endOffset = offset;
  c.upperLength = glm::length(c.midOffset);
  c.lowerLength = glm::length(c.endOffset);
  c.subtreeEnd = subtreeEndOf(s, c.start);
  return c;
}

glm::mat3 basis(const glm::vec3& x, const glm::vec3& y) {
  return glm::mat3(x, y, glm::cross(x, y));
}

}  // namespace

glm::vec3 safeNormalize(const glm::vec3& v, const glm::vec3& fallback) {
  const float len2 = glm::dot(v, v);
  if (!(len2 > 1e-14f) || !std::isfinite(len2)) return fallback;
  return v / std::sqrt(len2);
}

glm::vec3 anyPerpendicular(const glm::vec3& v) {
  const glm::vec3 a = std::fabs(v.x) < 0.6f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
  return safeNormalize(glm::cross(v, a), glm::vec3(0, 0, 1));
}

glm::quat rotationBetween(const glm::vec3& a, const glm::vec3& b) {
  const float d = glm::dot(a, b);
  if (d < -0.999999f) return glm::angleAxis(3.14159265f, anyPerpendicular(a));
  const glm::vec3 c = glm::cross(a, b);
  return glm::normalize(glm::quat(1.0f + d, c.x, c.y, c.z));
}

TwoBoneChain makeArmChain(const Skeleton& s, anatomy::Side side, float maxElbowFlexion) {
  // Elbow flexion: R_X(-theta) on both sides (mirrorX leaves X rotations unchanged).
  return makeChain(s, anatomy::onSide(Joint::ShoulderL, side), anatomy::onSide(Joint::ElbowL, side),
                   anatomy::onSide(Joint::WristL, side), glm::vec3(-1, 0, 0), 0.0f,
                   maxElbowFlexion);
}

TwoBoneChain makeLegChain(const Skeleton& s, anatomy::Side side, float maxKneeFlexion) {
  return makeChain(s, anatomy::onSide(Joint::HipL, side), anatomy::onSide(Joint::KneeL, side),
                   anatomy::onSide(Joint::AnkleL, side), glm::vec3(1, 0, 0), 0.0f, maxKneeFlexion);
}

void updateModelRange(const Skeleton& s, std::span<const Transform> local,
                      std::span<glm::mat4> model, int from, int to) {
  for (int i = from; i < to; ++i) {
    const auto iu = static_cast<std::size_t>(i);
    const int p = s.parents[iu];
    model[iu] = anatomy::jointModel(
        s, i, p < 0 ? glm::mat4(1.0f) : model[static_cast<std::size_t>(p)], local[iu]);
  }
}

IkResult solveTwoBone(const Skeleton& s, const TwoBoneChain& c, const glm::vec3& target,
                      const glm::vec3& pole, std::span<Transform> local,
                      std::span<glm::mat4> model) {
  IkResult r;
  if (local.size() != static_cast<std::size_t>(anatomy::kJointCount) ||
      model.size() != static_cast<std::size_t>(anatomy::kJointCount)) {
    return r;
  }
  const auto su = static_cast<std::size_t>(c.start);
  const auto mu = static_cast<std::size_t>(c.mid);
  const int parent = s.parents[su];
  const glm::mat4 parentModel =
      parent < 0 ? glm::mat4(1.0f) : model[static_cast<std::size_t>(parent)];
  const glm::quat parentRot = glm::normalize(glm::quat_cast(glm::mat3(parentModel)));
  const glm::vec3 startPos = glm::vec3(parentModel * glm::vec4(local[su].translation, 1.0f));
  const glm::quat midRest = s.restLocal[mu].rotation;

  // Hinge: |m + R(theta) e|^2 = a^2 + b^2 + 2 (c0 + c1 cos(theta) + c2 sin(theta)).
  const glm::vec3 m = c.midOffset;
  const glm::vec3 k = midRest * c.hingeAxis;  // hinge axis in the start joint's frame
  const glm::vec3 e = midRest * c.endOffset;  // end offset at zero flexion, start frame
  const glm::vec3 ePar = k * glm::dot(e, k);
  const glm::vec3 ePerp = e - ePar;
  const float c0 = glm::dot(m, ePar);
  const float c1 = glm::dot(m, ePerp);
  const float c2 = glm::dot(m, glm::cross(k, ePerp));
  const float amp = std::sqrt(c1 * c1 + c2 * c2);
  const float phi = std::atan2(c2, c1);
  const float ab2 = glm::dot(m, m) + glm::dot(e, e);

  glm::vec3 toTarget = target - startPos;
  if (!finite(toTarget)) toTarget = glm::vec3(0.0f);
  const float want = glm::length(toTarget);
  float theta = c.minFlexion * kDegToRad;
  if (amp > 1e-9f) {
    const float x = std::clamp(((want * want - ab2) * 0.5f - c0) / amp, -1.0f, 1.0f);
    theta = phi + std::acos(x);
    if (theta > 3.14159265f) theta -= 6.28318531f;
  }
  const float lo = c.minFlexion * kDegToRad;
  const float hi = c.maxFlexion * kDegToRad;
  theta = std::clamp(theta, lo, hi);
  if (!std::isfinite(theta)) theta = lo;

  auto endInStart = [&](float th) {
    return m + midRest * (glm::angleAxis(th, c.hingeAxis) * c.endOffset);
  };
  const glm::vec3 w = endInStart(theta);
  const float reach = glm::length(w);

  // Chain frame in the start joint's frame: x along start->end, y toward the mid joint.
  const glm::vec3 x1 = safeNormalize(w, glm::vec3(0, -1, 0));
  glm::vec3 bend = m - x1 * glm::dot(m, x1);
  if (glm::dot(bend, bend) < 1e-8f) {
    // Straight chain: the direction the mid joint moves to when it starts to flex.
    const glm::vec3 wb = endInStart(std::clamp(lo + 20.0f * kDegToRad, lo, hi + 1.0f));
    const glm::vec3 xb = safeNormalize(wb, x1);
    bend = m - xb * glm::dot(m, xb);
    bend -= x1 * glm::dot(bend, x1);
  }
  const glm::vec3 y1 = safeNormalize(bend, anyPerpendicular(x1));

  // Target frame in model space.
  const glm::quat startRotOld = glm::normalize(parentRot * local[su].rotation);
  const glm::vec3 currentDir = startRotOld * x1;
  const glm::vec3 x2 = safeNormalize(toTarget, safeNormalize(currentDir, glm::vec3(0, -1, 0)));
  glm::vec3 p = finite(pole) ? pole : glm::vec3(0.0f);
  p -= x2 * glm::dot(p, x2);
  glm::vec3 fallbackBend = startRotOld * y1;
  fallbackBend -= x2 * glm::dot(fallbackBend, x2);
  const glm::vec3 y2 = safeNormalize(p, safeNormalize(fallbackBend, anyPerpendicular(x2)));

  const glm::mat3 rot = basis(x2, y2) * glm::transpose(basis(x1, y1));
  const glm::quat startModelRot = glm::normalize(glm::quat_cast(rot));
  local[su].rotation = glm::normalize(glm::conjugate(parentRot) * startModelRot);
  local[mu].rotation = glm::normalize(midRest * glm::angleAxis(theta, c.hingeAxis));
  updateModelRange(s, local, model, c.start, c.subtreeEnd);

  r.flexion = theta * kRadToDeg;
  r.endPosition = glm::vec3(model[static_cast<std::size_t>(c.end)][3]);
  r.error = glm::length(r.endPosition - target);
  r.reached = r.error <= 1e-3f;
  r.clamped = std::fabs(reach - want) > 1e-4f;
  return r;
}

}  // namespace sv::assist
