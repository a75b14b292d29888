// The mannequin's body as a signed distance field (metres, model space, bind pose).
//
// Primitives (round cones, ellipsoids, rounded boxes, one elliptical loft for the trunk) are
// tagged with the canonical joint whose transform moves them. They are grouped: the trunk and
// one group per limb. Inside a group primitives are joined with a smooth minimum; each limb
// is blended with the trunk only (scoped smooth minimum), and limbs meet each other with a
// plain minimum, so thighs do not fuse and hands do not web to the hips.
//
// Limb primitives are designed in the anatomical position (rest pose) for the LEFT side and
// mirrored for the right; they are then carried into the bind pose (arms abducted, see
// kBindShoulderAbductionDeg) by their joint's bind transform.
#pragma once

#include <array>
#include <vector>

#include <glm/glm.hpp>

#include "anatomy/skeleton.h"

namespace sv::mannequin {

// Arms are abducted this much in the mesh's bind pose so the arm and hand surfaces stay clear
// of the trunk and thighs. The glTF nodes keep the canonical rest pose (arms at the sides);
// the inverse bind matrices are those of this bind pose.
inline constexpr float kBindShoulderAbductionDeg = 12.0f;

struct Primitive {
  enum class Kind { RoundCone, Ellipsoid, RoundBox };
  Kind kind = Kind::Ellipsoid;
  int bone = 0;             // canonical joint index
  glm::vec3 a{0.0f};        // round cone: end a; ellipsoid/box: centre
  glm::vec3 b{0.0f};        // round cone: end b
  float r1 = 0.0f;          // round cone radius at a; box rounding radius
  float r2 = 0.0f;          // round cone radius at b
  glm::vec3 radii{0.0f};    // ellipsoid radii / box half extents (before rounding)
  glm::mat3 toLocal{1.0f};  // model -> primitive frame (ellipsoid, box)
  glm::vec3 boundCentre{0.0f};
  float boundRadius = 0.0f;
  float distance(const glm::vec3& p) const;
};

struct Group {
  std::vector<Primitive> prims;
  float k = 0.02f;  // smooth-min radius inside the group
  glm::vec3 boundCentre{0.0f};
  float boundRadius = 0.0f;
};

class BodySdf {
 public:
  explicit BodySdf(const anatomy::Skeleton& skeleton);

  float distance(const glm::vec3& p) const;
  glm::vec3 gradient(const glm::vec3& p) const;  // central differences, normalised
  // Per canonical joint: the smallest distance of the primitives it moves (large when none).
  void boneDistances(const glm::vec3& p, std::array<float, anatomy::kJointCount>& out) const;

  // Bind-pose model matrices (joint -> model), and rest-pose ones.
  const std::array<glm::mat4, anatomy::kJointCount>& bindModel() const { return bindModel_; }

  // Trunk loft tag weights (pelvis, lumbar, thoracic) at height y.
  static glm::vec3 trunkTags(float y);
  static constexpr float kTagSigma = 0.012f;  // metres; see boneDistances

 private:
  float trunkLoft(const glm::vec3& p) const;
  float groupDistance(const Group& g, const glm::vec3& p) const;

  const anatomy::Skeleton& skeleton_;
  std::array<glm::mat4, anatomy::kJointCount> bindModel_{};
  Group trunk_;
  std::vector<Group> limbs_;  // arm L, arm R, leg L, leg R
  std::vector<float> limbK_;  // smooth-min radius of each limb with the trunk
  // Digits (the thumb, the four fingers): each is joined to its arm group (in practice the
  // palm) with a smooth minimum, and digits meet each other with a plain minimum so the thumb
  // does not web to the index finger.
  struct Digit {
    int limb = 0;
    std::vector<Primitive> prims;
    float k = 0.006f;      // smooth-min radius between the digit's own segments
    float kPalm = 0.010f;  // smooth-min radius with the palm
    glm::vec3 boundCentre{0.0f};
    float boundRadius = 0.0f;
  };
  std::vector<Digit> digits_;
};

}  // namespace sv::mannequin
