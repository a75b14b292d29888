#include "session/framing.h"

#include "assist/collision.h"

#include <algorithm>
#include <cmath>

#include "anatomy/kinematics.h"
#include "session/stretch_scene.h"

namespace sv::session {

using anatomy::Joint;
using anatomy::kJointCount;

namespace {

constexpr std::size_t idx(Joint j) {
  return static_cast<std::size_t>(j);
}

// The joint a segment runs to: the first child in the canonical chain, except the foot, which
// runs from the ankle past the subtalar joint (a few millimetres below it) to the toes. -1:
// a leaf, extended along its parent segment (head, fingers, toes); -2: skipped (subtalar).
const std::array<int, kJointCount>& segmentEnds() {
  static const std::array<int, kJointCount> ends = [] {
    std::array<int, kJointCount> end{};
    for (int j = 0; j < kJointCount; ++j) {
      end[static_cast<std::size_t>(j)] = -1;
      for (int c = j + 1; c < kJointCount; ++c) {
        if (anatomy::parentOf(static_cast<Joint>(c)) == j) {
          end[static_cast<std::size_t>(j)] = c;
          break;
        }
      }
    }
    for (Joint a : {Joint::AnkleL, Joint::AnkleR}) {
      end[idx(a)] = static_cast<int>(a) + 2;  // the toes
    }
    end[idx(Joint::SubtalarL)] = end[idx(Joint::SubtalarR)] = -2;
    return end;
  }();
  return ends;
}

// Capsule radii of a 1.70 m figure (metres): the segment's half thickness, generous rather
// than tight (clothing, muscle, the heel and the hair stick out of a bone's axis).
constexpr std::array<float, kJointCount> kRadius = {
    0.13f,                                           // pelvis (to the lumbar spine)
    0.13f,                                           // lumbar
    0.15f,                                           // thoracic: the chest
    0.055f,                                          // cervical: the neck
    0.10f,                                           // head
    0.055f, 0.05f,  0.042f, 0.035f, 0.04f,  0.028f,  // left clavicle … fingers
    0.055f, 0.05f,  0.042f, 0.035f, 0.04f,  0.028f,  // right
    0.075f, 0.052f, 0.042f, 0.0f,   0.028f,          // left thigh, shank, foot, -, toes
    0.075f, 0.052f, 0.042f, 0.0f,   0.028f,          // right
};
// How far a leaf segment reaches past its joint, along its parent segment (metres, 1.70 m).
float leafLength(Joint j) {
  const Joint l = anatomy::leftOf(j);
  if (l == Joint::Head) return 0.14f;
  if (l == Joint::HandL) return 0.08f;
  return 0.04f;  // toes
}

constexpr float kStandardHeight = 1.70f;

glm::vec3 pos(std::span<const glm::mat4> model, Joint j) {
  return glm::vec3(model[idx(j)][3]);
}

// Squared distance between segments p1–q1 and p2–q2 (the closest points as the assist's
// collision model finds them).
float segmentDistance2(const glm::vec3& p1, const glm::vec3& q1, const glm::vec3& p2,
                       const glm::vec3& q2) {
  float s = 0.0f, t = 0.0f;
  assist::closestSegmentPoints(p1, q1, p2, q2, s, t);
  const glm::vec3 d = (p1 + (q1 - p1) * s) - (p2 + (q2 - p2) * t);
  return glm::dot(d, d);
}

float pointSegmentDistance2(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b) {
  const glm::vec3 ab = b - a;
  const float l2 = glm::dot(ab, ab);
  const float t = l2 > 1e-12f ? std::clamp(glm::dot(p - a, ab) / l2, 0.0f, 1.0f) : 0.0f;
  const glm::vec3 d = p - (a + ab * t);
  return glm::dot(d, d);
}

bool insideBox(const FramingBox& box, const glm::vec3& world) {
  const glm::vec3 p(box.toLocal * glm::vec4(world, 1.0f));
  return glm::all(glm::greaterThanEqual(p, box.lo)) && glm::all(glm::lessThanEqual(p, box.hi));
}

// Whether the segment from `o` to just short of `p` passes through the box (slab test).
bool segmentHitsBox(const FramingBox& box, const glm::vec3& o, const glm::vec3& p) {
  const glm::vec3 lo(box.toLocal * glm::vec4(o, 1.0f));
  const glm::vec3 d = glm::vec3(box.toLocal * glm::vec4(p, 1.0f)) - lo;
  float t0 = 0.0f, t1 = 0.995f;
  for (int i = 0; i < 3; ++i) {
    if (std::fabs(d[i]) < 1e-9f) {
      if (lo[i] < box.lo[i] || lo[i] > box.hi[i]) return false;
      continue;
    }
    float a = (box.lo[i] - lo[i]) / d[i], b = (box.hi[i] - lo[i]) / d[i];
    if (a > b) std::swap(a, b);
    t0 = std::max(t0, a);
    t1 = std::min(t1, b);
    if (t0 > t1) return false;
  }
  return true;
}

// Whether the line from the eye to `p`, a point on the skin of figure `figure` (0 client, 1
// practitioner, other: a point between them, such as a contact), is blocked before it reaches
// p. Capsule `own` is the one p lies on. Capsules of p's own figure and boxes that contain p
// (where segments meet, where the figure rests on the table) do not block it; a capsule of the
// other figure that contains p does: the point is inside that figure, where nobody sees it.
bool occluded(const FramingMoment& m, const glm::vec3& eye, const glm::vec3& p, int own,
              int figure) {
  for (int i = 0; i < m.capsuleCount; ++i) {
    if (i == own) continue;
    const Capsule& c = m.capsules[static_cast<std::size_t>(i)];
    const float r2 = c.radius * c.radius;
    if (pointSegmentDistance2(p, c.a, c.b) <= r2) {
      if (c.figure != figure && figure <= 1) return true;
      continue;
    }
    if (segmentDistance2(eye, p, c.a, c.b) < r2) return true;
  }
  for (int i = 0; i < m.boxCount; ++i) {
    const FramingBox& b = m.boxes[static_cast<std::size_t>(i)];
    if (insideBox(b, p)) continue;
    if (segmentHitsBox(b, eye, p)) return true;
  }
  return false;
}

// Camera axes of an orbit direction: forward (eye to target), right and up (glm::lookAt's).
struct Axes {
  glm::vec3 f, r, u;
};
Axes axesOf(float yawDeg, float pitchDeg) {
  const float yaw = glm::radians(yawDeg), pitch = glm::radians(pitchDeg);
  Axes a;
  a.f =
      -glm::vec3(std::sin(yaw) * std::cos(pitch), std::sin(pitch), std::cos(yaw) * std::cos(pitch));
  glm::vec3 r = glm::cross(a.f, glm::vec3(0.0f, 1.0f, 0.0f));
  if (glm::dot(r, r) < 1e-10f) r = glm::vec3(std::cos(yaw), 0.0f, -std::sin(yaw));
  a.r = glm::normalize(r);
  a.u = glm::cross(a.r, a.f);
  return a;
}

// The key segment's centre in a moment.
glm::vec3 keyCentre(const FramingMoment& m) {
  glm::vec3 c(0.0f);
  for (int k = 0; k < m.keyCount; ++k) {
    const Capsule& cap = m.capsules[static_cast<std::size_t>(m.key[static_cast<std::size_t>(k)])];
    c += (cap.a + cap.b) * 0.5f;
  }
  return m.keyCount > 0 ? c / static_cast<float>(m.keyCount) : m.joint;
}

// The orbit state whose eye is at `eye` looking at `target`.
OrbitState orbitLookingAt(const glm::vec3& eye, const glm::vec3& target) {
  OrbitState s;
  const glm::vec3 d = eye - target;
  const float dist = std::max(glm::length(d), 1e-3f);
  s.target = target;
  s.distance = std::clamp(dist, OrbitCamera::kMinDistance, OrbitCamera::kMaxDistance);
  s.yawDeg = glm::degrees(std::atan2(d.x, d.z));
  s.pitchDeg = std::clamp(glm::degrees(std::asin(std::clamp(d.y / dist, -1.0f, 1.0f))),
                          OrbitCamera::kMinPitch, OrbitCamera::kMaxPitch);
  return s;
}

float angleBetween(float yawA, float pitchA, float yawB, float pitchB) {
  return std::fabs(std::remainder(yawA - yawB, 360.0f)) + std::fabs(pitchA - pitchB);
}

// Directions tried for the automatic view: every 22.5° around, from low to high.
constexpr int kYawSteps = 16;
constexpr std::array<float, 4> kPitches = {10.0f, 25.0f, 42.0f, 62.0f};
// The key segment counts as shown from this estimated share on (the renderer's measure of the
// chosen views is checked against 80 % in the tests).
constexpr float kShown = 0.85f;
// The least distance of an eye view from the key segment's centre (metres): at the camera's
// 35° a thigh and shank (0.9 m) fill about half the picture's height.
constexpr float kEyeViewDistance = 1.5f;

}  // namespace

std::array<anatomy::Joint, 2> keySegmentJoints(anatomy::Motion motion, anatomy::Side side) {
  const Joint j = anatomy::jointOfMotion(motion, side);
  const int end = segmentEnds()[idx(j)];
  return {j, end >= 0 ? static_cast<Joint>(end) : j};
}

bool addFigure(FramingMoment& m, std::span<const glm::mat4> model, float height,
               std::uint8_t figure) {
  if (model.size() < static_cast<std::size_t>(kJointCount)) return true;
  const float s = height / kStandardHeight;
  auto add = [&](const glm::vec3& a, const glm::vec3& b, float radius, Joint joint,
                 bool breadth = false) {
    if (m.capsuleCount >= kMaxFramingCapsules) return false;
    m.capsules[static_cast<std::size_t>(m.capsuleCount++)] =
        Capsule{a, b, radius * s, static_cast<std::uint8_t>(joint), figure, breadth};
    return true;
  };
  for (int ji = 0; ji < kJointCount; ++ji) {
    const Joint j = static_cast<Joint>(ji);
    const int end = segmentEnds()[static_cast<std::size_t>(ji)];
    if (end == -2) continue;
    const glm::vec3 a = pos(model, j);
    glm::vec3 b;
    if (end >= 0) {
      b = pos(model, static_cast<Joint>(end));
    } else {
      const Joint parent = static_cast<Joint>(anatomy::parentOf(j));
      const Joint from = anatomy::leftOf(j) == Joint::ToesL ? static_cast<Joint>(ji - 2) : parent;
      const glm::vec3 dir = a - pos(model, from);
      const float l = glm::length(dir);
      b = l > 1e-5f ? a + dir / l * leafLength(j) * s : a;
    }
    if (!add(a, b, kRadius[static_cast<std::size_t>(ji)], j)) return false;
  }
  // The breadth of the shoulders and of the hips, which the spine's capsules miss.
  return add(pos(model, Joint::ShoulderL), pos(model, Joint::ShoulderR), 0.06f, Joint::Thoracic,
             true) &&
         add(pos(model, Joint::HipL), pos(model, Joint::HipR), 0.09f, Joint::Pelvis, true);
}

void momentAt(const Session& session, float t, assist::AssistFrame& scratch, FramingMoment& out) {
  out.capsuleCount = out.boxCount = out.keyCount = out.contactCount = 0;
  const Cast& cast = session.cast();
  if (!cast.drivable()) return;
  const stretches::StretchTimeline* tl = session.timeline();
  std::array<glm::mat4, kJointCount> model{};
  std::span<const glm::mat4> client;
  if (const assist::AssistScene* a = session.assist()) {
    a->update(t, scratch);
    client = scratch.clientModel;
    addFigure(out, client, cast.skeleton().height, 0);
    addFigure(out, scratch.practitionerModel, cast.practitioner()->skeleton().height, 1);
    for (int i = 0; i < scratch.contactCount && i < assist::kMaxContacts; ++i) {
      out.contacts[static_cast<std::size_t>(out.contactCount++)] =
          scratch.contacts[static_cast<std::size_t>(i)].skinPoint;
    }
    for (const assist::EnvironmentItem& e : a->environment()) {
      if (out.boxCount >= kMaxFramingBoxes || e.mesh.vertices.empty()) continue;
      FramingBox& b = out.boxes[static_cast<std::size_t>(out.boxCount++)];
      b.toWorld = e.transform;
      b.toLocal = glm::inverse(e.transform);
      b.lo = e.mesh.boundsMin();
      b.hi = e.mesh.boundsMax();
    }
  } else if (tl != nullptr) {
    // The client alone (a foreign rig, or staging failed): posed from the timeline, on the
    // stand-in support the scene draws.
    anatomy::Pose pose;
    std::array<anatomy::Transform, kJointCount> local{};
    tl->timeline.sample(t, pose);
    anatomy::poseToLocal(cast.skeleton(), pose, local);
    anatomy::localToModel(cast.skeleton(), local, model);
    client = model;
    addFigure(out, client, cast.skeleton().height, 0);
    if (session.stretch()->support == stretches::Support::Table) {
      FramingBox& b = out.boxes[static_cast<std::size_t>(out.boxCount++)];
      b.lo = glm::vec3(-kTableSize.x * 0.5f, 0.0f, -0.15f - kTableSize.z * 0.5f);
      b.hi = glm::vec3(kTableSize.x * 0.5f, kTableTop, -0.15f + kTableSize.z * 0.5f);
    }
  } else {
    client = session.clientModel();
    addFigure(out, client, cast.skeleton().height, 0);
  }
  if (tl == nullptr || client.size() < static_cast<std::size_t>(kJointCount)) return;
  const auto keys = keySegmentJoints(tl->key.motion, tl->key.side);
  for (int i = 0; i < out.capsuleCount && out.keyCount < kMaxKeyCapsules; ++i) {
    const Capsule& c = out.capsules[static_cast<std::size_t>(i)];
    if (c.figure == 0 && !c.breadth &&
        (c.joint == static_cast<std::uint8_t>(keys[0]) ||
         c.joint == static_cast<std::uint8_t>(keys[1]))) {
      out.key[static_cast<std::size_t>(out.keyCount++)] = i;
    }
  }
  out.joint = pos(client, keys[0]);
  out.jointRadius = kRadius[idx(keys[0])] * cast.skeleton().height / kStandardHeight;
}

Visibility estimateVisibility(const FramingMoment& m, const glm::vec3& eye) {
  Visibility v;
  int seen = 0, total = 0;
  for (int k = 0; k < m.keyCount; ++k) {
    const int ci = m.key[static_cast<std::size_t>(k)];
    const Capsule& c = m.capsules[static_cast<std::size_t>(ci)];
    const glm::vec3 axis = c.b - c.a;
    for (float along : {0.2f, 0.5f, 0.8f}) {
      const glm::vec3 centre = c.a + axis * along;
      const glm::vec3 toEye = glm::normalize(eye - centre);
      glm::vec3 side = glm::cross(axis, toEye);
      const float sl = glm::length(side);
      side = sl > 1e-6f ? side / sl : glm::vec3(0.0f);
      for (float across : {-0.65f, 0.0f, 0.65f}) {
        // A point on the capsule's surface facing the eye.
        const float forward = std::sqrt(1.0f - across * across) * 0.97f;
        const glm::vec3 p = centre + (side * across + toEye * forward) * c.radius;
        ++total;
        if (!occluded(m, eye, p, ci, c.figure)) ++seen;
      }
    }
  }
  v.segment = total > 0 ? static_cast<float>(seen) / static_cast<float>(total) : 0.0f;
  const glm::vec3 toEye = glm::normalize(eye - m.joint);
  v.joint = occluded(m, eye, m.joint + toEye * m.jointRadius * 0.95f, -1, 0) ? 0.0f : 1.0f;
  if (m.contactCount > 0) {
    int c = 0;
    for (int i = 0; i < m.contactCount; ++i) {
      const glm::vec3 p = m.contacts[static_cast<std::size_t>(i)];
      if (!occluded(m, eye, p + glm::normalize(eye - p) * 0.02f, -1, 2)) ++c;
    }
    v.contacts = static_cast<float>(c) / static_cast<float>(m.contactCount);
  }
  return v;
}

namespace {

// fitView over the moments whose `include` entry is non-zero (all when `include` is empty).
OrbitState fitMoments(float yawDeg, float pitchDeg, std::span<const FramingMoment> moments,
                      std::span<const std::uint8_t> include, const Stage& st) {
  const Axes ax = axesOf(yawDeg, pitchDeg);
  const float tanY = std::tan(glm::radians(st.fovYDeg) * 0.5f);
  const float tanX = tanY * st.aspect();
  // The free rectangle in normalised device coordinates, less a margin of 2.5 % of the view
  // on each side (the skin reaches past the capsules at the hands, feet and hair).
  const float W = std::max(st.width, 1.0f), H = std::max(st.height, 1.0f);
  const float margin = 0.05f;
  float a0 = 2.0f * st.x0 / W - 1.0f + margin, a1 = 2.0f * st.x1 / W - 1.0f - margin;
  float b0 = 1.0f - 2.0f * st.y1 / H + margin, b1 = 1.0f - 2.0f * st.y0 / H - margin;
  if (a1 - a0 < 0.1f) a0 = -0.05f, a1 = 0.05f;  // no room: the centre of the view
  if (b1 - b0 < 0.1f) b0 = -0.05f, b1 = 0.05f;
  const float ka0 = std::sqrt(1.0f + a0 * a0 * tanX * tanX),
              ka1 = std::sqrt(1.0f + a1 * a1 * tanX * tanX);
  const float kb0 = std::sqrt(1.0f + b0 * b0 * tanY * tanY),
              kb1 = std::sqrt(1.0f + b1 * b1 * tanY * tanY);
  constexpr float kBig = 1e9f;
  float maxR = -kBig, minL = kBig, maxT = -kBig, minB = kBig, depthSum = 0.0f;
  int ends = 0;
  for (std::size_t mi = 0; mi < moments.size(); ++mi) {
    if (!include.empty() && include[mi] == 0) continue;
    const FramingMoment& m = moments[mi];
    for (int i = 0; i < m.capsuleCount; ++i) {
      const Capsule& c = m.capsules[static_cast<std::size_t>(i)];
      const float rho = c.radius * 1.1f + 0.015f;
      for (const glm::vec3& p : {c.a, c.b}) {
        const float xr = glm::dot(p, ax.r), xu = glm::dot(p, ax.u), xf = glm::dot(p, ax.f);
        maxR = std::max(maxR, rho * ka1 + xr - a1 * tanX * xf);
        minL = std::min(minL, xr - a0 * tanX * xf - rho * ka0);
        maxT = std::max(maxT, rho * kb1 + xu - b1 * tanY * xf);
        minB = std::min(minB, xu - b0 * tanY * xf - rho * kb0);
        depthSum += xf;
        ++ends;
      }
    }
  }
  OrbitState s;
  s.yawDeg = yawDeg;
  s.pitchDeg = pitchDeg;
  if (ends == 0) {
    s.target = glm::vec3(0.0f, 0.9f, 0.0f);
    s.distance = 3.6f;
    return s;
  }
  // The eye's coordinates (er, eu, ef) on the camera axes: as far forward as both pairs of
  // planes allow, centred between the pair that does not bind.
  const float efH = (minL - maxR) / ((a1 - a0) * tanX);
  const float efV = (minB - maxT) / ((b1 - b0) * tanY);
  const float ef = std::min(efH, efV);
  const float er = 0.5f * ((maxR + a1 * tanX * ef) + (minL + a0 * tanX * ef));
  const float eu = 0.5f * ((maxT + b1 * tanY * ef) + (minB + b0 * tanY * ef));
  const glm::vec3 eye = ax.r * er + ax.u * eu + ax.f * ef;
  const float depth = depthSum / static_cast<float>(ends) - ef;
  s.distance = std::clamp(depth, 0.5f, OrbitCamera::kMaxDistance);
  s.target = eye + ax.f * s.distance;
  return s;
}

}  // namespace

OrbitState fitView(float yawDeg, float pitchDeg, std::span<const FramingMoment> moments,
                   const Stage& stage) {
  return fitMoments(yawDeg, pitchDeg, moments, {}, stage);
}

// --- CameraDirector ---------------------------------------------------------------------

CameraDirector::CameraDirector() : scratch_(std::make_unique<assist::AssistFrame>()) {
  phaseChoice_.reserve(64);
}

void CameraDirector::plan(const Session& session, const Stage& stage, bool newStretch,
                          VisibilityProbe* probe) {
  stage_ = stage;
  moments_.clear();
  momentTime_.clear();
  momentPhase_.clear();
  measured_.clear();
  phaseChoice_.clear();
  phaseViews_.clear();
  dirty_ = true;
  lastPhase_ = -2;
  if (newStretch) mode_ = Mode::Automatic;
  const stretches::StretchTimeline* tl = session.timeline();
  // Moments: the start, the end of every phase, and the middle of every phase that moves.
  const auto sample = [&](float t, int phase) {
    moments_.emplace_back();
    momentAt(session, t, *scratch_, moments_.back());
    momentTime_.push_back(t);
    momentPhase_.push_back(phase);
  };
  const int phases = tl ? tl->timeline.phaseCount() : 0;
  if (phases == 0) {
    sample(0.0f, 0);
  } else {
    sample(0.0f, 0);
    for (int p = 0; p < phases; ++p) {
      const animation::PhaseInfo& ph = tl->timeline.phase(p);
      if (ph.fromPose != ph.toPose) sample(ph.start + ph.duration * 0.5f, p);
      sample(ph.start + ph.duration * 0.97f, p);
    }
  }
  // Candidate directions: the author's only, or every step around at every pitch.
  std::vector<ViewChoice> candidates;
  const stretches::Stretch* st = session.stretch();
  if (st != nullptr && st->view) {
    candidates.push_back({st->view->yawDeg, st->view->pitchDeg});
  } else if (phases == 0) {
    candidates.push_back({25.0f, 10.0f});
  } else {
    for (float pitch : kPitches) {
      for (int y = 0; y < kYawSteps; ++y) {
        candidates.push_back({-180.0f + 360.0f * static_cast<float>(y) / kYawSteps, pitch});
      }
    }
  }
  // Each candidate scored per phase (its worst moment) from the eye of its fit over the whole
  // technique.
  const std::size_t P = static_cast<std::size_t>(std::max(phases, 1));
  std::vector<ViewChoice> perPhase(candidates.size() * P);
  std::vector<float> quality(candidates.size(), 0.0f);
  std::vector<float> distance(candidates.size(), 1.0f);
  std::vector<float> worst(candidates.size(), 1.0f);
  float nearest = 1e9f;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    const OrbitState fit = fitView(candidates[c].yawDeg, candidates[c].pitchDeg, moments_, stage_);
    distance[c] = fit.distance;
    nearest = std::min(nearest, fit.distance);
    const glm::vec3 eye = OrbitCamera::eyeOf(fit);
    for (std::size_t p = 0; p < P; ++p) {
      ViewChoice& v = perPhase[c * P + p];
      v = candidates[c];
      v.segment = v.joint = v.contacts = 1.0f;
    }
    float minSeg = 1.0f, sumSeg = 0.0f, sumJoint = 0.0f, sumContacts = 0.0f;
    for (std::size_t m = 0; m < moments_.size(); ++m) {
      const Visibility vis = estimateVisibility(moments_[m], eye);
      ViewChoice& v = perPhase[c * P + static_cast<std::size_t>(momentPhase_[m])];
      v.segment = std::min(v.segment, vis.segment);
      v.joint = std::min(v.joint, vis.joint);
      v.contacts = std::min(v.contacts, vis.contacts);
      minSeg = std::min(minSeg, vis.segment);
      sumSeg += vis.segment;
      sumJoint += vis.joint;
      sumContacts += vis.contacts;
    }
    worst[c] = minSeg;
    const float n = static_cast<float>(moments_.size());
    // The worst moment counts most; then how much of the time the segment, the joint and the
    // hands show; a little for a low, natural eye height.
    quality[c] = 0.6f * minSeg + 0.15f * sumSeg / n + 0.1f * sumJoint / n + 0.1f * sumContacts / n -
                 0.06f * std::fabs(candidates[c].pitchDeg - 25.0f) / 40.0f;
  }
  for (std::size_t c = 0; c < candidates.size(); ++c) quality[c] += 0.05f * nearest / distance[c];
  std::size_t best =
      static_cast<std::size_t>(std::max_element(quality.begin(), quality.end()) - quality.begin());
  include_.assign(moments_.size(), 0);

  // The probe's answers, per candidate and moment, for the view fitted over the whole
  // technique (the stretch's direction: the camera holds still) and over the moment's phase
  // alone (a phase that needs its own direction). At most kMaxProbes measurements a plan.
  const std::size_t M = moments_.size();
  std::vector<float> cacheAll, cachePhase;
  int probes = 0;
  if (probe != nullptr && phases > 0) {
    cacheAll.assign(candidates.size() * M, -1.0f);
    cachePhase.assign(candidates.size() * M, -1.0f);
  }
  const auto measure = [&](std::size_t c, std::size_t m, bool wholeTechnique) {
    float& v = (wholeTechnique ? cacheAll : cachePhase)[c * M + m];
    if (v >= 0.0f) return v;
    if (probes >= kMaxProbes) return -1.0f;
    ++probes;
    for (std::size_t k = 0; k < M; ++k) {
      include_[k] = wholeTechnique || momentPhase_[k] == momentPhase_[m];
    }
    const OrbitState view =
        fitMoments(candidates[c].yawDeg, candidates[c].pitchDeg, moments_, include_, stage_);
    v = probe->visibleShare(momentTime_[m], view, stage_);
    return v;
  };
  // The least measured share over some moments (-1 when the budget ran out first).
  const auto least = [&](std::size_t c, auto&& momentIn, bool wholeTechnique) {
    float low = 1.0f;
    for (std::size_t m = 0; m < M; ++m) {
      if (!momentIn(m)) continue;
      const float v = measure(c, m, wholeTechnique);
      if (v < 0.0f) return -1.0f;
      low = std::min(low, v);
    }
    return low;
  };

  // 1. The stretch's direction: the estimate's best few, measured at moments spread over the
  // technique; the best measured one wins (the estimate misses grips and bodies that meet).
  std::vector<float> stretchShare(candidates.size(), -1.0f);
  float bestShare = -1.0f;
  if (probe != nullptr && phases > 0 && candidates.size() > 1) {
    std::vector<std::size_t> ranked(candidates.size());
    for (std::size_t c = 0; c < ranked.size(); ++c) ranked[c] = c;
    std::sort(ranked.begin(), ranked.end(),
              [&](std::size_t a, std::size_t b) { return quality[a] > quality[b]; });
    const std::size_t spread[4] = {0, M / 3, (2 * M) / 3, M - 1};
    const auto atSpread = [&](std::size_t m) {
      return m == spread[0] || m == spread[1] || m == spread[2] || m == spread[3];
    };
    for (std::size_t k = 0; k < ranked.size() && k < kStretchDirections; ++k) {
      const std::size_t c = ranked[k];
      stretchShare[c] = least(c, atSpread, true);
      if (stretchShare[c] > bestShare + 0.02f) {
        bestShare = stretchShare[c];
        best = c;
      }
      if (bestShare >= kAimedVisibleShare + 0.04f) break;
    }
  }
  stretchChoice_ = candidates[best];

  // 2. Per phase: the stretch's direction while it shows the segment; otherwise the nearest
  // direction that does (or the one that shows it best), so the camera moves only when needed.
  for (std::size_t p = 0; p < P; ++p) {
    const float keep = perPhase[best * P + p].segment;
    std::size_t pick = best;
    if (keep < kShown && probe == nullptr) {
      std::size_t nearestShown = candidates.size(), mostShown = best;
      float nearestAngle = 1e9f;
      for (std::size_t c = 0; c < candidates.size(); ++c) {
        const ViewChoice& v = perPhase[c * P + p];
        const float angle =
            angleBetween(v.yawDeg, v.pitchDeg, stretchChoice_.yawDeg, stretchChoice_.pitchDeg);
        if (v.segment >= kShown && angle < nearestAngle) {
          nearestAngle = angle;
          nearestShown = c;
        }
        if (v.segment > perPhase[mostShown * P + p].segment) mostShown = c;
      }
      if (nearestShown != candidates.size()) {
        pick = nearestShown;
      } else if (perPhase[mostShown * P + p].segment > keep + 0.1f) {
        pick = mostShown;
      }
    }
    phaseChoice_.push_back(perPhase[pick * P + p]);
  }
  stretchChoice_.segment = worst[best];
  measured_.assign(phaseChoice_.size(), -1.0f);

  // 3. With a probe, each phase's view measured at the phase's moments; a phase that shows
  // too little tries other directions: those measured best for the stretch first, then the
  // estimate's order for this phase.
  if (probe != nullptr && phases > 0) {
    std::vector<std::size_t> order(candidates.size());
    // When even the best of the stretch's directions shows little (the figures stand in each
    // other), no neighbour will do much better: the phases are measured, not searched.
    const bool grid = candidates.size() == kPitches.size() * kYawSteps && bestShare >= 0.6f;
    std::vector<std::size_t> firstMoment(P, 0);
    for (std::size_t m = M; m-- > 0;) firstMoment[static_cast<std::size_t>(momentPhase_[m])] = m;
    for (std::size_t p = 0; p < P; ++p) {
      const auto inPhase = [&](std::size_t m) {
        return static_cast<std::size_t>(momentPhase_[m]) == p;
      };
      std::size_t pick = best;
      float got = least(best, inPhase, true);
      if (got >= 0.0f && got < kAimedVisibleShare && grid) {
        // Climb the measured share over the grid of directions: the neighbours (one step of
        // yaw and / or pitch) of the best so far, while one of them is better.
        int tried = 0;
        bool moved = true;
        while (moved && got < kAimedVisibleShare && tried < kMaxProbedDirections) {
          moved = false;
          const int py = static_cast<int>(pick) / kYawSteps,
                    yy = static_cast<int>(pick) % kYawSteps;
          std::size_t next = pick;
          float nextShare = got;
          for (int dp = -1; dp <= 1 && tried < kMaxProbedDirections; ++dp) {
            for (int dy = -1; dy <= 1 && tried < kMaxProbedDirections; ++dy) {
              const int np = py + dp;
              if ((dp == 0 && dy == 0) || np < 0 || np >= static_cast<int>(kPitches.size())) {
                continue;
              }
              const std::size_t c =
                  static_cast<std::size_t>(np * kYawSteps + (yy + dy + kYawSteps) % kYawSteps);
              const bool fresh = cachePhase[c * M + firstMoment[p]] < 0.0f;
              const float v = least(c, inPhase, false);
              if (v < 0.0f) break;  // out of budget
              if (fresh) ++tried;
              if (v > nextShare + 0.01f) {
                nextShare = v;
                next = c;
              }
            }
          }
          if (next != pick) {
            pick = next;
            got = nextShare;
            moved = true;
          }
        }
      } else if (got >= 0.0f && got < kAimedVisibleShare && candidates.size() > 1 &&
                 bestShare >= 0.6f) {
        // Not a grid (never with the author's single direction): the estimate's order.
        for (std::size_t c = 0; c < order.size(); ++c) order[c] = c;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
          return perPhase[a * P + p].segment > perPhase[b * P + p].segment;
        });
        int tried = 0;
        for (std::size_t c : order) {
          if (c == best) continue;
          if (++tried > kMaxProbedDirections) break;
          const float v = least(c, inPhase, false);
          if (v < 0.0f) break;
          if (v > got + 0.02f) {
            got = v;
            pick = c;
          }
          if (got >= kAimedVisibleShare) break;
        }
      }
      phaseChoice_[p] = perPhase[pick * P + p];
      measured_[p] = got;
    }
  }
  phaseViews_.resize(phaseChoice_.size());
  refit();
}

OrbitState CameraDirector::fitPhases(const ViewChoice& c, int onlyPhase) {
  // The moments of one phase, or of every phase shown from c's direction (so the camera holds
  // still over them).
  for (std::size_t m = 0; m < moments_.size(); ++m) {
    const int p = momentPhase_[m];
    const ViewChoice& pc = phaseChoice(p);
    include_[m] =
        onlyPhase >= 0 ? p == onlyPhase : (pc.yawDeg == c.yawDeg && pc.pitchDeg == c.pitchDeg);
  }
  if (std::find(include_.begin(), include_.end(), std::uint8_t{1}) == include_.end()) {
    return fitMoments(c.yawDeg, c.pitchDeg, moments_, {}, stage_);
  }
  return fitMoments(c.yawDeg, c.pitchDeg, moments_, include_, stage_);
}

void CameraDirector::refit() {
  if (moments_.empty()) return;
  stretchView_ = fitPhases(stretchChoice_, -1);
  for (std::size_t p = 0; p < phaseChoice_.size(); ++p) {
    const ViewChoice& c = phaseChoice_[p];
    phaseViews_[p] = c.yawDeg == stretchChoice_.yawDeg && c.pitchDeg == stretchChoice_.pitchDeg
                         ? stretchView_
                         : fitPhases(c, static_cast<int>(p));
  }
  if (mode_ == Mode::Preset && preset_ != ViewPreset::ClientEyes &&
      preset_ != ViewPreset::PractitionerEyes) {
    presetState_ = fitView(presetState_.yawDeg, presetState_.pitchDeg, moments_, stage_);
  }
  dirty_ = true;
}

void CameraDirector::setStage(const Stage& stage) {
  const auto near = [](float a, float b) { return std::fabs(a - b) < 1.0f; };
  if (near(stage.width, stage_.width) && near(stage.height, stage_.height) &&
      near(stage.x0, stage_.x0) && near(stage.x1, stage_.x1) && near(stage.y0, stage_.y0) &&
      near(stage.y1, stage_.y1) && stage.fovYDeg == stage_.fovYDeg) {
    return;
  }
  stage_ = stage;
  refit();
}

void CameraDirector::userMoved() {
  mode_ = Mode::User;
}

std::optional<ViewPreset> CameraDirector::preset() const {
  if (mode_ == Mode::Automatic) return ViewPreset::Stretch;
  if (mode_ == Mode::Preset) return preset_;
  return std::nullopt;
}

const OrbitState& CameraDirector::phaseView(int phase) const {
  if (phaseViews_.empty()) return stretchView_;
  return phaseViews_[static_cast<std::size_t>(
      std::clamp(phase, 0, static_cast<int>(phaseViews_.size()) - 1))];
}

float CameraDirector::measuredShare(int phase) const {
  if (phase < 0 || static_cast<std::size_t>(phase) >= measured_.size()) return -1.0f;
  return measured_[static_cast<std::size_t>(phase)];
}

const ViewChoice& CameraDirector::phaseChoice(int phase) const {
  if (phaseChoice_.empty()) return stretchChoice_;
  return phaseChoice_[static_cast<std::size_t>(
      std::clamp(phase, 0, static_cast<int>(phaseChoice_.size()) - 1))];
}

OrbitState CameraDirector::presetView(ViewPreset preset, const Session& session) const {
  const bool right = session.side() != anatomy::Side::Left;
  float yaw = 0.0f, pitch = 10.0f;
  switch (preset) {
    case ViewPreset::Stretch:
      return phaseView(session.player().phaseIndex());
    case ViewPreset::Front:
      break;
    case ViewPreset::Back:
      yaw = 180.0f;
      break;
    case ViewPreset::Left:
      yaw = 90.0f;
      break;
    case ViewPreset::Right:
      yaw = -90.0f;
      break;
    case ViewPreset::Top:
      pitch = OrbitCamera::kMaxPitch;
      break;
    case ViewPreset::ThreeQuarter:
      yaw = right ? -35.0f : 35.0f;  // in front of the stretched side
      pitch = 25.0f;
      break;
    case ViewPreset::ClientEyes:
    case ViewPreset::PractitionerEyes: {
      // From beside, behind and above the figure's head (never inside it: every candidate eye
      // keeps 12 cm clear of every capsule), looking at the key segment; the candidate that
      // sees most of it with the least close in front wins, ties going to the one nearest the
      // figure's own eyes.
      FramingMoment now;
      momentAt(session, session.player().time(), *scratch_, now);
      const bool client = preset == ViewPreset::ClientEyes;
      if (now.capsuleCount == 0 || (!client && session.assist() == nullptr)) {
        return phaseView(session.player().phaseIndex());
      }
      const std::uint8_t figure = client ? 0 : 1;
      glm::vec3 eyes = now.capsules[0].a;
      for (int i = 0; i < now.capsuleCount; ++i) {
        const Capsule& c = now.capsules[static_cast<std::size_t>(i)];
        if (c.figure == figure && !c.breadth && c.joint == static_cast<std::uint8_t>(Joint::Head))
          eyes = glm::mix(c.a, c.b, 0.5f);
      }
      const glm::vec3 target = keyCentre(now);
      glm::vec3 back = eyes - target;
      back.y = 0.0f;
      back = glm::dot(back, back) > 1e-6f ? glm::normalize(back) : glm::vec3(0.0f, 0.0f, 1.0f);
      const glm::vec3 side = glm::cross(glm::vec3(0.0f, 1.0f, 0.0f), back);
      // What lies close in front of an eye fills its picture (a head's back, a raised arm,
      // seen from a hand's breadth): each capsule end or middle within 0.6 m of the eye and
      // within 25° of the line of sight costs a share of the score.
      const auto clutter = [&](const glm::vec3& e) {
        const glm::vec3 sight = glm::normalize(target - e);
        float cost = 0.0f;
        for (int i = 0; i < now.capsuleCount; ++i) {
          const Capsule& c = now.capsules[static_cast<std::size_t>(i)];
          for (const glm::vec3& p : {c.a, glm::mix(c.a, c.b, 0.5f), c.b}) {
            const glm::vec3 d = p - e;
            const float len = glm::length(d);
            if (len < 0.6f && len > 1e-4f && glm::dot(d, sight) > 0.906f * len) cost += 0.12f;
          }
        }
        return cost;
      };
      float bestScore = -1e9f;
      glm::vec3 bestEye = eyes + back * 0.5f + glm::vec3(0.0f, 0.4f, 0.0f);
      for (float b : {0.2f, 0.45f, 0.7f}) {
        for (float sd : {0.0f, -0.3f, 0.3f, -0.55f, 0.55f}) {
          for (float up : {0.15f, 0.35f, 0.55f}) {
            glm::vec3 e = eyes + back * b + side * sd + glm::vec3(0.0f, up, 0.0f);
            // Far enough from the segment to see it whole (a figure leaning over a knee has
            // its eyes a forearm's length from it): over the shoulder rather than at the eyes.
            const glm::vec3 out = e - target;
            const float reach = glm::length(out);
            if (reach > 1e-4f && reach < kEyeViewDistance)
              e = target + out * (kEyeViewDistance / reach);
            bool clear = e.y > 0.3f;
            for (int i = 0; i < now.capsuleCount && clear; ++i) {
              const Capsule& c = now.capsules[static_cast<std::size_t>(i)];
              const float r = c.radius + 0.12f;
              clear = pointSegmentDistance2(e, c.a, c.b) > r * r;
            }
            if (!clear) continue;
            const float score =
                estimateVisibility(now, e).segment - clutter(e) - 0.05f * glm::length(e - eyes);
            if (score > bestScore) {
              bestScore = score;
              bestEye = e;
            }
          }
        }
      }
      return orbitLookingAt(bestEye, target);
    }
  }
  return fitView(yaw, pitch, moments_, stage_);
}

void CameraDirector::choose(ViewPreset preset, const Session& session) {
  dirty_ = true;
  lastPhase_ = -2;
  if (preset == ViewPreset::Stretch) {
    mode_ = Mode::Automatic;
    return;
  }
  mode_ = Mode::Preset;
  preset_ = preset;
  presetState_ = presetView(preset, session);
}

OrbitState CameraDirector::userView(float yawDeg, float pitchDeg,
                                    std::optional<float> distance) const {
  OrbitState s =
      fitView(yawDeg, std::clamp(pitchDeg, OrbitCamera::kMinPitch, OrbitCamera::kMaxPitch),
              moments_, stage_);
  if (distance)
    s.distance = std::clamp(*distance, OrbitCamera::kMinDistance, OrbitCamera::kMaxDistance);
  return s;
}

OrbitState CameraDirector::reframed(const OrbitState& current, const Stage& stage) const {
  if (mode_ == Mode::Preset &&
      (preset_ == ViewPreset::ClientEyes || preset_ == ViewPreset::PractitionerEyes)) {
    return current;
  }
  OrbitState s = fitView(current.yawDeg, current.pitchDeg, moments_, stage);
  if (follow_) s.target = current.target;
  return s;
}

glm::vec3 CameraDirector::keySegmentCentre(const Session& session) {
  const stretches::StretchTimeline* tl = session.timeline();
  const auto model = session.clientModel();
  if (tl == nullptr || model.size() < static_cast<std::size_t>(kJointCount)) {
    return glm::vec3(0.0f, 0.9f, 0.0f);
  }
  const auto keys = keySegmentJoints(tl->key.motion, tl->key.side);
  return (pos(model, keys[0]) + pos(model, keys[1])) * 0.5f;
}

std::optional<OrbitState> CameraDirector::update(const Session& session,
                                                 const OrbitState& current) {
  std::optional<OrbitState> goal;
  if (mode_ == Mode::Automatic) {
    const int phase = std::max(session.player().phaseIndex(), 0);
    if (dirty_ || phase != lastPhase_) goal = phaseView(phase);
    lastPhase_ = phase;
  } else if (mode_ == Mode::Preset && dirty_) {
    goal = presetState_;
  }
  dirty_ = false;
  if (follow_ && session.isOpen()) {
    OrbitState g = goal.value_or(current);
    const glm::vec3 centre = keySegmentCentre(session);
    const glm::vec3 d = centre - g.target;
    if (goal || glm::dot(d, d) > 1e-8f) {
      g.target = centre;
      goal = g;
    }
  }
  return goal;
}

BoneMask keySegmentBones(const Session& session) {
  BoneMask mask{};
  const stretches::StretchTimeline* tl = session.timeline();
  const std::span<const int> segments = session.cast().clientBoneSegments();
  if (tl == nullptr || segments.empty()) return mask;
  const auto keys = keySegmentJoints(tl->key.motion, tl->key.side);
  for (std::size_t b = 0; b < segments.size() && b < mask.size() * 32; ++b) {
    const int seg = segments[b];
    // The foot's bones may hang on the subtalar joint between the ankle and the toes.
    const bool footKey =
        anatomy::leftOf(keys[0]) == Joint::AnkleL && seg == static_cast<int>(keys[0]) + 1;
    if (seg == static_cast<int>(keys[0]) || seg == static_cast<int>(keys[1]) || footKey) {
      mask[b / 32] |= 1u << (b % 32);
    }
  }
  return mask;
}

}  // namespace sv::session
