// The body's skin bones driven by the canonical skeleton and the hand poses.
//
// Per frame (allocation-free, no string look-ups): canonical local transforms and model
// matrices (anatomy::poseToLocal / localToModel of the fitted skeleton) plus a hand shape per
// hand -> one skinning matrix per skin bone (model-space bone transform × inverse bind).
//
// A canonically driven bone b has a driver transform F_b(pose) built from the canonical
// skeleton (see Drive); its palette entry is F_b(pose) · F_b(bindPose)^-1, the identity in the
// bind pose. With p = the joint's parent model matrix, t = its rest offset, q = its local
// rotation:
//   Joint    F = model[joint]
//   Level    F = anatomy::levelModel(joint, level)          (spine: a share of the region)
//   Twist    F = p · T(t) · swing(q) · twist(q)^fraction     (twist about the segment axis:
//              humeral / femoral rotation spread along the upper arm and thigh)
//   Partial  F = p · T(t) · slerp(1, q, fraction)            (forearm halves: a share of the
//              pronation; shoulder and hip caps: a share of the swing)
// Finger bones rotate about axes fixed in their bind frame, relative to their parent bone:
//   palette_b = palette_parent · T(head) · R(flex axis, Δflex) · R(spread axis, Δspread) · T(-head)
// with Δ = the hand shape's angle minus the modelled (bind) angle for the fingers, and the
// hand shape's angle itself for the thumb (anatomy/hand_pose.h).
#pragma once

#include <span>
#include <vector>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "anatomy/hand_pose.h"
#include "anatomy/skeleton.h"
#include "body/body_asset.h"
#include "body/body_fit.h"

namespace sv::body {

struct RigBone {
  Drive drive = Drive::Joint;
  int joint = 0;  // canonical joint (not for fingers)
  // The canonical segment the bone belongs to (its joint; a finger's hand joint; a cap's
  // parent): for queries such as "the vertices of the thigh".
  int segment = 0;
  int level = 0;  // Level
  float fraction = 1.0f;
  glm::vec3 twistAxis{0.0f, -1.0f, 0.0f};  // Twist: the segment's axis in the joint's frame
  glm::mat4 driverBindInverse{1.0f};       // F_b(bindPose)^-1
  // Finger bones.
  int parent = -1;
  glm::vec3 head{0.0f};                         // bind position
  int finger = 0, fingerSegment = 0, hand = 0;  // hand: 0 left, 1 right
  glm::vec3 flexAxis{1.0f, 0.0f, 0.0f};
  glm::vec3 spreadAxis{0.0f, 0.0f, 1.0f};
  float bindFlex = 0.0f;    // degrees (fingers; 0 for the thumb, whose angles are deltas)
  float bindSpread = 0.0f;  // degrees
};

struct BodyRig {
  std::vector<RigBone> bones;        // the skin's joints, parents first
  std::vector<glm::mat4> bindModel;  // each bone's bind model matrix (translation to its head)
  int boneCount() const { return static_cast<int>(bones.size()); }
};

// Builds the rig for one shape (points from shapeBody, fit from fitSkeleton).
BodyRig buildRig(const BodyAsset& asset, const BodyFit& fit, std::span<const glm::vec3> points);

// The per-frame job. `local`/`model`: the fitted skeleton's local transforms and model
// matrices (kJointCount each); hands [Left, Right]; paletteOut: boneCount() entries.
// Returns false on a size mismatch (and writes nothing).
bool computeBodyPalette(const BodyRig& rig, const anatomy::Skeleton& skeleton,
                        std::span<const anatomy::Transform> local, std::span<const glm::mat4> model,
                        const anatomy::HandShape& left, const anatomy::HandShape& right,
                        std::span<glm::mat4> paletteOut);

// Splits q into swing × twist about the unit axis `a` (twist = rotation about a). A 180°
// swing leaves the twist undefined: returned as the identity.
void swingTwist(const glm::quat& q, const glm::vec3& a, glm::quat& swing, glm::quat& twist);

}  // namespace sv::body
