#include "model/character.h"

#include <cmath>

#include "model/model_import.h"

namespace sv {

Result<Character> Character::load(const std::filesystem::path& path,
                                  const anatomy::Skeleton& canonical) {
  auto model = importModel(path);
  if (!model) return model.error();
  Character c;
  c.skeleton_ = &canonical;
  c.model_ = std::move(*model);
  const int n = c.model_.nodeCount();
  // The mannequin's skin joints are the canonical joints in canonical order (other nodes,
  // such as the mesh's, may surround them): then anatomical angles drive it directly.
  c.canonical_ = c.model_.skinJointNode.size() == anatomy::kJointCount;
  for (std::size_t i = 0; c.canonical_ && i < anatomy::kJointCount; ++i) {
    const int node = c.model_.skinJointNode[i];
    c.canonical_ = node >= 0 && node < n &&
                   c.model_.nodeNames[static_cast<std::size_t>(node)] ==
                       anatomy::jointName(static_cast<anatomy::Joint>(i));
  }
  c.pose_ = makeRigPoseBuffers(c.model_);
  c.nodeModel_.resize(static_cast<std::size_t>(n));
  c.palette_.resize(c.model_.skinJointNode.size());
  if (c.drivable()) {
    c.setPose(anatomy::Pose{});
  } else {
    c.setAnimationTime(0.0f);
  }
  return c;
}

const anatomy::Skeleton& Character::skeleton() const {
  return !canonical_ && model_.rig ? model_.rig->skeleton : *skeleton_;
}

void Character::skinnedBounds(glm::vec3& lo, glm::vec3& hi) const {
  std::vector<glm::vec3> p(model_.mesh.vertices.size());
  lo = hi = glm::vec3(0.0f);
  if (p.empty() || !skinVertices(model_.mesh, palette_, p, {})) return;
  lo = glm::vec3(1e30f);
  hi = glm::vec3(-1e30f);
  for (const glm::vec3& v : p) {
    lo = glm::min(lo, v);
    hi = glm::max(hi, v);
  }
}

void Character::finishFromNodeLocal() {
  nodeLocalToModel(model_.parents, pose_.nodeLocal, nodeModel_);
  computePalette(nodeModel_, model_.skinJointNode, model_.inverseBind, palette_);
}

void Character::setPose(const anatomy::Pose& pose) {
  if (canonical_) {
    anatomy::poseToLocal(*skeleton_, pose, pose_.canonicalLocal);
    anatomy::localToModel(*skeleton_, pose_.canonicalLocal, pose_.canonicalModel);
    // Skin joint i is canonical joint i.
    for (std::size_t i = 0; i < palette_.size(); ++i) {
      palette_[i] = pose_.canonicalModel[i] * model_.inverseBind[i];
      nodeModel_[static_cast<std::size_t>(model_.skinJointNode[i])] = pose_.canonicalModel[i];
    }
    return;
  }
  if (poseRig(model_, pose, pose_)) finishFromNodeLocal();
}

void Character::setAnimationTime(float t) {
  if (model_.animations.empty()) {
    pose_.nodeLocal = model_.restLocal;
  } else {
    const AnimationClip& clip = model_.animations.front();
    const float d = clip.duration > 0.0f ? clip.duration : 1.0f;
    sampleAnimation(clip, std::fmod(std::max(t, 0.0f), d), model_.restLocal, pose_.nodeLocal);
  }
  finishFromNodeLocal();
}

}  // namespace sv
