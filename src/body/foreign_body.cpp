#include "body/foreign_body.h"

#include <algorithm>
#include <array>

namespace sv::body {

std::vector<int> rigSkinSegments(const RiggedModel& model) {
  if (!model.humanoid || !model.rig) return {};
  const int n = model.nodeCount();
  std::vector<int> jointOfNode(static_cast<std::size_t>(n), -1);
  for (int j = 0; j < anatomy::kJointCount; ++j) {
    const int node = model.humanoid->boneOfJoint[static_cast<std::size_t>(j)];
    if (node >= 0 && node < n) jointOfNode[static_cast<std::size_t>(node)] = j;
  }
  std::vector<int> out(model.skinJointNode.size(), anatomy::index(anatomy::Joint::Pelvis));
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (int node = model.skinJointNode[i]; node >= 0 && node < n;
         node = model.parents[static_cast<std::size_t>(node)]) {
      if (jointOfNode[static_cast<std::size_t>(node)] >= 0) {
        out[i] = jointOfNode[static_cast<std::size_t>(node)];
        break;
      }
    }
  }
  return out;
}

Result<Body> bodyFromRig(const RiggedModel& model) {
  if (!model.humanoid || !model.rig) {
    return Error{"not a humanoid rig: " +
                 (model.humanoidError.empty() ? std::string("no mapping") : model.humanoidError)};
  }
  if (model.mesh.vertices.empty()) return Error{"the rig has no mesh to stage"};
  // The rig in the anatomical position (the rest of its fitted skeleton).
  RigPoseBuffers buffers = makeRigPoseBuffers(model);
  if (!poseRig(model, anatomy::Pose{}, buffers)) return Error{"the rig could not be posed"};
  std::vector<glm::mat4> nodeModel(static_cast<std::size_t>(model.nodeCount()));
  std::vector<glm::mat4> palette(model.skinJointNode.size());
  if (!nodeLocalToModel(model.parents, buffers.nodeLocal, nodeModel) ||
      !computePalette(nodeModel, model.skinJointNode, model.inverseBind, palette)) {
    return Error{"the rig's skin does not match its nodes"};
  }
  MeshData mesh = model.mesh;
  std::vector<glm::vec3> positions(mesh.vertices.size()), normals(mesh.vertices.size());
  if (!skinVertices(model.mesh, palette, positions, normals)) {
    return Error{"the rig's mesh could not be skinned"};
  }
  const std::vector<int> segment = rigSkinSegments(model);
  for (std::size_t v = 0; v < mesh.vertices.size(); ++v) {
    Vertex& x = mesh.vertices[v];
    x.position = positions[v];
    x.normal = normals[v];
    // Weights per canonical segment, strongest first.
    std::array<float, anatomy::kJointCount> w{};
    for (int k = 0; k < 4; ++k) {
      const std::size_t j = x.joints[static_cast<std::size_t>(k)];
      if (x.weights[k] > 0.0f && j < segment.size()) {
        w[static_cast<std::size_t>(segment[j])] += x.weights[k];
      }
    }
    std::array<int, anatomy::kJointCount> order{};
    for (int j = 0; j < anatomy::kJointCount; ++j) order[static_cast<std::size_t>(j)] = j;
    std::partial_sort(order.begin(), order.begin() + 4, order.end(), [&](int a, int b) {
      return w[static_cast<std::size_t>(a)] > w[static_cast<std::size_t>(b)];
    });
    float sum = 0.0f;
    for (int k = 0; k < 4; ++k)
      sum += w[static_cast<std::size_t>(order[static_cast<std::size_t>(k)])];
    for (int k = 0; k < 4; ++k) {
      const int j = order[static_cast<std::size_t>(k)];
      x.joints[static_cast<std::size_t>(k)] = static_cast<std::uint16_t>(j);
      x.weights[k] = sum > 0.0f ? w[static_cast<std::size_t>(j)] / sum : (k == 0 ? 1.0f : 0.0f);
    }
    if (sum <= 0.0f)
      x.joints[0] = static_cast<std::uint16_t>(anatomy::index(anatomy::Joint::Pelvis));
  }
  return Body::fromSegmentMesh(model.rig->skeleton, std::move(mesh), model.rig->standingHeight);
}

}  // namespace sv::body
