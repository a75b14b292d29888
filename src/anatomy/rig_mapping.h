// Mapping a foreign humanoid rig onto the canonical joints, and driving it with anatomical
// angles. Pure C++ (no GL, no assimp); everything here runs once at load except applyToRig,
// which is the per-frame job (no allocation, no strings).
//
// Recognition (docs/foreign-rigs.md): bone names are split into tokens (separators, camelCase
// and letter/digit boundaries), a side is taken from a token in any case ("L", "l", "Left",
// "right" …: `L_shoulder`, `thigh.L`, `thigh_l`, `Bip01 L Thigh`, `mixamorig:LeftUpLeg`,
// `leftUpperArm`), namespace prefixes (`mixamorig:`, `Armature|`) and rig prefixes (`Bip01`,
// `DEF-`, `Character1_`) are ignored, and the rest is looked up in one alias table (Mixamo /
// HumanIK, Blender / Rigify, MakeHuman, Maya, 3ds Max Biped, Unreal / Unity / VRM humanoid,
// anatomical bone names). Spine bones are assigned by their order between the pelvis and the
// neck. An explicit humanoid bone map (glTF VRM `humanBones`) takes precedence over names.
// Where names do not give every required joint, the hierarchy's topology is used instead
// (rig_topology.h): a root with two legs and a spine carrying two arms and a head.
//
// Rest-frame correction (math in docs/anatomy.md, "Rig mapping"): with C_j the canonical
// joint's rest model rotation and A_b the foreign bone's model rotation in the ANATOMICAL
// POSITION (its bind pose brought there by rig_rest.h; A_b = G_b, its rest rotation, when it
// already stands so), the constant K_j = C_j^-1 A_b takes the foreign bone frame into the
// canonical one. A posed canonical model rotation W_j then gives the foreign bone's model
// rotation W'_b = W_j K_j, and its local rotation W'_parent^-1 W'_b. Foreign bones without a
// canonical joint keep their rest local rotation (they ride along with their parent).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "anatomy/hand_pose.h"
#include "anatomy/skeleton.h"
#include "core/result.h"

namespace sv::anatomy {

// How a canonical joint's bone was found (for the report).
enum class MatchSource : std::uint8_t {
  None,         // unmapped
  Name,         // the bone's name
  HumanoidMap,  // an explicit humanoid bone map in the file (VRM humanBones)
  Spine,        // a spine bone, by its order between the pelvis and the neck
  Topology,     // the hierarchy's shape and the rest positions (no usable name)
};
std::string_view matchSourceName(MatchSource s);  // "name", "humanoid_map", "spine", "topology"

struct RigMapping {
  // Foreign bone index per canonical joint, -1 when the rig has no such bone (optional
  // joints only: thoracic, cervical, clavicles, forearm twist, hand, subtalar, toes).
  std::array<int, kJointCount> boneOfJoint{};
  std::array<MatchSource, kJointCount> source{};
  // K_j above (identity until computeRestCorrection runs).
  std::array<glm::quat, kJointCount> restCorrection{};
  // Recognised extra spine bone above the thoracic one (Mixamo Spine2, VRM upperChest), or
  // -1. It keeps its rest rotation.
  int upperChestBone = -1;
  // Uniform model-space scale of the pelvis bone's parent at rest (a file whose root node
  // scales centimetres to metres: 0.01). The pelvis displacement, in metres, is divided by it.
  float pelvisParentScale = 1.0f;
};

// Finger bones found by name, per side (0 left, 1 right), indexed by anatomy::Finger
// (hand_pose.h), for orienting the palms: the proximal bone of each finger, -1 when absent.
using FingerBones = std::array<std::array<int, kFingerCount>, 2>;
inline constexpr FingerBones kNoFingers = {{{-1, -1, -1, -1, -1}, {-1, -1, -1, -1, -1}}};

// What recognition reads about a rig. Spans are per bone (node), in one order; `parents`
// lists parents before children (-1 = root).
struct RigBones {
  std::span<const std::string> names;  // "" = unnamed
  // Optional (empty = unknown). Without parents, spine bones are ordered by their listing
  // and no structural check or topology fallback is possible.
  std::span<const int> parents;
  // Optional rest model positions, any unit. Used for the spine's thoracic level and by the
  // topology fallback, which takes up from the pelvis toward the head and the front from the
  // feet: the mesh's feet ahead of its shins (`surface`, the rest mesh's points in the same
  // space), else the toe bones ahead of the ankles, else `assumedFront`.
  std::span<const glm::vec3> positions;
  std::span<const glm::vec3> surface;
  glm::vec3 assumedFront{0.0f, 0.0f, 1.0f};
  // Optional: 1 for bones that deform the mesh (skin joints). Deforming bones win over
  // helpers with the same name (Rigify's DEF- over ORG- bones); the topology fallback only
  // follows bones that deform or have deforming descendants.
  std::span<const std::uint8_t> deforms;
};

// One entry of an explicit humanoid bone map: a VRM / Unity humanoid bone name ("hips",
// "leftUpperArm", "rightToes" …) and the bone it names.
struct HumanoidBone {
  std::string name;
  int bone = -1;
};

struct RigRecognition {
  RigMapping mapping;
  FingerBones fingers{};
  // The naming convention most of the recognised names follow ("Mixamo", "Unreal",
  // "Blender/Rigify", "MakeHuman", "3ds Max Biped", "Maya", "anatomical", "VRM humanoid",
  // "stretchviz", "generic", "none (topology)").
  std::string convention;
  // One line per inference that was not a plain name match ("lumbar: 'spine_01', the lowest
  // spine bone", "topology: pelvis = node2 …").
  std::vector<std::string> notes;
};

bool isRequiredJoint(Joint j);

// Recognises a rig. Error: "rig mapping: required joint(s) not found among N bones: hip_l,
// …" (every missing required joint), followed by why the topology fallback did not apply
// when it was tried.
Result<RigRecognition> recogniseRig(const RigBones& bones,
                                    std::span<const HumanoidBone> humanoidMap = {});

// Names only (no hierarchy): recogniseRig({names}).mapping.
Result<RigMapping> mapRigBones(std::span<const std::string> boneNames);

// The canonical joint an explicit humanoid bone name stands for (VRM 0.x / 1.0 and Unity
// humanoid names, case-insensitive), or nullopt (fingers other than the middle proximal,
// eyes, jaw …). upperChest is reported through `upperChest`.
std::optional<Joint> humanoidBoneJoint(std::string_view name, bool* upperChest = nullptr);

// Computes restCorrection K_j = C_j^-1 A_b from the foreign bones' model rotations in the
// anatomical position (`anatomicalRotation`, indexed by bone; rig_rest.h) and the pelvis
// parent's scale from `foreignRestModel` (indexed by bone; its uniform scale is read from the
// pelvis parent's matrix). Error when a mapped bone is outside either span.
Status computeRestCorrection(RigMapping& mapping, const Skeleton& canonical,
                             std::span<const glm::quat> anatomicalRotation,
                             std::span<const int> foreignParents,
                             std::span<const glm::mat4> foreignRestModel);
// The same for a rig whose rest pose already is the anatomical position: A_b = the rotation
// of foreignRestModel[b] (uniform scale tolerated), pelvisParentScale 1.
Status computeRestCorrection(RigMapping& mapping, const Skeleton& canonical,
                             std::span<const glm::mat4> foreignRestModel);

// Poses a foreign rig from posed canonical model matrices. foreignParents: parent bone index
// per foreign bone (-1 for roots), parents before children. foreignRestLocal: the rig's rest
// local transforms. Writes foreignLocalOut (same size) and returns false on size mismatch.
// The foreign bone mapped to the pelvis follows the canonical pelvis translation (offset from
// rest, divided by pelvisParentScale); other translations keep their rest values.
bool applyToRig(const Skeleton& canonical, const RigMapping& mapping,
                std::span<const glm::mat4> canonicalModel, std::span<const int> foreignParents,
                std::span<const Transform> foreignRestLocal, std::span<Transform> foreignLocalOut);

}  // namespace sv::anatomy
