// One figure made from the body asset: the shaped mesh, the canonical skeleton fitted to it
// and the rig that drives its skin bones. The client and the practitioner are two Bodies of
// the same BodyModel with different shapes.
//
// Costs: loadBodyModel reads the file and builds the levels of detail once (shared by every
// figure); Body::create / reshape apply a shape (targets, normals, fit, rig) — a profile
// change, never per frame; palette() is the per-frame job (allocation-free).
#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "anatomy/hand_pose.h"
#include "body/body_asset.h"
#include "body/body_fit.h"
#include "body/body_rig.h"
#include "body/body_shape.h"
#include "core/result.h"
#include "model/mesh_data.h"

namespace sv::body {

// Levels of detail of the body: a quarter and a twelfth of the triangles (6.7k, 2.2k). The
// body has half the mannequin's triangles, so the default ratios would leave blobs for hands.
inline constexpr float kBodyLodRatios[] = {0.25f, 0.08f};

// The loaded asset with what every figure shares: parsed target names and the levels of
// detail (index lists over the shared vertex order; the asset's own, or built when it has
// none).
struct BodyModel {
  BodyAsset asset;
  std::vector<TargetKey> keys;
  std::vector<std::uint32_t> lodIndices;
  std::vector<MeshLod> lods;
};

Result<std::shared_ptr<const BodyModel>> loadBodyModel(const std::filesystem::path& path);
// From an asset already in memory (tests, tools).
std::shared_ptr<const BodyModel> makeBodyModel(BodyAsset asset, bool buildLevels = true);

class Body {
 public:
  // Shape values outside their ranges are clamped; `warning` (when given) says which.
  static Result<Body> create(std::shared_ptr<const BodyModel> model, const BodyShape& shape,
                             std::string* warning = nullptr);
  // A figure from a mesh already in the anatomical position of `skeleton` (its rest) whose
  // skin joints are the canonical joints (vertex joint j = canonical joint j, each joint's
  // vertices moving rigidly with it): the stand-in that stages a foreign rig's client
  // (body/foreign_body.h). It has no shape and no finger bones: reshape() refuses, hand shapes
  // are ignored.
  static Body fromSegmentMesh(const anatomy::Skeleton& skeleton, MeshData mesh,
                              float standingHeight);
  // Applies a new shape: vertices, normals, skeleton, rig (≤ 10 ms: BENCH body_shape_ms).
  Status reshape(const BodyShape& shape, std::string* warning = nullptr);

  const BodyShape& shape() const { return shape_; }
  const BodyModel& model() const { return *model_; }
  const anatomy::Skeleton& skeleton() const { return fit_.skeleton; }
  const anatomy::Pose& bindPose() const { return fit_.bindPose; }
  const BodyFit& fit() const { return fit_; }
  const BodyRig& rig() const { return rig_; }
  int boneCount() const { return rig_.boneCount(); }
  // Bind-pose vertices of this shape; skin joints = the rig's bones; the model's levels.
  const MeshData& mesh() const { return mesh_; }
  const ShapedBody& shaped() const { return shaped_; }
  float standingHeight() const { return shaped_.standingHeight; }

  // Per frame: skinning palette from the fitted skeleton's local transforms and model
  // matrices (anatomy::poseToLocal / localToModel of skeleton()) and a hand shape per hand.
  bool palette(std::span<const anatomy::Transform> local, std::span<const glm::mat4> model,
               const anatomy::HandShape& left, const anatomy::HandShape& right,
               std::span<glm::mat4> out) const {
    return computeBodyPalette(rig_, fit_.skeleton, local, model, left, right, out);
  }

 private:
  Body() = default;
  std::shared_ptr<const BodyModel> model_;
  BodyShape shape_;
  ShapedBody shaped_;
  BodyFit fit_;
  BodyRig rig_;
  MeshData mesh_;
};

}  // namespace sv::body
