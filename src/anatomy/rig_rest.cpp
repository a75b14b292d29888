#include "anatomy/rig_rest.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "anatomy/kinematics.h"

namespace sv::anatomy {
namespace {

constexpr glm::quat kIdentity(1.0f, 0.0f, 0.0f, 0.0f);

// Signed angle (radians) about unit `axis` from v to w, both projected onto the plane normal to
// the axis; 0 when either projection vanishes.
float twistAngle(const glm::vec3& axis, glm::vec3 v, glm::vec3 w) {
  v -= glm::dot(v, axis) * axis;
  w -= glm::dot(w, axis) * axis;
  if (glm::dot(v, v) < 1e-12f || glm::dot(w, w) < 1e-12f) return 0.0f;
  return std::atan2(glm::dot(glm::cross(v, w), axis), glm::dot(v, w));
}

float angleDeg(const glm::vec3& a, const glm::vec3& b) {
  const float la = glm::length(a), lb = glm::length(b);
  if (la <= 0.0f || lb <= 0.0f) return 0.0f;
  return glm::degrees(std::acos(std::clamp(glm::dot(a, b) / (la * lb), -1.0f, 1.0f)));
}

std::string fmt(const char* f, double a, double b = 0.0) {
  char buf[160];
  std::snprintf(buf, sizeof buf, f, a, b);
  return buf;
}

struct Posed {
  std::span<const int> parents;
  std::vector<glm::quat>& rot;
  std::vector<glm::vec3>& pos;
  std::vector<char> sub;

  // Turns bone b and everything below it by the model-space rotation q about b's position.
  void turn(int b, const glm::quat& q) {
    const auto bu = static_cast<std::size_t>(b);
    const glm::vec3 pivot = pos[bu];
    sub.assign(parents.size(), 0);
    for (std::size_t d = bu; d < parents.size(); ++d) {
      const int p = parents[d];
      if (d != bu && (p < static_cast<int>(bu) || !sub[static_cast<std::size_t>(p)])) continue;
      sub[d] = 1;
      rot[d] = glm::normalize(q * rot[d]);
      pos[d] = pivot + q * (pos[d] - pivot);
    }
  }
  glm::vec3 dir(int a, int b) const {
    const glm::vec3 v = pos[static_cast<std::size_t>(b)] - pos[static_cast<std::size_t>(a)];
    const float l = glm::length(v);
    return l > 0.0f ? v / l : glm::vec3(0.0f);
  }
  // Swings the segment a -> b onto `target` by turning a.
  void align(int a, int b, const glm::vec3& target) {
    const glm::vec3 d = dir(a, b);
    if (glm::dot(d, d) > 0.0f) turn(a, shortestRotation(d, target));
  }
};

glm::vec3 canonicalDir(const Skeleton& c, Joint a, Joint b) {
  return glm::normalize(glm::vec3(c.restModel[static_cast<std::size_t>(index(b))][3]) -
                        glm::vec3(c.restModel[static_cast<std::size_t>(index(a))][3]));
}

}  // namespace

RigRestPose anatomicalRestPose(const RigMapping& mapping, const FingerBones& fingers,
                               std::span<const int> parents, std::span<const glm::mat4> restModel) {
  RigRestPose out;
  const std::size_t n = std::min(parents.size(), restModel.size());
  out.rotation.resize(n);
  out.position.resize(n);
  for (std::size_t b = 0; b < n; ++b) {
    glm::mat3 g(restModel[b]);
    for (int c = 0; c < 3; ++c) {
      const float l = glm::length(g[c]);
      if (l > 0.0f) g[c] /= l;
    }
    out.rotation[b] = glm::normalize(glm::quat_cast(g));
    out.position[b] = glm::vec3(restModel[b][3]);
  }
  const std::vector<glm::quat> bindRot = out.rotation;
  Posed p{parents.first(n), out.rotation, out.position, {}};
  const Skeleton canon = makeDefaultSkeleton(1.75f);
  auto bone = [&](Joint j) {
    const int b = mapping.boneOfJoint[static_cast<std::size_t>(index(j))];
    return b >= 0 && static_cast<std::size_t>(b) < n ? b : -1;
  };
  const glm::vec3 down(0.0f, -1.0f, 0.0f);

  for (int si = 0; si < 2; ++si) {
    const Side side = si == 0 ? Side::Left : Side::Right;
    const char* sideName = si == 0 ? "left" : "right";
    const auto su = static_cast<std::size_t>(si);
    // Arm.
    const int sh = bone(onSide(Joint::ShoulderL, side));
    const int el = bone(onSide(Joint::ElbowL, side));
    const int wr = bone(onSide(Joint::WristL, side));
    int hd = bone(onSide(Joint::HandL, side));
    if (hd < 0) {
      const int mid = fingers[su][static_cast<std::size_t>(Finger::Middle)];
      if (mid >= 0 && static_cast<std::size_t>(mid) < n) hd = mid;
    }
    if (sh >= 0 && el >= 0 && wr >= 0) {
      out.armFromSidesDeg[su] = angleDeg(p.dir(sh, el), down);
      out.elbowBendDeg[su] = angleDeg(p.dir(sh, el), p.dir(el, wr));
      const glm::vec3 upperArm = canonicalDir(canon, Joint::ShoulderL, Joint::ElbowL);
      const glm::vec3 forearm = canonicalDir(canon, Joint::ElbowL, Joint::WristL);
      const glm::vec3 handDir = canonicalDir(canon, Joint::WristL, Joint::HandL);
      auto straighten = [&] {
        p.align(sh, el, upperArm);
        p.align(el, wr, forearm);
        if (hd >= 0 && glm::distance(p.pos[static_cast<std::size_t>(hd)],
                                     p.pos[static_cast<std::size_t>(wr)]) > 1e-5f) {
          p.align(wr, hd, handDir);
        }
      };
      straighten();
      // Palm forward: the radial side of the hand (index, thumb) lateral.
      const float lateralX = side == Side::Left ? 1.0f : -1.0f;
      const auto& f = fingers[su];
      auto fb = [&](Finger k) {
        const int b = f[static_cast<std::size_t>(k)];
        return b >= 0 && static_cast<std::size_t>(b) < n ? b : -1;
      };
      int radial = -1, ulnar = -1;
      // Radial before ulnar, the widest pair first.
      const std::pair<Finger, Finger> pairs[] = {
          {Finger::Index, Finger::Little},  {Finger::Index, Finger::Ring},
          {Finger::Middle, Finger::Little}, {Finger::Thumb, Finger::Little},
          {Finger::Index, Finger::Middle},  {Finger::Middle, Finger::Ring}};
      for (const auto& [r, u] : pairs) {
        if (fb(r) >= 0 && fb(u) >= 0) {
          radial = fb(r);
          ulnar = fb(u);
          break;
        }
      }
      float tau = 0.0f;
      std::string how;
      if (radial >= 0) {
        const glm::vec3 across =
            p.pos[static_cast<std::size_t>(radial)] - p.pos[static_cast<std::size_t>(ulnar)];
        tau = twistAngle(upperArm, across, glm::vec3(lateralX, 0.0f, 0.0f));
        how = "from the finger bones";
      } else if (out.armFromSidesDeg[su] > 20.0f) {
        // Palm down in the bind pose, carried by the straightening so far.
        const auto w = static_cast<std::size_t>(wr);
        const glm::quat moved = p.rot[w] * glm::conjugate(bindRot[w]);
        tau = twistAngle(upperArm, moved * down, glm::vec3(0.0f, 0.0f, 1.0f));
        how = "assumed down in the bind pose (no finger bones)";
      } else {
        how = "assumed forward (the arm hangs in the bind pose; no finger bones)";
      }
      if (std::fabs(tau) > 1e-5f) {
        p.turn(sh, glm::angleAxis(tau, upperArm));
        straighten();  // exact even where the canonical arm is not one straight line
      }
      out.notes.push_back(std::string(sideName) + " palm: " + how +
                          fmt(", arm turned %.0f deg about its axis", glm::degrees(tau)));
    }
    // Leg.
    const int hip = bone(onSide(Joint::HipL, side));
    const int knee = bone(onSide(Joint::KneeL, side));
    const int ankle = bone(onSide(Joint::AnkleL, side));
    const int toes = bone(onSide(Joint::ToesL, side));
    if (hip >= 0 && knee >= 0 && ankle >= 0) {
      out.legFromVerticalDeg[su] = angleDeg(p.dir(hip, knee), down);
      const glm::vec3 thigh = canonicalDir(canon, Joint::HipL, Joint::KneeL);
      const glm::vec3 shank = canonicalDir(canon, Joint::KneeL, Joint::AnkleL);
      const auto a = static_cast<std::size_t>(ankle);
      auto straighten = [&] {
        p.align(hip, knee, thigh);
        p.align(knee, ankle, shank);
        // The foot keeps its bind orientation (its sole as modelled) up to the leg's yaw.
        p.turn(ankle, glm::conjugate(p.rot[a] * glm::conjugate(bindRot[a])));
      };
      straighten();
      float tau = 0.0f;
      if (toes >= 0) {
        tau = twistAngle(thigh, p.pos[static_cast<std::size_t>(toes)] - p.pos[a],
                         glm::vec3(0.0f, 0.0f, 1.0f));
        if (std::fabs(tau) > 1e-5f) {
          const glm::quat yaw = glm::angleAxis(tau, thigh);
          p.turn(hip, yaw);
          p.align(hip, knee, thigh);
          p.align(knee, ankle, shank);
          p.turn(ankle, glm::conjugate(p.rot[a] * glm::conjugate(yaw * bindRot[a])));
        }
        out.notes.push_back(std::string(sideName) +
                            fmt(" foot: toes turned %.0f deg to point forward", glm::degrees(tau)));
      } else {
        out.notes.push_back(std::string(sideName) + " foot: no toe bone; kept as modelled");
      }
    }
  }
  const float arms = 0.5f * (out.armFromSidesDeg[0] + out.armFromSidesDeg[1]);
  out.bindPose = arms >= 65.0f ? "T-pose" : arms >= 20.0f ? "A-pose" : "arms at the sides";
  return out;
}

Skeleton fitRigSkeleton(const RigMapping& mapping, std::span<const glm::vec3> pos, float height,
                        std::vector<std::string>* inferred) {
  Skeleton s = makeDefaultSkeleton(height > 0.0f ? height : 1.75f);  // names, parents, offsets
  const Skeleton ref = s;
  std::array<glm::vec3, kJointCount> P{};
  std::array<bool, kJointCount> have{};
  for (int j = 0; j < kJointCount; ++j) {
    const int b = mapping.boneOfJoint[static_cast<std::size_t>(j)];
    if (b >= 0 && static_cast<std::size_t>(b) < pos.size()) {
      P[static_cast<std::size_t>(j)] = pos[static_cast<std::size_t>(b)];
      have[static_cast<std::size_t>(j)] = true;
    }
  }
  auto at = [&](Joint j) -> glm::vec3& { return P[static_cast<std::size_t>(index(j))]; };
  auto has = [&](Joint j) { return have[static_cast<std::size_t>(index(j))]; };
  auto refAt = [&](Joint j) {
    return glm::vec3(ref.restModel[static_cast<std::size_t>(index(j))][3]);
  };
  auto place = [&](Joint j, const glm::vec3& p, const char* how) {
    at(j) = p;
    have[static_cast<std::size_t>(index(j))] = true;
    if (inferred) inferred->push_back(std::string(jointName(j)) + ": " + how);
  };
  // Default-skeleton heights along the spine (fractions of H, skeleton.cpp).
  constexpr float kLumbar = 0.575f, kThoracic = 0.680f, kCervical = 0.818f, kHead = 0.900f;
  if (!has(Joint::Thoracic)) {
    const bool neck = has(Joint::Cervical);
    const glm::vec3 top = neck ? at(Joint::Cervical) : at(Joint::Head);
    const float f = (kThoracic - kLumbar) / ((neck ? kCervical : kHead) - kLumbar);
    place(Joint::Thoracic, glm::mix(at(Joint::Lumbar), top, f),
          "placed on the lumbar-neck line (the rig has no such bone)");
  }
  if (!has(Joint::Cervical)) {
    const float f = (kCervical - kThoracic) / (kHead - kThoracic);
    place(Joint::Cervical, glm::mix(at(Joint::Thoracic), at(Joint::Head), f),
          "placed on the thoracic-head line (the rig has no such bone)");
  }
  for (Side side : {Side::Left, Side::Right}) {
    auto J = [&](Joint j) { return onSide(j, side); };
    if (!has(J(Joint::ClavicleL))) {
      // Up and forward of the shoulder as in the default skeleton; across, at the same share of
      // the rig's own shoulder width (narrow shoulders keep the clavicle on its side).
      const glm::vec3 sh = at(J(Joint::ShoulderL)), mid = at(Joint::Thoracic);
      const glm::vec3 rc = refAt(J(Joint::ClavicleL)), rs = refAt(J(Joint::ShoulderL));
      glm::vec3 c = sh + (rc - rs);
      c.x = mid.x + (sh.x - mid.x) * (rc.x / rs.x);
      place(J(Joint::ClavicleL), c, "offset from the shoulder as in the default skeleton");
    }
    if (!has(J(Joint::ForearmL))) {
      place(J(Joint::ForearmL), 0.5f * (at(J(Joint::ElbowL)) + at(J(Joint::WristL))),
            "mid-forearm");
    }
    if (!has(J(Joint::HandL))) {
      const glm::vec3 fore = at(J(Joint::WristL)) - at(J(Joint::ElbowL));
      place(J(Joint::HandL), at(J(Joint::WristL)) + fore * (0.054f / 0.146f),
            "beyond the wrist by Winter's hand proportion");
    }
    if (!has(J(Joint::SubtalarL))) {
      place(J(Joint::SubtalarL),
            at(J(Joint::AnkleL)) + refAt(J(Joint::SubtalarL)) - refAt(J(Joint::AnkleL)),
            "offset from the ankle as in the default skeleton");
    }
    if (!has(J(Joint::ToesL))) {
      place(J(Joint::ToesL),
            at(J(Joint::AnkleL)) + refAt(J(Joint::ToesL)) - refAt(J(Joint::AnkleL)),
            "offset from the ankle as in the default skeleton");
    }
  }
  for (std::size_t j = 0; j < kJointCount; ++j) {
    const int p = s.parents[j];
    s.restLocal[j].translation = p < 0 ? P[j] : P[j] - P[static_cast<std::size_t>(p)];
    s.restLocal[j].rotation = kIdentity;
    s.anatomicalFrame[j] = kIdentity;
    s.levels[j] = JointLevels{};
  }
  updateRestModel(s);
  return s;
}

}  // namespace sv::anatomy
