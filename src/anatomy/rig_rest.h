// A foreign rig's rest pose brought to the anatomical position, and the canonical skeleton
// fitted to it. Load time only; pure maths (docs/anatomy.md, "Rig mapping").
//
// Input: the rig's rest (bind) pose in model space already normalised to metres, +Y up,
// facing +Z (model/foreign_rig.h does that). Whatever the bind pose — T-pose, A-pose, bent
// elbows, toes out — each limb is turned, bone by bone from the root of the limb, so that it
// lies along the default skeleton's segment directions (arms and legs hanging straight), with
// the palms forward and the feet pointing forward:
//   1. upper arm, forearm and (when the rig has one) hand: each swung by the smallest rotation
//      onto the canonical direction, its descendants carried along;
//   2. palms: the whole arm turned about its (vertical) axis until the index-to-little-finger
//      line points laterally (the thumb side away from the body); without finger bones, a
//      raised arm (T- or A-pose) is taken to have had its palm down, a hanging one forward;
//   3. thigh and shank swung likewise; the foot keeps its bind orientation (flat as modelled)
//      and the whole leg turns about its axis until the toes point forward (+Z).
// The spine, neck, head and clavicles keep their rest orientation. Bones between mapped ones
// (twist bones, Spine2, fingers) ride with their parent.
#pragma once

#include <array>
#include <span>
#include <string>
#include <vector>

#include "anatomy/rig_mapping.h"

namespace sv::anatomy {

struct RigRestPose {
  // Per bone, the model rotation and position in the anatomical position (A_b and its
  // translation; rig_mapping.h's computeRestCorrection takes `rotation`).
  std::vector<glm::quat> rotation;
  std::vector<glm::vec3> position;
  // The bind pose as found: each upper arm's angle from hanging (0 = at the sides, 90 =
  // T-pose; left, right), each elbow's bend, each thigh's angle from vertical.
  std::array<float, 2> armFromSidesDeg{};
  std::array<float, 2> elbowBendDeg{};
  std::array<float, 2> legFromVerticalDeg{};
  std::string bindPose;            // "T-pose", "A-pose" or "arms at the sides"
  std::vector<std::string> notes;  // palms and feet: how each was oriented
};

// `restModel`: the rig's rest model matrices (per bone, parents before children; uniform
// scale tolerated), in normalised model space. Bones of `mapping` must index it.
RigRestPose anatomicalRestPose(const RigMapping& mapping, const FingerBones& fingers,
                               std::span<const int> parents, std::span<const glm::mat4> restModel);

// The canonical skeleton (27 joints, model-aligned frames, identity rest rotations, like
// makeDefaultSkeleton) with each mapped joint on its bone's anatomical-position point and
// `height` as its standing height. Joints the rig lacks are placed from their neighbours and
// Winter's proportions (thoracic and cervical on the lumbar-head line, clavicle, subtalar and
// toes offset from the shoulder and ankle as in the default skeleton scaled to `height`,
// forearm mid-forearm, hand beyond the wrist); each such placement is added to `inferred`.
Skeleton fitRigSkeleton(const RigMapping& mapping, std::span<const glm::vec3> anatomicalPosition,
                        float height, std::vector<std::string>* inferred = nullptr);

}  // namespace sv::anatomy
