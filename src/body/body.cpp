#include "body/body.h"

#include "anatomy/kinematics.h"
#include "model/mesh_lod.h"

namespace sv::body {

std::shared_ptr<const BodyModel> makeBodyModel(BodyAsset asset, bool buildLevels) {
  auto m = std::make_shared<BodyModel>();
  m->asset = std::move(asset);
  for (const std::string& name : m->asset.targetNames) m->keys.push_back(parseTargetName(name));
  if (!m->asset.lods.empty()) {
    m->lodIndices = m->asset.lodIndices;
    m->lods = m->asset.lods;
  } else if (buildLevels) {
    // Levels of detail over the base shape's triangles; they stay valid for every shape (the
    // same vertices, moved a few centimetres at most).
    MeshData tmp;
    tmp.vertices.resize(m->asset.positions.size());
    for (std::size_t v = 0; v < tmp.vertices.size(); ++v) {
      tmp.vertices[v].position = m->asset.positions[v];
      tmp.vertices[v].normal = m->asset.normals[v];
    }
    tmp.indices = m->asset.indices;
    buildLods(tmp, kBodyLodRatios);
    m->lodIndices = std::move(tmp.lodIndices);
    m->lods = std::move(tmp.lods);
  }
  return m;
}

Result<std::shared_ptr<const BodyModel>> loadBodyModel(const std::filesystem::path& path) {
  auto asset = loadBodyAsset(path);
  if (!asset) return asset.error();
  for (std::size_t t = 0; t < asset->targetNames.size(); ++t) {
    if (parseTargetName(asset->targetNames[t]).kind == TargetKey::Kind::Unknown) {
      return Error{path.string() + ": shape target '" + asset->targetNames[t] +
                   "' is not a macro, universal or height target"};
    }
  }
  return makeBodyModel(std::move(*asset));
}

Result<Body> Body::create(std::shared_ptr<const BodyModel> model, const BodyShape& shape,
                          std::string* warning) {
  Body b;
  b.model_ = std::move(model);
  const BodyAsset& a = b.model_->asset;
  // The vertex attributes that no shape changes.
  b.mesh_.vertices.resize(a.positions.size());
  for (std::size_t v = 0; v < a.positions.size(); ++v) {
    Vertex& x = b.mesh_.vertices[v];
    for (std::size_t k = 0; k < 4; ++k) x.joints[k] = a.joints[v][k];
    x.weights = a.weights[v];
    x.regionIds = a.regionIds[v];
    x.regionWeights = a.regionWeights[v];
    x.cover = a.cover[v];
    // Picking takes the strongest region, or none where "no region" (the weights' remainder)
    // outweighs it, so a click a few centimetres past a region's soft border picks nothing.
    std::size_t best = 0;
    int sum = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      sum += a.regionWeights[v][k];
      if (a.regionWeights[v][k] > a.regionWeights[v][best]) best = k;
    }
    const int none = 255 - sum;
    x.region =
        a.regionWeights[v][best] > 0 && a.regionWeights[v][best] >= none ? a.regionIds[v][best] : 0;
  }
  b.mesh_.indices = a.indices;
  b.mesh_.lodIndices = b.model_->lodIndices;
  b.mesh_.lods = b.model_->lods;
  Status st = b.reshape(shape, warning);
  if (!st) return st.error();
  return b;
}

Body Body::fromSegmentMesh(const anatomy::Skeleton& skeleton, MeshData mesh, float standingHeight) {
  Body b;
  b.fit_.skeleton = skeleton;
  b.fit_.bindPose = anatomy::Pose{};
  std::array<anatomy::Transform, anatomy::kJointCount> local{};
  anatomy::poseToLocal(skeleton, b.fit_.bindPose, local);
  anatomy::localToModel(skeleton, local, b.fit_.bindModel);
  // The anatomical position: palms forward (+Z).
  b.fit_.palmNormal = {glm::vec3(0.0f, 0.0f, 1.0f), glm::vec3(0.0f, 0.0f, 1.0f)};
  b.rig_.bones.resize(anatomy::kJointCount);
  b.rig_.bindModel.assign(b.fit_.bindModel.begin(), b.fit_.bindModel.end());
  for (int j = 0; j < anatomy::kJointCount; ++j) {
    RigBone& bone = b.rig_.bones[static_cast<std::size_t>(j)];
    bone.drive = Drive::Joint;
    bone.joint = bone.segment = j;
    bone.parent = skeleton.parents[static_cast<std::size_t>(j)];
    bone.head = glm::vec3(b.fit_.bindModel[static_cast<std::size_t>(j)][3]);
    bone.driverBindInverse = glm::inverse(b.fit_.bindModel[static_cast<std::size_t>(j)]);
  }
  b.shaped_.standingHeight = standingHeight;
  b.fit_.skeleton.height = standingHeight;
  b.mesh_ = std::move(mesh);
  return b;
}

Status Body::reshape(const BodyShape& shape, std::string* warning) {
  if (!model_) return Error{"this figure is a foreign rig's stand-in: it has no shape to change"};
  shape_ = clampShape(shape, warning);
  const BodyAsset& a = model_->asset;
  shapeBody(a, model_->keys, shape_, shaped_);
  auto fit = fitSkeleton(a, shaped_.points);
  if (!fit) return fit.error();
  fit_ = std::move(*fit);
  fit_.skeleton.height = shaped_.standingHeight;
  rig_ = buildRig(a, fit_, shaped_.points);
  for (std::size_t v = 0; v < mesh_.vertices.size(); ++v) {
    mesh_.vertices[v].position = shaped_.positions[v];
    mesh_.vertices[v].normal = shaped_.normals[v];
  }
  return {};
}

}  // namespace sv::body
