// Importing rigs: the reference rig (assets/models/mannequin.glb, the generated body the
// MakeHuman one replaced, kept as a canonical rig for --model and benchmarks) and the real
// models in ../shared/testdata/external.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "anatomy/kinematics.h"
#include "model/model_import.h"

using namespace sv;
using anatomy::Joint;

namespace {

const RiggedModel& mannequin() {
  static const RiggedModel m = [] {
    auto r = importModel(SV_MANNEQUIN_PATH, ImportOptions{true});
    if (!r) FAIL(r.error().message);
    return std::move(r.value());
  }();
  return m;
}

}  // namespace

TEST_CASE("the reference rig (mannequin.glb) loads and maps onto the canonical skeleton") {
  const RiggedModel& m = mannequin();
  REQUIRE(m.humanoid.has_value());
  REQUIRE(m.skinJointNode.size() == anatomy::kJointCount);
  for (int j = 0; j < anatomy::kJointCount; ++j) {
    CHECK(m.displayName(m.skinJointNode[static_cast<std::size_t>(j)]) ==
          anatomy::jointName(static_cast<Joint>(j)));
    CHECK(m.humanoid->boneOfJoint[static_cast<std::size_t>(j)] ==
          m.skinJointNode[static_cast<std::size_t>(j)]);
  }
  CHECK(m.mesh.indices.size() / 3 >= 20000);
  const glm::vec3 lo = m.mesh.boundsMin(), hi = m.mesh.boundsMax();
  CHECK(hi.y - lo.y == Approx(1.75f).margin(0.02f));
  CHECK(lo.y == Approx(0.0f).margin(0.01f));
}

TEST_CASE("reference rig skin: at most 4 influences, weights sum to 1, joints in range") {
  const RiggedModel& m = mannequin();
  for (const Vertex& v : m.mesh.vertices) {
    CHECK(v.weights.x + v.weights.y + v.weights.z + v.weights.w == Approx(1.0f).margin(1e-5));
    for (int k = 0; k < 4; ++k) {
      REQUIRE(v.weights[k] >= 0.0f);
      REQUIRE(v.joints[static_cast<std::size_t>(k)] < m.skinJointNode.size());
    }
  }
}

TEST_CASE("real-world files load and play their animation") {
  const std::filesystem::path dir = std::filesystem::path(SV_SHARED_DIR) / "testdata" / "external";
  for (const char* name : {"cesium_man.gltf", "rigged_simple.gltf"}) {
    const auto path = dir / name;
    if (!std::filesystem::exists(path)) {
      WARN("skipped: " << path.string() << " not found (SV_SHARED_DIR)");
      continue;
    }
    INFO(name);
    auto r = importModel(path);
    REQUIRE(r.ok());
    REQUIRE_FALSE(r->animations.empty());
    CHECK(r->animations[0].duration > 0.0f);
    for (const Vertex& v : r->mesh.vertices) {
      REQUIRE(v.weights.x + v.weights.y + v.weights.z + v.weights.w == Approx(1.0f).margin(1e-5));
    }
    // Joint positions stay finite; the sampled pose differs from the rest pose somewhere.
    const auto b = skinJointPositions(*r, 0, 0.5f * r->animations[0].duration);
    REQUIRE(b.size() == r->skinJointNode.size());
    for (const auto& j : b) REQUIRE(std::isfinite(j.position.x));
    std::vector<NodeTransform> local(r->restLocal.size());
    REQUIRE(
        sampleAnimation(r->animations[0], 0.5f * r->animations[0].duration, r->restLocal, local));
    float changed = 0.0f;
    for (std::size_t i = 0; i < local.size(); ++i) {
      changed =
          std::max(changed, 1.0f - std::abs(glm::dot(local[i].rotation, r->restLocal[i].rotation)));
      changed = std::max(changed, glm::length(local[i].translation - r->restLocal[i].translation));
    }
    CHECK(changed > 1e-4f);
  }
}
