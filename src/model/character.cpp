#include "model/character.h"

#include <cmath>

#include "anatomy/rig_mapping.h"
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
  c.canonicalLocal_.resize(anatomy::kJointCount);
  c.canonicalModel_.resize(anatomy::kJointCount);
  c.nodeLocal_ = c.model_.restLocal;
  c.nodeModel_.resize(static_cast<std::size_t>(n));
  c.palette_.resize(c.model_.skinJointNode.size());
  c.foreignRestLocal_.reserve(static_cast<std::size_t>(n));
  for (const NodeTransform& t : c.model_.restLocal) {
    c.foreignRestLocal_.push_back(toAnatomyTransform(t));
  }
  c.foreignLocal_ = c.foreignRestLocal_;
  if (c.drivable()) {
    c.setPose(anatomy::Pose{});
  } else {
    c.setAnimationTime(0.0f);
  }
  return c;
}

void Character::finishFromNodeLocal() {
  nodeLocalToModel(model_.parents, nodeLocal_, nodeModel_);
  computePalette(nodeModel_, model_.skinJointNode, model_.inverseBind, palette_);
}

void Character::setPose(const anatomy::Pose& pose) {
  anatomy::poseToLocal(*skeleton_, pose, canonicalLocal_);
  anatomy::localToModel(*skeleton_, canonicalLocal_, canonicalModel_);
  if (canonical_) {
    // Skin joint i is canonical joint i.
    for (std::size_t i = 0; i < palette_.size(); ++i) {
      palette_[i] = canonicalModel_[i] * model_.inverseBind[i];
      nodeModel_[static_cast<std::size_t>(model_.skinJointNode[i])] = canonicalModel_[i];
    }
    return;
  }
  if (!model_.humanoid) return;
  anatomy::applyToRig(*skeleton_, *model_.humanoid, canonicalModel_, model_.parents,
                      foreignRestLocal_, foreignLocal_);
  for (std::size_t i = 0; i < nodeLocal_.size(); ++i) {
    nodeLocal_[i].translation = foreignLocal_[i].translation;
    nodeLocal_[i].rotation = foreignLocal_[i].rotation;
    nodeLocal_[i].scale = model_.restLocal[i].scale;
  }
  finishFromNodeLocal();
}

void Character::setAnimationTime(float t) {
  if (model_.animations.empty()) {
    nodeLocal_ = model_.restLocal;
  } else {
    const AnimationClip& clip = model_.animations.front();
    const float d = clip.duration > 0.0f ? clip.duration : 1.0f;
    sampleAnimation(clip, std::fmod(std::max(t, 0.0f), d), model_.restLocal, nodeLocal_);
  }
  finishFromNodeLocal();
}

}  // namespace sv
