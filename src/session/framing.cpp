#include "session/framing.h"

#include <algorithm>
#include <cmath>

#include "anatomy/kinematics.h"

namespace sv::session {

StretchView stretchView(const Session& session, float aspect) {
  StretchView v;
  const stretches::StretchTimeline* tl = session.timeline();
  if (tl == nullptr) {
    v.home.target = v.focus;
    return v;
  }
  const anatomy::Skeleton& skeleton = session.cast().skeleton();
  std::array<anatomy::Transform, anatomy::kJointCount> local{};
  std::array<glm::mat4, anatomy::kJointCount> model{};
  glm::vec3 lo(1e9f), hi(-1e9f);
  const anatomy::Joint keyJoint = anatomy::jointOfMotion(tl->key.motion, tl->key.side);
  glm::vec3 keyMid(0.0f);
  int keyCount = 0;
  for (int k = 0; k < tl->timeline.keyPoseCount(); ++k) {
    anatomy::poseToLocal(skeleton, tl->timeline.keyPose(k), local);
    anatomy::localToModel(skeleton, local, model);
    for (const glm::mat4& m : model) {
      lo = glm::min(lo, glm::vec3(m[3]));
      hi = glm::max(hi, glm::vec3(m[3]));
    }
    // The moving segment: where the key joint goes over the technique.
    keyMid += glm::vec3(model[static_cast<std::size_t>(keyJoint)][3]);
    ++keyCount;
  }
  keyMid /= static_cast<float>(std::max(keyCount, 1));
  const glm::vec3 centre = (lo + hi) * 0.5f;
  v.focus = glm::mix(centre, keyMid, 0.45f);
  const float radius = glm::length(hi - lo) * 0.5f + 0.25f;
  v.home.target = v.focus;
  // The camera looks across the client toward the practitioner (never through them): from
  // the side opposite the practitioner, turned 35° for a three-quarter view. Without a
  // practitioner, from the side opposite the stretched one (the body's right is −X).
  const anatomy::Side side = session.side();
  float yaw = side == anatomy::Side::Right ? 90.0f : -90.0f;
  if (const assist::AssistScene* a = session.assist()) {
    const glm::vec3 away = v.focus - a->placement().pelvis;
    if (away.x * away.x + away.z * away.z > 1e-4f) yaw = glm::degrees(std::atan2(away.x, away.z));
  }
  v.home.yawDeg = yaw + (side == anatomy::Side::Right ? -35.0f : 35.0f);
  v.home.pitchDeg = 22.0f;
  // Fit the narrower of the view's two angles (a tall view between the panels is narrow).
  const float halfV = glm::radians(17.5f);
  const float half = std::min(halfV, std::atan(std::tan(halfV) * aspect));
  v.home.distance = std::clamp(radius / std::tan(half) * 0.85f, 1.5f, 8.0f);
  return v;
}

glm::vec3 keyJointPosition(const Session& session) {
  const stretches::StretchTimeline* tl = session.timeline();
  const auto model = session.clientModel();
  if (tl == nullptr || model.size() < anatomy::kJointCount) return glm::vec3(0.0f, 0.9f, 0.0f);
  const anatomy::Joint j = anatomy::jointOfMotion(tl->key.motion, tl->key.side);
  return glm::vec3(model[static_cast<std::size_t>(j)][3]);
}

std::optional<Viewpoint> figureViewpoint(const Session& session, Figure figure,
                                         const glm::vec3& focus) {
  if (session.assist() == nullptr) return std::nullopt;
  const assist::AssistFrame& f = session.assistFrame();
  const bool client = figure == Figure::Client;
  const auto& model = client ? f.clientModel : f.practitionerModel;
  const glm::mat4& head = model[static_cast<std::size_t>(anatomy::Joint::Head)];
  glm::vec3 target = focus;
  if (!client && f.contactCount > 0) {
    target = glm::vec3(0.0f);
    for (int i = 0; i < f.contactCount; ++i) {
      target += f.contacts[static_cast<std::size_t>(i)].skinPoint;
    }
    target /= static_cast<float>(f.contactCount);
  }
  const glm::vec3 headPos(head[3]);
  const glm::vec3 back = glm::normalize(headPos - target);
  return Viewpoint{headPos + back * 0.35f + glm::vec3(0.0f, 0.12f, 0.0f), target};
}

OrbitState orbitFrom(const OrbitState& from, const glm::vec3& eye, const glm::vec3& target) {
  const glm::vec3 d = eye - target;
  const float dist = glm::length(d);
  OrbitState s = from;
  if (dist < 1e-3f) return s;
  s.target = target;
  s.distance = std::clamp(dist, OrbitCamera::kMinDistance, OrbitCamera::kMaxDistance);
  s.yawDeg = s.yawDeg + std::remainder(glm::degrees(std::atan2(d.x, d.z)) - s.yawDeg, 360.0f);
  s.pitchDeg = std::clamp(glm::degrees(std::asin(d.y / dist)), OrbitCamera::kMinPitch,
                          OrbitCamera::kMaxPitch);
  return s;
}

}  // namespace sv::session
