// Anatomical angles <-> joint rotations, and forward kinematics.
//
// Jobs in the ozz style: free functions over caller-owned spans; no allocation, no string
// look-ups. Spaces: "local" = relative to the parent joint (the skeleton's bind frames);
// "model" = the character's model space (metres, +Y up, facing +Z, left = +X).
// Angles are degrees at this API; radians only inside.
//
// Decompositions (details and singularities in docs/anatomy.md):
//  - spine segments, hip, knee, ankle, subtalar, toes, clavicle, elbow, forearm, wrist:
//    Cardan sequences after ISB (Wu et al. 2002, 2005), primary motion first;
//  - shoulder (glenohumeral): ISB Y-X-Y (plane of elevation, elevation, axial rotation)
//    written as swing-twist. Flexion and abduction are the sagittal and coronal components
//    of the swing; horizontal adduction turns the plane of elevation forward; internal
//    rotation is the twist about the humerus. Elevation 0 is regular; 180 is handled by
//    continuity with a previous measurement.
#pragma once

#include <span>

#include "anatomy/motion.h"
#include "anatomy/skeleton.h"

namespace sv::anatomy {

// The rotation a joint's motions produce, in model-aligned anatomical axes (X left, Y up,
// Z anterior), for the given joint (left, right or midline). Identity for joints without
// motions (pelvis, head, hand). The left and right results are mirror images (x -> -x).
glm::quat anatomicalRotation(Joint joint, const Pose& pose);

// Pose -> local joint transforms in the skeleton's bind frames. `localOut` must hold
// kJointCount transforms; returns false (and writes nothing) otherwise.
bool poseToLocal(const Skeleton& skeleton, const Pose& pose, std::span<Transform> localOut);

// Local transforms -> model-space matrices (parent before child). Spans must hold
// kJointCount entries; returns false otherwise. A joint's matrix has its origin at the joint
// centre and its whole rotation. Spread joints (Skeleton::levels) bend over their levels: their
// children hang from the frame carried past the last level (childFrame), not from the joint's
// matrix, so a spine region curves instead of kinking at one point.
bool localToModel(const Skeleton& skeleton, std::span<const Transform> local,
                  std::span<glm::mat4> modelOut);

// One joint's model matrix from the frame its parent hands down (the parent's model matrix,
// or childFrame() of a spread parent) and its local transform — what localToModel does per
// joint, for IK that re-poses part of a chain.
glm::mat4 jointModel(const Skeleton& skeleton, int joint, const glm::mat4& parentFrame,
                     const Transform& local);
// The frame a joint hands to its children: jointModel() for an ordinary joint, the frame
// carried past the last level for a spread one.
glm::mat4 childFrame(const Skeleton& skeleton, int joint, const glm::mat4& parentFrame,
                     const Transform& local);
// The frame of level `level` (0 … levels.count-1) of a spread joint, expressed like the
// joint's own frame (the same matrix at rest; origin shifted back from the level's pivot): the
// last level is childFrame(). Skin bones that cover one vertebral level follow it.
glm::mat4 levelModel(const Skeleton& skeleton, int joint, const glm::mat4& parentFrame,
                     const Transform& local, int level);

// Measures the anatomical angles of ANY pose (the inverse of poseToLocal). The result is in
// canonical form: shoulder.horizontal_adduction is folded into shoulder flexion/abduction
// (reads 0; use measureShoulder() for the plane of elevation). `previous`, when given, is
// the last measurement of the same motion sequence: it keeps the shoulder angles continuous
// through elevation 180 (where axial rotation is undefined) and picks the nearer of the two
// equivalent readings past 180. Off-axis rotation at single-motion joints (e.g. knee
// varus) is not reported.
Pose measurePoseLocal(const Skeleton& skeleton, std::span<const Transform> local,
                      const Pose* previous = nullptr);
// Same from model-space matrices (rigid; scale is not supported).
Pose measurePose(const Skeleton& skeleton, std::span<const glm::mat4> model,
                 const Pose* previous = nullptr);

// ISB-style shoulder angles (degrees), as a goniometer-minded gauge wants them.
struct ShoulderAngles {
  // Plane of elevation measured from the coronal plane toward the front: 0 = abduction
  // plane, 90 = flexion plane, > 90 = across the body (= horizontal adduction reading),
  // < 0 = behind the coronal plane (horizontal abduction). Carried from `previous` (or 0)
  // when the arm hangs within 0.01 degrees of vertical, where it is undefined.
  float planeOfElevation = 0.0f;
  float elevation = 0.0f;         // angle of the humerus from hanging vertically, >= 0
  float axialRotationIsb = 0.0f;  // ISB Y-X-Y third angle, internal positive
  float internalRotation = 0.0f;  // clinical: twist about the humerus (= ISB axial + plane)
};
// From a pose's shoulder values (no kinematics involved).
ShoulderAngles shoulderAnglesOf(const Pose& pose, Side side);
// Measured from model-space matrices.
ShoulderAngles measureShoulder(const Skeleton& skeleton, std::span<const glm::mat4> model,
                               Side side, const ShoulderAngles* previous = nullptr);

// Mirror image (x -> -x) of a rotation: (w, x, y, z) -> (w, x, -y, -z).
inline glm::quat mirrorX(const glm::quat& q) {
  return glm::quat(q.w, q.x, -q.y, -q.z);
}

// The shortest rotation taking unit vector a onto unit vector b (a half turn about an axis
// normal to a when they are opposite).
glm::quat shortestRotation(const glm::vec3& a, const glm::vec3& b);

}  // namespace sv::anatomy
