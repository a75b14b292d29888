// The body asset, its shapes, the fitted skeleton and the rig (docs/body.md).
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <glm/gtc/quaternion.hpp>

#include "anatomy/kinematics.h"
#include "body/body.h"
#include "model/gltf_io.h"

using namespace sv;
using anatomy::Joint;
using anatomy::Motion;
using anatomy::Side;

namespace {

const std::shared_ptr<const body::BodyModel>& model() {
  static const std::shared_ptr<const body::BodyModel> m = [] {
    auto r = body::loadBodyModel(SV_BODY_PATH);
    REQUIRE(r.ok());
    return *r;
  }();
  return m;
}

body::Body makeBody(const body::BodyShape& s) {
  auto b = body::Body::create(model(), s);
  REQUIRE(b.ok());
  return std::move(*b);
}

int target(const body::BodyAsset& a, const std::string& name) {
  for (std::size_t t = 0; t < a.targetNames.size(); ++t) {
    if (a.targetNames[t] == name) return static_cast<int>(t);
  }
  FAIL("no target " << name);
  return -1;
}

std::filesystem::path tempDir() {
  const auto d = std::filesystem::temp_directory_path() / "sv_test_body";
  std::filesystem::create_directories(d);
  return d;
}

void writeBytes(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A tiny valid asset: a triangle on two bones.
body::BodyAsset tinyAsset() {
  body::BodyAsset a;
  a.credit = "test";
  a.positions = {{0, 0, 0}, {0.1f, 0, 0}, {0, 0.1f, 0}};
  a.normals = {{0, 0, 1}, {0, 0, 1}, {0, 0, 1}};
  a.joints = {{0, 0, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}};
  a.weights = {{1, 0, 0, 0}, {1, 0, 0, 0}, {0.5f, 0.5f, 0, 0}};
  a.regionIds.assign(3, {0, 0, 0, 0});
  a.regionWeights.assign(3, {0, 0, 0, 0});
  a.cover.assign(3, {0, 0, 0, 0});
  a.indices = {0, 1, 2};
  a.pointNames = {"p0", "p1"};
  a.points = {{0, 0, 0}, {0, 0.1f, 0}};
  a.canonicalPoint.fill(0);
  body::BoneSpec b0;
  b0.name = "root";
  b0.headPoint = 0;
  body::BoneSpec b1;
  b1.name = "child";
  b1.parent = 0;
  b1.headPoint = 1;
  b1.joint = Joint::Lumbar;
  a.bones = {b0, b1};
  return a;
}

}  // namespace

TEST_CASE("asset: the shipped body loads with its credit, skin bones, targets and points") {
  const body::BodyAsset& a = model()->asset;
  CHECK(a.credit.find("MakeHuman") != std::string::npos);
  CHECK(a.credit.find("CC0") != std::string::npos);
  CHECK(a.vertexCount() > 10000);
  CHECK(a.indices.size() / 3 > 20000);
  CHECK(a.bones.size() >= 70);
  CHECK(a.targets.size() == 44);
  int fingers = 0;
  for (const body::BoneSpec& b : a.bones) fingers += b.drive == body::Drive::Finger ? 1 : 0;
  CHECK(fingers == 30);  // five fingers × three segments × two hands
  for (int j = 0; j < anatomy::kJointCount; ++j) CHECK(a.canonicalPoint[j] >= 0);
}

TEST_CASE("asset: skin weights sum to 1 per vertex, at most 4, sorted") {
  const body::BodyAsset& a = model()->asset;
  for (std::size_t v = 0; v < a.weights.size(); ++v) {
    const glm::vec4& w = a.weights[v];
    INFO("vertex " << v);
    REQUIRE(std::fabs(w.x + w.y + w.z + w.w - 1.0f) < 1e-6f);
    REQUIRE(w.x >= w.y);
    REQUIRE(w.y >= w.z);
    REQUIRE(w.z >= w.w);
    REQUIRE(w.w >= 0.0f);
  }
}

TEST_CASE("asset: a joint point is the mean of its MakeHuman helper vertices, in every shape") {
  const std::filesystem::path mh = std::filesystem::path(SV_SHARED_DIR) / "makehuman";
  if (!std::filesystem::exists(mh / "base.obj")) {
    WARN("skipped: ../shared/makehuman is not here");
    return;
  }
  // The helper vertices of each joint (the .mhskel's joints) in base.obj (decimetres).
  std::vector<glm::vec3> V;
  {
    std::ifstream in(mh / "base.obj");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("v ", 0) != 0) continue;
      std::istringstream ss(line.substr(2));
      glm::vec3 v;
      ss >> v.x >> v.y >> v.z;
      V.push_back(v);
    }
  }
  std::ifstream skin(mh / "rig" / "default.mhskel");
  const nlohmann::json j = nlohmann::json::parse(skin);
  const body::BodyAsset& a = model()->asset;
  auto mean = [&](const std::string& joint) {
    glm::vec3 s(0.0f);
    const auto& vs = j["joints"][joint];
    for (const auto& v : vs) s += V[v.get<std::size_t>()];
    return s * (0.1f / static_cast<float>(vs.size()));
  };
  // Relative to one joint (the asset is shifted to stand on the floor, centred).
  const std::string refJoint = "upperleg01.L____head";
  const int ref = a.findPoint(refJoint);
  REQUIRE(ref >= 0);
  int checked = 0;
  for (std::size_t p = 0; p < a.pointNames.size(); ++p) {
    const std::string& name = a.pointNames[p];
    if (!j["joints"].contains(name)) continue;  // a derived point (pelvis, subtalar, toes)
    INFO(name);
    const glm::vec3 expected = mean(name) - mean(refJoint);
    CHECK(glm::distance(a.points[p] - a.points[static_cast<std::size_t>(ref)], expected) < 1e-5f);
    ++checked;
  }
  CHECK(checked > 100);
}

TEST_CASE("shape: target blends reproduce hand-computed positions for two profiles") {
  const body::BodyAsset& a = model()->asset;
  // Profile A: a young woman of average build, MakeHuman's average height (h = 0.5): only
  // the female-young macro target, weight 1 (the average-average universal target is empty).
  // Profile B: male, half-way old, muscle 0.75, weight 0.25: macro male-young 0.5 and
  // male-old 0.5; universal (muscle avg 0.5 / max 0.5) × (weight min 0.5 / avg 0.5) × 0.5
  // = 0.125 each of the three non-empty combinations, for young and for old.
  struct Case {
    body::BodyShape shape;
    std::map<std::string, float> weights;
  };
  const Case cases[] = {
      {{0.0f, 0.0f, 0.5f, 0.5f, 0.0f}, {{"macro/female-young", 1.0f}}},
      {{1.0f, 0.5f, 0.75f, 0.25f, 0.0f},
       {{"macro/male-young", 0.5f},
        {"macro/male-old", 0.5f},
        {"universal/male-young-averagemuscle-minweight", 0.125f},
        {"universal/male-young-maxmuscle-minweight", 0.125f},
        {"universal/male-young-maxmuscle-averageweight", 0.125f},
        {"universal/male-old-averagemuscle-minweight", 0.125f},
        {"universal/male-old-maxmuscle-minweight", 0.125f},
        {"universal/male-old-maxmuscle-averageweight", 0.125f}}},
  };
  for (const Case& c : cases) {
    body::ShapedBody shaped;
    body::shapeBody(a, model()->keys, c.shape, shaped);
    std::vector<glm::vec3> expect = a.positions;
    glm::vec3 pelvis = a.points[static_cast<std::size_t>(a.canonicalPoint[0])];
    for (const auto& [name, w] : c.weights) {
      const int t = target(a, name);
      for (std::size_t v = 0; v < expect.size(); ++v) expect[v] += w * a.targets[t][v];
      pelvis += w * a.pointTargets[t][static_cast<std::size_t>(a.canonicalPoint[0])];
    }
    float minY = 1e9f;
    for (const glm::vec3& p : expect) minY = std::min(minY, p.y);
    const glm::vec3 shift(-pelvis.x, -minY, -pelvis.z);
    float worst = 0.0f;
    for (std::size_t v = 0; v < expect.size(); ++v) {
      worst = std::max(worst, glm::distance(shaped.positions[v], expect[v] + shift));
    }
    CHECK(worst < 1e-5f);
  }
}

TEST_CASE("shape: height is met, values outside their ranges are clamped with a warning") {
  for (float h : {1.55f, 1.70f, 1.88f}) {
    body::BodyShape s = body::defaultClientShape();
    s.height = h;
    const body::Body b = makeBody(s);
    CHECK(b.standingHeight() == Approx(h).margin(0.005));
    CHECK(b.skeleton().height == Approx(b.standingHeight()));
  }
  std::string warning;
  const body::BodyShape c = body::clampShape({2.0f, -1.0f, 0.5f, NAN, 3.0f}, &warning);
  CHECK(c.sex == 1.0f);
  CHECK(c.age == 0.0f);
  CHECK(c.weight == 0.5f);
  CHECK(c.height == body::kMaxHeight);
  CHECK(warning.find("sex 2") != std::string::npos);
  CHECK(warning.find("age -1") != std::string::npos);
  CHECK(warning.find("weight") != std::string::npos);
  CHECK(warning.find("height 3") != std::string::npos);
  CHECK(warning.find("muscle") == std::string::npos);
}

TEST_CASE(
    "fit: the bind pose puts every canonical joint on its point, zero angles stand anatomically") {
  for (const body::BodyShape& s : {body::defaultClientShape(), body::defaultPractitionerShape()}) {
    const body::Body b = makeBody(s);
    const body::BodyAsset& a = model()->asset;
    for (int j = 0; j < anatomy::kJointCount; ++j) {
      INFO(anatomy::jointName(static_cast<Joint>(j)));
      const glm::vec3 point =
          b.shaped()
              .points[static_cast<std::size_t>(a.canonicalPoint[static_cast<std::size_t>(j)])];
      CHECK(glm::distance(glm::vec3(b.fit().bindModel[static_cast<std::size_t>(j)][3]), point) <
            1e-4f);
    }
    // The modelled A-pose: arms out and down (about 40° of abduction), elbows bent.
    CHECK(b.bindPose().get(Motion::ShoulderAbduction, Side::Left) > 30.0f);
    CHECK(b.bindPose().get(Motion::ShoulderAbduction, Side::Left) < 55.0f);
    CHECK(b.bindPose().get(Motion::ElbowFlexion, Side::Right) > 20.0f);
    // Anatomical position: upper arm and forearm hang straight down, the thighs too.
    const anatomy::Skeleton& sk = b.skeleton();
    auto down = [&](Joint from, Joint to) {
      const glm::vec3 d = glm::normalize(glm::vec3(sk.restModel[anatomy::index(to)][3]) -
                                         glm::vec3(sk.restModel[anatomy::index(from)][3]));
      return glm::degrees(std::acos(std::clamp(-d.y, -1.0f, 1.0f)));
    };
    for (Side side : {Side::Left, Side::Right}) {
      CHECK(down(anatomy::onSide(Joint::ShoulderL, side), anatomy::onSide(Joint::ElbowL, side)) <
            0.1f);
      CHECK(down(anatomy::onSide(Joint::ElbowL, side), anatomy::onSide(Joint::WristL, side)) <
            8.0f);
      CHECK(down(anatomy::onSide(Joint::HipL, side), anatomy::onSide(Joint::KneeL, side)) < 0.1f);
    }
    // Palms forward: the palm normal carried from the bind pose to zero angles faces +Z.
    std::array<anatomy::Transform, anatomy::kJointCount> local{};
    std::array<glm::mat4, anatomy::kJointCount> rest{};
    anatomy::poseToLocal(sk, anatomy::Pose{}, local);
    anatomy::localToModel(sk, local, rest);
    const int wrist = anatomy::index(Joint::WristL);
    const glm::mat3 toRest =
        glm::mat3(rest[wrist]) * glm::transpose(glm::mat3(b.fit().bindModel[wrist]));
    const glm::vec3 palm = glm::normalize(toRest * b.fit().palmNormal[0]);
    CHECK(palm.z > std::cos(glm::radians(15.0f)));
  }
}

TEST_CASE("rig: the palette is the identity in the bind pose with the modelled fingers") {
  const body::Body b = makeBody(body::defaultClientShape());
  // The hand shape the mesh was modelled with: each finger at its bind angles, the thumb's
  // deltas at zero.
  anatomy::HandShape bindHand;
  for (const body::RigBone& r : b.rig().bones) {
    if (r.drive != body::Drive::Finger || r.hand != 0 || r.finger == 0) continue;
    auto& f = bindHand.fingers[static_cast<std::size_t>(r.finger)];
    f.flexion[static_cast<std::size_t>(r.fingerSegment)] = r.bindFlex;
    if (r.fingerSegment == 0) f.spread = r.bindSpread;
  }
  std::array<anatomy::Transform, anatomy::kJointCount> local{};
  std::array<glm::mat4, anatomy::kJointCount> jm{};
  anatomy::poseToLocal(b.skeleton(), b.bindPose(), local);
  anatomy::localToModel(b.skeleton(), local, jm);
  std::vector<glm::mat4> pal(static_cast<std::size_t>(b.boneCount()));
  REQUIRE(b.palette(local, jm, bindHand, bindHand, pal));
  for (std::size_t i = 0; i < pal.size(); ++i) {
    INFO(model()->asset.bones[i].name);
    for (int c = 0; c < 4; ++c) CHECK(glm::length(pal[i][c] - glm::mat4(1.0f)[c]) < 1e-4f);
  }
}

TEST_CASE("rig: twist, spine levels and hand poses spread the motion as declared") {
  const body::Body b = makeBody(body::defaultClientShape());
  const body::BodyAsset& a = model()->asset;
  auto bone = [&](const std::string& name) {
    for (std::size_t i = 0; i < a.bones.size(); ++i) {
      if (a.bones[i].name == name) return i;
    }
    FAIL("no bone " << name);
    return std::size_t{0};
  };
  auto paletteFor = [&](const anatomy::Pose& p, anatomy::HandPose hand) {
    std::array<anatomy::Transform, anatomy::kJointCount> local{};
    std::array<glm::mat4, anatomy::kJointCount> jm{};
    anatomy::poseToLocal(b.skeleton(), p, local);
    anatomy::localToModel(b.skeleton(), local, jm);
    std::vector<glm::mat4> pal(static_cast<std::size_t>(b.boneCount()));
    const auto& hs = anatomy::handShape(hand);
    REQUIRE(b.palette(local, jm, hs, hs, pal));
    return pal;
  };
  // Rotation angle of a palette entry relative to another one.
  auto angle = [](const glm::mat4& x, const glm::mat4& y) {
    const glm::quat q = glm::quat_cast(glm::mat3(x) * glm::transpose(glm::mat3(y)));
    return glm::degrees(2.0f * std::acos(std::min(std::fabs(q.w), 1.0f)));
  };
  const anatomy::Pose rest;
  const auto p0 = paletteFor(rest, anatomy::HandPose::Relaxed);

  // Humeral internal rotation 90: the lower upper arm takes it all, the upper half half.
  anatomy::Pose rot;
  rot.set(Motion::ShoulderInternalRotation, Side::Right, 90.0f);
  const auto pr = paletteFor(rot, anatomy::HandPose::Relaxed);
  CHECK(angle(pr[bone("upperarm02.R")], p0[bone("upperarm02.R")]) == Approx(90.0f).margin(0.5));
  CHECK(angle(pr[bone("upperarm01.R")], p0[bone("upperarm01.R")]) == Approx(45.0f).margin(0.5));
  // Pronation 80: a quarter on the upper forearm, three quarters on the lower, all at the wrist.
  anatomy::Pose pro;
  pro.set(Motion::ForearmPronation, Side::Left, 80.0f);
  const auto pp = paletteFor(pro, anatomy::HandPose::Relaxed);
  CHECK(angle(pp[bone("lowerarm01.L")], p0[bone("lowerarm01.L")]) == Approx(20.0f).margin(0.5));
  CHECK(angle(pp[bone("lowerarm02.L")], p0[bone("lowerarm02.L")]) == Approx(60.0f).margin(0.5));
  CHECK(angle(pp[bone("wrist.L")], p0[bone("wrist.L")]) == Approx(80.0f).margin(0.5));
  // Lumbar flexion 40 over its two levels, thoracic flexion 30 over its two.
  anatomy::Pose flex;
  flex.set(Motion::LumbarFlexion, 40.0f);
  flex.set(Motion::ThoracicFlexion, 30.0f);
  const auto pf = paletteFor(flex, anatomy::HandPose::Relaxed);
  CHECK(angle(pf[bone("spine05")], p0[bone("spine05")]) < 0.01f);  // the pelvis's
  CHECK(angle(pf[bone("spine04")], p0[bone("spine04")]) == Approx(20.0f).margin(0.5));
  CHECK(angle(pf[bone("spine03")], p0[bone("spine03")]) == Approx(40.0f).margin(0.5));
  CHECK(angle(pf[bone("spine02")], p0[bone("spine02")]) == Approx(55.0f).margin(0.5));
  CHECK(angle(pf[bone("spine01")], p0[bone("spine01")]) == Approx(70.0f).margin(0.5));
  // A wrap curls the fingers far more than a flat palm; the thumb closes in too.
  const auto pw = paletteFor(rest, anatomy::HandPose::Wrap);
  const auto pfl = paletteFor(rest, anatomy::HandPose::Flat);
  // The fingertip bone turns by the sum of the three joints' differences (wrap 60+75+45,
  // flat 0+3+0 for the middle finger): ~177° (the segments' axes are nearly parallel).
  CHECK(angle(pw[bone("finger3-3.R")], pfl[bone("finger3-3.R")]) > 150.0f);
  CHECK(angle(pw[bone("finger3-1.R")], pfl[bone("finger3-1.R")]) == Approx(60.0f).margin(3.0));
  CHECK(angle(pw[bone("finger1-3.R")], pfl[bone("finger1-3.R")]) > 30.0f);
}

TEST_CASE("asset errors: missing, truncated, foreign or inconsistent files are refused clearly") {
  const auto dir = tempDir();
  SECTION("missing") {
    auto r = body::loadBodyAsset(dir / "nope.glb");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("nope.glb: file not found") != std::string::npos);
    CHECK(r.error().message.find("tools/make_body") != std::string::npos);
  }
  SECTION("truncated") {
    const std::string bytes = body::writeBodyAsset(tinyAsset());
    writeBytes(dir / "cut.glb", bytes.substr(0, bytes.size() / 2));
    auto r = body::loadBodyAsset(dir / "cut.glb");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.rfind((dir / "cut.glb").string() + ": ", 0) == 0);
  }
  SECTION("a glTF that is not a body asset") {
    gltf::Document doc;
    doc.positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}};
    doc.indices = {0, 1, 2};
    doc.nodes.push_back({"mesh", -1, glm::vec3(0.0f), glm::quat(1, 0, 0, 0), glm::vec3(1.0f)});
    writeBytes(dir / "plain.glb", gltf::writeGlb(doc));
    auto r = body::loadBodyAsset(dir / "plain.glb");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("not a stretchviz body asset") != std::string::npos);
  }
  SECTION("round trip, then an inconsistent one") {
    writeBytes(dir / "tiny.glb", body::writeBodyAsset(tinyAsset()));
    auto ok = body::loadBodyAsset(dir / "tiny.glb");
    INFO((ok.ok() ? std::string() : ok.error().message));
    REQUIRE(ok.ok());
    CHECK(ok->bones.size() == 2);
    CHECK(ok->bones[1].parent == 0);
    CHECK(ok->bones[1].joint == Joint::Lumbar);
    CHECK(ok->weights[2].y == Approx(0.5f));
    body::BodyAsset bad = tinyAsset();
    bad.weights[1] = {0.5f, 0.0f, 0.0f, 0.0f};  // sums to 0.5
    CHECK_FALSE(body::validateBodyAsset(bad, "x").ok());
    writeBytes(dir / "bad.glb", body::writeBodyAsset(bad));
    auto r = body::loadBodyAsset(dir / "bad.glb");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("vertex 1: skin weights do not sum to 1") != std::string::npos);
  }
}

TEST_CASE("lod: the body has two coarser levels of a quarter and a twelfth, within millimetres") {
  // Stored by the converter (loading does not simplify) and carried into every figure's mesh.
  REQUIRE(model()->asset.lods.size() == 2);
  const body::Body b = makeBody(body::defaultClientShape());
  const MeshData& m = b.mesh();
  REQUIRE(m.lods.size() == 2);
  CHECK(m.lodIndices == model()->asset.lodIndices);
  const std::size_t full = m.indices.size() / 3;
  for (const MeshLod& lod : m.lods) {
    std::printf("body lod: %u of %zu triangles, error %.2f mm\n", lod.indexCount / 3, full,
                static_cast<double>(lod.error * 1000.0f));
    CHECK(lod.firstIndex + lod.indexCount <= m.lodIndices.size());
  }
  CHECK(m.lods[0].indexCount / 3 < full * 3 / 10);
  CHECK(m.lods[1].indexCount / 3 < full / 10);
  CHECK(m.lods[0].error < 0.004f);
  CHECK(m.lods[1].error < 0.02f);
}
