// Mapping a foreign humanoid rig (Mixamo, VRM/Unity humanoid, the project's own mannequin)
// onto the canonical joints, and driving it with anatomical angles.
//
// Rest-frame correction (math in docs/anatomy.md, "Rig mapping"): with C_j the canonical
// joint's rest model rotation and G_b the foreign bone's rest model rotation, the constant
// K_j = C_j^-1 G_b takes the foreign bone frame into the canonical one. A posed canonical
// model rotation W_j then gives the foreign bone's model rotation W'_b = W_j K_j, and its
// local rotation W'_parent^-1 W'_b. Foreign bones without a canonical joint keep their rest
// local rotation.
#pragma once

#include <array>
#include <span>
#include <string>

#include "anatomy/skeleton.h"
#include "core/result.h"

namespace sv::anatomy {

struct RigMapping {
  // Foreign bone index per canonical joint, -1 when the rig has no such bone (optional
  // joints only: thoracic, cervical, clavicles, forearm twist, hand, subtalar, toes).
  std::array<int, kJointCount> boneOfJoint{};
  // K_j above (identity until computeRestCorrection runs).
  std::array<glm::quat, kJointCount> restCorrection{};
  // Recognised extra spine bone above the thoracic one (Mixamo Spine2, VRM upperChest), or
  // -1. It keeps its rest rotation.
  int upperChestBone = -1;
};

bool isRequiredJoint(Joint j);

// Recognises bone names (case-insensitive; any prefix ending in ':' or '|', such as
// "mixamorig:", is ignored, and separators '_', '-', '.', ' ' are ignored). Error names
// every missing required canonical joint.
Result<RigMapping> mapRigBones(std::span<const std::string> boneNames);

// Computes restCorrection from the foreign rig's rest model-space transforms (rotation part
// used; uniform scale tolerated). foreignRestModel is indexed by foreign bone.
Status computeRestCorrection(RigMapping& mapping, const Skeleton& canonical,
                             std::span<const glm::mat4> foreignRestModel);

// Poses a foreign rig from posed canonical model matrices. foreignParents: parent bone index
// per foreign bone (-1 for roots), parents before children. foreignRestLocal: the rig's rest
// local transforms. Writes foreignLocalOut (same size) and returns false on size mismatch.
// The foreign root bone mapped to the pelvis follows the canonical pelvis translation
// (offset from rest); other translations keep their rest values.
bool applyToRig(const Skeleton& canonical, const RigMapping& mapping,
                std::span<const glm::mat4> canonicalModel, std::span<const int> foreignParents,
                std::span<const Transform> foreignRestLocal, std::span<Transform> foreignLocalOut);

}  // namespace sv::anatomy
