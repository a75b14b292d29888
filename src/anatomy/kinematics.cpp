#include "anatomy/kinematics.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sv::anatomy {
namespace {

constexpr float kPi = std::numbers::pi_v<float>;
constexpr float kDegToRad = kPi / 180.0f;
constexpr float kRadToDeg = 180.0f / kPi;

constexpr int8_t kNone = -1;
enum : int8_t { kX = 0, kY = 1, kZ = 2 };

// One rotation of a Cardan sequence: about model-aligned axis `axis` by sign * angle of
// `motion` (or not driven when motion == kNone).
struct AxisSpec {
  int8_t axis;
  int8_t motion;
  float sign;
};
enum class Kind : uint8_t { None, Cardan, Shoulder };
struct JointSpec {
  Kind kind;
  AxisSpec axes[3];
};

constexpr int8_t m(Motion mo) {
  return static_cast<int8_t>(mo);
}

// Sequences for the LEFT side (x = lateral for the left). The right side is the mirror image.
// Signs derived in docs/anatomy.md ("Sign conventions").
constexpr JointSpec spine(Motion flex, Motion lat, Motion rot) {
  // ISB spine (Wu 2002): flexion about the mediolateral axis, lateral bending about the
  // floating anteroposterior axis, axial rotation about the longitudinal axis.
  return {Kind::Cardan, {{kX, m(flex), 1.0f}, {kZ, m(lat), 1.0f}, {kY, m(rot), -1.0f}}};
}
constexpr JointSpec none() {
  return {Kind::None, {{kX, kNone, 0}, {kY, kNone, 0}, {kZ, kNone, 0}}};
}

constexpr std::array<JointSpec, kJointCount> makeSpecs() {
  std::array<JointSpec, kJointCount> s{};
  for (auto& e : s) e = none();
  s[index(Joint::Lumbar)] =
      spine(Motion::LumbarFlexion, Motion::LumbarLateralFlexion, Motion::LumbarRotation);
  s[index(Joint::Thoracic)] =
      spine(Motion::ThoracicFlexion, Motion::ThoracicLateralFlexion, Motion::ThoracicRotation);
  s[index(Joint::Cervical)] =
      spine(Motion::CervicalFlexion, Motion::CervicalLateralFlexion, Motion::CervicalRotation);
  // Clavicle (ISB 2005): protraction about the vertical, elevation about the floating
  // anterior axis, axial rotation (not driven).
  s[index(Joint::ClavicleL)] = {Kind::Cardan,
                                {{kY, m(Motion::ScapulaProtraction), -1.0f},
                                 {kZ, m(Motion::ScapulaElevation), 1.0f},
                                 {kX, kNone, 0.0f}}};
  s[index(Joint::ShoulderL)] = {Kind::Shoulder, {{kY, kNone, 0}, {kX, kNone, 0}, {kY, kNone, 0}}};
  s[index(Joint::ElbowL)] = {
      Kind::Cardan, {{kX, m(Motion::ElbowFlexion), -1.0f}, {kZ, kNone, 0.0f}, {kY, kNone, 0.0f}}};
  s[index(Joint::ForearmL)] = {
      Kind::Cardan,
      {{kY, m(Motion::ForearmPronation), -1.0f}, {kX, kNone, 0.0f}, {kZ, kNone, 0.0f}}};
  s[index(Joint::WristL)] = {Kind::Cardan,
                             {{kX, m(Motion::WristFlexion), -1.0f},
                              {kZ, m(Motion::WristRadialDeviation), 1.0f},
                              {kY, kNone, 0.0f}}};
  // Hip (ISB 2002): flexion, adduction on the floating axis, internal rotation.
  s[index(Joint::HipL)] = {Kind::Cardan,
                           {{kX, m(Motion::HipFlexion), -1.0f},
                            {kZ, m(Motion::HipAbduction), 1.0f},
                            {kY, m(Motion::HipInternalRotation), -1.0f}}};
  s[index(Joint::KneeL)] = {
      Kind::Cardan, {{kX, m(Motion::KneeFlexion), 1.0f}, {kZ, kNone, 0.0f}, {kY, kNone, 0.0f}}};
  s[index(Joint::AnkleL)] = {
      Kind::Cardan,
      {{kX, m(Motion::AnkleDorsiflexion), -1.0f}, {kZ, kNone, 0.0f}, {kY, kNone, 0.0f}}};
  s[index(Joint::SubtalarL)] = {
      Kind::Cardan, {{kZ, m(Motion::AnkleInversion), -1.0f}, {kX, kNone, 0.0f}, {kY, kNone, 0.0f}}};
  s[index(Joint::ToesL)] = {
      Kind::Cardan, {{kX, m(Motion::ToesExtension), -1.0f}, {kZ, kNone, 0.0f}, {kY, kNone, 0.0f}}};
  return s;
}
constexpr std::array<JointSpec, kJointCount> kSpecs = makeSpecs();

inline glm::quat axisQuat(int axis, float radians) {
  const float h = 0.5f * radians;
  const float s = std::sin(h);
  const float c = std::cos(h);
  switch (axis) {
    case kX:
      return glm::quat(c, s, 0.0f, 0.0f);
    case kY:
      return glm::quat(c, 0.0f, s, 0.0f);
    default:
      return glm::quat(c, 0.0f, 0.0f, s);
  }
}

inline float wrapPi(float a) {
  while (a > kPi) a -= 2.0f * kPi;
  while (a <= -kPi) a += 2.0f * kPi;
  return a;
}

// R = R_i(a) R_j(b) R_k(c) for distinct axes i, j, k. Returns (a, b, c) in radians.
glm::vec3 decomposeCardan(const glm::quat& q, int i, int j, int k) {
  const glm::mat3 mat = glm::mat3_cast(q);
  auto M = [&](int r, int c) { return mat[c][r]; };  // row r, column c
  const bool even = (j == (i + 1) % 3);
  const float s = even ? 1.0f : -1.0f;
  const float b = std::atan2(s * M(i, k), std::sqrt(M(i, i) * M(i, i) + M(i, j) * M(i, j)));
  const float a = std::atan2(-s * M(j, k), M(k, k));
  const float c = std::atan2(-s * M(i, j), M(i, i));
  return {a, b, c};
}

// ---- shoulder -------------------------------------------------------------------------

// Swing rotation vector (left frame, radians) from flexion, abduction and horizontal
// adduction (radians): the elevation vector (abduction, flexion) turned by the horizontal
// adduction, then v = (-flexion', 0, abduction').
inline glm::vec2 shoulderSwingComponents(float f, float a, float h) {
  if (h == 0.0f) return {a, f};
  const float ch = std::cos(h);
  const float sh = std::sin(h);
  return {a * ch - f * sh, a * sh + f * ch};  // (abduction', flexion')
}

// The clinical rotation's zero as a twist about the humerus (radians), for swing components
// (abduction', flexion'): clinicians read rotation in the flexion plane against the forearm
// across the body (the sleeper position: shoulder and elbow at 90, forearm vertical = 0), in
// the abduction plane against the forearm forward; the swing alone carries a bent forearm up
// in flexion. So the twist that reads 0 is  c = w(plane) * sin(elevation), w = the plane
// over 0..90, 90 across the body, 0 behind, ramping back to 90 toward straight medial: ISB's
// axial rotation exactly where the arm is raised 90 in front of the coronal plane, the plain
// twist with the arm hanging, overhead or behind the coronal plane (where the twist is the
// clinical reading: hand behind the head, arm in extension), continuous in between.
float shoulderRotationZero(glm::vec2 af) {
  const float th = std::sqrt(af.x * af.x + af.y * af.y);
  if (th < 1e-6f) return 0.0f;
  // The plane's weight: the plane itself over 0..90, 90 across the body, 0 behind the
  // coronal plane, and a ramp from 0 (straight behind, -90) back to 90 (straight medial,
  // -180 = +180) so the weight is continuous all the way round the circle of planes.
  const float plane = std::atan2(af.y, af.x);
  const float weight =
      plane >= 0.0f ? std::min(plane, 0.5f * kPi) : std::max(0.0f, -plane - 0.5f * kPi);
  return weight * std::sin(th);
}

glm::quat shoulderQuat(float f, float a, float h, float rClinical) {
  const glm::vec2 af = shoulderSwingComponents(f, a, h);
  const float r = rClinical + shoulderRotationZero(af);
  const glm::vec3 v(-af.y, 0.0f, af.x);
  const float th = std::sqrt(af.x * af.x + af.y * af.y);
  glm::quat swing;
  if (th > 1e-6f) {
    const float s = std::sin(0.5f * th) / th;
    swing = glm::quat(std::cos(0.5f * th), v.x * s, 0.0f, v.z * s);
  } else {
    swing = glm::normalize(glm::quat(1.0f, 0.5f * v.x, 0.0f, 0.5f * v.z));
  }
  return swing * axisQuat(kY, -r);  // left internal rotation = rotation about Y by -r
}

struct ShoulderMeasure {
  float f, a, r;  // radians; f, a = swing components, r = internal rotation
};

// Measures a left-frame shoulder rotation. prevFa / prevR (radians) steer the choice at the
// singularities when given.
ShoulderMeasure measureShoulderQuat(glm::quat q, const glm::vec2* prevFa, const float* prevR) {
  // The twist steering: the previous clinical rotation plus its zero (shoulderRotationZero).
  // At elevation 180 the zero is 0 (sin 180), so the kept twist there is the previous
  // clinical rotation itself.
  const float prevClinical = prevR ? *prevR : 0.0f;
  float prevTwist = 0.0f;
  if (prevR) prevTwist = *prevR + (prevFa ? shoulderRotationZero(*prevFa) : 0.0f);
  if (prevR) prevR = &prevTwist;
  float r;
  const float cw = std::sqrt(q.w * q.w + q.y * q.y);  // = cos(elevation / 2)
  if (cw > 1e-5f) {
    r = -wrapPi(2.0f * std::atan2(q.y, q.w));
  } else {
    // Elevation 180: only (twist + 2 * plane) is defined. Keep the previous twist.
    r = prevClinical;
  }
  if (prevR) r += 2.0f * kPi * std::round((*prevR - r) / (2.0f * kPi));
  glm::quat sw = q * glm::conjugate(axisQuat(kY, -r));
  if (sw.w < 0.0f) sw = -sw;
  const float n = std::sqrt(sw.x * sw.x + sw.z * sw.z);
  const float th = 2.0f * std::atan2(n, sw.w);
  const float scale = n > 1e-12f ? th / n : 2.0f;
  float f = -sw.x * scale;
  float a = sw.z * scale;
  // The same swing is also reached by turning (th - 360) about the same axis (e.g.
  // abduction 184 = adduction 176 across the top). Pick the reading nearer the previous
  // one; without one, past 170 degrees, the one with more flexion + abduction.
  if (th > 1e-6f && (prevFa || th > 170.0f * kDegToRad)) {
    const float k = 1.0f - 2.0f * kPi / th;
    const float f2 = f * k;
    const float a2 = a * k;
    bool useAlt;
    if (prevFa) {
      const float d1 = (f - prevFa->y) * (f - prevFa->y) + (a - prevFa->x) * (a - prevFa->x);
      const float d2 = (f2 - prevFa->y) * (f2 - prevFa->y) + (a2 - prevFa->x) * (a2 - prevFa->x);
      useAlt = d2 < d1;
    } else {
      useAlt = (f2 + a2) > (f + a);
    }
    if (useAlt) {
      f = f2;
      a = a2;
    }
  }
  return {f, a, r - shoulderRotationZero(glm::vec2(a, f))};
}

// Anatomical (model-aligned, left-frame for bilateral joints) rotation from a joint's local
// rotation.
inline glm::quat toAnatomical(const Skeleton& s, int j, const glm::quat& localRot) {
  const glm::quat& F = s.anatomicalFrame[static_cast<std::size_t>(j)];
  const glm::quat& rest = s.restLocal[static_cast<std::size_t>(j)].rotation;
  glm::quat qa = glm::conjugate(F) * glm::conjugate(rest) * localRot * F;
  if (sideOf(static_cast<Joint>(j)) == Side::Right) qa = mirrorX(qa);
  return qa;
}

ShoulderAngles anglesFromSwing(float f, float a, float r, const ShoulderAngles* previous) {
  ShoulderAngles out;
  const float th = std::sqrt(f * f + a * a);
  out.elevation = th * kRadToDeg;
  if (out.elevation < 0.01f) {
    out.planeOfElevation = previous ? previous->planeOfElevation : 0.0f;
  } else {
    out.planeOfElevation = std::atan2(f, a) * kRadToDeg;
    if (previous) {  // unwrap toward the previous reading
      out.planeOfElevation +=
          360.0f * std::round((previous->planeOfElevation - out.planeOfElevation) / 360.0f);
    }
  }
  out.internalRotation = r * kRadToDeg;
  out.axialRotationIsb =
      (r + shoulderRotationZero(glm::vec2(a, f))) * kRadToDeg - out.planeOfElevation;
  return out;
}

glm::quat localRotationFromModel(const Skeleton& s, std::span<const glm::mat4> model, int j) {
  const int p = s.parents[static_cast<std::size_t>(j)];
  const glm::mat3 rj(model[static_cast<std::size_t>(j)]);
  if (p < 0) return glm::normalize(glm::quat_cast(rj));
  const glm::mat3 rp(model[static_cast<std::size_t>(p)]);
  return glm::normalize(glm::quat_cast(glm::transpose(rp) * rj));
}

}  // namespace

glm::quat anatomicalRotation(Joint joint, const Pose& pose) {
  const Side side = sideOf(joint);
  const JointSpec& spec = kSpecs[static_cast<std::size_t>(leftOf(joint))];
  glm::quat q(1.0f, 0.0f, 0.0f, 0.0f);
  if (spec.kind == Kind::Cardan) {
    for (const AxisSpec& ax : spec.axes) {
      if (ax.motion == kNone) continue;
      const float deg = pose.get(static_cast<Motion>(ax.motion), side);
      if (deg != 0.0f) q = q * axisQuat(ax.axis, ax.sign * deg * kDegToRad);
    }
  } else if (spec.kind == Kind::Shoulder) {
    q = shoulderQuat(pose.get(Motion::ShoulderFlexion, side) * kDegToRad,
                     pose.get(Motion::ShoulderAbduction, side) * kDegToRad,
                     pose.get(Motion::ShoulderHorizontalAdduction, side) * kDegToRad,
                     pose.get(Motion::ShoulderInternalRotation, side) * kDegToRad);
  }
  return side == Side::Right ? mirrorX(q) : q;
}

bool poseToLocal(const Skeleton& s, const Pose& pose, std::span<Transform> localOut) {
  if (localOut.size() != static_cast<std::size_t>(kJointCount)) return false;
  for (int j = 0; j < kJointCount; ++j) {
    const auto ju = static_cast<std::size_t>(j);
    const Transform& rest = s.restLocal[ju];
    const glm::quat qa = anatomicalRotation(static_cast<Joint>(j), pose);
    const glm::quat& F = s.anatomicalFrame[ju];
    Transform t;
    t.translation = rest.translation;
    t.rotation = rest.rotation * (F * qa * glm::conjugate(F));
    if (j == index(Joint::Pelvis)) {
      t.translation += pose.root.translation;
      t.rotation = pose.root.rotation * t.rotation;
    }
    localOut[ju] = t;
  }
  return true;
}

glm::mat4 levelModel(const Skeleton& s, int joint, const glm::mat4& parentModel,
                     const Transform& local, int level) {
  const auto ju = static_cast<std::size_t>(joint);
  const JointLevels& lv = s.levels[ju];
  glm::mat4 m = parentModel;
  m[3] = parentModel * glm::vec4(local.translation, 1.0f);
  if (lv.count <= 1) return m * glm::mat4_cast(local.rotation);
  // local.rotation = rest * motion; the motion is spread in equal parts over the levels:
  // parent * T(t) * R(rest * part) * [T(step_i) * R(part)]... * T(-pivot_last), composed as a
  // rigid transform (q, p) in the joint's parent frame and applied with one matrix product
  // (the assist's reach search calls this thousands of times per scene).
  const glm::quat rest = s.restLocal[ju].rotation;
  const glm::quat motion = glm::conjugate(rest) * local.rotation;
  const glm::quat part =
      glm::slerp(glm::quat(1.0f, 0.0f, 0.0f, 0.0f), motion, 1.0f / static_cast<float>(lv.count));
  glm::quat q = rest * part;
  glm::vec3 p(0.0f);
  const int last = std::clamp(level, 0, static_cast<int>(lv.count) - 1);
  for (int i = 1; i <= last; ++i) {
    p += q * (lv.pivot[static_cast<std::size_t>(i)] - lv.pivot[static_cast<std::size_t>(i - 1)]);
    q = q * part;
  }
  // Back from the pivot to the joint's origin, so the frame reads like the joint's own.
  p += q * -lv.pivot[static_cast<std::size_t>(last)];
  glm::mat4 chain = glm::mat4_cast(q);
  chain[3] = glm::vec4(p, 1.0f);
  return m * chain;
}

glm::mat4 jointModel(const Skeleton&, int, const glm::mat4& parentFrame, const Transform& local) {
  glm::mat4 m = parentFrame;
  m[3] = parentFrame * glm::vec4(local.translation, 1.0f);
  return m * glm::mat4_cast(local.rotation);
}

glm::mat4 childFrame(const Skeleton& s, int joint, const glm::mat4& parentFrame,
                     const Transform& local) {
  return levelModel(s, joint, parentFrame, local,
                    s.levels[static_cast<std::size_t>(joint)].count - 1);
}

bool localToModel(const Skeleton& s, std::span<const Transform> local,
                  std::span<glm::mat4> modelOut) {
  if (local.size() != static_cast<std::size_t>(kJointCount) ||
      modelOut.size() != static_cast<std::size_t>(kJointCount)) {
    return false;
  }
  // The frame each joint hands to its children: its model matrix, or for a spread joint the
  // frame carried past its last level.
  std::array<glm::mat4, kJointCount> frame;
  for (std::size_t j = 0; j < static_cast<std::size_t>(kJointCount); ++j) {
    const int p = s.parents[j];
    const glm::mat4& pf = p < 0 ? glm::mat4(1.0f) : frame[static_cast<std::size_t>(p)];
    modelOut[j] = jointModel(s, static_cast<int>(j), pf, local[j]);
    frame[j] =
        s.levels[j].count > 1 ? childFrame(s, static_cast<int>(j), pf, local[j]) : modelOut[j];
  }
  return true;
}

Pose measurePoseLocal(const Skeleton& s, std::span<const Transform> local, const Pose* previous) {
  Pose out;
  if (local.size() != static_cast<std::size_t>(kJointCount)) return out;
  // Root placement.
  {
    const Transform& rest = s.restLocal[0];
    out.root.translation = local[0].translation - rest.translation;
    out.root.rotation = glm::normalize(local[0].rotation * glm::conjugate(rest.rotation));
  }
  for (int j = 0; j < kJointCount; ++j) {
    const Joint joint = static_cast<Joint>(j);
    const Side side = sideOf(joint);
    const JointSpec& spec = kSpecs[static_cast<std::size_t>(leftOf(joint))];
    if (spec.kind == Kind::None) continue;
    glm::quat qa = j == 0 ? glm::quat(1, 0, 0, 0)
                          : toAnatomical(s, j, local[static_cast<std::size_t>(j)].rotation);
    if (spec.kind == Kind::Cardan) {
      const glm::vec3 ang =
          decomposeCardan(qa, spec.axes[0].axis, spec.axes[1].axis, spec.axes[2].axis);
      for (int k = 0; k < 3; ++k) {
        const AxisSpec& ax = spec.axes[k];
        if (ax.motion == kNone) continue;
        out.set(static_cast<Motion>(ax.motion), side, ax.sign * ang[k] * kRadToDeg);
      }
    } else {  // shoulder
      glm::vec2 prevFa;
      float prevR = 0.0f;
      if (previous) {
        const float pf = previous->get(Motion::ShoulderFlexion, side) * kDegToRad;
        const float pa = previous->get(Motion::ShoulderAbduction, side) * kDegToRad;
        const float ph = previous->get(Motion::ShoulderHorizontalAdduction, side) * kDegToRad;
        prevFa = shoulderSwingComponents(pf, pa, ph);
        prevR = previous->get(Motion::ShoulderInternalRotation, side) * kDegToRad;
      }
      const ShoulderMeasure sm =
          measureShoulderQuat(qa, previous ? &prevFa : nullptr, previous ? &prevR : nullptr);
      out.set(Motion::ShoulderFlexion, side, sm.f * kRadToDeg);
      out.set(Motion::ShoulderAbduction, side, sm.a * kRadToDeg);
      out.set(Motion::ShoulderHorizontalAdduction, side, 0.0f);
      out.set(Motion::ShoulderInternalRotation, side, sm.r * kRadToDeg);
    }
  }
  return out;
}

Pose measurePose(const Skeleton& s, std::span<const glm::mat4> model, const Pose* previous) {
  if (model.size() != static_cast<std::size_t>(kJointCount)) return Pose{};
  std::array<Transform, kJointCount> local;
  for (int j = 0; j < kJointCount; ++j) {
    const auto ju = static_cast<std::size_t>(j);
    const int p = s.parents[ju];
    local[ju].rotation = localRotationFromModel(s, model, j);
    const glm::vec3 pos(model[ju][3]);
    if (p < 0) {
      local[ju].translation = pos;
    } else {
      const glm::mat4& pm = model[static_cast<std::size_t>(p)];
      local[ju].translation = glm::transpose(glm::mat3(pm)) * (pos - glm::vec3(pm[3]));
    }
  }
  return measurePoseLocal(s, local, previous);
}

ShoulderAngles shoulderAnglesOf(const Pose& pose, Side side) {
  const float f = pose.get(Motion::ShoulderFlexion, side) * kDegToRad;
  const float a = pose.get(Motion::ShoulderAbduction, side) * kDegToRad;
  const float h = pose.get(Motion::ShoulderHorizontalAdduction, side) * kDegToRad;
  const glm::vec2 af = shoulderSwingComponents(f, a, h);
  ShoulderAngles out = anglesFromSwing(
      af.y, af.x, pose.get(Motion::ShoulderInternalRotation, side) * kDegToRad, nullptr);
  // With the arm hanging the plane is whatever the pose says.
  if (out.elevation < 0.01f) {
    out.planeOfElevation = h * kRadToDeg;
    out.axialRotationIsb = out.internalRotation - out.planeOfElevation;
  }
  return out;
}

ShoulderAngles measureShoulder(const Skeleton& s, std::span<const glm::mat4> model, Side side,
                               const ShoulderAngles* previous) {
  if (model.size() != static_cast<std::size_t>(kJointCount) || side == Side::Center) return {};
  const int j = index(onSide(Joint::ShoulderL, side));
  const glm::quat qa = toAnatomical(s, j, localRotationFromModel(s, model, j));
  glm::vec2 prevFa;
  float prevR = 0.0f;
  if (previous) {
    const float th = previous->elevation * kDegToRad;
    const float ph = previous->planeOfElevation * kDegToRad;
    prevFa = glm::vec2(th * std::cos(ph), th * std::sin(ph));
    prevR = previous->internalRotation * kDegToRad;
  }
  const ShoulderMeasure sm =
      measureShoulderQuat(qa, previous ? &prevFa : nullptr, previous ? &prevR : nullptr);
  return anglesFromSwing(sm.f, sm.a, sm.r, previous);
}

glm::quat shortestRotation(const glm::vec3& a, const glm::vec3& b) {
  const float d = glm::dot(a, b);
  if (d > 1.0f - 1e-7f) return glm::quat(1.0f, 0.0f, 0.0f, 0.0f);
  if (d < -1.0f + 1e-7f) {
    glm::vec3 axis = glm::cross(a, glm::vec3(1.0f, 0.0f, 0.0f));
    if (glm::dot(axis, axis) < 1e-6f) axis = glm::cross(a, glm::vec3(0.0f, 0.0f, 1.0f));
    return glm::angleAxis(glm::pi<float>(), glm::normalize(axis));
  }
  const glm::vec3 c = glm::cross(a, b);
  return glm::normalize(glm::quat(1.0f + d, c.x, c.y, c.z));
}

}  // namespace sv::anatomy
