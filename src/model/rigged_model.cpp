#include "model/rigged_model.h"

#include <algorithm>

#include <glm/gtc/matrix_transform.hpp>

namespace sv {

std::string RiggedModel::displayName(int node) const {
  const auto i = static_cast<std::size_t>(node);
  if (!nodeNames[i].empty()) return nodeNames[i];
  return "node" + std::to_string(sourceIndex[i] >= 0 ? sourceIndex[i] : node);
}

int RiggedModel::findNode(std::string_view name) const {
  for (std::size_t i = 0; i < nodeNames.size(); ++i) {
    if (nodeNames[i] == name) return static_cast<int>(i);
  }
  return -1;
}

namespace {

glm::mat4 compose(const NodeTransform& t) {
  glm::mat4 m = glm::mat4_cast(t.rotation);
  m[0] *= t.scale.x;
  m[1] *= t.scale.y;
  m[2] *= t.scale.z;
  m[3] = glm::vec4(t.translation, 1.0f);
  return m;
}

// Index of the key interval containing t: keys[i] <= t < keys[i+1]; assumes size >= 2.
std::size_t interval(const std::vector<float>& keys, float t, float& alpha) {
  const auto it = std::upper_bound(keys.begin(), keys.end(), t);
  std::size_t i = it == keys.begin() ? 0 : static_cast<std::size_t>(it - keys.begin()) - 1;
  i = std::min(i, keys.size() - 2);
  const float span = keys[i + 1] - keys[i];
  alpha = span > 0.0f ? std::clamp((t - keys[i]) / span, 0.0f, 1.0f) : 0.0f;
  return i;
}

glm::vec3 sampleVec(const std::vector<float>& times, const std::vector<glm::vec3>& v, float t) {
  if (v.size() == 1 || t <= times.front()) return v.front();
  if (t >= times.back()) return v.back();
  float a = 0.0f;
  const std::size_t i = interval(times, t, a);
  return glm::mix(v[i], v[i + 1], a);
}

glm::quat sampleQuat(const std::vector<float>& times, const std::vector<glm::quat>& q, float t) {
  if (q.size() == 1 || t <= times.front()) return q.front();
  if (t >= times.back()) return q.back();
  float a = 0.0f;
  const std::size_t i = interval(times, t, a);
  glm::quat q1 = q[i + 1];
  if (glm::dot(q[i], q1) < 0.0f) q1 = -q1;  // shortest path
  return glm::normalize(glm::slerp(q[i], q1, a));
}

}  // namespace

bool nodeLocalToModel(std::span<const int> parents, std::span<const NodeTransform> local,
                      std::span<glm::mat4> modelOut) {
  if (local.size() != parents.size() || modelOut.size() != parents.size()) return false;
  for (std::size_t i = 0; i < parents.size(); ++i) {
    const int p = parents[i];
    if (p >= static_cast<int>(i)) return false;  // parents must come first
    const glm::mat4 m = compose(local[i]);
    modelOut[i] = p < 0 ? m : modelOut[static_cast<std::size_t>(p)] * m;
  }
  return true;
}

bool computePalette(std::span<const glm::mat4> model, std::span<const int> skinJointNode,
                    std::span<const glm::mat4> inverseBind, std::span<glm::mat4> paletteOut) {
  const std::size_t n = skinJointNode.size();
  if (inverseBind.size() != n || paletteOut.size() < n) return false;
  for (std::size_t i = 0; i < n; ++i) {
    const int node = skinJointNode[i];
    if (node < 0 || static_cast<std::size_t>(node) >= model.size()) return false;
    paletteOut[i] = model[static_cast<std::size_t>(node)] * inverseBind[i];
  }
  return true;
}

bool sampleAnimation(const AnimationClip& clip, float t, std::span<const NodeTransform> restLocal,
                     std::span<NodeTransform> localOut) {
  if (localOut.size() != restLocal.size()) return false;
  std::copy(restLocal.begin(), restLocal.end(), localOut.begin());
  t = std::clamp(t, 0.0f, clip.duration);
  for (const AnimationTrack& tr : clip.tracks) {
    if (tr.node < 0 || static_cast<std::size_t>(tr.node) >= localOut.size()) return false;
    NodeTransform& out = localOut[static_cast<std::size_t>(tr.node)];
    if (!tr.translations.empty())
      out.translation = sampleVec(tr.translationTimes, tr.translations, t);
    if (!tr.rotations.empty()) out.rotation = sampleQuat(tr.rotationTimes, tr.rotations, t);
    if (!tr.scales.empty()) out.scale = sampleVec(tr.scaleTimes, tr.scales, t);
  }
  return true;
}

bool skinVertices(const MeshData& mesh, std::span<const glm::mat4> palette,
                  std::span<glm::vec3> positionsOut, std::span<glm::vec3> normalsOut) {
  const std::size_t n = mesh.vertices.size();
  if (positionsOut.size() != n || (!normalsOut.empty() && normalsOut.size() != n)) return false;
  for (std::size_t v = 0; v < n; ++v) {
    const Vertex& vx = mesh.vertices[v];
    const float sum = vx.weights.x + vx.weights.y + vx.weights.z + vx.weights.w;
    glm::mat4 m(0.0f);
    if (sum <= 0.0f) {
      m = glm::mat4(1.0f);
    } else {
      for (int k = 0; k < 4; ++k) {
        const float w = vx.weights[k] / sum;
        if (w == 0.0f) continue;
        const std::size_t j = vx.joints[static_cast<std::size_t>(k)];
        if (j >= palette.size()) return false;
        m += w * palette[j];
      }
    }
    positionsOut[v] = glm::vec3(m * glm::vec4(vx.position, 1.0f));
    if (!normalsOut.empty()) {
      const glm::vec3 nrm = glm::mat3(m) * vx.normal;
      const float l = glm::length(nrm);
      normalsOut[v] = l > 0.0f ? nrm / l : vx.normal;
    }
  }
  return true;
}

DualQuat dualQuatFromMatrix(const glm::mat4& m) {
  // Orthonormalise (Gram-Schmidt) so that a slightly non-rigid float palette still gives a
  // unit rotation; the shader does the same.
  const glm::vec3 x = glm::normalize(glm::vec3(m[0]));
  const glm::vec3 y = glm::normalize(glm::vec3(m[1]) - glm::dot(glm::vec3(m[1]), x) * x);
  const glm::vec3 z = glm::cross(x, y);
  DualQuat dq;
  dq.real = glm::normalize(glm::quat_cast(glm::mat3(x, y, z)));
  const glm::quat t(0.0f, m[3].x, m[3].y, m[3].z);
  dq.dual = 0.5f * (t * dq.real);
  return dq;
}

bool computeDualQuatPalette(std::span<const glm::mat4> palette, std::span<DualQuat> dqOut) {
  if (dqOut.size() < palette.size()) return false;
  for (std::size_t i = 0; i < palette.size(); ++i) dqOut[i] = dualQuatFromMatrix(palette[i]);
  return true;
}

bool skinVerticesDualQuat(const MeshData& mesh, std::span<const DualQuat> palette,
                          std::span<glm::vec3> positionsOut, std::span<glm::vec3> normalsOut) {
  const std::size_t n = mesh.vertices.size();
  if (positionsOut.size() != n || (!normalsOut.empty() && normalsOut.size() != n)) return false;
  for (std::size_t v = 0; v < n; ++v) {
    const Vertex& vx = mesh.vertices[v];
    const float sum = vx.weights.x + vx.weights.y + vx.weights.z + vx.weights.w;
    if (sum <= 0.0f) {
      positionsOut[v] = vx.position;
      if (!normalsOut.empty()) normalsOut[v] = vx.normal;
      continue;
    }
    glm::quat real(0.0f, 0.0f, 0.0f, 0.0f), dual(0.0f, 0.0f, 0.0f, 0.0f);
    glm::quat first(0.0f, 0.0f, 0.0f, 0.0f);  // the first (largest) influence's rotation
    bool haveFirst = false;
    for (int k = 0; k < 4; ++k) {
      float w = vx.weights[k] / sum;
      if (w == 0.0f) continue;
      const std::size_t j = vx.joints[static_cast<std::size_t>(k)];
      if (j >= palette.size()) return false;
      const DualQuat& dq = palette[j];
      if (!haveFirst) {
        first = dq.real;
        haveFirst = true;
      } else if (glm::dot(first, dq.real) < 0.0f) {
        w = -w;  // antipodal: q and -q are the same rotation, blend on the same hemisphere
      }
      real = real + w * dq.real;
      dual = dual + w * dq.dual;
    }
    const float len = glm::length(real);
    if (len <= 1e-8f) return false;
    real = real / len;
    dual = dual / len;
    // Translation of the normalised blend: 2 * dual * conj(real), vector part.
    const glm::quat tq = 2.0f * (dual * glm::conjugate(real));
    positionsOut[v] = real * vx.position + glm::vec3(tq.x, tq.y, tq.z);
    if (!normalsOut.empty()) normalsOut[v] = glm::normalize(real * vx.normal);
  }
  return true;
}

NodeTransform toNodeTransform(const anatomy::Transform& t) {
  NodeTransform n;
  n.translation = t.translation;
  n.rotation = t.rotation;
  return n;
}

anatomy::Transform toAnatomyTransform(const NodeTransform& t) {
  anatomy::Transform a;
  a.translation = t.translation;
  a.rotation = t.rotation;
  return a;
}

std::vector<JointPosition> skinJointPositions(const RiggedModel& model, int clip, float t) {
  std::vector<NodeTransform> local(model.restLocal.size());
  std::vector<glm::mat4> world(model.restLocal.size());
  if (clip >= 0 && static_cast<std::size_t>(clip) < model.animations.size()) {
    sampleAnimation(model.animations[static_cast<std::size_t>(clip)], t, model.restLocal, local);
  } else {
    local = model.restLocal;
  }
  nodeLocalToModel(model.parents, local, world);
  std::vector<JointPosition> out;
  out.reserve(model.skinJointNode.size());
  for (int node : model.skinJointNode) {
    out.push_back({model.displayName(node), glm::vec3(world[static_cast<std::size_t>(node)][3])});
  }
  return out;
}

}  // namespace sv
