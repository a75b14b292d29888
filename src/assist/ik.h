// Two-bone inverse kinematics on the canonical skeleton (shoulder-elbow-wrist, hip-knee-ankle).
//
// The middle joint is a pure hinge about its anatomical flexion axis (elbow: R_X(-theta),
// knee: R_X(+theta) in anatomical axes), clamped to [minFlexion, maxFlexion]; so the result
// is always a valid anatomical pose for it (no hyperextension, no varus/valgus). The start
// joint takes a full 3-DOF rotation: it points the chain at the target and turns the middle
// joint toward the pole vector. Unreachable targets give the closest pose (straight or most
// flexed chain pointing at the target); degenerate inputs (target at the start joint, pole
// along the chain) fall back to the current chain direction / a perpendicular: never NaN.
//
// Jobs in the ozz style: the solver writes the local rotations of the start and middle joints
// and refreshes the model matrices of the start joint's subtree only (updateModelRange).
#pragma once

#include <span>

#include "anatomy/skeleton.h"

namespace sv::assist {

struct TwoBoneChain {
  int start = 0;  // shoulder / hip
  int mid = 0;    // elbow / knee (hinge)
  int end = 0;    // wrist / ankle (its position is what reaches the target)
  // Hinge axis in the middle joint's local (bind) frame: positive flexion = rotation about it.
  glm::vec3 hingeAxis{-1.0f, 0.0f, 0.0f};
  float minFlexion = 0.0f;    // degrees
  float maxFlexion = 145.0f;  // degrees
  // Rest-pose segment lengths (metres) and the end joint's offset in the mid joint's frame.
  float upperLength = 0.0f;
  float lowerLength = 0.0f;
  glm::vec3 midOffset{0.0f};  // start -> mid, in the start joint's local frame
  glm::vec3 endOffset{0.0f};  // mid -> end, in the mid joint's local frame (through any
                              // twist joints between them, at their rest rotation)
  int subtreeEnd = 0;         // one past the last joint of the start joint's subtree
};

// Arm (shoulder, elbow, wrist) of `side`; elbow flexion limits [0, maxElbowFlexion].
TwoBoneChain makeArmChain(const anatomy::Skeleton& skeleton, anatomy::Side side,
                          float maxElbowFlexion = 145.0f);
// Leg (hip, knee, ankle) of `side`; knee flexion limits [0, maxKneeFlexion].
TwoBoneChain makeLegChain(const anatomy::Skeleton& skeleton, anatomy::Side side,
                          float maxKneeFlexion = 150.0f);

struct IkResult {
  float flexion = 0.0f;  // degrees of the hinge after solving
  float error = 0.0f;    // metres from the end joint to the target
  bool reached = false;  // error <= 1 mm
  bool clamped = false;  // the target was out of reach (too far or too close)
  glm::vec3 endPosition{0.0f};
};

// Solves the chain for `target` (model space) with the middle joint bending toward `pole`
// (a direction in model space). Reads model[parent of start] and local[], writes
// local[start], local[mid] (rotations only) and model[start .. subtreeEnd).
IkResult solveTwoBone(const anatomy::Skeleton& skeleton, const TwoBoneChain& chain,
                      const glm::vec3& target, const glm::vec3& pole,
                      std::span<anatomy::Transform> local, std::span<glm::mat4> model);

// model[i] = model[parent] * local[i] for i in [from, to) (parents outside the range must be
// up to date). The ozz "update a sub-range after IK" job.
void updateModelRange(const anatomy::Skeleton& skeleton, std::span<const anatomy::Transform> local,
                      std::span<glm::mat4> model, int from, int to);

// Quaternion rotating unit vector a onto unit vector b (shortest arc; a half turn about a
// perpendicular axis when they are opposite). Never NaN for unit inputs.
glm::quat rotationBetween(const glm::vec3& a, const glm::vec3& b);

// A unit vector perpendicular to v (v non-zero).
glm::vec3 anyPerpendicular(const glm::vec3& v);

// v normalised, or `fallback` when |v| is (nearly) zero or not finite.
glm::vec3 safeNormalize(const glm::vec3& v, const glm::vec3& fallback);

}  // namespace sv::assist
