#include "muscles/muscle_model.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "anatomy/kinematics.h"

namespace sv::muscles {

namespace an = sv::anatomy;

namespace {

constexpr std::uint8_t kActive = 1;
constexpr std::uint8_t kMoving = 2;
constexpr std::uint8_t kKnee = 4;
constexpr std::uint8_t kMirror = 8;

bool inKneeSubtree(an::Joint j) {
  const an::Joint l = an::leftOf(j);
  return l == an::Joint::KneeL || l == an::Joint::AnkleL || l == an::Joint::SubtalarL ||
         l == an::Joint::ToesL;
}

bool isAncestorOrSelf(int ancestor, int j) {
  while (j >= 0) {
    if (j == ancestor) return true;
    j = an::parentOf(static_cast<an::Joint>(j));
  }
  return false;
}

// ---- Lmax sampling ----------------------------------------------------------------------

// One sampled variable: a plain pose coordinate, or the shoulder's plane of elevation /
// elevation (written as horizontal adduction / abduction with flexion 0, see
// docs/anatomy.md: abduction θ turned by horizontal adduction φ is elevation θ in plane φ).
struct Variable {
  enum Kind : std::uint8_t { Coordinate, ShoulderPlane, ShoulderElevation } kind = Coordinate;
  int coordinate = 0;  // Pose::angles index (for the shoulder kinds: horizontal adduction /
                       // abduction of that side)
  float lo = 0.0f, hi = 0.0f;
};

// Largest elevation allowed in a plane of elevation (degrees): extension 60 in the sagittal
// plane behind (plane -90), 90 at 45 degrees of horizontal abduction (plane -45), full
// elevation in the planes between abduction and flexion, 135 across the body (plane 135).
float maxElevation(float plane) {
  if (plane <= -45.0f) return 60.0f + (plane + 90.0f) / 45.0f * 30.0f;
  if (plane <= 0.0f) return 90.0f + (plane + 45.0f) / 45.0f * 90.0f;
  if (plane <= 90.0f) return 180.0f;
  return 180.0f - (plane - 90.0f);
}

}  // namespace

int MuscleModel::find(std::string_view id, an::Side side) const {
  for (int i = 0; i < count(); ++i) {
    const MuscleInfo& m = infos_[static_cast<std::size_t>(i)];
    if (m.id == id && m.side == side) return i;
  }
  return -1;
}

void MuscleModel::kneeOffsets(const an::Pose& pose, glm::vec3 out[2]) const {
  out[0] = out[1] = glm::vec3(0.0f);
  if (!knee_) return;
  for (int s = 0; s < 2; ++s) {
    const float flex = pose.get(an::Motion::KneeFlexion, s == 1 ? an::Side::Right : an::Side::Left);
    out[s] = glm::vec3(0.0f, static_cast<float>(knee_->vertical(flex)),
                       static_cast<float>(knee_->anterior(flex))) *
             scale_;
  }
}

// Visits the model-space position of every active point of one muscle's path, in order;
// `visit` returns false to stop. The one walk behind lengths and drawn paths.
template <class Visit>
void MuscleModel::walkPath(int muscle, const an::Pose& pose, std::span<const glm::mat4> model,
                           const glm::vec3 knee[2], Visit&& visit) const {
  const Instance& inst = instances_[static_cast<std::size_t>(muscle)];
  for (int k = 0; k < inst.count; ++k) {
    const Point& p = points_[static_cast<std::size_t>(inst.first + k)];
    if (p.flags & kActive) {
      const float v = pose.angles[static_cast<std::size_t>(p.coordinate)];
      if (v < p.min || v > p.max) continue;
    }
    glm::vec3 local = p.position;
    if (p.flags & kMoving) {
      const Moving& mv = moving_[static_cast<std::size_t>(p.moving)];
      const MovingLocation& loc = *defs_[static_cast<std::size_t>(mv.def)]
                                       .points[static_cast<std::size_t>(mv.point)]
                                       .moving;
      const double x = pose.angles[static_cast<std::size_t>(p.coordinate)];
      local = glm::vec3(static_cast<float>(loc.axis[0](x)), static_cast<float>(loc.axis[1](x)),
                        static_cast<float>(loc.axis[2](x))) *
              scale_;
      if (p.flags & kMirror) local.x = -local.x;
    }
    const glm::mat4& m = model[p.bone];
    glm::vec3 w = glm::vec3(m[0]) * local.x + glm::vec3(m[1]) * local.y +
                  glm::vec3(m[2]) * local.z + glm::vec3(m[3]);
    if (p.flags & kKnee) {
      const glm::mat4& hip = model[static_cast<std::size_t>(
          an::index(p.kneeSide ? an::Joint::HipR : an::Joint::HipL))];
      const glm::vec3& d = knee[p.kneeSide];
      w += glm::vec3(hip[1]) * d.y + glm::vec3(hip[2]) * d.z;
    }
    if (!visit(w)) return;
  }
}

float MuscleModel::lengthWith(int muscle, const an::Pose& pose, std::span<const glm::mat4> model,
                              const glm::vec3 knee[2]) const {
  float len = 0.0f;
  glm::vec3 prev(0.0f);
  bool havePrev = false;
  walkPath(muscle, pose, model, knee, [&](const glm::vec3& w) {
    if (havePrev) len += glm::length(w - prev);
    prev = w;
    havePrev = true;
    return true;
  });
  return len;
}

float MuscleModel::length(int muscle, const an::Pose& pose,
                          std::span<const glm::mat4> model) const {
  glm::vec3 knee[2];
  kneeOffsets(pose, knee);
  return lengthWith(muscle, pose, model, knee);
}

float MuscleModel::length(int muscle, const an::Pose& pose) const {
  std::array<an::Transform, an::kJointCount> local;
  std::array<glm::mat4, an::kJointCount> model;
  an::poseToLocal(skeleton_, pose, local);
  an::localToModel(skeleton_, local, model);
  return length(muscle, pose, model);
}

void MuscleModel::evaluate(const an::Pose& pose, std::span<const glm::mat4> model,
                           std::span<MuscleValue> out) const {
  glm::vec3 knee[2];
  kneeOffsets(pose, knee);
  const std::size_t n = std::min(out.size(), instances_.size());
  for (std::size_t i = 0; i < n; ++i) {
    const float len = lengthWith(static_cast<int>(i), pose, model, knee);
    out[i].length = len;
    out[i].strain = len * invRest_[i] - 1.0f;
    out[i].share = (len - restLength_[i]) * invRange_[i];
  }
}

void MuscleModel::evaluate(const an::Pose& pose, std::span<MuscleValue> out) const {
  std::array<an::Transform, an::kJointCount> local;
  std::array<glm::mat4, an::kJointCount> model;
  an::poseToLocal(skeleton_, pose, local);
  an::localToModel(skeleton_, local, model);
  evaluate(pose, model, out);
}

int MuscleModel::path(int muscle, const an::Pose& pose, std::span<const glm::mat4> model,
                      std::span<glm::vec3> out) const {
  glm::vec3 knee[2];
  kneeOffsets(pose, knee);
  int written = 0;
  walkPath(muscle, pose, model, knee, [&](const glm::vec3& w) {
    if (written >= static_cast<int>(out.size())) return false;
    out[static_cast<std::size_t>(written++)] = w;
    return true;
  });
  return written;
}

void MuscleModel::regionShares(std::span<const MuscleValue> values, std::span<float> out) const {
  const std::size_t n = std::min(out.size(), regions_.size());
  for (std::size_t r = 0; r < n; ++r) {
    float best = 0.0f;
    bool any = false;
    for (int i : regions_[r]) {
      const float s = values[static_cast<std::size_t>(i)].share;
      if (!any || s > best) best = s;
      any = true;
    }
    out[r] = best;
  }
}

int MuscleModel::regionLeader(std::span<const MuscleValue> values, std::uint16_t region) const {
  if (region >= regions_.size()) return -1;
  int best = -1;
  for (int i : regions_[region]) {
    if (best < 0 ||
        values[static_cast<std::size_t>(i)].share > values[static_cast<std::size_t>(best)].share) {
      best = i;
    }
  }
  return best;
}

bool MuscleModel::hasMuscles(std::uint16_t region) const {
  return region < regions_.size() && !regions_[region].empty();
}

std::span<const int> MuscleModel::regionMembers(std::uint16_t region) const {
  if (region >= regions_.size()) return {};
  return regions_[region];
}

Result<MuscleModel> MuscleModel::build(const MuscleSet& set, const an::Skeleton& skeleton,
                                       const an::RomTable& rom) {
  MuscleModel mm;
  mm.skeleton_ = skeleton;
  mm.credit_ = set.credit;
  mm.scale_ = skeleton.height / set.referenceHeight;
  mm.defs_ = set.muscles;
  mm.knee_ = set.knee;
  for (int d = 0; d < static_cast<int>(mm.defs_.size()); ++d) {
    const MuscleDef& def = mm.defs_[static_cast<std::size_t>(d)];
    for (int s = 0; s < 2; ++s) {
      const an::Side side = s == 1 ? an::Side::Right : an::Side::Left;
      MuscleInfo info;
      info.id = def.id;
      info.name = def.name;
      info.key = def.id + (side == an::Side::Right ? "_r" : "_l");
      info.side = side;
      info.group = def.group;
      info.definition = d;
      Instance inst;
      inst.first = static_cast<int>(mm.points_.size());
      inst.count = static_cast<int>(def.points.size());
      std::vector<int> bones;
      for (int k = 0; k < inst.count; ++k) {
        const PathPointDef& pd = def.points[static_cast<std::size_t>(k)];
        Point p;
        const an::Joint bone = side == an::Side::Right ? pd.bone : an::mirrorJoint(pd.bone);
        p.bone = static_cast<std::uint8_t>(an::index(bone));
        p.position = pd.position * mm.scale_;
        if (side == an::Side::Left) {
          p.position.x = -p.position.x;
          p.flags |= kMirror;
        }
        if (pd.anchor) {
          // The offset from the anchor joint, plus where that joint sits in the bone's frame on
          // this skeleton (its rest pose).
          const an::Joint anchor = side == an::Side::Right ? *pd.anchor : an::mirrorJoint(*pd.anchor);
          const glm::mat4& boneRest = skeleton.restModel[static_cast<std::size_t>(an::index(bone))];
          const glm::vec3 anchorAt(skeleton.restModel[static_cast<std::size_t>(an::index(anchor))][3]);
          p.position += glm::vec3(glm::inverse(boneRest) * glm::vec4(anchorAt, 1.0f));
        }
        if (pd.active) {
          p.flags |= kActive;
          p.coordinate = static_cast<std::int16_t>(an::coord(pd.active->coordinate, side));
          p.min = pd.active->min;
          p.max = pd.active->max;
        }
        if (pd.moving) {
          if (pd.active) {
            return Error{"muscle \"" + def.id + "\" point " + std::to_string(k) +
                         ": a point cannot be both moving and conditional"};
          }
          p.flags |= kMoving;
          p.coordinate = static_cast<std::int16_t>(an::coord(pd.moving->coordinate, side));
          p.moving = static_cast<std::int16_t>(mm.moving_.size());
          mm.moving_.push_back(Moving{d, k});
        }
        if (mm.knee_ && inKneeSubtree(bone)) {
          p.flags |= kKnee;
          p.kneeSide = side == an::Side::Right ? 1 : 0;
        }
        mm.points_.push_back(p);
        bones.push_back(an::index(bone));
      }
      // Joints crossed: every joint between a point's bone and the lowest common ancestor
      // of all the bones (that ancestor's own motion moves every point alike).
      int lca = bones.front();
      for (int b : bones) {
        while (!isAncestorOrSelf(lca, b)) lca = an::parentOf(static_cast<an::Joint>(lca));
      }
      std::array<bool, an::kJointCount> crossed{};
      for (int b : bones) {
        for (int j = b; j != lca && j >= 0; j = an::parentOf(static_cast<an::Joint>(j))) {
          crossed[static_cast<std::size_t>(j)] = true;
        }
      }
      for (int m = 0; m < an::kMotionCount; ++m) {
        const an::Motion mo = static_cast<an::Motion>(m);
        if (crossed[static_cast<std::size_t>(an::index(an::jointOfMotion(mo, side)))]) {
          info.crossedMotions.push_back(mo);
        }
      }
      mm.instances_.push_back(inst);
      mm.infos_.push_back(std::move(info));
    }
  }

  // L0 and Lmax (right side searched; the left side is its mirror image).
  const an::Pose rest{};
  const std::size_t n = mm.instances_.size();
  mm.restLength_.assign(n, 0.0f);
  mm.invRest_.assign(n, 0.0f);
  mm.invRange_.assign(n, 0.0f);
  for (std::size_t i = 0; i < n; ++i) {
    MuscleInfo& info = mm.infos_[i];
    const float l0 = mm.length(static_cast<int>(i), rest);
    if (!(l0 > 1e-4f)) return Error{"muscle \"" + info.key + "\": zero rest length"};
    info.restLength = l0;
    if (info.side == an::Side::Left) continue;
    // Variables.
    std::vector<Variable> vars;
    bool shoulder = false;
    for (an::Motion mo : info.crossedMotions) {
      if (mo == an::Motion::ShoulderFlexion || mo == an::Motion::ShoulderAbduction ||
          mo == an::Motion::ShoulderHorizontalAdduction) {
        shoulder = true;
        continue;
      }
      const an::RomLimits lim = rom.limits(mo);
      vars.push_back({Variable::Coordinate, an::coord(mo, info.side), lim.min, lim.max});
    }
    if (shoulder) {
      vars.push_back({Variable::ShoulderPlane,
                      an::coord(an::Motion::ShoulderHorizontalAdduction, info.side), -90.0f,
                      135.0f});
      vars.push_back({Variable::ShoulderElevation,
                      an::coord(an::Motion::ShoulderAbduction, info.side), 0.0f, 180.0f});
    }
    auto poseOf = [&](const std::vector<float>& x, an::Pose& pose) {
      pose = an::Pose{};
      float plane = 0.0f;
      float elevation = 0.0f;
      for (std::size_t k = 0; k < vars.size(); ++k) {
        pose.angles[static_cast<std::size_t>(vars[k].coordinate)] = x[k];
        if (vars[k].kind == Variable::ShoulderPlane) plane = x[k];
        if (vars[k].kind == Variable::ShoulderElevation) elevation = x[k];
      }
      return elevation <= maxElevation(plane) + 1e-3f;
    };
    float best = l0;
    an::Pose bestPose{};
    std::vector<float> bestX(vars.size(), 0.0f);
    std::vector<float> x(vars.size(), 0.0f);
    an::Pose pose;
    auto consider = [&](const std::vector<float>& cand) {
      if (!poseOf(cand, pose)) return false;
      const float l = mm.length(static_cast<int>(i), pose);
      if (l > best) {
        best = l;
        bestPose = pose;
        bestX = cand;
        return true;
      }
      return false;
    };
    // 1) Three-level grid (low, middle, high of each range): all combinations up to 6
    //    variables, else 729 combinations drawn by a fixed linear congruential sequence.
    const std::size_t nv = vars.size();
    auto level = [&](std::size_t k, int l) {
      return l == 0 ? vars[k].lo : l == 2 ? vars[k].hi : 0.5f * (vars[k].lo + vars[k].hi);
    };
    std::size_t combos = 1;
    for (std::size_t k = 0; k < nv && combos <= 729; ++k) combos *= 3;
    const bool full = combos <= 729;
    std::uint32_t lcg = 12345u;
    for (std::size_t c = 0; c < (full ? combos : 729u); ++c) {
      std::size_t code = c;
      for (std::size_t k = 0; k < nv; ++k) {
        int l;
        if (full) {
          l = static_cast<int>(code % 3);
          code /= 3;
        } else {
          lcg = lcg * 1664525u + 1013904223u;
          l = static_cast<int>((lcg >> 16) % 3u);
        }
        x[k] = level(k, l);
      }
      consider(x);
    }
    // 2) Coordinate sweeps from the best point: each variable over 25 even steps of its
    //    range with the others held, repeated until a round improves nothing (at most 6).
    for (int round = 0; round < 6; ++round) {
      bool improved = false;
      for (std::size_t k = 0; k < nv; ++k) {
        x = bestX;
        for (int s = 0; s <= 24; ++s) {
          x[k] = vars[k].lo + (vars[k].hi - vars[k].lo) * static_cast<float>(s) / 24.0f;
          if (consider(x)) improved = true;
          x[k] = bestX[k];
        }
      }
      if (!improved) break;
    }
    info.maxLength = best;
    info.maxPose = bestPose;
  }
  for (std::size_t i = 0; i < n; ++i) {
    MuscleInfo& info = mm.infos_[i];
    if (info.side == an::Side::Left) {
      // The left instance follows its right twin (index i + 1) by symmetry.
      const MuscleInfo& r = mm.infos_[i + 1];
      info.maxLength = r.maxLength * info.restLength / r.restLength;
      info.maxPose = an::Pose{};
      for (int c = 0; c < an::kCoordinateCount; ++c) {
        const an::CoordinateKey key = an::coordinateKey(c);
        float v = r.maxPose.angles[static_cast<std::size_t>(c)];
        if (key.side == an::Side::Center) {
          if (key.motion == an::Motion::LumbarLateralFlexion ||
              key.motion == an::Motion::LumbarRotation ||
              key.motion == an::Motion::ThoracicLateralFlexion ||
              key.motion == an::Motion::ThoracicRotation ||
              key.motion == an::Motion::CervicalLateralFlexion ||
              key.motion == an::Motion::CervicalRotation) {
            v = -v;
          }
          info.maxPose.angles[static_cast<std::size_t>(c)] = v;
        } else {
          info.maxPose.set(key.motion,
                           key.side == an::Side::Left ? an::Side::Right : an::Side::Left, v);
        }
      }
    }
    mm.restLength_[i] = info.restLength;
    mm.invRest_[i] = 1.0f / info.restLength;
    const float range = info.maxLength - info.restLength;
    mm.invRange_[i] = range > 1e-6f ? 1.0f / range : 0.0f;
    mm.regions_[an::regionId(info.group, info.side)].push_back(static_cast<int>(i));
  }
  return mm;
}

}  // namespace sv::muscles
