#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>

#include <glm/gtc/matrix_transform.hpp>

#include "model/mesh_lod.h"
#include "model/model_import.h"

using namespace sv;

namespace {
// The levels share the full mesh's vertices, so a level is checked through its triangles:
// every index valid, no degenerate triangle.
bool validTriangles(const MeshData& m, std::uint32_t first, std::uint32_t count) {
  if (count % 3 != 0) return false;
  for (std::uint32_t i = first; i < first + count; i += 3) {
    const std::uint32_t a = m.lodIndices[i], b = m.lodIndices[i + 1], c = m.lodIndices[i + 2];
    if (a >= m.vertices.size() || b >= m.vertices.size() || c >= m.vertices.size()) return false;
    if (a == b || b == c || a == c) return false;
  }
  return true;
}
}  // namespace

TEST_CASE("lod: the mannequin gets coarser levels with growing, bounded error") {
  auto model = importModel(SV_MANNEQUIN_PATH);
  REQUIRE(model);
  const MeshData& m = model->mesh;
  REQUIRE(m.lods.size() == 2);
  std::uint32_t previousCount = static_cast<std::uint32_t>(m.indices.size());
  float previousError = 0.0f;
  for (const MeshLod& lod : m.lods) {
    std::printf("lod: %u triangles, error %.2f mm\n", lod.indexCount / 3, lod.error * 1000.0f);
    CHECK(lod.indexCount < previousCount * 9 / 10);
    CHECK(lod.error >= previousError);
    CHECK(validTriangles(m, lod.firstIndex, lod.indexCount));
    CHECK(lod.firstIndex + lod.indexCount <= m.lodIndices.size());
    previousCount = lod.indexCount;
    previousError = lod.error;
  }
  // The first level keeps the body's shape to within a few millimetres; the coarsest (for
  // shadows and far views) within a couple of centimetres.
  CHECK(m.lods.front().error < 0.005f);
  CHECK(m.lods.back().error < 0.03f);
  CHECK(m.lods.back().indexCount / 3 < m.indices.size() / 3 / 10);
}

TEST_CASE("lod: small meshes get no levels, and building is deterministic") {
  MeshData cap = makeCapsule(0.2f, 1.0f);
  REQUIRE(cap.indices.size() / 3 < kMinTrianglesForLod);
  buildLods(cap);
  CHECK(cap.lods.empty());
  CHECK(cap.lodIndices.empty());

  MeshData big = makeSphere(1.0f, 128, 64);
  REQUIRE(big.indices.size() / 3 >= kMinTrianglesForLod);
  buildLods(big);
  MeshData again = makeSphere(1.0f, 128, 64);
  buildLods(again);
  REQUIRE_FALSE(big.lods.empty());
  CHECK(big.lodIndices == again.lodIndices);
  // A unit sphere at a quarter of its triangles stays within a few millimetres of round.
  CHECK(big.lods.front().error < 0.01f);
}

TEST_CASE("lod: selection picks the coarsest level within the error budget") {
  const MeshLod lods[] = {{0, 300, 0.001f}, {300, 90, 0.004f}, {390, 30, 0.02f}};
  CHECK(selectLod(lods, 0.0f) == -1);
  CHECK(selectLod(lods, 0.0009f) == -1);
  CHECK(selectLod(lods, 0.001f) == 0);
  CHECK(selectLod(lods, 0.005f) == 1);
  CHECK(selectLod(lods, 1.0f) == 2);
  CHECK(selectLod({}, 1.0f) == -1);
}

TEST_CASE("lod: part bounds follow the skinning palette") {
  // Two clusters of vertices, each dominated by one joint.
  MeshData m;
  for (int i = 0; i < 4; ++i) {
    Vertex v;
    v.position = glm::vec3(static_cast<float>(i % 2) * 0.1f, static_cast<float>(i / 2) * 0.1f, 0);
    v.joints = {0, 1, 0, 0};
    v.weights = {0.9f, 0.1f, 0, 0};
    m.vertices.push_back(v);
    v.position.x += 2.0f;
    v.joints = {1, 0, 0, 0};
    m.vertices.push_back(v);
  }
  const std::vector<PartBound> parts = computePartBounds(m);
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].joint == 0);
  CHECK(parts[1].joint == 1);
  CHECK_THAT(parts[1].center.x, Catch::Matchers::WithinAbs(2.05, 1e-5));
  CHECK_THAT(parts[0].radius, Catch::Matchers::WithinAbs(0.0707107, 1e-5));
  // Bind pose: the eye 1 m in front of joint 0's cluster.
  const glm::mat4 identity(1.0f);
  const glm::mat4 palette[2] = {identity, identity};
  const glm::vec3 eye(0.05f, 0.05f, 1.0f);
  CHECK_THAT(nearestPartDistance(parts, identity, palette, 2, eye),
             Catch::Matchers::WithinAbs(1.0 - 0.0707107, 1e-4));
  // Joint 1 swings its cluster right in front of the eye; joint 0 moves 10 m away.
  const glm::mat4 moved[2] = {glm::translate(identity, {0, 0, -10}),
                              glm::translate(identity, {-2.0f, 0, 0.5f})};
  CHECK_THAT(nearestPartDistance(parts, identity, moved, 2, eye),
             Catch::Matchers::WithinAbs(0.5 - 0.0707107, 1e-4));
  // The item's own placement counts too; the eye inside a part is distance 0.
  CHECK(nearestPartDistance(parts, glm::translate(identity, {0, 0, 1}), palette, 2, eye) == 0.0f);
}
