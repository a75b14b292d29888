// Loads skinned models (glTF 2.0 .gltf/.glb, FBX, Collada … anything assimp 5.2 reads) into
// RiggedModel. This file's .cpp is the only place in the project that includes assimp.
//
// What the importer guarantees: nodes in depth-first order with parents first; skin joints
// as node indices with their inverse bind matrices; per vertex at most 4 influences, zero and
// negative weights dropped, sorted by weight, renormalised to sum 1; muscle-region ids from a
// glTF `_MUSCLE` attribute; animations with times in seconds.
//
// Validation (the Error message names the file and the problem, escaped for the terminal;
// no input ends in an exception or a signal):
//   missing file                      "<path>: file not found"
//   a directory, FIFO, device         "<path>: is a directory, not a model" / "… is not a
//                                     regular file"
//   larger than 256 MiB               "<path>: file too large: … (the limit is 256 MiB)"
//   glTF that fails the reader        "<path>: <JSON pointer>: <reason>" (gltf_io.h parseAsset,
//                                     gltf_check.h: types, indices, accessor bounds, buffer
//                                     URIs, node depth, version …), checked before assimp
//   not a model / corrupt             "<path>: not a model: <assimp's reason>"
//   no skinned mesh                   "<path>: no skin (no mesh has joint weights)"
//   duplicate joint names             "<path>: duplicate joint name '<name>' (skin joints N and M)"
//   joint index out of range          "<path>: joint index J out of range (skin has N joints) in
//                                     mesh M"
//   bone not in the node tree         "<path>: skin joint '<name>' is not a node of the scene"
//   face index out of range           "<path>: face index I out of range (mesh M has N vertices)"
//   not a humanoid (when required)    "<path>: rig mapping: required joint(s) not found …
//                                     <joint names>; topology: <why the shape is not one>"
// Non-glTF formats (FBX, Collada …) go to assimp unchecked beyond the size limit: a hostile
// FBX node hierarchy deep enough to overflow assimp's recursion is not detected.
//
// assimp 5.2 quirks and the workarounds here (cf. Magnum's AssimpImporter.h):
//  - aiBone::mOffsetMatrix is the glTF inverse bind matrix, row-major: transposed for GLM.
//    The rest pose (node transforms) is not the bind pose: offsets are never derived from it.
//  - aiProcess_LimitBoneWeights renormalises only the vertices it trims and deletes bones left
//    without weights, and real files carry unnormalised weights (CesiumMan: 210 vertices):
//    not used; weights are gathered from aiBone::mWeights by hand (drop <= 0, top 4,
//    renormalise).
//  - JOINTS_1/WEIGHTS_1 are imported, so a vertex may have more than 4 influences: trimmed.
//  - Bones without weights are dropped by assimp's glTF importer, so the skeleton is built
//    from the node tree, never from mBones; for glTF files the skin's joint list (and the
//    inverse bind matrices of unweighted joints) is read from the file itself.
//  - Unnamed glTF nodes are named "nodes[<i>]" by assimp: stored as unnamed with source
//    index i (displayName "node<i>"). Duplicate names survive import: skin joints with
//    duplicate names are rejected, since bones are matched to nodes by name.
//  - A scene with several root nodes gets a synthetic root node ("ROOT"): kept (identity).
//  - Custom vertex attributes (`_MUSCLE`) are not imported: read from the glTF accessor
//    directly (gltf_io.h). This relies on assimp keeping glTF vertex order, which holds
//    without aiProcess_JoinIdenticalVertices (not used); the positions are compared to make
//    sure, and the regions are left 0 with a warning if they differ.
//  - Out-of-range JOINTS_n values are not checked by assimp: checked here from the file
//    before assimp reads it.
//  - Animation times are in ticks: mTicksPerSecond is 1000 for glTF (0 means 25, assimp's
//    default). STEP and CUBICSPLINE samplers arrive as linear keys. Channel order is not
//    preserved (tracks are matched to nodes by name). Looping is the caller's.
//  - aiProcess_PreTransformVertices destroys bones and animations: never used.
//  - Skinned vertices are in the skin's bind space: the mesh node's own transform is not
//    applied (glTF rule), also for other formats.
//  - FBX: UnitScaleFactor (centimetres per unit) and the axis settings (UpAxis, FrontAxis,
//    CoordAxis and signs) arrive as scene metadata and are NOT applied (AI_CONFIG_FBX_CONVERT_TO_M
//    is off, and there is no axis conversion): normaliseModel applies them. Collada: <unit meter>
//    and <up_axis> ARE applied, as the root node's scale and rotation; the declared values are read
//    from the file's header for the report only.
//  - assimp's own FBX exporter writes UnitScaleFactor 1 (centimetres) whatever the scene's unit,
//    drops the root node's transform, and its binary output does not read back ("block offset
//    is out of range"); its ASCII FBX and Collada do (tests/model/assimp_convert.h).
//
// After import every model is normalised (model/foreign_rig.h, docs/foreign-rigs.md): metres,
// +Y up, facing +Z, on the floor over the origin, and a humanoid rig is mapped, its bind pose
// brought to the anatomical position and the canonical skeleton fitted to it.
#pragma once

#include <filesystem>

#include "core/result.h"
#include "model/rigged_model.h"

namespace sv {

struct ImportOptions {
  // Fail when the node names cannot be mapped onto the canonical skeleton (a model meant to
  // be driven by anatomical angles). When false, a non-humanoid rig loads with
  // RiggedModel::humanoid empty and plays its own animation.
  bool requireHumanoid = false;
  // Normalise units, axes and placement and map the rig (model/foreign_rig.h). false: the
  // scene as assimp gives it, no mapping (RiggedModel::humanoid empty) — for benchmarks and
  // comparisons with other importers; `sourceUnits` then receives what the file declared.
  bool normalise = true;
  SourceUnits* sourceUnits = nullptr;
};

Result<RiggedModel> importModel(const std::filesystem::path& path,
                                const ImportOptions& options = {});

}  // namespace sv
