// A skinned, possibly animated model in the project's own types (no assimp past the
// importer), and the per-frame jobs that drive it.
//
// Frame (ozz style, no allocation): sampleAnimation (or anatomy::applyToRig) -> local
// transforms -> nodeLocalToModel -> model matrices -> computePalette -> skinning palette,
// uploaded once per frame. The caller owns the three buffers, sized once at load:
// local[nodeCount], model[nodeCount], palette[skinJointNode.size()].
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "anatomy/motion.h"
#include "anatomy/rig_mapping.h"
#include "model/foreign_rig.h"
#include "model/mesh_data.h"

namespace sv {

// Local transform of a node relative to its parent (translation in the parent's units: metres
// once the importer has normalised the model, model/foreign_rig.h).
struct NodeTransform {
  glm::vec3 translation{0.0f};
  glm::quat rotation{1.0f, 0.0f, 0.0f, 0.0f};
  glm::vec3 scale{1.0f};
};

// One animation: per-node key tracks. Times in seconds from the start.
struct AnimationTrack {
  int node = 0;
  std::vector<float> translationTimes;
  std::vector<glm::vec3> translations;
  std::vector<float> rotationTimes;
  std::vector<glm::quat> rotations;
  std::vector<float> scaleTimes;
  std::vector<glm::vec3> scales;
};

struct AnimationClip {
  std::string name;
  float duration = 0.0f;  // seconds
  std::vector<AnimationTrack> tracks;
};

struct RiggedModel {
  // Node tree in depth-first order, parents before children (parents[i] < i, -1 = root).
  std::vector<std::string> nodeNames;  // as in the file; "" when unnamed
  std::vector<int> sourceIndex;        // the node's index in the file (glTF), -1 unknown
  std::vector<int> parents;
  std::vector<NodeTransform> restLocal;
  // Skin: joint i is node skinJointNode[i]; inverseBind[i] maps model space (the mesh's bind
  // space) to joint i's bind frame. Vertex joint indices index these arrays.
  std::vector<int> skinJointNode;
  std::vector<glm::mat4> inverseBind;
  MeshData mesh;  // weights: <= 4, sorted descending, sum 1; region: _MUSCLE id or 0
  std::vector<AnimationClip> animations;
  // Set when the rig maps onto the canonical skeleton (anatomy::recogniseRig: names, a VRM
  // humanoid map or the topology), with the rest correction to the anatomical position of
  // rig->skeleton (foreign_rig.h).
  std::optional<anatomy::RigMapping> humanoid;
  std::optional<ForeignRig> rig;  // set with humanoid
  std::string humanoidError;      // why not, when humanoid is empty
  // What the importer did to bring the file to metres, +Y up, facing +Z, on the floor.
  Normalisation normalisation;

  int nodeCount() const { return static_cast<int>(parents.size()); }
  // The node's name, or "node<file index>" when it has none.
  std::string displayName(int node) const;
  int findNode(std::string_view name) const;  // -1 when absent (load-time use)
};

// Local -> model matrices over the node tree (parents first). Spans must hold nodeCount
// entries; returns false otherwise.
bool nodeLocalToModel(std::span<const int> parents, std::span<const NodeTransform> local,
                      std::span<glm::mat4> modelOut);

// palette[i] = model[skinJointNode[i]] * inverseBind[i]. No allocation. Returns false on
// size mismatch or a joint node out of range.
bool computePalette(std::span<const glm::mat4> model, std::span<const int> skinJointNode,
                    std::span<const glm::mat4> inverseBind, std::span<glm::mat4> paletteOut);

// Samples `clip` at time t (seconds, clamped to [0, duration]; looping is the caller's) into
// `localOut`, starting from `restLocal` for nodes without tracks. Linear interpolation for
// translation/scale, shortest-path slerp for rotation.
bool sampleAnimation(const AnimationClip& clip, float t, std::span<const NodeTransform> restLocal,
                     std::span<NodeTransform> localOut);

// CPU reference of linear blend skinning (what the vertex shader does): weights are
// renormalised; normals use the blended matrix' upper 3x3 and are renormalised.
// Outputs must hold mesh.vertices.size() entries (normalsOut may be empty).
bool skinVertices(const MeshData& mesh, std::span<const glm::mat4> palette,
                  std::span<glm::vec3> positionsOut, std::span<glm::vec3> normalsOut);

// Unit dual quaternion of a rigid transform (Kavan et al. 2007, "Skinning with dual
// quaternions"): real = rotation, dual = 0.5 * (0, t) * real.
struct DualQuat {
  glm::quat real{1.0f, 0.0f, 0.0f, 0.0f};
  glm::quat dual{0.0f, 0.0f, 0.0f, 0.0f};
};

// The dual quaternion of a rigid matrix (rotation + translation). Scale and shear are not
// representable: the rotation is taken from the orthonormalised upper 3x3.
DualQuat dualQuatFromMatrix(const glm::mat4& m);

// Per-frame job after computePalette: dqOut[i] = dual quaternion of palette[i]. No allocation.
// Returns false when dqOut is shorter than palette.
bool computeDualQuatPalette(std::span<const glm::mat4> palette, std::span<DualQuat> dqOut);

// CPU reference of dual-quaternion skinning (what the vertex shader does with uSkinned = 2):
// weights renormalised; each influence's DQ is sign-flipped to the hemisphere of the first
// influence (antipodality), the blend is normalised, positions get its rigid transform and
// normals its rotation. Rigid palettes only (the mannequin); foreign rigs with scale use
// skinVertices. Outputs as for skinVertices.
bool skinVerticesDualQuat(const MeshData& mesh, std::span<const DualQuat> palette,
                          std::span<glm::vec3> positionsOut, std::span<glm::vec3> normalsOut);

// Per-frame buffers for posing a humanoid model (RiggedModel::rig) by anatomical angles; the
// caller sizes them once per model with makeRigPoseBuffers.
struct RigPoseBuffers {
  std::vector<anatomy::Transform> canonicalLocal;  // kJointCount
  std::vector<glm::mat4> canonicalModel;           // kJointCount: rig->skeleton posed, model space
  std::vector<anatomy::Transform> rigRestLocal;    // per node: restLocal without its scale
  std::vector<anatomy::Transform> rigLocal;        // per node: scratch
  std::vector<NodeTransform> nodeLocal;            // per node: the posed local transforms
};
RigPoseBuffers makeRigPoseBuffers(const RiggedModel& model);

// Poses a humanoid model: pose -> rig->skeleton (poseToLocal, localToModel) ->
// canonicalModel -> the rig's bones (anatomy::applyToRig, rest scales kept) -> nodeLocal, ready
// for nodeLocalToModel. Pose::root moves the pelvis in metres. No allocation. Returns false
// (and leaves the buffers) when the model has no rig or the buffers do not fit it.
bool poseRig(const RiggedModel& model, const anatomy::Pose& pose, RigPoseBuffers& buffers);

// Conversions between the anatomy module's rigid transforms and node transforms.
NodeTransform toNodeTransform(const anatomy::Transform& t);
anatomy::Transform toAnatomyTransform(const NodeTransform& t);  // drops scale

// World (model-space) positions of every skin joint at time t of animation `clip` (-1 or no
// animation: the rest pose). For `stretchviz --report`.
struct JointPosition {
  std::string name;  // displayName of the joint's node
  glm::vec3 position{0.0f};
};
std::vector<JointPosition> skinJointPositions(const RiggedModel& model, int clip, float t);

}  // namespace sv
