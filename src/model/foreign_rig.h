// Normalising an imported model: metres, +Y up, facing +Z, standing on y = 0 over the origin,
// and, for a humanoid rig, its mapping onto the canonical joints, its rest pose brought to the
// anatomical position and the canonical skeleton fitted to it (docs/foreign-rigs.md).
// Load time only; no assimp here (the importer passes what the file declared).
//
// Decisions, in order:
//  1. Declared units and axes first (FBX UnitScaleFactor and axis metadata, which assimp 5.2
//     leaves unapplied; Collada <unit> and <up_axis>, which assimp applies itself; glTF is
//     metres and +Y up by definition).
//  2. The rig is recognised in that frame (anatomy/rig_mapping.h: names, VRM humanBones, or
//     topology).
//  3. For a humanoid, the skeleton checks the axes: when the feet-to-head direction is more than
//     30° from +Y the declared axes are wrong or missing and that direction becomes +Y; the
//     figure is then turned about +Y until its left (left hip and shoulder minus right ones)
//     points to +X.
//  4. Units: the declared unit stands when it makes the figure 1.3–2.1 m tall (an adult); else
//     the first of metres, centimetres, millimetres, decimetres and inches that does (nearest
//     1.7 m wins); else the figure is scaled to 1.75 m. Its height is the vertical extent of the
//     skinned rest mesh (the joints' head-over-ankle height / 0.861 when the mesh is far off it,
//     e.g. a prop in the file). A non-humanoid keeps its declared unit (none: as is).
//  5. The lowest point of the rest mesh goes to y = 0, the pelvis (a non-humanoid: the centre
//     of its bounds) over the origin.
// The similarity N = offset · rotation · scale is baked into the model — the root nodes' rest
// transforms and animation keys, the mesh positions and normals (bind space) and the inverse
// bind matrices (ibm · N⁻¹) — so every consumer sees the normalised model. N within 1e-4 of
// identity (5 mm offset, 0.01° rotation) is not applied, so well-formed files stay untouched.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "anatomy/rig_mapping.h"
#include "anatomy/skeleton.h"

namespace sv {

struct RiggedModel;

// What the file declares about its units and axes, as the importer found it.
struct SourceUnits {
  std::string format;  // "glTF", "FBX", "Collada" or assimp's format name
  // Metres per unit of the imported scene: declared by the file and not yet applied (FBX:
  // UnitScaleFactor / 100), or already applied (Collada, by assimp: 1), or by definition
  // (glTF: 1). nullopt: the file declares none.
  std::optional<double> metresPerUnit;
  // Rotation from the imported scene's axes to +Y up / +Z front still to apply (FBX axis
  // metadata; identity for glTF and Collada, whose axes assimp already gives as +Y up).
  // nullopt: the file declares none.
  std::optional<glm::quat> axisToYUp;
  std::string unitDeclared;  // for the report: "FBX UnitScaleFactor 1 (centimetres)" …
  std::string axisDeclared;  // "FBX UpAxis +Z, FrontAxis -Y", "Collada Z_UP (applied by assimp)"
  // An explicit humanoid bone map (glTF VRM / VRMC_vrm humanBones), bones as node indices of
  // the RiggedModel.
  std::vector<anatomy::HumanoidBone> humanoidBones;
};

// The normalisation applied (RiggedModel::normalisation).
struct Normalisation {
  float scale = 1.0f;                          // metres per unit of the imported scene
  glm::quat rotation{1.0f, 0.0f, 0.0f, 0.0f};  // after scaling
  glm::vec3 offset{0.0f};                      // metres, last
  glm::mat4 matrix{1.0f};                      // offset · rotation · scale
  bool applied = false;                        // false: within tolerance of identity
  std::string unitSource;  // "declared", "height" (from the figure's height) or "none"
  std::string unit;        // e.g. "centimetres (FBX UnitScaleFactor 1)"
  std::string upSource;    // "declared", "skeleton" or "none"
  std::string up;          // e.g. "+Z up (FBX UpAxis 2): turned to +Y"
  std::string facing;      // e.g. "turned 180° about +Y to face +Z", or "" when unturned
};

// A recognised humanoid rig in normalised space (RiggedModel::rig). For phase 2 (a foreign
// rig as the client in every stretch): `skeleton` plays the role body::fitSkeleton's skeleton
// plays for the built-in body — same joints, frames and conventions, at the rig's size.
struct ForeignRig {
  // The canonical skeleton fitted to the rig in the anatomical position (metres; height =
  // standingHeight). Drive the rig with poses of this skeleton (anatomy::applyToRig).
  anatomy::Skeleton skeleton;
  // Per node: model rotation and position in the anatomical position (anatomy/rig_rest.h).
  std::vector<glm::quat> anatomicalRotation;
  std::vector<glm::vec3> anatomicalPosition;
  float standingHeight = 0.0f;  // metres
  std::string heightSource;     // "mesh" or "joints"
  std::string convention;       // naming convention recognised (anatomy::RigRecognition)
  std::string bindPose;         // "T-pose", "A-pose", "arms at the sides"
  std::array<float, 2> armFromSidesDeg{};
  anatomy::FingerBones fingers = anatomy::kNoFingers;
  // Everything inferred rather than named: spine order, topology, palms, feet, placed joints.
  std::vector<std::string> notes;
};

// Normalises `model` in place (see above) and sets model.normalisation, and for a humanoid
// model.humanoid (with the rest correction to the anatomical position) and model.rig; else
// model.humanoidError says why not. Never fails: degenerate input (no vertices, zero or
// non-finite extents) leaves the model as it is, with the reason in humanoidError or the
// normalisation's strings.
void normaliseModel(RiggedModel& model, const SourceUnits& source);

}  // namespace sv
