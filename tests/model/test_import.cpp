#include <catch2/catch.hpp>

#include <glm/gtc/matrix_transform.hpp>

#include "fixtures.h"
#include "model/model_import.h"

using namespace sv;
using Catch::Matchers::Contains;

namespace {

std::string importError(const std::filesystem::path& p, ImportOptions o = {}) {
  auto r = importModel(p, o);
  REQUIRE_FALSE(r.ok());
  return r.error().message;
}

}  // namespace

TEST_CASE("a clean chain fixture loads with its node tree and skin") {
  auto r = importModel(test::writeFixture("chain.glb", test::chainDocument()));
  REQUIRE(r.ok());
  const RiggedModel& m = *r;
  REQUIRE(m.skinJointNode.size() == 4);
  CHECK(m.displayName(m.skinJointNode[0]) == "a");
  CHECK(m.displayName(m.skinJointNode[3]) == "d");
  for (int i = 0; i < m.nodeCount(); ++i) CHECK(m.parents[static_cast<std::size_t>(i)] < i);
  CHECK(m.mesh.vertices.size() == 6);
  CHECK(m.mesh.indices.size() == 12);
  CHECK_FALSE(m.humanoid.has_value());
  // "root" may be a pelvis (MakeHuman's is): the spine and limbs are what it lacks.
  CHECK_THAT(m.humanoidError, Contains("lumbar"));
  // Bind pose = rest pose here: the palette is the identity.
  std::vector<glm::mat4> model(m.restLocal.size()), palette(m.skinJointNode.size());
  REQUIRE(nodeLocalToModel(m.parents, m.restLocal, model));
  REQUIRE(computePalette(model, m.skinJointNode, m.inverseBind, palette));
  for (const glm::mat4& p : palette) {
    for (int c = 0; c < 4; ++c) {
      for (int k = 0; k < 4; ++k) CHECK(p[c][k] == Approx(c == k ? 1.0f : 0.0f).margin(1e-6));
    }
  }
}

TEST_CASE("more than 4 influences (JOINTS_1): the 4 largest are kept, renormalised") {
  auto doc = test::chainDocument();
  doc.nodes.push_back(
      {"e", 4, glm::vec3(0.0f, 0.1f, 0.0f), glm::quat(1, 0, 0, 0), glm::vec3(1.0f)});
  doc.skinJoints.push_back(6);
  glm::mat4 bind(1.0f);
  bind[3] = glm::vec4(0.0f, 0.4f, 0.0f, 1.0f);
  doc.inverseBind.push_back(glm::inverse(bind));
  doc.joints1.assign(doc.positions.size(), {0, 0, 0, 0});
  doc.weights1.assign(doc.positions.size(), glm::vec4(0.0f));
  doc.joints0[1] = {0, 1, 2, 3};
  doc.weights0[1] = {0.05f, 0.25f, 0.20f, 0.30f};
  doc.joints1[1] = {4, 0, 0, 0};
  doc.weights1[1] = {0.20f, 0.0f, 0.0f, 0.0f};
  auto r = importModel(test::writeFixture("five_distinct.glb", doc));
  REQUIRE(r.ok());
  const Vertex& v = r->mesh.vertices[1];
  CHECK(v.joints[0] == 3);
  CHECK(v.weights.x == Approx(0.30f / 0.95f));
  for (int k = 0; k < 4; ++k) CHECK(v.joints[static_cast<std::size_t>(k)] != 0);  // 0.05 dropped
  CHECK(v.weights.x + v.weights.y + v.weights.z + v.weights.w == Approx(1.0f));
}

TEST_CASE("unnormalised weights are renormalised") {
  auto doc = test::chainDocument();
  doc.joints0[2] = {0, 1, 2, 0};
  doc.weights0[2] = {2.0f, 1.0f, 1.0f, 0.0f};
  auto r = importModel(test::writeFixture("unnormalised.glb", doc));
  REQUIRE(r.ok());
  const Vertex& v = r->mesh.vertices[2];
  CHECK(v.weights.x == Approx(0.5f));
  CHECK(v.weights.y == Approx(0.25f));
  CHECK(v.weights.z == Approx(0.25f));
  CHECK(v.weights.w == 0.0f);
}

TEST_CASE("an unweighted joint stays a skin joint and a node") {
  auto doc = test::chainDocument();
  for (auto& j : doc.joints0) j[0] = std::min<std::uint16_t>(j[0], 2);  // nothing on d
  auto r = importModel(test::writeFixture("unweighted.glb", doc));
  REQUIRE(r.ok());
  REQUIRE(r->skinJointNode.size() == 4);
  CHECK(r->displayName(r->skinJointNode[3]) == "d");
  CHECK(r->findNode("d") >= 0);
}

TEST_CASE("an unnamed joint is reported as node<glTF index>") {
  auto doc = test::chainDocument();
  doc.nodes[3].name.clear();
  auto r = importModel(test::writeFixture("unnamed.glb", doc));
  REQUIRE(r.ok());
  CHECK(r->displayName(r->skinJointNode[2]) == "node3");
  const auto joints = skinJointPositions(*r, -1, 0.0f);
  REQUIRE(joints.size() == 4);
  CHECK(joints[2].name == "node3");
  CHECK(joints[2].position.y == Approx(0.2f));
}

TEST_CASE("duplicate joint names are an error") {
  auto doc = test::chainDocument();
  doc.nodes[3].name = "b";
  CHECK_THAT(importError(test::writeFixture("duplicate.glb", doc)),
             Contains("duplicate joint name 'b'"));
}

TEST_CASE("a joint index out of range is an error") {
  auto doc = test::chainDocument();
  doc.joints0[4] = {7, 0, 0, 0};
  CHECK_THAT(importError(test::writeFixture("range.glb", doc)),
             Contains("joint index 7 out of range (skin has 4 joints)"));
}

TEST_CASE("a model without a skin is an error") {
  auto doc = test::chainDocument();
  doc.joints0.clear();
  doc.weights0.clear();
  doc.skinJoints.clear();
  doc.inverseBind.clear();
  CHECK_THAT(importError(test::writeFixture("noskin.glb", doc)), Contains("no skin"));
}

TEST_CASE("a missing file is an error") {
  CHECK_THAT(importError("/nonexistent/dir/model.glb"), Contains("file not found"));
}

TEST_CASE("a corrupt file is an error") {
  CHECK_THAT(
      importError(test::writeFixture("corrupt.glb", std::string("glTF\x02\0\0\0garbage", 15))),
      Contains("not a model"));
  CHECK_THAT(importError(test::writeFixture("corrupt.fbx", std::string("not a model at all"))),
             Contains("not a model"));
}

TEST_CASE("a non-humanoid rig fails when a humanoid is required, naming the missing joints") {
  ImportOptions o;
  o.requireHumanoid = true;
  const std::string e = importError(test::writeFixture("chain.glb", test::chainDocument()), o);
  CHECK_THAT(e, Contains("lumbar"));
  CHECK_THAT(e, Contains("knee_l"));
  CHECK_THAT(e, Contains("topology: no bone with two legs"));
}

TEST_CASE("animation keys are sampled with slerp in seconds") {
  auto doc = test::chainDocument();
  gltf::Channel ch;
  ch.node = 2;  // b
  ch.path = gltf::Channel::Path::Rotation;
  ch.times = {0.0f, 2.0f};
  const glm::quat q = glm::angleAxis(glm::radians(90.0f), glm::vec3(0, 0, 1));
  ch.values = {glm::vec4(0, 0, 0, 1), glm::vec4(q.x, q.y, q.z, q.w)};
  doc.animation.push_back(ch);
  auto r = importModel(test::writeFixture("anim.glb", doc));
  REQUIRE(r.ok());
  REQUIRE(r->animations.size() == 1);
  CHECK(r->animations[0].duration == Approx(2.0f));
  std::vector<NodeTransform> local(r->restLocal.size());
  REQUIRE(sampleAnimation(r->animations[0], 1.0f, r->restLocal, local));
  const int b = r->findNode("b");
  const glm::quat half = glm::angleAxis(glm::radians(45.0f), glm::vec3(0, 0, 1));
  CHECK(std::abs(glm::dot(local[static_cast<std::size_t>(b)].rotation, half)) ==
        Approx(1.0f).margin(1e-5));
  // World position of c (child of b, 0.1 m up) rotated 45 degrees about Z.
  const auto joints = skinJointPositions(*r, 0, 1.0f);
  CHECK(joints[2].position.x == Approx(-0.1f * std::sin(glm::radians(45.0f))).margin(1e-5));
}
