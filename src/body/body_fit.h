// Fitting the canonical (anatomical) skeleton to a shaped body.
//
// The body's mesh is modelled in an A-pose (its bind pose); the canonical skeleton's rest pose
// is the anatomical position (arms at the sides, palms forward, legs straight below the hips),
// with model-aligned joint frames, so zero anatomical angles mean the anatomical position.
// The fit finds both: the joints' positions in the anatomical position and the anatomical
// angles of the bind pose, such that posing the skeleton at those angles puts every joint
// exactly on its joint point (docs/body.md, "Fitting the skeleton"):
//  - trunk, neck, head and clavicles keep the modelled posture (bind = rest);
//  - each upper arm swings from hanging straight down to its modelled direction (no twist),
//    the elbow flexes to the forearm's direction, and forearm pronation with wrist flexion and
//    deviation turn the palm (forward at rest) to its modelled direction;
//  - each thigh swings from straight down to its modelled direction, the knee flexes to the
//    shank's, and the ankle and subtalar joints keep the foot as modelled (level on the floor).
// The rest offsets are then the bind offsets taken back through the bind rotations, and the
// spine joints spread their motion over the levels the skin bones declare.
#pragma once

#include <array>
#include <span>

#include <glm/glm.hpp>

#include "anatomy/motion.h"
#include "anatomy/skeleton.h"
#include "body/body_asset.h"
#include "core/result.h"

namespace sv::body {

struct BodyFit {
  anatomy::Skeleton skeleton;  // rest = anatomical position; levels on the spine joints
  anatomy::Pose bindPose;      // the mesh's pose in anatomical angles
  // Canonical joints' model matrices in the bind pose (= the skeleton posed at bindPose).
  std::array<glm::mat4, anatomy::kJointCount> bindModel{};
  // Palm normal (unit, pointing out of the palm) and the joint points of each hand in the
  // bind pose, [Left, Right]: what the finger axes are built from.
  std::array<glm::vec3, 2> palmNormal{};
};

// `points` = the asset's joint points for one shape (body_shape.h). Errors name the joint
// whose points are degenerate (coincident).
Result<BodyFit> fitSkeleton(const BodyAsset& asset, std::span<const glm::vec3> points);

}  // namespace sv::body
