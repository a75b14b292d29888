#include "assist/assist.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include <glm/gtc/quaternion.hpp>

#include "anatomy/kinematics.h"
#include "animation/easing.h"

namespace sv::assist {
namespace {

using anatomy::Joint;
using anatomy::kJointCount;
using anatomy::Motion;
using anatomy::Pose;
using anatomy::Side;
using anatomy::Transform;
using stretches::ClientPosition;
using stretches::ContactRole;
using stretches::PhaseKind;
using stretches::Support;

constexpr float kDegToRad = 0.017453292519943295f;
constexpr float kRadToDeg = 57.29577951308232f;
constexpr glm::vec3 kUp{0.0f, 1.0f, 0.0f};

glm::vec3 horizontal(const glm::vec3& v) {
  return {v.x, 0.0f, v.z};
}

glm::mat4 translate(const glm::vec3& t) {
  glm::mat4 m(1.0f);
  m[3] = glm::vec4(t, 1.0f);
  return m;
}

glm::mat4 yawTo(const glm::vec3& axisZ) {
  return glm::mat4_cast(glm::angleAxis(std::atan2(axisZ.x, axisZ.z), kUp));
}

glm::vec3 point(const glm::mat4& m, const glm::vec3& p) {
  return glm::vec3(m * glm::vec4(p, 1.0f));
}

// Relative size of the practitioner's push by contact role and phase.
float pushMagnitude(ContactRole role, PhaseKind kind) {
  if (role == ContactRole::Stabilise) {
    return kind == PhaseKind::Contract ? 0.6f : 0.35f;
  }
  switch (kind) {
    case PhaseKind::Move:
      return 0.6f;
    case PhaseKind::Hold:
      return 0.8f;
    case PhaseKind::Contract:
      return 1.0f;
    case PhaseKind::Relax:
      return 0.3f;
    case PhaseKind::AgonistContract:
      return 0.25f;
    case PhaseKind::Return:
      return 0.4f;
  }
  return 0.5f;
}

struct Posed {
  std::array<Transform, kJointCount> local{};
  std::array<glm::mat4, kJointCount> model{};
  std::array<glm::mat4, body::kMaxBones> palette{};
};

void posePalette(const anatomy::Skeleton& sk, const body::BodyRig& rig, const Pose& pose,
                 Posed& out) {
  anatomy::poseToLocal(sk, pose, out.local);
  anatomy::localToModel(sk, out.local, out.model);
  const auto& relaxed = anatomy::handShape(anatomy::HandPose::Relaxed);
  body::computeBodyPalette(rig, sk, out.local, out.model, relaxed, relaxed, out.palette);
}

// A limb joint's segment (to its first child) relative to the same segment of the default
// skeleton; the trunk, the head and the leaves scale with the standing height (the spine's
// joints are placed differently in the two skeletons, so their spacing is no measure).
float segmentScale(const anatomy::Skeleton& sk, int j) {
  static const anatomy::Skeleton ref = anatomy::makeDefaultSkeleton(1.75f);
  const Joint lj = anatomy::leftOf(static_cast<Joint>(j));
  const bool limb = lj == Joint::ShoulderL || lj == Joint::ElbowL || lj == Joint::ForearmL ||
                    lj == Joint::WristL || lj == Joint::HipL || lj == Joint::KneeL ||
                    lj == Joint::AnkleL || lj == Joint::SubtalarL;
  for (int c = j + 1; limb && c < kJointCount; ++c) {
    if (sk.parents[static_cast<std::size_t>(c)] != j) continue;
    const float a = glm::length(sk.restLocal[static_cast<std::size_t>(c)].translation);
    const float b = glm::length(ref.restLocal[static_cast<std::size_t>(c)].translation);
    return b > 1e-4f ? a / b : 1.0f;
  }
  return sk.height / ref.height;
}

float minY(std::span<const glm::vec3> v) {
  float m = std::numeric_limits<float>::max();
  for (const glm::vec3& p : v) m = std::min(m, p.y);
  return m;
}

// The practitioner's arm segments (shoulder to hand, either side): they reach to the contacts
// and are measured, not pushed.
bool isArmJoint(int j) {
  const Joint l = anatomy::leftOf(static_cast<Joint>(j));
  return l == Joint::ShoulderL || l == Joint::ElbowL || l == Joint::ForearmL ||
         l == Joint::WristL || l == Joint::HandL;
}

// The hand (0 left, 1 right) a practitioner joint holds with, -1 for any other: the hand and
// its wrist are what lies on the skin at a contact.
int holdingHandOf(int j) {
  const auto joint = static_cast<Joint>(j);
  if (joint == Joint::HandL || joint == Joint::WristL) return 0;
  if (joint == Joint::HandR || joint == Joint::WristR) return 1;
  return -1;
}
// The arm (0 left, 1 right) whose forearm a practitioner joint's segment is, -1 for any other.
int forearmOf(int j) {
  const auto joint = static_cast<Joint>(j);
  if (joint == Joint::ElbowL || joint == Joint::ForearmL) return 0;
  if (joint == Joint::ElbowR || joint == Joint::ForearmR) return 1;
  return -1;
}

// The practitioner's forearm axis this far from the skin it lies on (metres).
constexpr float kForearmRadius = 0.03f;
// How far a hand whose forearm lies along the client may slide from its goal so the elbow
// reaches its place on the forearm's line (metres).
constexpr float kForearmSlide = 0.008f;
// A contact's skin point this close above the table's top is on a segment lying on it.
constexpr float kUnderRestingHeight = 0.04f;
// How far short of the nearest hand hold on a foot the table ends when the practitioner stands
// at the foot end (the heel and the back of the ankle overhang it).
constexpr float kFootOverhang = 0.07f;

// Bounding sphere of a capsule, for a quick reject.
struct Bound {
  glm::vec3 centre;
  float radius;
};
Bound boundOf(const BodyCapsule& c) {
  return {0.5f * (c.a + c.b), 0.5f * glm::length(c.b - c.a) + c.radius};
}
bool apart(const Bound& a, const Bound& b, float margin) {
  const float r = a.radius + b.radius + margin;
  const glm::vec3 d = a.centre - b.centre;
  return glm::dot(d, d) > r * r;
}

}  // namespace

Stance stanceOf(const stretches::Stretch& stretch) {
  const std::string_view id = stretches::practitionerPositionId(stretch.practitionerPosition);
  constexpr std::array<std::pair<std::string_view, Stance>, 8> kIds = {{
      {"standing_side", Stance::StandingSide},
      {"standing_end", Stance::StandingEnd},
      {"standing_front", Stance::StandingFront},
      {"kneeling_on_table", Stance::KneelingOnTable},
      {"kneeling_floor", Stance::KneelingFloor},
      {"head_of_table", Stance::HeadOfTable},
      {"behind_seated", Stance::BehindSeated},
      {"behind_standing", Stance::BehindStanding},
  }};
  for (const auto& [name, stance] : kIds) {
    if (name == id) return stance;
  }
  return Stance::StandingSide;
}

void skinSubset(const MeshData& mesh, std::span<const std::uint32_t> vertices,
                std::span<const glm::mat4> palette, std::span<glm::vec3> out) {
  for (std::size_t k = 0; k < vertices.size() && k < out.size(); ++k) {
    const Vertex& v = mesh.vertices[vertices[k]];
    glm::vec3 p(0.0f);
    float wsum = 0.0f;
    for (int i = 0; i < 4; ++i) {
      const float w = v.weights[i];
      if (w <= 0.0f) continue;
      p += w * point(palette[v.joints[static_cast<std::size_t>(i)]], v.position);
      wsum += w;
    }
    out[k] = wsum > 0.0f ? p / wsum : v.position;
  }
}

std::vector<std::uint32_t> verticesOfJoints(const MeshData& mesh, const body::BodyRig& rig,
                                            std::span<const int> joints) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < mesh.vertices.size(); ++i) {
    const std::size_t b = mesh.vertices[i].joints[0];
    if (b >= rig.bones.size()) continue;
    if (std::find(joints.begin(), joints.end(), rig.bones[b].segment) != joints.end()) {
      out.push_back(static_cast<std::uint32_t>(i));
    }
  }
  return out;
}

anatomy::HandPose gripFor(const stretches::Contact& c) {
  using anatomy::HandPose;
  if (c.grip) return *c.grip;  // the file names it
  const std::string_view l = c.landmark;
  auto has = [&](std::string_view w) { return l.find(w) != std::string_view::npos; };
  if (has("heel")) return HandPose::Cup;
  if (has("occiput") || has("head")) return HandPose::Cradle;
  if (l == "wrist" || has("ankle") || has("lower_leg") || has("above_elbow") ||
      has("distal_thigh")) {
    return HandPose::Wrap;
  }
  if (has("palm") || has("forearm") || has("scapula") || has("shoulder") || has("ribs") ||
      has("sacrum") || has("iliac") || has("asis") || has("shin")) {
    return HandPose::Flat;
  }
  return c.role == ContactRole::Stabilise ? HandPose::Flat : HandPose::Cup;
}

namespace {

// A point on the client's skin for a file's joint, offset and push direction, found at load
// time in the mesh's bind pose: the outermost skin vertex near the line through the file's
// point along the outward normal (-force), within 2, 3.5 or 6 cm of it (else the nearest
// vertex of the segment). Everything in the joint's bind frame.
struct SkinPoint {
  glm::vec3 dataOffset{0.0f};  // the file's point, scaled to this body's segment
  glm::vec3 force{0.0f};       // unit push direction
  glm::vec3 skinOffset{0.0f};  // the skin point
  glm::vec3 normal{0.0f};      // outward, unit
  float dataGap = 0.0f;        // how far the skin point is from the file's
};
SkinPoint skinPointOf(const body::Body& client, const anatomy::Skeleton& sk,
                      const body::BodyRig& rig, int j, const glm::vec3& offset,
                      const glm::vec3& forceDirection) {
  const MeshData& mesh = client.mesh();
  const auto ju = static_cast<std::size_t>(j);
  SkinPoint out;
  const glm::quat F = sk.anatomicalFrame[ju];
  // The joint's frame in the mesh's bind pose, and its inverse.
  const glm::mat4 bind = client.fit().bindModel[ju];
  const glm::mat4 bindInv = glm::inverse(bind);
  // The file's offset is for the default 1.75 m skeleton: scaled by this body's segment
  // length over the default one, so "28 cm down the upper arm" stays at the elbow.
  out.dataOffset = F * (offset * segmentScale(sk, j));
  out.force = safeNormalize(F * forceDirection, glm::vec3(0, 0, 1));
  const glm::vec3 p = point(bind, out.dataOffset);
  const glm::vec3 n = safeNormalize(glm::mat3(bind) * -out.force, glm::vec3(0, 0, 1));
  std::vector<int> segment = {j};
  if (sk.parents[ju] >= 0) segment.push_back(sk.parents[ju]);
  for (int i = 0; i < kJointCount; ++i) {
    if (sk.parents[static_cast<std::size_t>(i)] == j) segment.push_back(i);
  }
  const std::vector<std::uint32_t> cand = verticesOfJoints(mesh, rig, segment);
  glm::vec3 best = p;
  bool found = false;
  for (float radius : {0.02f, 0.035f, 0.06f}) {
    float bestS = -1e9f;
    for (std::uint32_t vi : cand) {
      const glm::vec3 d = mesh.vertices[vi].position - p;
      const float along = glm::dot(d, n);
      if (along < -0.12f || along > 0.15f) continue;
      const float perp2 = glm::dot(d, d) - along * along;
      if (perp2 > radius * radius) continue;
      if (along > bestS) {
        bestS = along;
        best = p + n * along;  // on the line, at the outermost vertex's depth
      }
    }
    if (bestS > -1e9f) {
      found = true;
      break;
    }
  }
  if (!found) {
    float bestD = std::numeric_limits<float>::max();
    for (std::uint32_t vi : cand) {
      const float d = glm::length(mesh.vertices[vi].position - p);
      if (d < bestD) {
        bestD = d;
        best = mesh.vertices[vi].position;
      }
    }
  }
  out.skinOffset = point(bindInv, best);
  out.normal = glm::normalize(glm::mat3(bindInv) * n);
  out.dataGap = glm::length(out.skinOffset - point(bindInv, p));
  return out;
}

// The client joints a contact on `joint` may touch: its segment, its parent's and its children's.
std::uint32_t patchAround(const anatomy::Skeleton& sk, int joint) {
  std::uint32_t mask = 1u << joint;
  const int parent = sk.parents[static_cast<std::size_t>(joint)];
  if (parent >= 0) mask |= 1u << parent;
  for (int i = 0; i < kJointCount; ++i) {
    if (sk.parents[static_cast<std::size_t>(i)] == joint) mask |= 1u << i;
  }
  return mask;
}

}  // namespace

std::vector<int> restingJointsFor(ClientPosition position, Side lowerSide) {
  using anatomy::index;
  switch (position) {
    case ClientPosition::Supine:
    case ClientPosition::Prone:
      return {index(Joint::Pelvis), index(Joint::Lumbar), index(Joint::Thoracic)};
    case ClientPosition::SideLying:
      return {index(Joint::Pelvis),
              index(Joint::Lumbar),
              index(Joint::Thoracic),
              index(anatomy::onSide(Joint::HipL, lowerSide)),
              index(anatomy::onSide(Joint::ClavicleL, lowerSide)),
              index(anatomy::onSide(Joint::ShoulderL, lowerSide))};
    case ClientPosition::Seated:
      return {index(Joint::Pelvis), index(Joint::HipL), index(Joint::HipR)};
    case ClientPosition::Standing:
      return {index(Joint::AnkleL), index(Joint::SubtalarL), index(Joint::ToesL),
              index(Joint::AnkleR), index(Joint::SubtalarR), index(Joint::ToesR)};
    case ClientPosition::Kneeling: {
      // `lowerSide` is the kneeling leg: its knee, shin and tucked toes; the other foot.
      const Side front = lowerSide == Side::Left ? Side::Right : Side::Left;
      return {index(anatomy::onSide(Joint::KneeL, lowerSide)),
              index(anatomy::onSide(Joint::ToesL, lowerSide)),
              index(anatomy::onSide(Joint::AnkleL, front)),
              index(anatomy::onSide(Joint::SubtalarL, front)),
              index(anatomy::onSide(Joint::ToesL, front))};
    }
  }
  return {index(Joint::Pelvis)};
}

Result<AssistScene> AssistScene::create(const stretches::Stretch& stretch,
                                        const stretches::StretchTimeline& st,
                                        const body::Body& client, const body::Body& practitioner,
                                        const AssistOptions& options) {
  AssistScene s;
  if (client.boneCount() > body::kMaxBones || practitioner.boneCount() > body::kMaxBones) {
    return Error{"assist: the bodies have more than " + std::to_string(body::kMaxBones) + " bones"};
  }
  if (stretch.contacts.empty() || stretch.contacts.size() > kMaxContacts) {
    return Error{"assist: " + stretch.id + ": " + std::to_string(stretch.contacts.size()) +
                 " contacts (1.." + std::to_string(kMaxContacts) + " supported)"};
  }
  if (st.timeline.keyPoseCount() == 0) return Error{"assist: " + stretch.id + ": empty timeline"};

  s.skeleton_ = client.skeleton();
  s.practitionerSkeleton_ = practitioner.skeleton();
  s.clientRig_ = client.rig();
  s.practitionerRig_ = practitioner.rig();
  s.timeline_ = st.timeline;
  s.options_ = options;
  s.support_ = stretch.support;
  for (const stretches::Contact& c : stretch.contacts) {
    s.hands_[c.hand == stretches::Hand::Left ? 0 : 1] = gripFor(c);
  }
  for (int i = 0; i < s.timeline_.phaseCount(); ++i) {
    s.phaseKinds_.push_back(static_cast<PhaseKind>(s.timeline_.phase(i).kind));
  }
  const MeshData& mesh = client.mesh();
  const body::BodyRig& rig = s.clientRig_;
  const int keyCount = s.timeline_.keyPoseCount();
  const int startKey = s.timeline_.phaseCount() > 0 ? s.timeline_.phase(0).fromPose : 0;

  // --- resting parts and the support height ---
  Side lowerSide = Side::Left;
  {
    const glm::vec3 leftDir = stretch.root.rotation * glm::vec3(1, 0, 0);
    lowerSide = leftDir.y < 0.0f ? Side::Left : Side::Right;
  }
  s.restingJoints_ = restingJointsFor(
      stretch.clientPosition,
      stretch.clientPosition == ClientPosition::Kneeling ? stretch.side : lowerSide);
  const std::vector<std::uint32_t> resting = verticesOfJoints(mesh, rig, s.restingJoints_);
  if (resting.empty()) return Error{"assist: no body vertices on the resting parts"};
  std::vector<glm::vec3> buf(mesh.vertices.size());
  std::vector<std::uint32_t> all(mesh.vertices.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<std::uint32_t>(i);
  // Every 3rd vertex is enough for the body's extent along the table (3 cm tolerance).
  std::vector<std::uint32_t> sparse;
  for (std::size_t i = 0; i < all.size(); i += 3) sparse.push_back(all[i]);
  std::vector<glm::vec3> sparseBuf(sparse.size());

  Posed posed;
  switch (stretch.support) {
    case Support::Table:
      s.supportHeight_ = options.table.height;
      break;
    case Support::Floor:
      s.supportHeight_ = options.mat.thickness;
      break;
    case Support::Chair: {
      // Seat height: the buttocks above the soles in the start pose, so the feet rest on the
      // floor.
      posePalette(s.skeleton_, rig, s.timeline_.keyPose(startKey), posed);
      const std::array<int, 6> feet = {
          anatomy::index(Joint::AnkleL),    anatomy::index(Joint::SubtalarL),
          anatomy::index(Joint::ToesL),     anatomy::index(Joint::AnkleR),
          anatomy::index(Joint::SubtalarR), anatomy::index(Joint::ToesR)};
      const std::vector<std::uint32_t> feetV = verticesOfJoints(mesh, rig, feet);
      skinSubset(mesh, resting, posed.palette, buf);
      const float seat = minY(std::span(buf).first(resting.size()));
      skinSubset(mesh, feetV, posed.palette, buf);
      const float sole = minY(std::span(buf).first(feetV.size()));
      s.supportHeight_ = std::clamp(seat - sole, 0.35f, 0.60f);
      s.options_.stool.seatHeight = s.supportHeight_;
      break;
    }
  }

  // --- grounding: lift per key pose so the lowest resting vertex is on the surface ---
  s.keyLift_.resize(static_cast<std::size_t>(keyCount));
  for (int k = 0; k < keyCount; ++k) {
    posePalette(s.skeleton_, rig, s.timeline_.keyPose(k), posed);
    skinSubset(mesh, resting, posed.palette, buf);
    s.keyLift_[static_cast<std::size_t>(k)] =
        s.supportHeight_ - minY(std::span(buf).first(resting.size()));
  }
  auto groundedKey = [&](int k) {
    Pose p = s.timeline_.keyPose(k);
    p.root.translation.y += s.keyLift_[static_cast<std::size_t>(k)];
    return p;
  };

  // --- contacts: the skin point along the outward normal (-force), in the bind pose ---
  for (const stretches::Contact& c : stretch.contacts) {
    ContactSetup cs;
    cs.hand = c.hand;
    cs.role = c.role;
    cs.landmark = c.landmark;
    const int j = anatomy::index(c.joint);
    cs.clientJoint = j;
    const SkinPoint sp = skinPointOf(client, s.skeleton_, rig, j, c.offset, c.forceDirection);
    cs.dataOffset = sp.dataOffset;
    cs.force = sp.force;
    cs.skinOffset = sp.skinOffset;
    cs.normal = sp.normal;
    cs.dataGap = sp.dataGap;
    if (c.forearm) {
      const int fj = anatomy::index(c.forearm->joint);
      const SkinPoint fp =
          skinPointOf(client, s.skeleton_, rig, fj, c.forearm->offset, c.forearm->forceDirection);
      cs.forearm = true;
      cs.forearmJoint = fj;
      cs.forearmSkin = fp.skinOffset;
      cs.forearmNormal = fp.normal;
    }
    s.contacts_.push_back(cs);
  }

  // --- collision: both figures' capsules, the contact patches of each hand ---
  s.clientFit_ = fitFigure(client);
  s.practitionerFit_ = fitFigure(practitioner);
  for (const ContactSetup& c : s.contacts_) {
    const std::size_t h = c.hand == stretches::Hand::Left ? 0 : 1;
    s.patchJoints_[h] |= patchAround(s.skeleton_, c.clientJoint);
    // A forearm along the client lies on its own point's segment and on the held one.
    if (c.forearm) {
      s.forearmPatch_[h] |=
          patchAround(s.skeleton_, c.forearmJoint) | patchAround(s.skeleton_, c.clientJoint);
    }
  }

  // --- environment frame from the grounded start pose ---
  posePalette(s.skeleton_, rig, groundedKey(startKey), posed);
  const glm::vec3 pelvis = glm::vec3(posed.model[0][3]);
  const glm::vec3 headDir =
      horizontal(glm::vec3(posed.model[anatomy::index(Joint::Head)][3]) - pelvis);
  const glm::vec3 facing =
      safeNormalize(horizontal(glm::mat3(posed.model[0]) * glm::vec3(0, 0, 1)), glm::vec3(0, 0, 1));
  const bool lying = glm::length(headDir) > 0.3f;
  const glm::vec3 axis = lying ? glm::normalize(headDir) : facing;  // table: toward the head
  const glm::vec3 lateral = glm::normalize(glm::cross(kUp, axis));
  const glm::vec3 centre0 = glm::vec3(pelvis.x, 0.0f, pelvis.z);

  // Contact goals over every key pose: their centroid places the practitioner.
  glm::vec3 centroid(0.0f);
  int nGoals = 0;
  std::array<glm::vec3, 2> handCentroid{};
  std::array<int, 2> handCount{};
  float bodyMinU = 0.0f, bodyMaxU = 0.0f;
  float hangFoot = -10.0f, hangHead = 10.0f;
  float footHoldU = -10.0f;  // the hand hold on a foot farthest from the feet (any key pose)
  auto onFoot = [](int joint) {
    for (Side sd : {Side::Left, Side::Right}) {
      for (Joint f : {Joint::AnkleL, Joint::SubtalarL, Joint::ToesL}) {
        if (joint == anatomy::index(anatomy::onSide(f, sd))) return true;
      }
    }
    return false;
  };
  for (int k = 0; k < keyCount; ++k) {
    posePalette(s.skeleton_, rig, groundedKey(k), posed);
    for (const ContactSetup& c : s.contacts_) {
      const glm::mat4& m = posed.model[static_cast<std::size_t>(c.clientJoint)];
      const glm::vec3 g = point(m, c.skinOffset);
      if (onFoot(c.clientJoint)) footHoldU = std::max(footHoldU, glm::dot(g - centre0, axis));
      centroid += g;
      ++nGoals;
      const int h = c.hand == stretches::Hand::Left ? 0 : 1;
      handCentroid[static_cast<std::size_t>(h)] += g;
      ++handCount[static_cast<std::size_t>(h)];
    }
    if (stretch.support == Support::Table) {
      skinSubset(mesh, sparse, posed.palette, sparseBuf);
      for (const glm::vec3& v : sparseBuf) {
        const float u = glm::dot(v - centre0, axis);
        bodyMinU = std::min(bodyMinU, u);
        bodyMaxU = std::max(bodyMaxU, u);
        if (v.y < s.supportHeight_ - 0.03f) {
          if (u < 0.0f) hangFoot = std::max(hangFoot, u);
          if (u > 0.0f) hangHead = std::min(hangHead, u);
        }
      }
    }
  }
  centroid /= static_cast<float>(std::max(nGoals, 1));
  for (std::size_t h = 0; h < 2; ++h) {
    handCentroid[h] /= static_cast<float>(std::max(handCount[h], 1));
  }

  // --- table / mat / stool ---
  const Stance pp = stanceOf(stretch);
  float footEnd = -options.table.length * 0.5f;
  float headEnd = options.table.length * 0.5f;
  if (stretch.support == Support::Table) {
    const float len = options.table.length;
    if (hangFoot > -10.0f) {
      footEnd = hangFoot + 0.02f;
      headEnd = footEnd + len;
    } else if (hangHead < 10.0f) {
      headEnd = hangHead - 0.02f;
      footEnd = headEnd - len;
    } else if (pp == Stance::StandingEnd) {
      // A hand that holds the heel or the foot from the end needs the foot past the table's
      // end: the table stops kFootOverhang short of every hold on a foot, so the cupping hand
      // and its wrist are in free space (the calf still rests on the table).
      footEnd = std::max(footEnd, bodyMinU - 0.02f);
      if (footHoldU > -10.0f) footEnd = std::max(footEnd, footHoldU + kFootOverhang);
      headEnd = footEnd + len;
    } else if (pp == Stance::HeadOfTable) {
      headEnd = std::min(headEnd, bodyMaxU + 0.04f);
      footEnd = headEnd - len;
    }
    EnvironmentItem table;
    table.kind = PropKind::Table;
    table.mesh = makeTableMesh(options.table);
    table.color = {0.10f, 0.30f, 0.33f};
    s.tableCentre_ = centre0 + axis * (0.5f * (footEnd + headEnd));
    table.transform = translate(s.tableCentre_) * yawTo(axis);
    s.environment_.push_back(std::move(table));
    s.hasTable_ = true;
    s.tableAxis_ = axis;
    s.tableHalf_ = {options.table.width * 0.5f, options.table.length * 0.5f};
    // The top (pad and frame) as a box; under it the table is open but for its legs.
    CollisionBox& top = s.boxes_[static_cast<std::size_t>(s.boxCount_++)];
    top.toWorld = s.environment_.back().transform;
    top.toLocal = glm::inverse(top.toWorld);
    top.lo = {-s.tableHalf_.x, options.table.height - options.table.padThickness - 0.06f,
              -s.tableHalf_.y};
    top.hi = {s.tableHalf_.x, options.table.height, s.tableHalf_.y};
  } else if (stretch.support == Support::Floor) {
    EnvironmentItem mat;
    mat.kind = PropKind::Mat;
    mat.mesh = makeMatMesh(options.mat);
    mat.color = {0.22f, 0.33f, 0.45f};
    mat.transform = translate(centre0 - axis * 0.3f) * yawTo(axis);
    s.environment_.push_back(std::move(mat));
  } else {
    EnvironmentItem stool;
    stool.kind = PropKind::Stool;
    stool.mesh = makeStoolMesh(s.options_.stool);
    stool.color = {0.16f, 0.16f, 0.18f};
    stool.transform = translate(centre0 + facing * 0.04f) * yawTo(facing);
    CollisionBox& seat = s.boxes_[static_cast<std::size_t>(s.boxCount_++)];
    seat.toWorld = stool.transform;
    seat.toLocal = glm::inverse(seat.toWorld);
    const float half = 0.5f * s.options_.stool.seatSize;
    seat.lo = {-half, s.options_.stool.seatHeight - s.options_.stool.seatThickness, -half};
    seat.hi = {half, s.options_.stool.seatHeight, half};
    s.environment_.push_back(std::move(stool));
  }

  // --- props named by the placement text (strap, towel roll) ---
  {
    posePalette(s.skeleton_, rig, groundedKey(startKey), posed);
    auto jointPos = [&](Joint j) { return glm::vec3(posed.model[anatomy::index(j)][3]); };
    const Side other = stretch.side == Side::Right ? Side::Left : Side::Right;
    const std::string& text = stretch.placement;
    // A roll (towel or bolster) of radius r and length len across the table under `at`: its
    // axis (+X) across the table, tucked a little into the pad.
    auto rollAcross = [&](const glm::vec3& at, float r, float len) {
      EnvironmentItem roll;
      roll.kind = PropKind::TowelRoll;
      roll.mesh = makeCylinderX(r, len);
      roll.color = {0.86f, 0.83f, 0.76f};
      roll.transform =
          translate({at.x, s.supportHeight_ + r * 0.6f, at.z}) * yawTo(axis) * glm::mat4(1.0f);
      return roll;
    };
    if (text.find("towel") != std::string::npos && stretch.support == Support::Table) {
      const glm::vec3 hip = jointPos(anatomy::onSide(Joint::HipL, stretch.side));
      const glm::vec3 knee = jointPos(anatomy::onSide(Joint::KneeL, stretch.side));
      const bool thigh = text.find("thigh") != std::string::npos;
      const glm::vec3 at = thigh ? glm::mix(hip, knee, 0.8f) : knee;
      s.environment_.push_back(rollAcross(at, 0.035f, 0.32f));
    }
    if (text.find("bolster") != std::string::npos && stretch.support == Support::Table) {
      // A bolster across the table under the waist (side-lying over a roll): its top reaches
      // the lowest skin of the lumbar segment in the start pose, so the waist rests on it.
      const std::array<int, 1> waistJ = {anatomy::index(Joint::Lumbar)};
      const std::vector<std::uint32_t> wv = verticesOfJoints(mesh, rig, waistJ);
      skinSubset(mesh, wv, posed.palette, buf);
      float lowest = std::numeric_limits<float>::max();
      for (std::size_t i = 0; i < wv.size(); ++i) lowest = std::min(lowest, buf[i].y);
      const float gap = wv.empty() ? 0.08f : lowest - s.supportHeight_;
      const float r = std::clamp(gap / 1.6f, 0.025f, 0.10f);
      s.environment_.push_back(rollAcross(jointPos(Joint::Lumbar), r, 0.45f));
    }
    if (text.find("strap") != std::string::npos && s.hasTable_) {
      const glm::vec3 hip = jointPos(anatomy::onSide(Joint::HipL, other));
      const glm::vec3 knee = jointPos(anatomy::onSide(Joint::KneeL, other));
      const glm::vec3 at = glm::mix(hip, knee, 0.55f);
      // Top of the thigh there.
      const std::array<int, 1> thighJ = {anatomy::index(anatomy::onSide(Joint::HipL, other))};
      const std::vector<std::uint32_t> tv = verticesOfJoints(mesh, rig, thighJ);
      skinSubset(mesh, tv, posed.palette, buf);
      float top = s.supportHeight_ + 0.12f;
      float best = -1.0f;
      for (std::size_t i = 0; i < tv.size(); ++i) {
        if (std::fabs(glm::dot(buf[i] - at, axis)) < 0.03f) best = std::max(best, buf[i].y);
      }
      if (best > 0.0f) top = best;
      // The strap in its own frame (x across the table, y up, z along it; origin on the floor
      // under the table's centre line): down one side of the table, over the top of the thigh
      // and down the other side. On the stretched leg's side it drops between the legs and
      // runs under that leg along the pad, so the raised leg never passes through it.
      EnvironmentItem strap;
      strap.kind = PropKind::Strap;
      const glm::mat4 frame = yawTo(axis);
      const glm::vec3 across(frame[0]);
      const float halfW = 0.5f * options.table.width + 0.01f;
      const float pad = s.supportHeight_ + 0.004f;
      const float bottom = options.table.height - options.table.padThickness - 0.06f;
      const float tx = glm::dot(at - s.tableCentre_, across);
      const float r = std::max(top - at.y, 0.04f) + 0.004f;
      const glm::vec3 stretchedHip = jointPos(anatomy::onSide(Joint::HipL, stretch.side));
      const float inner = glm::dot(stretchedHip - at, across) >= 0.0f ? 1.0f : -1.0f;
      std::vector<glm::vec2> path;
      path.push_back({-inner * halfW, bottom});
      path.push_back({-inner * halfW, pad});
      const int arc = 8;
      for (int i = 0; i <= arc; ++i) {
        // From the outer side (angle π) over the top to the inner side (0).
        const float a = glm::pi<float>() * (1.0f - static_cast<float>(i) / arc);
        path.push_back({tx + inner * std::cos(a) * r, at.y + std::sin(a) * r});
      }
      path.push_back({tx + inner * r, pad});
      path.push_back({inner * halfW, pad});
      path.push_back({inner * halfW, bottom});
      for (std::size_t i = 0; i + 1 < path.size(); ++i) {
        const glm::vec2 d = path[i + 1] - path[i];
        const float len = glm::length(d);
        if (len < 1e-4f) continue;
        const glm::vec2 mid = 0.5f * (path[i] + path[i + 1]);
        // A thin slab along the segment, 5 cm wide along the table, overlapping its
        // neighbours by the thickness so the joints show no gaps.
        appendMesh(strap.mesh, makeRoundedBox({len + 0.005f, 0.005f, 0.05f}, 0.002f, 1),
                   translate({mid.x, mid.y, 0.0f}) *
                       glm::mat4_cast(glm::angleAxis(std::atan2(d.y, d.x), glm::vec3(0, 0, 1))));
      }
      strap.color = {0.08f, 0.08f, 0.10f};
      const glm::vec3 c = s.tableCentre_ + axis * glm::dot(at - s.tableCentre_, axis);
      strap.transform = translate({c.x, 0.0f, c.z}) * yawTo(axis);
      s.environment_.push_back(std::move(strap));
    }
  }

  // --- practitioner placement ---
  PractitionerPlacement& pl = s.placement_;
  pl.position = pp;
  const float hipY = s.practitionerSkeleton_.restModel[0][3].y;
  const glm::vec3 c0 = horizontal(centroid);
  glm::vec3 at(0.0f);
  glm::vec3 face(0.0f, 0.0f, 1.0f);
  const float halfW = options.table.width * 0.5f;
  switch (pp) {
    case Stance::StandingSide:
    case Stance::KneelingFloor:
    case Stance::KneelingOnTable: {
      float side = 0.0f;
      // With the hands far apart along the table, stand on the side where they do not cross
      // (the practitioner's left hand on the left as seen facing the table) unless the file
      // names the side (beside the stretched limb, or across from it).
      const glm::vec3 lv = horizontal(handCentroid[0] - handCentroid[1]);
      const bool bothHands = handCount[0] > 0 && handCount[1] > 0;
      // +1 / -1: the stretched hip lies on the +lateral / -lateral side of the table.
      const auto stretchedSide = [&] {
        const int hipJoint = anatomy::index(anatomy::onSide(Joint::HipL, stretch.side));
        const glm::vec3 hip =
            glm::vec3(s.skeleton_.restModel[hipJoint][3]) - glm::vec3(s.skeleton_.restModel[0][3]);
        const glm::vec3 hw = glm::mat3(glm::mat4_cast(stretch.root.rotation)) * hip;
        return glm::dot(hw, lateral) >= 0.0f ? 1.0f : -1.0f;
      };
      if (stretch.practitionerSide == stretches::PractitionerSide::Stretched) {
        side = stretchedSide();
      } else if (stretch.practitionerSide == stretches::PractitionerSide::Opposite) {
        side = -stretchedSide();
      } else if (bothHands && std::fabs(glm::dot(lv, axis)) > 0.25f) {
        // Facing -lateral*side, the body's left is cross(up, facing) ... = -cross(facing, up).
        const glm::vec3 leftIfPlus = glm::cross(kUp, -lateral);
        side = glm::dot(lv, leftIfPlus) >= 0.0f ? 1.0f : -1.0f;
      } else if (stretch.clientPosition == ClientPosition::Supine ||
                 stretch.clientPosition == ClientPosition::Prone) {
        side = stretchedSide();
      } else {
        const float d = glm::dot(c0 - centre0, lateral);
        side = d >= 0.0f ? 1.0f : -1.0f;
      }
      const float u = std::clamp(glm::dot(c0 - s.tableCentre_, axis), -0.8f, 0.8f);
      const glm::vec3 base = s.hasTable_ ? s.tableCentre_ : centre0;
      at = base + axis * u + lateral * side * (halfW + options.standoff);
      face = -lateral * side;
      break;
    }
    case Stance::StandingEnd: {
      const float v = std::clamp(glm::dot(c0 - s.tableCentre_, lateral), -0.2f, 0.2f);
      at = s.tableCentre_ - axis * (options.table.length * 0.5f + options.standoff) + lateral * v;
      face = axis;
      break;
    }
    case Stance::HeadOfTable: {
      const float v = std::clamp(glm::dot(c0 - s.tableCentre_, lateral), -0.2f, 0.2f);
      at = s.tableCentre_ + axis * (options.table.length * 0.5f + options.standoff) + lateral * v;
      face = -axis;
      break;
    }
    case Stance::BehindSeated:
    case Stance::BehindStanding:
      at = centre0 - facing * 0.46f;
      face = facing;
      break;
    case Stance::StandingFront:
      at = centre0 + facing * 0.80f;
      face = -facing;
      break;
  }
  pl.floorHeight = stretch.support == Support::Floor ? options.mat.thickness : 0.0f;
  pl.pelvis = glm::vec3(at.x, hipY + pl.floorHeight, at.z);
  pl.facing = face;
  pl.posture = stretch.practitionerPosture;
  if (pp == Stance::KneelingFloor && pl.posture == stretches::PractitionerPosture::Standing)
    pl.posture = stretches::PractitionerPosture::Kneeling;
  {
    // The front leg on the side the hands reach to (the practitioner's left: up x facing).
    glm::vec3 hands(0.0f);
    int count = 0;
    for (int h = 0; h < 2; ++h) {
      if (handCount[static_cast<std::size_t>(h)] == 0) continue;
      hands += handCentroid[static_cast<std::size_t>(h)];
      ++count;
    }
    const glm::vec3 toHands =
        count > 0 ? horizontal(hands / static_cast<float>(count) - at) : glm::vec3(0.0f);
    pl.lead = glm::dot(toHands, glm::cross(kUp, face)) > 0.0f ? Side::Left : Side::Right;
  }
  s.posture_ = buildPostureTable(s.practitionerSkeleton_, s.practitionerFit_, pl.posture, pl.lead,
                                 options.maxSquat);

  s.armChain_[0] = makeArmChain(s.practitionerSkeleton_, Side::Left);
  s.armChain_[1] = makeArmChain(s.practitionerSkeleton_, Side::Right);
  s.armLength_ = s.armChain_[0].upperLength + s.armChain_[0].lowerLength;

  if (options.avoidCollision) {
    auto frame = std::make_unique<AssistFrame>();
    // A staging's cost: the worst overlap into the client, into the table and of the head's
    // clearance over the technique (each worst counts: one shared worst hides no gain), and
    // the hands' reach past the 2 cm a palm may be off its goal, fifty times over (the hands
    // hold first).
    float palm = 0.0f;  // the last cost()'s worst palm distance to its goal
    auto cost = [&](float hz) {
      float inClient = 0.0f, table = 0.0f, head = 0.0f;
      palm = 0.0f;
      StagingMetrics m;
      const float dur = s.timeline_.duration();
      const int steps = std::max(1, static_cast<int>(std::ceil(dur * hz)));
      Pose last, now;
      for (int i = 0; i <= steps; ++i) {
        const float t = dur * static_cast<float>(i) / static_cast<float>(steps);
        // A hold or a contraction repeats the last pose: its staging is the same (update()).
        s.sampleClient(t, now);
        if (i > 0 && now == last) continue;
        last = now;
        s.update(t, *frame);
        s.measure(*frame, m);
        inClient = std::max(inClient, m.clientDepth);
        table = std::max(table, m.tableDepth);
        head = std::max(head, options.headClearance - m.headClearance);
        palm = std::max(palm, m.palmDistance);
      }
      return inClient + table + head + 50.0f * std::max(palm - 0.02f, 0.0f);
    };
    // Where to stand: the named position's spot and its neighbours (along the table's side,
    // across its end, round a seated client), a little farther out, facing as the position
    // says or toward the hands' work; each staged at kSearchHz and the cheapest kept, a metre
    // from the named spot costing as much as 5 cm of overlap. The placement is fixed for the
    // scene, so the practitioner never jumps.
    constexpr float kSearchPalm = 0.017f;
    constexpr float kSearchHz = 2.0f;  // each candidate spot staged at this rate
    constexpr float kPushHz = 3.0f;    // the push decided at this rate
    s.pushOn_ = false;
    const PractitionerPlacement nominal = s.placement_;
    const glm::vec3 along = horizontal(glm::cross(kUp, nominal.facing));  // the body's left
    PractitionerPlacement best = nominal;
    float bestCost = cost(kSearchHz);
    const float offsets[] = {-0.4f, -0.2f, 0.2f, 0.4f, 0.0f};
    for (float o : offsets) {
      for (float out : {0.0f, 0.12f}) {
        for (int f = 0; f < 2; ++f) {
          if (o == 0.0f && out == 0.0f && f == 0) continue;  // the named spot: done
          PractitionerPlacement c = nominal;
          glm::vec3 pos = nominal.pelvis;
          if (pp == Stance::BehindSeated || pp == Stance::BehindStanding ||
              pp == Stance::StandingFront) {
            // Round the client: o is an arc length on the circle through the named spot.
            const glm::vec3 r = horizontal(nominal.pelvis - centre0);
            const float radius = glm::length(r) + out;
            const float angle = o / std::max(radius, 0.2f);
            pos = centre0 + glm::angleAxis(angle, kUp) * (safeNormalize(r, -facing) * radius);
            pos.y = nominal.pelvis.y;
          } else {
            pos += along * o - nominal.facing * out;
          }
          if (s.hasTable_) {
            const glm::vec3 lat = glm::normalize(glm::cross(kUp, s.tableAxis_));
            const glm::vec3 d = pos - s.tableCentre_;
            if (std::fabs(glm::dot(d, s.tableAxis_)) < s.tableHalf_.y + 0.12f &&
                std::fabs(glm::dot(d, lat)) < s.tableHalf_.x + 0.12f) {
              continue;  // the pelvis would stand in the table
            }
          }
          c.pelvis = pos;
          const glm::vec3 w = horizontal(c0 - pos);
          c.facing = f == 0 || glm::length(w) < 0.05f ? nominal.facing : glm::normalize(w);
          s.placement_ = c;
          const float k = cost(kSearchHz) + 0.05f * glm::length(horizontal(pos - nominal.pelvis));
          // A spot where a palm comes near the 2 cm it may be off (at kSearchHz) is not taken:
          // between the samples it may pass it.
          if (palm > kSearchPalm) continue;
          if (k < bestCost - 1e-4f) {
            bestCost = k;
            best = c;
          }
        }
      }
    }
    s.placement_ = best;

    // The collision push where it helps: the technique staged with and without it (kPushHz) and
    // the cheaper kept for every frame: a choice per scene, so the placement stays
    // continuous. The push can make things worse where the reach then leans the trunk over
    // the client (the seated stretches from behind).
    const float without = cost(kPushHz);
    s.pushOn_ = true;
    const float with = cost(kPushHz);
    s.pushOn_ = with < without;
  }
  return s;
}

int AssistScene::sampleClient(float t, Pose& out) const {
  const int phase = timeline_.sample(t, out);
  float lift = keyLift_.empty() ? 0.0f : keyLift_[0];
  if (phase >= 0) {
    const animation::PhaseInfo& ph = timeline_.phase(phase);
    const float tc = std::clamp(t, 0.0f, timeline_.duration());
    const float w = animation::ease(ph.easing, (tc - ph.start) / ph.duration);
    lift = glm::mix(keyLift_[ph.fromPose], keyLift_[ph.toPose], w);
  }
  out.root.translation.y += lift;
  return phase;
}

void AssistScene::update(float t, AssistFrame& out) const {
  out.time = t;
  out.phase = sampleClient(t, out.clientPose);
  out.phaseKind =
      out.phase >= 0 ? phaseKinds_[static_cast<std::size_t>(out.phase)] : PhaseKind::Hold;
  anatomy::poseToLocal(skeleton_, out.clientPose, out.clientLocal);
  anatomy::localToModel(skeleton_, out.clientLocal, out.clientModel);
  const auto& relaxed = anatomy::handShape(anatomy::HandPose::Relaxed);
  body::computeBodyPalette(clientRig_, skeleton_, out.clientLocal, out.clientModel, relaxed,
                           relaxed, out.clientPalette);
  out.clientBones = clientRig_.boneCount();
  placeFigure(clientFit_, out.clientModel, out.clientCapsules);

  std::array<glm::vec3, kMaxContacts> goals{};
  std::array<glm::vec3, kMaxContacts> normals{};
  out.contactCount = static_cast<int>(contacts_.size());
  for (std::size_t i = 0; i < contacts_.size(); ++i) {
    const ContactSetup& c = contacts_[i];
    const glm::mat4& m = out.clientModel[static_cast<std::size_t>(c.clientJoint)];
    ContactState& cs = out.contacts[i];
    cs.skinPoint = point(m, c.skinOffset);
    cs.normal = safeNormalize(glm::mat3(m) * c.normal, kUp);
    cs.goal = cs.skinPoint + cs.normal * options_.handHalfThickness;
    goals[i] = cs.goal;
    normals[i] = cs.normal;
    cs.forearm = c.forearm;
    if (c.forearm) {
      const glm::mat4& fm = out.clientModel[static_cast<std::size_t>(c.forearmJoint)];
      cs.forearmGoal = point(fm, c.forearmSkin) +
                       safeNormalize(glm::mat3(fm) * c.forearmNormal, kUp) * kForearmRadius;
    }
  }
  solvePractitioner(goals, normals, out);

  // Arrows: the practitioner's push at every contact; the client's push back during contract.
  out.arrowCount = 0;
  float ramp = 1.0f;
  PhaseKind prevKind = out.phaseKind;
  if (out.phase > 0) {
    const animation::PhaseInfo& ph = timeline_.phase(out.phase);
    const float tc = std::clamp(t, 0.0f, timeline_.duration());
    ramp = animation::ease(animation::Easing::Smoothstep, (tc - ph.start) / 0.6f);
    prevKind = phaseKinds_[static_cast<std::size_t>(out.phase - 1)];
  }
  for (std::size_t i = 0; i < contacts_.size(); ++i) {
    const ContactSetup& c = contacts_[i];
    const ContactState& cs = out.contacts[i];
    const glm::mat4& m = out.clientModel[static_cast<std::size_t>(c.clientJoint)];
    const glm::vec3 dir = safeNormalize(glm::mat3(m) * c.force, -cs.normal);
    const float mag =
        glm::mix(pushMagnitude(c.role, prevKind), pushMagnitude(c.role, out.phaseKind), ramp);
    ForceArrow& a = out.arrows[static_cast<std::size_t>(out.arrowCount++)];
    a.source = ArrowSource::Practitioner;
    a.role = c.role;
    a.contact = static_cast<int>(i);
    a.point = cs.skinPoint;
    a.direction = dir;
    a.magnitude = mag;
    a.head = cs.skinPoint;
    a.tail = cs.skinPoint - dir * (kArrowLength * mag);
    const float clientW =
        (out.phaseKind == PhaseKind::Contract ? ramp : 0.0f) +
        (prevKind == PhaseKind::Contract && out.phaseKind != PhaseKind::Contract ? 1.0f - ramp
                                                                                 : 0.0f);
    if (clientW > 0.0f && c.role == ContactRole::Move) {
      ForceArrow& b = out.arrows[static_cast<std::size_t>(out.arrowCount++)];
      b.source = ArrowSource::Client;
      b.role = c.role;
      b.contact = static_cast<int>(i);
      b.point = cs.skinPoint;
      b.direction = -dir;
      b.magnitude = clientW * pushMagnitude(c.role, PhaseKind::Contract);
      b.tail = cs.skinPoint;
      b.head = cs.skinPoint - dir * (kArrowLength * b.magnitude);
    }
  }
}

void AssistScene::solvePractitioner(const std::array<glm::vec3, kMaxContacts>& goals,
                                    const std::array<glm::vec3, kMaxContacts>& normals,
                                    AssistFrame& out) const {
  const anatomy::Skeleton& sk = practitionerSkeleton_;
  const PractitionerPlacement& pl = placement_;
  const glm::quat yaw = glm::angleAxis(std::atan2(pl.facing.x, pl.facing.z), kUp);
  const glm::vec3 restPelvis = glm::vec3(sk.restModel[0][3]);
  const glm::vec3 offLumbar = sk.restLocal[anatomy::index(Joint::Lumbar)].translation;
  const glm::vec3 offThoracic = sk.restLocal[anatomy::index(Joint::Thoracic)].translation;
  std::array<glm::vec3, 2> offShoulder{};
  for (int h = 0; h < 2; ++h) {
    const Side side = h == 0 ? Side::Left : Side::Right;
    offShoulder[static_cast<std::size_t>(h)] =
        sk.restLocal[anatomy::index(anatomy::onSide(Joint::ClavicleL, side))].translation +
        sk.restLocal[anatomy::index(anatomy::onSide(Joint::ShoulderL, side))].translation;
  }
  auto pelvisAt = [&](float squat, const glm::vec3& step) {
    const PostureSample legs = samplePosture(posture_, squat);
    return pl.pelvis + step - kUp * legs.drop + pl.facing * legs.forward;
  };
  // Where a shoulder is for a lean, a knee bend and a step: the pose below, through the spine's
  // own kinematics (its regions bend over their levels), without the rest of the body. The
  // spine's chain depends on the lean alone (the knee bend and the step only move the pelvis),
  // so both shoulders' offsets from the pelvis are kept for the last lean asked for: the
  // searches below try many knee bends at one lean.
  float chainLean = std::numeric_limits<float>::quiet_NaN();
  std::array<glm::vec3, 2> chainShoulder{};
  auto shoulderAt = [&](int hand, float lean, float squat, const glm::vec3& step) {
    if (!(lean == chainLean)) {
      const glm::vec3 x(1.0f, 0.0f, 0.0f);
      const glm::mat4 pelvis = glm::mat4_cast(yaw * glm::angleAxis(0.6f * lean * kDegToRad, x));
      const glm::mat4 lumbar =
          anatomy::childFrame(sk, anatomy::index(Joint::Lumbar), pelvis,
                              Transform{offLumbar, glm::angleAxis(0.25f * lean * kDegToRad, x)});
      const glm::mat4 thoracic =
          anatomy::childFrame(sk, anatomy::index(Joint::Thoracic), lumbar,
                              Transform{offThoracic, glm::angleAxis(0.15f * lean * kDegToRad, x)});
      chainShoulder = {point(thoracic, offShoulder[0]), point(thoracic, offShoulder[1])};
      chainLean = lean;
    }
    return pelvisAt(squat, step) + chainShoulder[static_cast<std::size_t>(hand)];
  };

  // Wrist targets: the palm centre on the goal, the hand along the reach direction.
  const int n = out.contactCount;
  std::array<glm::vec3, kMaxContacts> handAxis{};
  std::array<glm::vec3, kMaxContacts> wristGoal{};
  std::array<int, kMaxContacts> handOf{};
  for (int i = 0; i < n; ++i) {
    const auto iu = static_cast<std::size_t>(i);
    handOf[iu] = contacts_[iu].hand == stretches::Hand::Left ? 0 : 1;
    const glm::vec3 sh = shoulderAt(handOf[iu], 0.0f, 0.0f, glm::vec3(0.0f));
    glm::vec3 reach = goals[iu] - sh;
    reach -= normals[iu] * glm::dot(reach, normals[iu]);
    handAxis[iu] = safeNormalize(reach, anyPerpendicular(normals[iu]));
    wristGoal[iu] = goals[iu] - handAxis[iu] * options_.palmFromWrist;
  }
  const float comfy = options_.comfortableReach;
  // What the stance reaches for: the wrist goal with the whole arm; with the forearm along the
  // client, the elbow's place on the forearm's line with the upper arm alone (comfortable at
  // 98 % of its length: the elbow then lies within a few millimetres of its place).
  std::array<glm::vec3, kMaxContacts> reachGoal = wristGoal;
  std::array<float, kMaxContacts> reachLength{}, tooClose{};
  std::array<glm::vec3, kMaxContacts> forearmDir{};  // wrist to elbow goal; zero: no forearm
  for (int i = 0; i < n; ++i) {
    const auto iu = static_cast<std::size_t>(i);
    reachLength[iu] = armLength_;
    tooClose[iu] = 0.45f * armLength_;
    const ContactState& cs = out.contacts[iu];
    if (!cs.forearm) continue;
    const TwoBoneChain& chain = armChain_[handOf[iu]];
    // The hand continues the forearm's line past the wrist, across the skin.
    glm::vec3 along = goals[iu] - cs.forearmGoal;
    along -= normals[iu] * glm::dot(along, normals[iu]);
    handAxis[iu] = safeNormalize(along, handAxis[iu]);
    wristGoal[iu] = goals[iu] - handAxis[iu] * options_.palmFromWrist;
    forearmDir[iu] = safeNormalize(cs.forearmGoal - wristGoal[iu], -handAxis[iu]);
    reachGoal[iu] = wristGoal[iu] + forearmDir[iu] * chain.lowerLength;
    reachLength[iu] = chain.upperLength * 0.98f / comfy;
    tooClose[iu] = 0.95f * chain.upperLength;
  }
  auto ratio = [&](float lean, float squat, const glm::vec3& step) {
    float r = 0.0f;
    for (int i = 0; i < n; ++i) {
      const auto iu = static_cast<std::size_t>(i);
      const glm::vec3 sh = shoulderAt(handOf[iu], lean, squat, step);
      const float d = glm::length(reachGoal[iu] - sh);
      // Too close is as bad as too far: the elbow cannot fold past its limit.
      float m =
          d >= tooClose[iu] ? d / reachLength[iu] : comfy + (tooClose[iu] - d) / reachLength[iu];
      // A forearm along the client: the shoulder on the elbow's far side from the wrist (the
      // upper arm carries the forearm's push on); behind it, the trunk would fold over the
      // client to bring the elbow back.
      const float behind = -glm::dot(sh - reachGoal[iu], forearmDir[iu]);
      if (behind > 0.0f) m = std::max(m, comfy + behind / reachLength[iu]);
      r = std::max(r, m);
    }
    return r;
  };
  // Smallest parameter in [0, maxV] with f(v) <= comfy (bisection after a coarse scan), or
  // the best value of the scan when none is comfortable.
  auto solve1 = [&](auto&& f, float maxV) {
    if (f(0.0f) <= comfy) return 0.0f;
    constexpr int kSteps = 8;
    float prev = 0.0f, best = 0.0f, bestF = f(0.0f);
    for (int k = 1; k <= kSteps; ++k) {
      const float v = maxV * static_cast<float>(k) / kSteps;
      const float fv = f(v);
      if (fv <= comfy) {
        float lo = prev, hi = v;
        for (int it = 0; it < 6; ++it) {
          const float mid = 0.5f * (lo + hi);
          (f(mid) <= comfy ? hi : lo) = mid;
        }
        return hi;
      }
      if (fv < bestF - 1e-4f) {
        bestF = fv;
        best = v;
      }
      prev = v;
    }
    // None comfortable: the scan's best refined between its neighbours (ternary search), so
    // the answer moves continuously with the goals instead of in scan steps (an elbow whip).
    float lo = std::max(0.0f, best - maxV / kSteps), hi = std::min(maxV, best + maxV / kSteps);
    for (int it = 0; it < 10; ++it) {
      const float a = lo + (hi - lo) / 3.0f, b = hi - (hi - lo) / 3.0f;
      if (f(a) <= f(b)) {
        hi = b;
      } else {
        lo = a;
      }
    }
    const float refined = 0.5f * (lo + hi);
    return f(refined) <= bestF ? refined : best;  // not unimodal there: the scan's best
  };
  // The stance for a collision push (the placement moved by `push`): lean, then bend the
  // knees, then step toward the hands, but never back into what the push got clear of.
  float lean = 0.0f, squat = 0.0f;
  glm::vec3 step(0.0f);
  // Degrees of knee bend taken before any lean: standing, 20 (a therapist bends the knees
  // before folding at the hips); a lunge is taken as deep as the reach needs first (that is
  // what it is for); kneeling has none.
  const float maxSquat = posture_.maxSquat;
  const float firstSquat =
      posture_.posture == stretches::PractitionerPosture::Standing ? 20.0f : maxSquat;
  // Knees first, then the lean, then the rest of the knee bend; where that leaves a hand out
  // of reach (a wrist goal past the arm's length) and leaning first does not, lean first.
  auto bendAndLean = [&](const glm::vec3& at) {
    const float squat0 =
        maxSquat > 0.0f ? solve1([&](float v) { return ratio(0.0f, v, at); }, firstSquat) : 0.0f;
    lean = solve1([&](float v) { return ratio(v, squat0, at); }, options_.maxLean);
    squat = maxSquat > 0.0f
                ? std::max(squat0, solve1([&](float v) { return ratio(lean, v, at); }, maxSquat))
                : 0.0f;
    const float r = ratio(lean, squat, at);
    if (r <= 1.0f || maxSquat <= 0.0f) return;
    const float leanFirst = solve1([&](float v) { return ratio(v, 0.0f, at); }, options_.maxLean);
    const float squatAfter = solve1([&](float v) { return ratio(leanFirst, v, at); }, maxSquat);
    if (ratio(leanFirst, squatAfter, at) < r) {
      lean = leanFirst;
      squat = squatAfter;
    }
  };
  auto stance = [&](const glm::vec3& push) {
    // Knees first (a therapist bends them before folding at the hips), then the lean, then
    // the rest of the knee bend.
    bendAndLean(push);
    step = push;
    const float excess = ratio(lean, squat, push) - comfy;
    if (excess <= 0.0f || n == 0) return;
    glm::vec3 mid(0.0f), sh(0.0f);
    for (int i = 0; i < n; ++i) {
      const auto iu = static_cast<std::size_t>(i);
      mid += reachGoal[iu];
      sh += shoulderAt(handOf[iu], lean, squat, push);
    }
    const glm::vec3 dir = horizontal(mid - sh);
    const float len = glm::length(dir);
    if (len <= 1e-4f) return;
    glm::vec3 reach = dir / len * std::min(excess * armLength_, options_.maxStep);
    const float pushLen = glm::length(push);
    if (pushLen > 1e-5f) {
      const glm::vec3 away = push / pushLen;
      reach -= away * std::min(glm::dot(reach, away), 0.0f);
    }
    step = push + reach;
    if (hasTable_) {
      // Keep the pelvis out of the table's footprint (plus a body half depth).
      const glm::vec3 lat = glm::normalize(glm::cross(kUp, tableAxis_));
      const glm::vec3 p = pl.pelvis + step - tableCentre_;
      const float u = glm::dot(p, tableAxis_), v = glm::dot(p, lat);
      const float hu = tableHalf_.y + 0.12f, hv = tableHalf_.x + 0.12f;
      if (std::fabs(u) < hu && std::fabs(v) < hv) {
        const float du = hu - std::fabs(u), dv = hv - std::fabs(v);
        step += du < dv ? tableAxis_ * (u >= 0.0f ? du : -du) : lat * (v >= 0.0f ? dv : -dv);
      }
    }
    // Re-balance lean and knee bend for the new stance.
    bendAndLean(step);
  };
  Pose& p = out.practitionerPose;
  auto posture = [&]() {
    p = Pose{};
    const float tilt = 0.6f * lean;
    applyPosture(samplePosture(posture_, squat), tilt, p);
    p.set(Motion::LumbarFlexion, 0.25f * lean);
    p.set(Motion::ThoracicFlexion, 0.15f * lean);
    p.set(Motion::CervicalFlexion, std::min(25.0f, 0.4f * lean + 10.0f));
    p.root.rotation = yaw * glm::angleAxis(tilt * kDegToRad, glm::vec3(1, 0, 0));
    p.root.translation = pelvisAt(squat, step) - restPelvis;
    anatomy::poseToLocal(sk, p, out.practitionerLocal);
    anatomy::localToModel(sk, out.practitionerLocal, out.practitionerModel);
  };
  // Collision push: a few rounds of "pose, find the deepest overlap of the trunk, legs or
  // head, move the placement out by it". Each round's depth is continuous in time, so the
  // push is too (no jump where an overlap begins).
  constexpr int kPushRounds = 4;
  constexpr float kPushTolerance = 0.002f;  // metres left to the measure
  constexpr float kPushMargin = 0.004f;     // past the overlap, so a round clears it
  constexpr float kReachLimit = 0.98f;      // wrist goal over arm length the push may leave
  constexpr int kArmRounds = 3;             // turns of an arm's bend plane out of the client
  glm::vec3 push(0.0f);
  for (int round = 0;; ++round) {
    stance(push);
    posture();
    if (!pushOn_ || round == kPushRounds) break;
    glm::vec3 away(0.0f);
    const float depth = bodyOverlap(out.practitionerModel, out.clientCapsules, away);
    if (depth <= kPushTolerance) break;
    push += away * (depth + kPushMargin);
    const float len = glm::length(push);
    if (len > options_.maxPush) push *= options_.maxPush / len;
  }
  // The hands hold first: where the push would take the contacts out of reach (a wrist goal
  // past the arm's length), only as much of it as keeps them in reach (bisection); the
  // overlap left is what the staging check reports.
  if (glm::dot(push, push) > 0.0f && ratio(lean, squat, step) > kReachLimit) {
    const glm::vec3 full = push;
    stance(glm::vec3(0.0f));
    const float limit = std::max(kReachLimit, ratio(lean, squat, step));
    float lo = 0.0f, hi = 1.0f;
    for (int it = 0; it < 7; ++it) {
      const float mid = 0.5f * (lo + hi);
      stance(full * mid);
      (ratio(lean, squat, step) <= limit ? lo : hi) = mid;
    }
    push = full * lo;
    stance(push);
    posture();
  }
  out.lean = lean;
  out.squat = squat;
  out.step = step;
  out.push = push;

  out.maxContactError = 0.0f;
  for (int i = 0; i < n; ++i) {
    const auto iu = static_cast<std::size_t>(i);
    const int h = handOf[iu];
    const TwoBoneChain& chain = armChain_[h];
    const float outward = h == 0 ? 1.0f : -1.0f;  // left arm: +X of the body
    const glm::quat trunk =
        glm::quat_cast(glm::mat3(out.practitionerModel[anatomy::index(Joint::Thoracic)]));
    glm::vec3 pole = glm::normalize(-kUp * 1.0f + (trunk * glm::vec3(outward, 0, 0)) * 0.7f +
                                    (trunk * glm::vec3(0, 0, -1)) * 0.3f);
    const bool alongClient = out.contacts[iu].forearm;
    glm::vec3 wristAt = wristGoal[iu];
    if (alongClient) {
      // The elbow on the forearm's line (wrist + forearmDir * s) where it is an upper arm's
      // length from the shoulder: the wrist slides along the line by what that takes, at most
      // kForearmSlide (the palm's cost), and the bend plane goes through the elbow's place.
      const glm::vec3 sh =
          glm::vec3(out.practitionerModel[static_cast<std::size_t>(chain.start)][3]);
      const glm::vec3 dir = forearmDir[iu];
      const glm::vec3 w = wristGoal[iu] - sh;
      const float b = glm::dot(w, dir);
      const float c = glm::dot(w, w) - chain.upperLength * chain.upperLength;
      const float disc = b * b - c;
      if (disc >= 0.0f) {
        // The root nearest the forearm's own length.
        const float r0 = -b + std::sqrt(disc), r1 = -b - std::sqrt(disc);
        const float sE =
            std::fabs(r0 - chain.lowerLength) < std::fabs(r1 - chain.lowerLength) ? r0 : r1;
        wristAt += dir * std::clamp(sE - chain.lowerLength, -kForearmSlide, kForearmSlide);
      }
      const glm::vec3 elbowAt = wristAt + dir * chain.lowerLength;
      const glm::vec3 axis = safeNormalize(wristAt - sh, kUp);
      glm::vec3 e = elbowAt - sh;
      e -= axis * glm::dot(e, axis);
      pole = safeNormalize(e, pole);
    }
    IkResult r =
        solveTwoBone(sk, chain, wristAt, pole, out.practitionerLocal, out.practitionerModel);
    // The elbow out of the client: where the upper arm or the forearm overlaps a client
    // capsule, the arm's bend plane turns about the shoulder-wrist line by the angle that moves
    // the elbow away by the overlap (a few rounds, at most 90 degrees from the default pole).
    // The turn grows from zero with the overlap, so the elbow moves continuously.
    if (options_.avoidCollision && !alongClient) {
      const glm::vec3 pole0 = pole;
      for (int round = 0; round < kArmRounds; ++round) {
        glm::vec3 from(0.0f), to(0.0f);
        const float depth = armOverlap(h, out.practitionerModel, out.clientCapsules, from, to);
        if (depth <= kPushTolerance) break;
        const glm::vec3 sh =
            glm::vec3(out.practitionerModel[static_cast<std::size_t>(chain.start)][3]);
        const glm::vec3 el =
            glm::vec3(out.practitionerModel[static_cast<std::size_t>(chain.mid)][3]);
        const glm::vec3 axis = safeNormalize(wristGoal[iu] - sh, kUp);
        glm::vec3 e = el - sh;
        e -= axis * glm::dot(e, axis);
        const float reach = glm::length(e);
        if (reach < 0.02f) break;  // a straight arm: no bend plane to turn
        const glm::vec3 eh = e / reach;
        glm::vec3 away = from - to;
        away -= axis * glm::dot(away, axis);
        const glm::vec3 tangent = glm::cross(axis, eh);  // the elbow's way round the axis
        const float along = glm::dot(away, tangent);
        if (std::fabs(along) < 1e-6f) break;
        const float angle =
            (along > 0.0f ? 1.0f : -1.0f) * std::min((depth + kPushMargin) / reach, 0.6f);
        pole = glm::angleAxis(angle, axis) * eh;
        if (glm::dot(pole, pole0) < 0.0f) break;  // past 90 degrees from the default
        r = solveTwoBone(sk, chain, wristGoal[iu], pole, out.practitionerLocal,
                         out.practitionerModel);
      }
    }
    // Hand: axis along handAxis, palm facing the skin; twist to the forearm joint, rest to the
    // wrist.
    const Side side = h == 0 ? Side::Left : Side::Right;
    const int forearm = anatomy::index(anatomy::onSide(Joint::ForearmL, side));
    const int wrist = anatomy::index(anatomy::onSide(Joint::WristL, side));
    const int handJ = anatomy::index(anatomy::onSide(Joint::HandL, side));
    const glm::vec3 yh = -handAxis[iu];
    glm::vec3 zh = -normals[iu];
    zh = safeNormalize(zh - yh * glm::dot(zh, yh), anyPerpendicular(yh));
    const glm::vec3 xh = glm::cross(yh, zh);
    const glm::quat handRot = glm::normalize(glm::quat_cast(glm::mat3(xh, yh, zh)));
    const glm::quat elbowRot = glm::normalize(
        glm::quat_cast(glm::mat3(out.practitionerModel[static_cast<std::size_t>(chain.mid)])));
    const glm::quat q = glm::normalize(glm::conjugate(elbowRot) * handRot);
    float twist = 2.0f * std::atan2(q.y, q.w);
    if (twist > 3.14159265f) twist -= 6.28318531f;
    if (twist < -3.14159265f) twist += 6.28318531f;
    twist = std::clamp(twist, -100.0f * kDegToRad, 100.0f * kDegToRad);
    const glm::quat tq = glm::angleAxis(twist, glm::vec3(0, 1, 0));
    out.practitionerLocal[static_cast<std::size_t>(forearm)].rotation = tq;
    out.practitionerLocal[static_cast<std::size_t>(wrist)].rotation =
        glm::normalize(glm::conjugate(tq) * q);
    updateModelRange(sk, out.practitionerLocal, out.practitionerModel, forearm, handJ + 1);
    const glm::vec3 handOff = sk.restLocal[static_cast<std::size_t>(handJ)].translation;
    const glm::vec3 palmLocal = handOff * (options_.palmFromWrist / glm::length(handOff));
    ContactState& cs = out.contacts[iu];
    cs.palm = point(out.practitionerModel[static_cast<std::size_t>(wrist)], palmLocal);
    cs.error = glm::length(cs.palm - cs.goal);
    cs.elbowFlexion = r.flexion;
    if (cs.forearm) {
      // The forearm's axis (elbow to wrist) to the point it should lie on.
      const glm::vec3 el = glm::vec3(out.practitionerModel[static_cast<std::size_t>(chain.mid)][3]);
      const glm::vec3 wr = glm::vec3(out.practitionerModel[static_cast<std::size_t>(wrist)][3]);
      float u = 0.0f, v = 0.0f;
      closestSegmentPoints(el, wr, cs.forearmGoal, cs.forearmGoal, u, v);
      cs.forearmError = glm::length(el + (wr - el) * u - cs.forearmGoal);
    }
    out.maxContactError = std::max(out.maxContactError, cs.error);
  }
  // Hands: a grip on the client where a contact holds, relaxed elsewhere.
  std::array<bool, 2> holding{false, false};
  for (int i = 0; i < n; ++i)
    holding[static_cast<std::size_t>(handOf[static_cast<std::size_t>(i)])] = true;
  for (std::size_t h = 0; h < 2; ++h) {
    out.practitionerHands[h] = holding[h] ? hands_[h] : anatomy::HandPose::Relaxed;
  }
  body::computeBodyPalette(practitionerRig_, sk, out.practitionerLocal, out.practitionerModel,
                           anatomy::handShape(out.practitionerHands[0]),
                           anatomy::handShape(out.practitionerHands[1]), out.practitionerPalette);
  out.practitionerBones = practitionerRig_.boneCount();
}

float AssistScene::bodyOverlap(std::span<const glm::mat4> model, const FigureCapsules& client,
                               glm::vec3& away) const {
  float best = 0.0f;
  const glm::vec3 back = -placement_.facing;
  away = back;
  auto awayFrom = [&](const glm::vec3& d) {
    const glm::vec3 h = horizontal(d);
    const float len = glm::length(h);
    // Mostly vertical (a thigh under the table's edge): step back instead.
    return len > 0.3f * glm::length(d) && len > 1e-5f ? h / len : back;
  };
  for (int i = 0; i < practitionerFit_.count; ++i) {
    const BodyCapsule& f = practitionerFit_.capsules[static_cast<std::size_t>(i)];
    if (isArmJoint(f.joint)) continue;
    BodyCapsule c = f;
    c.a = point(model[f.joint], f.a);
    c.b = point(model[f.joint], f.b);
    const float margin = f.joint == anatomy::index(Joint::Head) ? options_.headClearance : 0.0f;
    const Bound bc = boundOf(c);
    for (int k = 0; k < client.count; ++k) {
      const BodyCapsule& o = client.capsules[static_cast<std::size_t>(k)];
      if (apart(bc, boundOf(o), margin)) continue;
      glm::vec3 from, to;
      const float d = capsuleOverlap(c, o, &from, &to) + margin;
      if (d > best) {
        best = d;
        away = awayFrom(from - to);
      }
    }
    for (int b = 0; b < boxCount_; ++b) {
      glm::vec3 dir;
      const float d = capsuleBoxDepth(c, boxes_[static_cast<std::size_t>(b)], &dir);
      if (d > best) {
        best = d;
        away = awayFrom(dir);
      }
    }
  }
  return best;
}

float AssistScene::armOverlap(int hand, std::span<const glm::mat4> model,
                              const FigureCapsules& client, glm::vec3& from, glm::vec3& to) const {
  float best = 0.0f;
  const Side side = hand == 0 ? Side::Left : Side::Right;
  const int shoulder = anatomy::index(anatomy::onSide(Joint::ShoulderL, side));
  const int elbow = anatomy::index(anatomy::onSide(Joint::ElbowL, side));
  const int forearm = anatomy::index(anatomy::onSide(Joint::ForearmL, side));
  for (int i = 0; i < practitionerFit_.count; ++i) {
    const BodyCapsule& f = practitionerFit_.capsules[static_cast<std::size_t>(i)];
    if (f.joint != shoulder && f.joint != elbow && f.joint != forearm) continue;
    BodyCapsule c = f;
    c.a = point(model[f.joint], f.a);
    c.b = point(model[f.joint], f.b);
    const Bound bc = boundOf(c);
    for (int k = 0; k < client.count; ++k) {
      const BodyCapsule& o = client.capsules[static_cast<std::size_t>(k)];
      if (apart(bc, boundOf(o), 0.0f)) continue;
      glm::vec3 a, b;
      const float d = capsuleOverlap(c, o, &a, &b);
      if (d > best) {
        best = d;
        from = a;
        to = b;
      }
    }
  }
  return best;
}

void AssistScene::measure(const AssistFrame& f, StagingMetrics& m) const {
  m = StagingMetrics{};
  FigureCapsules prac;
  placeFigure(practitionerFit_, f.practitionerModel, prac);
  const FigureCapsules& client = f.clientCapsules;
  // A hand that holds a segment lying on the table (the head, a heel) lies between the two:
  // its contact with the table is a patch too (the client is not lifted onto the hand).
  std::array<bool, 2> underResting{false, false};
  for (int i = 0; i < f.contactCount; ++i) {
    const ContactState& cs = f.contacts[static_cast<std::size_t>(i)];
    if (hasTable_ && cs.skinPoint.y < supportHeight_ + kUnderRestingHeight) {
      underResting[contacts_[static_cast<std::size_t>(i)].hand == stretches::Hand::Left ? 0 : 1] =
          true;
    }
  }
  float lowest = std::numeric_limits<float>::max();
  for (int i = 0; i < prac.count; ++i) {
    const BodyCapsule& c = prac.capsules[static_cast<std::size_t>(i)];
    const int hand = holdingHandOf(c.joint);
    // A holding hand's fingers (the hand joint's segment) curl on the skin in its grip; the
    // capsules, fitted to the open hand, do not follow them: they are not measured.
    if (hand >= 0 && c.joint == anatomy::index(hand == 0 ? Joint::HandL : Joint::HandR) &&
        f.practitionerHands[static_cast<std::size_t>(hand)] != anatomy::HandPose::Relaxed) {
      continue;
    }
    const int arm = forearmOf(c.joint);
    const std::uint32_t patch = hand >= 0  ? patchJoints_[static_cast<std::size_t>(hand)]
                                : arm >= 0 ? forearmPatch_[static_cast<std::size_t>(arm)]
                                           : 0u;
    const bool head = c.joint == anatomy::index(Joint::Head);
    for (int k = 0; k < client.count; ++k) {
      const BodyCapsule& o = client.capsules[static_cast<std::size_t>(k)];
      if ((patch >> o.joint) & 1u) continue;
      const float d = capsuleOverlap(c, o);
      if (head) m.headClearance = std::min(m.headClearance, -d);
      if (d > m.clientDepth) {
        m.clientDepth = d;
        m.clientJoint = o.joint;
        m.practitionerJoint = c.joint;
      }
    }
    const bool onTable = hand >= 0 && underResting[static_cast<std::size_t>(hand)];
    for (int b = 0; b < boxCount_ && !onTable; ++b) {
      const float d = capsuleBoxDepth(c, boxes_[static_cast<std::size_t>(b)]);
      if (d > m.tableDepth) {
        m.tableDepth = d;
        m.tableJoint = c.joint;
      }
    }
    lowest = std::min(lowest, std::min(c.a.y, c.b.y) - c.radius);
  }
  m.floorDepth = std::max(0.0f, placement_.floorHeight - lowest);
  std::array<float, 2> supports{};
  supportLowest(posture_, prac, supports);
  m.footLift = -std::numeric_limits<float>::max();
  for (int k = 0; k < posture_.supportCount; ++k)
    m.footLift =
        std::max(m.footLift, supports[static_cast<std::size_t>(k)] - placement_.floorHeight);
  for (int i = 0; i < f.contactCount; ++i) {
    const ContactState& cs = f.contacts[static_cast<std::size_t>(i)];
    m.palmDistance = std::max(m.palmDistance, cs.error);
    if (cs.forearm) m.forearmDistance = std::max(m.forearmDistance, cs.forearmError);
    const Side side = contacts_[static_cast<std::size_t>(i)].hand == stretches::Hand::Left
                          ? Side::Left
                          : Side::Right;
    const glm::mat4& wrist =
        f.practitionerModel[anatomy::index(anatomy::onSide(Joint::WristL, side))];
    const glm::vec3 palm = safeNormalize(glm::mat3(wrist) * glm::vec3(0, 0, 1), kUp);
    const float c = std::clamp(glm::dot(palm, -cs.normal), -1.0f, 1.0f);
    m.palmAngle = std::max(m.palmAngle, std::acos(c) * kRadToDeg);
  }
  m.trunkLean = f.lean;
  m.lumbarFlexion = f.practitionerPose.get(Motion::LumbarFlexion);
}

}  // namespace sv::assist
