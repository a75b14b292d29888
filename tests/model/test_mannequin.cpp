#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "anatomy/kinematics.h"
#include "anatomy/muscle_groups.h"
#include "model/model_import.h"

using namespace sv;
using anatomy::Joint;
using anatomy::Motion;
using anatomy::Side;

namespace {

const RiggedModel& mannequin() {
  static const RiggedModel m = [] {
    auto r = importModel(SV_MANNEQUIN_PATH, ImportOptions{true});
    if (!r) FAIL(r.error().message);
    return std::move(r.value());
  }();
  return m;
}

// Palette for a canonical pose: the mannequin's skin joint i is canonical joint i.
std::vector<glm::mat4> paletteFor(const anatomy::Pose& pose) {
  const RiggedModel& m = mannequin();
  const anatomy::Skeleton skel = anatomy::makeDefaultSkeleton(1.75f);
  std::array<anatomy::Transform, anatomy::kJointCount> local{};
  std::array<glm::mat4, anatomy::kJointCount> model{};
  anatomy::poseToLocal(skel, pose, local);
  anatomy::localToModel(skel, local, model);
  std::vector<glm::mat4> palette(m.skinJointNode.size());
  for (std::size_t i = 0; i < palette.size(); ++i) palette[i] = model[i] * m.inverseBind[i];
  return palette;
}

anatomy::Pose bindPose() {
  anatomy::Pose p;
  p.set(Motion::ShoulderAbduction, Side::Left, 12.0f);
  p.set(Motion::ShoulderAbduction, Side::Right, 12.0f);
  return p;
}

glm::vec3 jointPosition(const anatomy::Pose& pose, Joint j) {
  const anatomy::Skeleton skel = anatomy::makeDefaultSkeleton(1.75f);
  std::array<anatomy::Transform, anatomy::kJointCount> local{};
  std::array<glm::mat4, anatomy::kJointCount> model{};
  anatomy::poseToLocal(skel, pose, local);
  anatomy::localToModel(skel, local, model);
  return glm::vec3(model[static_cast<std::size_t>(anatomy::index(j))][3]);
}

// Volume of the cone from `centre` to the triangles whose vertices all lie within `radius`
// of `bindCentre` in the bind pose: a local volume around a joint that a rigid motion keeps.
double localVolume(const std::vector<glm::vec3>& pos, glm::vec3 centre, glm::vec3 bindCentre,
                   float radius) {
  const RiggedModel& m = mannequin();
  double v = 0.0;
  const auto& idx = m.mesh.indices;
  for (std::size_t t = 0; t < idx.size(); t += 3) {
    bool inside = true;
    for (int k = 0; k < 3; ++k) {
      inside &= glm::length(m.mesh.vertices[idx[t + static_cast<std::size_t>(k)]].position -
                            bindCentre) < radius;
    }
    if (!inside) continue;
    const glm::dvec3 a = pos[idx[t]] - centre, b = pos[idx[t + 1]] - centre,
                     c = pos[idx[t + 2]] - centre;
    v += glm::dot(a, glm::cross(b, c)) / 6.0;
  }
  return v;
}

struct FlexResult {
  double volumeRatio;
  float maxEdgeStretch;
};

enum class Skinning { Linear, DualQuat };

FlexResult flex(const anatomy::Pose& pose, Joint joint, float radius,
                Skinning skinning = Skinning::DualQuat) {
  const RiggedModel& m = mannequin();
  std::vector<glm::vec3> bind(m.mesh.vertices.size()), posed(bind.size());
  for (std::size_t v = 0; v < bind.size(); ++v) bind[v] = m.mesh.vertices[v].position;
  const std::vector<glm::mat4> palette = paletteFor(pose);
  if (skinning == Skinning::Linear) {
    REQUIRE(skinVertices(m.mesh, palette, posed, {}));
  } else {
    std::vector<DualQuat> dq(palette.size());
    REQUIRE(computeDualQuatPalette(palette, dq));
    REQUIRE(skinVerticesDualQuat(m.mesh, dq, posed, {}));
  }
  const glm::vec3 c0 = jointPosition(bindPose(), joint);
  const glm::vec3 c1 = jointPosition(pose, joint);
  const double v0 = localVolume(bind, c0, c0, radius);
  const double v1 = localVolume(posed, c1, c0, radius);
  float stretch = 0.0f;
  const auto& idx = m.mesh.indices;
  for (std::size_t t = 0; t < idx.size(); t += 3) {
    for (int k = 0; k < 3; ++k) {
      const auto a = idx[t + static_cast<std::size_t>(k)];
      const auto b = idx[t + static_cast<std::size_t>((k + 1) % 3)];
      const float l0 = glm::length(bind[a] - bind[b]);
      if (l0 > 1e-5f) stretch = std::max(stretch, glm::length(posed[a] - posed[b]) / l0);
    }
  }
  INFO("volume ratio " << v1 / v0 << ", max edge stretch " << stretch);
  if (std::getenv("SV_PRINT_FLEX") != nullptr)
    std::printf("%s r=%.2f: volume %.3f stretch %.2f\n",
                skinning == Skinning::Linear ? "LBS" : "DQS", static_cast<double>(radius), v1 / v0,
                static_cast<double>(stretch));
  return {v1 / v0, stretch};
}

}  // namespace

TEST_CASE("the mannequin loads and maps onto the canonical skeleton") {
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

TEST_CASE("mannequin skin: at most 4 influences, weights sum to 1, joints in range") {
  const RiggedModel& m = mannequin();
  for (const Vertex& v : m.mesh.vertices) {
    CHECK(v.weights.x + v.weights.y + v.weights.z + v.weights.w == Approx(1.0f).margin(1e-5));
    for (int k = 0; k < 4; ++k) {
      REQUIRE(v.weights[k] >= 0.0f);
      REQUIRE(v.joints[static_cast<std::size_t>(k)] < m.skinJointNode.size());
    }
  }
}

TEST_CASE("mannequin: every muscle region is present on both sides") {
  const RiggedModel& m = mannequin();
  std::map<std::uint16_t, int> count;
  for (const Vertex& v : m.mesh.vertices) count[v.region] += 1;
  for (int g = 0; g < anatomy::kMuscleGroupCount; ++g) {
    for (Side s : {Side::Left, Side::Right}) {
      const auto id = anatomy::regionId(static_cast<anatomy::MuscleGroup>(g), s);
      INFO(anatomy::muscleGroupId(static_cast<anatomy::MuscleGroup>(g))
           << (s == Side::Left ? " left" : " right"));
      CHECK(count[id] >= 10);
    }
  }
  for (const auto& [id, n] : count) CHECK(id < anatomy::kMuscleRegionCount);
}

TEST_CASE("mannequin: closed 2-manifold (every edge shared by exactly two triangles)") {
  const RiggedModel& m = mannequin();
  std::map<std::pair<std::uint32_t, std::uint32_t>, int> directed;
  const auto& idx = m.mesh.indices;
  for (std::size_t t = 0; t < idx.size(); t += 3) {
    for (int k = 0; k < 3; ++k) {
      directed[{idx[t + static_cast<std::size_t>(k)],
                idx[t + static_cast<std::size_t>((k + 1) % 3)]}] += 1;
    }
  }
  std::size_t bad = 0;
  for (const auto& [e, n] : directed) {
    const auto back = directed.find({e.second, e.first});
    if (n != 1 || back == directed.end() || back->second != 1) ++bad;
  }
  CHECK(bad == 0);
}

TEST_CASE(
    "mannequin: palette is the identity in the bind pose, and the rest pose lowers the arms") {
  const auto palette = paletteFor(bindPose());
  for (const glm::mat4& p : palette) {
    for (int c = 0; c < 4; ++c) {
      for (int k = 0; k < 4; ++k) REQUIRE(p[c][k] == Approx(c == k ? 1.0f : 0.0f).margin(1e-5));
    }
  }
  // The glTF rest pose (node transforms) is the anatomical position.
  const RiggedModel& m = mannequin();
  std::vector<glm::mat4> model(m.restLocal.size());
  REQUIRE(nodeLocalToModel(m.parents, m.restLocal, model));
  const glm::vec3 wrist(model[static_cast<std::size_t>(m.findNode("wrist_l"))][3]);
  const glm::vec3 shoulder(model[static_cast<std::size_t>(m.findNode("shoulder_l"))][3]);
  CHECK(wrist.x == Approx(shoulder.x).margin(1e-5));
}

namespace {

// The deep-flexion poses: the pose, the joint whose neighbourhood is measured and its radius
// (metres). Shared by the bounds below and the measurement table.
struct FlexCase {
  anatomy::Pose pose;
  Joint joint;
  float radius;
};

FlexCase kneeFlexion() {
  FlexCase c{bindPose(), Joint::KneeL, 0.12f};
  c.pose.set(Motion::KneeFlexion, Side::Left, 140.0f);
  return c;
}
FlexCase hipFlexion() {
  FlexCase c{bindPose(), Joint::HipL, 0.15f};
  c.pose.set(Motion::HipFlexion, Side::Left, 120.0f);
  return c;
}
FlexCase shoulderElevation() {
  FlexCase c{anatomy::Pose{}, Joint::ShoulderL, 0.13f};
  c.pose.set(Motion::ShoulderFlexion, Side::Left, 170.0f);
  c.pose.set(Motion::ShoulderAbduction, Side::Right, 12.0f);
  return c;
}
FlexCase trunkRotation() {
  FlexCase c{bindPose(), Joint::Thoracic, 0.20f};
  c.pose.set(Motion::ThoracicRotation, 45.0f);
  return c;
}

// Volume within [0.85, volumeMax) and the worst edge stretch below stretchMax.
void checkFlex(const FlexCase& c, double volumeMax, float stretchMax) {
  const FlexResult r = flex(c.pose, c.joint, c.radius);
  CHECK(r.volumeRatio > 0.85);
  CHECK(r.volumeRatio < volumeMax);
  CHECK(r.maxEdgeStretch < stretchMax);
}

}  // namespace

// Deep flexion under dual-quaternion skinning (what the renderer uses for the mannequin,
// kDrawDualQuat). Volume within 15 %; the worst edge stretch bounds spikes. Linear blend
// skinning fails the volume bounds here (0.66 knee, 0.64 hip, <0 shoulder: the candy wrapper).
// Knee: measured ~2.0-2.1 with the harmonic knee blend zone (2.95-3.1 without it, depending on
// how the simplifier meshed the back of the knee).
TEST_CASE("mannequin deep flexion keeps volume: knee 140") {
  checkFlex(kneeFlexion(), 1.15, 2.4f);
}

// Stretch bound 6.5 (measured 5.97), not 3: the worst edges cross the crotch crease, which is
// folded shut in the bind pose and must open when one thigh swings 120° forward (a point
// 17 cm below the hip centre moves ~36 cm). Closing that needs a helper joint or corrective
// shape; the bound still catches spikes (diffusion-only weights gave 11.9x, the 28 cm harmonic
// hip zone 7.6x, the 33 cm one 6.0x).
TEST_CASE("mannequin deep flexion keeps volume: hip 120") {
  checkFlex(hipFlexion(), 1.15, 6.5f);
}

// Stretch bound 5.8 (measured 5.25), not 3: the worst edges cross the armpit crease (folded in
// the bind pose, unfolded by 170° of glenohumeral flexion with no scapular rotation in this
// pose). Before the harmonic shoulder blend zone it was 13.7x; 6.0x while the hip zone still
// smoothed the weights of the hanging hand.
TEST_CASE("mannequin deep flexion keeps volume: shoulder 170 elevation") {
  checkFlex(shoulderElevation(), 1.15, 5.8f);
}

TEST_CASE("mannequin trunk rotation 45 keeps volume") {
  checkFlex(trunkRotation(), 1.10, 3.0f);
}

// The table in docs/mannequin.md: SV_PRINT_FLEX=1 test_model "[measure]".
TEST_CASE("mannequin deep flexion: LBS vs DQS measurements", "[.][measure]") {
  for (Skinning s : {Skinning::Linear, Skinning::DualQuat}) {
    for (const FlexCase& c : {kneeFlexion(), hipFlexion(), shoulderElevation(), trunkRotation()}) {
      flex(c.pose, c.joint, c.radius, s);
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
