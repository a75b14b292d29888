// A figure from a rigged model file (--model): the model plus the three per-frame buffers (local
// transforms, model matrices, skinning palette), allocated once at load.
//
// Two drive modes:
// - Canonical: the project's mannequin, whose node tree *is* the canonical skeleton (skin
//   joint i = canonical joint i). setPose() runs anatomy::poseToLocal → localToModel →
//   palette; allocation-free.
// - Foreign: any other rig. A humanoid one is driven by anatomical angles through the rig
//   mapping (anatomy::applyToRig) with poses of the canonical skeleton fitted to it
//   (RiggedModel::rig, model/foreign_rig.h); a non-humanoid one plays its own first animation.
#pragma once

#include <filesystem>
#include <span>
#include <vector>

#include "anatomy/kinematics.h"
#include "anatomy/skeleton.h"
#include "core/result.h"
#include "model/rigged_model.h"

namespace sv {

class Character {
 public:
  // Loads and validates a model. `canonical` must outlive the character.
  static Result<Character> load(const std::filesystem::path& path,
                                const anatomy::Skeleton& canonical);

  bool canonical() const { return canonical_; }
  bool drivable() const { return canonical_ || model_.humanoid.has_value(); }
  const RiggedModel& model() const { return model_; }
  // The skeleton setPose drives: the canonical one given to load() for the mannequin, the one
  // fitted to the rig for a foreign humanoid (that one otherwise).
  const anatomy::Skeleton& skeleton() const;

  // Poses the figure by anatomical angles (canonical or humanoid rigs). World placement is
  // the caller's (DrawItem::model).
  void setPose(const anatomy::Pose& pose);
  // Plays the model's own first animation at time t (seconds, looped).
  void setAnimationTime(float t);

  std::span<const glm::mat4> palette() const { return palette_; }
  // Model-space matrices of the canonical joints for the current pose (valid for drivable
  // figures; for a foreign humanoid these are the canonical skeleton's, which drive the rig).
  std::span<const glm::mat4> canonicalModel() const { return pose_.canonicalModel; }
  // Model-space matrices of the model's own nodes.
  std::span<const glm::mat4> nodeModel() const { return nodeModel_; }
  // Bounds of the mesh skinned with the current palette (model space, metres): for framing the
  // view. Skins every vertex on the CPU and allocates: not a per-frame call.
  void skinnedBounds(glm::vec3& lo, glm::vec3& hi) const;

 private:
  Character() = default;
  void finishFromNodeLocal();

  const anatomy::Skeleton* skeleton_ = nullptr;
  RiggedModel model_;
  bool canonical_ = false;
  // Per-frame buffers (sized at load).
  RigPoseBuffers pose_;
  std::vector<glm::mat4> nodeModel_;
  std::vector<glm::mat4> palette_;
};

}  // namespace sv
