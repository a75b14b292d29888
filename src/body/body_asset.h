// The body asset: a skinned human mesh with shape targets, the points its joints are placed
// at, and how each skin bone follows the canonical (anatomical) skeleton. Converted from the
// MakeHuman base body (CC0) by tools/make_body and shipped as assets/models/body.glb.
//
// Space: metres, +Y up, facing +Z, the character's left = +X. The mesh is stored in its bind
// pose (MakeHuman's A-pose: arms out and down about 45°, elbows bent), in the base shape
// (sex, age, muscle, weight and height all at MakeHuman's 0.5), standing on y = 0.
//
// The file (documented in docs/body.md): one glTF node holds the mesh and the skin, the other
// nodes are the skin bones (model-aligned bind frames: translation only). Root extras
// "stretchviz" hold the format version, the credit, the joint points and the canonical
// joint → point map; each bone node's extras say how it is driven. Loading checks all of it;
// every error names the file and what is wrong.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "anatomy/hand_pose.h"
#include "anatomy/skeleton.h"
#include "core/result.h"
#include "model/mesh_data.h"

namespace sv::body {

inline constexpr int kBodyFormatVersion = 1;
// Most skin bones a body may have (the palette arrays of the per-frame jobs).
inline constexpr int kMaxBones = 96;

// How a skin bone follows the canonical skeleton (see body_rig.h for the maths).
enum class Drive : std::uint8_t {
  Joint,    // rigidly with canonical joint `joint`
  Level,    // with level `level` of the spread (spine) joint `joint`
  Twist,    // with `joint`'s swing and `fraction` of its twist about the segment's axis
  Partial,  // with `fraction` of `joint`'s whole rotation, about the joint's centre
  Finger,   // a finger or thumb bone, driven by the hand pose (finger, segment, side)
};

struct BoneSpec {
  std::string name;
  int parent = -1;     // bone index (parents first), -1 for the root bone
  int headPoint = -1;  // joint point at the bone's head (its bind position)
  int tailPoint = -1;  // joint point at its tail (finger bones: their direction), or -1
  Drive drive = Drive::Joint;
  anatomy::Joint joint = anatomy::Joint::Pelvis;    // Joint, Level, Twist, Partial
  int level = 0;                                    // Level
  float fraction = 1.0f;                            // Twist, Partial
  anatomy::Finger finger = anatomy::Finger::Index;  // Finger
  int segment = 0;                                  // Finger: 0 = proximal (MCP / CMC)
  anatomy::Side side = anatomy::Side::Left;         // Finger
};

// Per-vertex cover channels (`BodyAsset::cover`): clothing and hair as material regions on
// the skin, stored as coverage 0…255 so a shader can cut a crisp edge at 128.
enum class Cover : std::uint8_t { Top, Shorts, Hair, Eye };

struct BodyAsset {
  std::filesystem::path source;  // the file it was loaded from (for messages)
  std::string credit;            // "MakeHuman (makehumancommunity.org), CC0"

  // Mesh (base shape, bind pose). Weights: ≤ 4 per vertex, sorted descending, sum 1.
  std::vector<glm::vec3> positions;
  std::vector<glm::vec3> normals;
  std::vector<std::array<std::uint8_t, 4>> joints;
  std::vector<glm::vec4> weights;
  // Muscle regions (anatomy::regionId) with smooth weights (0…255, sum 255; unused slots 0).
  std::vector<std::array<std::uint8_t, 4>> regionIds;
  std::vector<std::array<std::uint8_t, 4>> regionWeights;
  std::vector<std::array<std::uint8_t, 4>> cover;  // indexed by Cover
  std::vector<std::uint32_t> indices;              // triangles, counter-clockwise

  // Shape targets: position offsets per vertex (dense), named like MakeHuman's macro targets:
  // "macro/<gender>-<age>", "universal/<gender>-<age>-<muscle>-<weight>",
  // "height/<gender>-<age>-<minheight|maxheight>" (see body_shape.h for how they combine).
  std::vector<std::string> targetNames;
  std::vector<std::vector<glm::vec3>> targets;

  // Joint points: where the joints are in the base shape (MakeHuman: the mean of a joint's
  // helper vertices), and their offset under each shape target (the mean is linear, so a
  // joint follows any blend of targets exactly).
  std::vector<std::string> pointNames;
  std::vector<glm::vec3> points;
  std::vector<std::vector<glm::vec3>> pointTargets;  // [target][point]

  // The point each canonical joint sits at.
  std::array<int, anatomy::kJointCount> canonicalPoint{};

  std::vector<BoneSpec> bones;

  // Levels of detail precomputed by the converter (model/mesh_lod.h's buildLods over the base
  // shape), so loading does not simplify: index lists over the same vertices, finest first.
  // Empty = none stored (the loader builds them).
  std::vector<std::uint32_t> lodIndices;
  std::vector<MeshLod> lods;

  int vertexCount() const { return static_cast<int>(positions.size()); }
  int findPoint(std::string_view name) const;  // -1 when absent (load time)
};

// Checks sizes, ranges and references (bones' parents before children, points and joints in
// range, weights normalised, joint indices < bones). Error messages start with `where`.
Status validateBodyAsset(const BodyAsset& asset, const std::string& where);

// Reads a body asset (.glb). Errors name the file and say what to do.
Result<BodyAsset> loadBodyAsset(const std::filesystem::path& path);

// Serialises an asset to GLB bytes (tools/make_body). Deterministic: same asset, same bytes.
std::string writeBodyAsset(const BodyAsset& asset);

// The shipped asset: <data dir>/assets/models/body.glb.
std::filesystem::path defaultBodyPath();

}  // namespace sv::body
