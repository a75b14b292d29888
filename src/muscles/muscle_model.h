// Muscle-tendon lengths for any pose: the runtime model built from a MuscleSet.
//
// Each muscle (both sides: instance index 2 * definition + (side == Right)) is a polyline
// through its active attachment points, each point carried by its bone's model-space matrix
// (from anatomy::localToModel). Its length L is the sum of the segment lengths. Two measures:
//   strain = L / L0 - 1, L0 = length in the anatomical position (all angles 0);
//   share  = (L - L0) / (Lmax - L0), Lmax = the longest the muscle gets anywhere inside the
//            normal ranges (RomTable default source) of the joints it crosses, found once at
//            build time by sampling those ranges (docs/muscles.md, "Lmax").
// Per muscle group and side, the value is the largest share of its members.
// evaluate() is allocation-free (flat point arrays and per-region index lists are built once).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "anatomy/motion.h"
#include "anatomy/muscle_groups.h"
#include "anatomy/rom.h"
#include "anatomy/skeleton.h"
#include "core/result.h"
#include "muscles/muscle_set.h"

namespace sv::muscles {

struct MuscleValue {
  float length = 0.0f;  // metres
  float strain = 0.0f;  // L / L0 - 1
  float share = 0.0f;   // (L - L0) / (Lmax - L0); < 0 = shorter than anatomical, > 1 = beyond
};

struct MuscleInfo {
  std::string id;    // "soleus"
  std::string name;  // "Soleus"
  std::string key;   // "soleus_r" / "soleus_l"
  anatomy::Side side = anatomy::Side::Right;
  anatomy::MuscleGroup group = anatomy::MuscleGroup::Hamstrings;
  int definition = 0;                           // index into the MuscleSet
  float restLength = 0.0f;                      // L0
  float maxLength = 0.0f;                       // Lmax
  anatomy::Pose maxPose;                        // where Lmax was found
  std::vector<anatomy::Motion> crossedMotions;  // motions of the joints the muscle crosses
};

class MuscleModel {
 public:
  // Scales the set to `skeleton.height`, mirrors it for the left side and finds L0 and Lmax.
  // Errors: a point whose bone is missing from the path (none for the canonical skeleton) or
  // a muscle of zero rest length.
  static Result<MuscleModel> build(const MuscleSet& set, const anatomy::Skeleton& skeleton,
                                   const anatomy::RomTable& rom);

  int count() const { return static_cast<int>(infos_.size()); }
  const MuscleInfo& info(int muscle) const { return infos_[static_cast<std::size_t>(muscle)]; }
  // Instance index of muscle `id` on `side`, -1 when unknown.
  int find(std::string_view id, anatomy::Side side) const;
  const anatomy::Skeleton& skeleton() const { return skeleton_; }
  const std::string& credit() const { return credit_; }

  // Every muscle for a pose whose model matrices are already computed (kJointCount entries,
  // from poseToLocal + localToModel of this model's skeleton). `out` must hold count()
  // values. Allocation-free.
  void evaluate(const anatomy::Pose& pose, std::span<const glm::mat4> model,
                std::span<MuscleValue> out) const;
  // Same, running the forward kinematics itself (on the stack).
  void evaluate(const anatomy::Pose& pose, std::span<MuscleValue> out) const;

  float length(int muscle, const anatomy::Pose& pose, std::span<const glm::mat4> model) const;
  float length(int muscle, const anatomy::Pose& pose) const;
  // Active path points of one muscle in model space; returns how many were written (at most
  // out.size()).
  int path(int muscle, const anatomy::Pose& pose, std::span<const glm::mat4> model,
           std::span<glm::vec3> out) const;

  // Per region id (anatomy::regionId(group, side); out.size() >= kMuscleRegionCount): the
  // largest share of the region's muscles; 0 for regions without muscles (hasMuscles false).
  void regionShares(std::span<const MuscleValue> values, std::span<float> out) const;
  // The member with the largest share in a region (-1 when the region has no muscles).
  int regionLeader(std::span<const MuscleValue> values, std::uint16_t region) const;
  bool hasMuscles(std::uint16_t region) const;
  std::span<const int> regionMembers(std::uint16_t region) const;

 private:
  struct Point {
    glm::vec3 position{0.0f};  // scaled, mirrored for the left side
    std::uint8_t bone = 0;
    std::uint8_t flags = 0;        // kActive | kMoving | kKnee | kMirror
    std::int16_t coordinate = -1;  // Pose::angles index for active/moving
    float min = 0.0f, max = 0.0f;  // active range
    std::int16_t moving = -1;      // index into moving_
    std::uint8_t kneeSide = 0;     // 0 left, 1 right (for kKnee)
  };
  struct Moving {
    int def = 0;    // defs_ index
    int point = 0;  // point index in that definition
  };
  struct Instance {
    int first = 0;
    int count = 0;
  };
  void kneeOffsets(const anatomy::Pose& pose, glm::vec3 out[2]) const;
  template <class Visit>
  void walkPath(int muscle, const anatomy::Pose& pose, std::span<const glm::mat4> model,
                const glm::vec3 knee[2], Visit&& visit) const;
  float lengthWith(int muscle, const anatomy::Pose& pose, std::span<const glm::mat4> model,
                   const glm::vec3 knee[2]) const;

  anatomy::Skeleton skeleton_;
  std::string credit_;
  float scale_ = 1.0f;
  std::vector<MuscleDef> defs_;  // owned copy (moving points' splines)
  std::optional<KneeTranslation> knee_;
  std::vector<MuscleInfo> infos_;
  std::vector<Instance> instances_;
  std::vector<Point> points_;
  std::vector<Moving> moving_;
  std::vector<float> restLength_, invRest_, invRange_;
  std::array<std::vector<int>, anatomy::kMuscleRegionCount> regions_;
};

}  // namespace sv::muscles
