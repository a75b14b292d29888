// Foreign rigs end to end: rigs of every naming convention built in code (tests/support/
// humanoid_rigs.h), written as glTF (the project's writer) or converted by assimp's exporter to
// Collada and FBX, in metres, centimetres and millimetres, +Y or +Z up, in T- and A-pose bind
// poses; then imported. Each must be recognised with the right bones, stand 1.3-2.1 m tall on
// the floor, and, driven by anatomical angles, show those angles on its own bones (measured
// from the bone positions, not the rotations that drove them) within 2 degrees.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "anatomy/kinematics.h"
#include "assimp_convert.h"
#include "fixtures.h"
#include "model/model_import.h"
#include "rig_gltf.h"

using namespace sv;
using anatomy::Joint;
using anatomy::Motion;
using anatomy::Side;
using Catch::Matchers::Contains;

namespace {

std::filesystem::path rigDir() {
  const auto dir = std::filesystem::temp_directory_path() / "sv_test_rigs";
  std::filesystem::create_directories(dir);
  return dir;
}

std::string slug(std::string s) {
  for (char& c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return s;
}

std::filesystem::path writeRig(const std::string& name, const std::vector<test::RigBone>& bones,
                               float unitsPerMetre, const test::RigDocOptions& opt = {}) {
  const auto path = rigDir() / (slug(name) + ".glb");
  std::ofstream out(path, std::ios::binary);
  const std::string bytes = gltf::writeGlb(test::rigDocument(bones, unitsPerMetre, opt));
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

RiggedModel load(const std::filesystem::path& path) {
  auto r = importModel(path);
  INFO(path.string());
  if (!r) FAIL(r.error().message);
  return std::move(r.value());
}

// The model's node for a test bone: by name, or by glTF node index for unnamed bones.
int nodeOf(const RiggedModel& m, const std::vector<test::RigBone>& bones, std::size_t i,
           int gltfOffset) {
  if (!bones[i].name.empty()) return m.findNode(bones[i].name);
  for (int n = 0; n < m.nodeCount(); ++n) {
    if (m.sourceIndex[static_cast<std::size_t>(n)] == static_cast<int>(i) + gltfOffset) return n;
  }
  return -1;
}

// Every role with a canonical joint is mapped to its bone.
void checkMapping(const RiggedModel& m, const std::vector<test::RigBone>& bones, int off = 0) {
  REQUIRE(m.humanoid.has_value());
  for (std::size_t i = 0; i < bones.size(); ++i) {
    const int j = test::jointOfRole(bones[i].role, bones[i].side);
    if (j < 0) continue;
    INFO(anatomy::jointName(static_cast<Joint>(j)) << " <- " << bones[i].name);
    CHECK(m.humanoid->boneOfJoint[static_cast<std::size_t>(j)] == nodeOf(m, bones, i, off));
  }
}

float angleDeg(const glm::vec3& a, const glm::vec3& b) {
  return glm::degrees(
      std::acos(std::clamp(glm::dot(glm::normalize(a), glm::normalize(b)), -1.0f, 1.0f)));
}

// The rig posed by anatomical angles: world matrices of its nodes.
struct Posed {
  std::vector<glm::mat4> world;
  RigPoseBuffers buffers;
};
Posed pose(const RiggedModel& m, const anatomy::Pose& p) {
  Posed out;
  out.buffers = makeRigPoseBuffers(m);
  REQUIRE(poseRig(m, p, out.buffers));
  out.world.resize(m.restLocal.size());
  REQUIRE(nodeLocalToModel(m.parents, out.buffers.nodeLocal, out.world));
  return out;
}

// Angles measured from the rig's own bone positions.
struct Measured {
  float elbowFlexion, kneeFlexion, hipFlexion, shoulderAbduction;
};
Measured measure(const RiggedModel& m, const std::vector<glm::mat4>& world, Side s) {
  auto P = [&](Joint j) {
    const int b =
        m.humanoid->boneOfJoint[static_cast<std::size_t>(anatomy::index(anatomy::onSide(j, s)))];
    return glm::vec3(world[static_cast<std::size_t>(b)][3]);
  };
  const float lat = s == Side::Left ? 1.0f : -1.0f;
  const glm::vec3 upper = P(Joint::ElbowL) - P(Joint::ShoulderL);
  const glm::vec3 fore = P(Joint::WristL) - P(Joint::ElbowL);
  const glm::vec3 thigh = P(Joint::KneeL) - P(Joint::HipL);
  const glm::vec3 shank = P(Joint::AnkleL) - P(Joint::KneeL);
  return {angleDeg(upper, fore), angleDeg(thigh, shank),
          glm::degrees(std::atan2(thigh.z, -thigh.y)),
          glm::degrees(std::atan2(lat * upper.x, -upper.y))};
}

// Drives the rig through a set of poses in both bind poses' worth of motion and checks the
// angles on its bones, the mapped bones on the canonical joints, the palms and the toes.
void checkDriven(const RiggedModel& m) {
  REQUIRE(m.rig.has_value());
  const float H = m.rig->standingHeight;
  {
    const Posed rest = pose(m, anatomy::Pose{});
    for (Side s : {Side::Left, Side::Right}) {
      INFO((s == Side::Left ? "left" : "right") << " side at rest");
      const Measured a = measure(m, rest.world, s);
      CHECK(a.elbowFlexion == Approx(0.0f).margin(2.0f));
      CHECK(a.kneeFlexion == Approx(0.0f).margin(2.0f));
      CHECK(a.hipFlexion == Approx(0.0f).margin(2.0f));
      CHECK(a.shoulderAbduction == Approx(0.0f).margin(2.0f));
      const float lat = s == Side::Left ? 1.0f : -1.0f;
      // Palms forward: the index base lateral of the little finger's (when the rig has them).
      const auto& f = m.rig->fingers[s == Side::Left ? 0 : 1];
      const int index = f[static_cast<std::size_t>(anatomy::Finger::Index)];
      const int little = f[static_cast<std::size_t>(anatomy::Finger::Little)];
      if (index >= 0 && little >= 0) {
        const glm::vec3 across = glm::vec3(rest.world[static_cast<std::size_t>(index)][3]) -
                                 glm::vec3(rest.world[static_cast<std::size_t>(little)][3]);
        CHECK(glm::normalize(across).x * lat > 0.95f);
      }
      // Toes forward.
      const int ankle = m.humanoid->boneOfJoint[static_cast<std::size_t>(
          anatomy::index(anatomy::onSide(Joint::AnkleL, s)))];
      const int toes = m.humanoid->boneOfJoint[static_cast<std::size_t>(
          anatomy::index(anatomy::onSide(Joint::ToesL, s)))];
      if (toes >= 0) {
        glm::vec3 d = glm::vec3(rest.world[static_cast<std::size_t>(toes)][3]) -
                      glm::vec3(rest.world[static_cast<std::size_t>(ankle)][3]);
        d.y = 0.0f;
        CHECK(glm::normalize(d).z > 0.97f);
      }
      // The left limbs are on the character's left (+X).
      const int hip = m.humanoid->boneOfJoint[static_cast<std::size_t>(
          anatomy::index(anatomy::onSide(Joint::HipL, s)))];
      CHECK(rest.world[static_cast<std::size_t>(hip)][3].x * lat > 0.0f);
    }
    // Hanging arms: the wrists below the elbows, the hands' skin with them.
    for (Joint w : {Joint::WristL, Joint::WristR}) {
      const int b = m.humanoid->boneOfJoint[static_cast<std::size_t>(anatomy::index(w))];
      CHECK(rest.world[static_cast<std::size_t>(b)][3].y < 0.55f * H);
    }
  }
  struct Case {
    Motion motion;
    Side side;
    float deg;
  };
  const Case cases[] = {{Motion::ElbowFlexion, Side::Left, 90.0f},
                        {Motion::ElbowFlexion, Side::Right, 45.0f},
                        {Motion::HipFlexion, Side::Left, 60.0f},
                        {Motion::HipFlexion, Side::Right, 100.0f},
                        {Motion::ShoulderAbduction, Side::Left, 90.0f},
                        {Motion::ShoulderAbduction, Side::Right, 150.0f},
                        {Motion::KneeFlexion, Side::Left, 90.0f},
                        {Motion::KneeFlexion, Side::Right, 30.0f}};
  for (const Case& c : cases) {
    anatomy::Pose p;
    p.set(c.motion, c.side, c.deg);
    const Posed posed = pose(m, p);
    const Measured a = measure(m, posed.world, c.side);
    const float got = c.motion == Motion::ElbowFlexion        ? a.elbowFlexion
                      : c.motion == Motion::HipFlexion        ? a.hipFlexion
                      : c.motion == Motion::ShoulderAbduction ? a.shoulderAbduction
                                                              : a.kneeFlexion;
    INFO(anatomy::motionId(c.motion) << (c.side == Side::Left ? " left " : " right ") << c.deg);
    CHECK(got == Approx(c.deg).margin(2.0f));
    // Every mapped bone sits on its canonical joint.
    for (int j = 0; j < anatomy::kJointCount; ++j) {
      const int b = m.humanoid->boneOfJoint[static_cast<std::size_t>(j)];
      if (b < 0) continue;
      INFO(anatomy::jointName(static_cast<Joint>(j)));
      CHECK(glm::distance(glm::vec3(posed.world[static_cast<std::size_t>(b)][3]),
                          glm::vec3(posed.buffers.canonicalModel[static_cast<std::size_t>(j)][3])) <
            1e-3f * H);
    }
  }
}

// The lowest point of the mesh skinned in the rest pose (the bind space may differ).
float restFloor(const RiggedModel& m) {
  std::vector<glm::mat4> world(m.restLocal.size()), palette(m.skinJointNode.size());
  REQUIRE(nodeLocalToModel(m.parents, m.restLocal, world));
  REQUIRE(computePalette(world, m.skinJointNode, m.inverseBind, palette));
  std::vector<glm::vec3> skinned(m.mesh.vertices.size());
  REQUIRE(skinVertices(m.mesh, palette, skinned, {}));
  float minY = 1e9f;
  for (const glm::vec3& v : skinned) minY = std::min(minY, v.y);
  return minY;
}

void checkStanding(const RiggedModel& m, float expectedHeight) {
  REQUIRE(m.rig.has_value());
  const float h = m.rig->standingHeight;
  CHECK(h >= 1.3f);
  CHECK(h <= 2.1f);
  CHECK(h == Approx(expectedHeight).epsilon(0.03));
  // On the floor, pelvis over the origin.
  CHECK(restFloor(m) == Approx(0.0f).margin(0.005f));
  std::vector<glm::mat4> world(m.restLocal.size());
  REQUIRE(nodeLocalToModel(m.parents, m.restLocal, world));
  const int pelvis = m.humanoid->boneOfJoint[anatomy::index(Joint::Pelvis)];
  CHECK(std::fabs(world[static_cast<std::size_t>(pelvis)][3].x) < 0.005f);
  CHECK(std::fabs(world[static_cast<std::size_t>(pelvis)][3].z) < 0.005f);
}

test::RigSpec spec(const test::Convention* c, test::BindPose b) {
  test::RigSpec s;
  s.convention = c;
  s.bind = b;
  return s;
}

}  // namespace

TEST_CASE("every naming convention, T- and A-pose, as glTF in metres") {
  for (const test::Convention& c : test::conventions()) {
    for (test::BindPose b : {test::BindPose::T, test::BindPose::A}) {
      const test::RigSpec s = spec(&c, b);
      const auto bones = test::makeRig(s);
      const std::string label = std::string(c.label) + " " + test::bindPoseName(b);
      INFO(label);
      const RiggedModel m = load(writeRig(label, bones, 1.0f));
      checkMapping(m, bones);
      checkStanding(m, s.height);
      CHECK(m.rig->bindPose == test::bindPoseName(b));
      CHECK(m.normalisation.unitSource == "declared");
      checkDriven(m);
    }
  }
}

TEST_CASE(
    "units: centimetres and millimetres from the height, an armature scale node as declared") {
  const test::Convention& mixamo = test::conventions()[0];
  for (float units : {100.0f, 1000.0f}) {
    test::RigSpec s = spec(&mixamo, test::BindPose::T);
    s.unitsPerMetre = units;
    const auto bones = test::makeRig(s);
    INFO(units << " units per metre");
    const RiggedModel m =
        load(writeRig("mixamo_units_" + std::to_string(int(units)), bones, units));
    checkMapping(m, bones);
    CHECK(m.normalisation.unitSource == "height");
    CHECK_THAT(m.normalisation.unit, Contains(units == 100.0f ? "centimetres" : "millimetres"));
    CHECK(m.normalisation.scale == Approx(1.0f / units).epsilon(1e-5));
    checkStanding(m, s.height);
    checkDriven(m);
  }
  // Centimetres under a scaling "Armature" node (as exporters write them): metres already once
  // the nodes are applied; the pelvis moves through the scaled parent in metres.
  test::RigSpec s = spec(&mixamo, test::BindPose::A);
  s.unitsPerMetre = 100.0f;
  const auto bones = test::makeRig(s);
  test::RigDocOptions o;
  o.armatureScale = true;
  const RiggedModel m = load(writeRig("mixamo_armature_cm", bones, 100.0f, o));
  checkMapping(m, bones, 1);
  CHECK(m.normalisation.unitSource == "declared");
  CHECK(m.humanoid->pelvisParentScale == Approx(0.01f).epsilon(1e-4));
  checkStanding(m, s.height);
  checkDriven(m);
  anatomy::Pose p;
  p.root.translation = glm::vec3(0.1f, -0.3f, 0.2f);
  const Posed moved = pose(m, p), rest = pose(m, anatomy::Pose{});
  const auto pelvis = static_cast<std::size_t>(m.humanoid->boneOfJoint[0]);
  const glm::vec3 d = glm::vec3(moved.world[pelvis][3]) - glm::vec3(rest.world[pelvis][3]);
  CHECK(glm::distance(d, p.root.translation) < 1e-4f);
}

TEST_CASE(
    "a Z-up glTF (no metadata says so) is stood up by its skeleton; a figure facing -Z is turned") {
  const test::Convention& unreal = test::conventions()[6];
  test::RigSpec s = spec(&unreal, test::BindPose::A);
  s.zUp = true;
  const auto bones = test::makeRig(s);
  const RiggedModel m = load(writeRig("unreal_zup", bones, 1.0f));
  checkMapping(m, bones);
  CHECK(m.normalisation.upSource == "skeleton");
  CHECK_THAT(m.normalisation.up, Contains("+Z"));
  checkStanding(m, s.height);
  checkDriven(m);

  test::RigSpec back = spec(&test::conventions()[1], test::BindPose::T);
  back.facingBack = true;
  const auto bb = test::makeRig(back);
  const RiggedModel mb = load(writeRig("blender_facing_back", bb, 1.0f));
  checkMapping(mb, bb);
  CHECK_THAT(mb.normalisation.facing, Contains("180"));
  checkStanding(mb, back.height);
  checkDriven(mb);
}

TEST_CASE("a VRM humanBones map names the bones when the names do not") {
  test::RigSpec s = spec(nullptr, test::BindPose::T);
  auto bones = test::makeRig(s);
  for (std::size_t i = 0; i < bones.size(); ++i) bones[i].name = "bone" + std::to_string(100 + i);
  test::RigDocOptions o;
  o.vrm = true;
  const RiggedModel m = load(writeRig("vrm_map", bones, 1.0f, o));
  checkMapping(m, bones);
  CHECK(m.rig->convention == "VRM humanoid");
  CHECK(m.humanoid->source[anatomy::index(Joint::ElbowL)] == anatomy::MatchSource::HumanoidMap);
  checkDriven(m);
  // The same avatar as a .vrm file (a GLB under VRM's extension, which assimp does not know).
  const auto vrm = rigDir() / "vrm_map.vrm";
  std::filesystem::copy_file(writeRig("vrm_map", bones, 1.0f, o), vrm,
                             std::filesystem::copy_options::overwrite_existing);
  const RiggedModel v = load(vrm);
  checkMapping(v, bones);
  CHECK(v.rig->convention == "VRM humanoid");
}

TEST_CASE("unnamed bones: the topology gives the mapping, the mesh's feet the front") {
  for (test::BindPose b : {test::BindPose::T, test::BindPose::A}) {
    INFO(test::bindPoseName(b));
    test::RigSpec s = spec(nullptr, b);
    s.facingBack = b == test::BindPose::A;  // left and right must come from the geometry
    const auto bones = test::makeRig(s);
    const RiggedModel m =
        load(writeRig(std::string("unnamed_") + test::bindPoseName(b), bones, 1.0f));
    REQUIRE(m.humanoid.has_value());
    CHECK(m.rig->convention == "none (topology)");
    // Topology finds every required joint and the limbs' optional ones it can tell apart.
    for (std::size_t i = 0; i < bones.size(); ++i) {
      const int j = test::jointOfRole(bones[i].role, bones[i].side);
      if (j < 0 || bones[i].role == test::Role::Middle) continue;
      INFO(anatomy::jointName(static_cast<Joint>(j)));
      CHECK(m.humanoid->boneOfJoint[static_cast<std::size_t>(j)] == nodeOf(m, bones, i, 0));
      CHECK(m.humanoid->source[static_cast<std::size_t>(j)] == anatomy::MatchSource::Topology);
    }
    checkStanding(m, s.height);
    checkDriven(m);
  }
}

TEST_CASE("Collada and FBX written by assimp's exporter: declared units and axes") {
  const test::Convention& maya = test::conventions()[4];
  SECTION("Collada, centimetres, Z up: assimp applies <unit> and <up_axis>") {
    test::RigSpec s = spec(&maya, test::BindPose::T);
    s.unitsPerMetre = 100.0f;
    s.zUp = true;
    const auto bones = test::makeRig(s);
    const auto glb = writeRig("maya_zup_cm_src", bones, 100.0f);
    const auto dae = rigDir() / "maya_zup_cm.dae";
    const std::string err = test::convertWithAssimp(
        glb, dae, "collada",
        {{"<unit name=\"meter\" meter=\"1\" />", "<unit name=\"centimeter\" meter=\"0.01\" />"},
         {"<up_axis>Y_UP</up_axis>", "<up_axis>Z_UP</up_axis>"}});
    REQUIRE(err.empty());
    const RiggedModel m = load(dae);
    checkMapping(m, bones);
    CHECK_THAT(m.normalisation.unit, Contains("meter=0.01"));
    CHECK_THAT(m.normalisation.up, Contains("Z_UP"));
    CHECK(m.normalisation.unitSource == "declared");
    CHECK(m.normalisation.upSource == "declared");
    checkStanding(m, s.height);
    checkDriven(m);
  }
  SECTION("FBX (ASCII), centimetres: UnitScaleFactor 1 is applied by the importer, not assimp") {
    test::RigSpec s = spec(&test::conventions()[5], test::BindPose::A);
    s.unitsPerMetre = 100.0f;
    const auto bones = test::makeRig(s);
    const auto glb = writeRig("biped_cm_src", bones, 100.0f);
    const auto fbx = rigDir() / "biped_cm.fbx";
    REQUIRE(test::convertWithAssimp(glb, fbx, "fbxa").empty());
    const RiggedModel m = load(fbx);
    checkMapping(m, bones);
    CHECK(m.normalisation.unitSource == "declared");
    CHECK_THAT(m.normalisation.unit, Contains("UnitScaleFactor 1 (centimetres)"));
    checkStanding(m, s.height);
    checkDriven(m);
  }
  SECTION("FBX (ASCII), metres, Z up declared by UpAxis") {
    test::RigSpec s = spec(&test::conventions()[0], test::BindPose::T);
    s.zUp = true;
    const auto bones = test::makeRig(s);
    const auto glb = writeRig("mixamo_zup_src", bones, 1.0f);
    const auto fbx = rigDir() / "mixamo_zup.fbx";
    REQUIRE(test::convertWithAssimp(glb, fbx, "fbxa",
                                    {{"\"UnitScaleFactor\", \"double\", \"Number\", \"\", 1",
                                      "\"UnitScaleFactor\", \"double\", \"Number\", \"\", 100"},
                                     {"\"UpAxis\", \"int\", \"Integer\", \"\", 1",
                                      "\"UpAxis\", \"int\", \"Integer\", \"\", 2"},
                                     {"\"FrontAxis\", \"int\", \"Integer\", \"\", 2",
                                      "\"FrontAxis\", \"int\", \"Integer\", \"\", 1"},
                                     {"\"FrontAxisSign\", \"int\", \"Integer\", \"\", 1",
                                      "\"FrontAxisSign\", \"int\", \"Integer\", \"\", -1"}})
                .empty());
    const RiggedModel m = load(fbx);
    checkMapping(m, bones);
    CHECK(m.normalisation.upSource == "declared");
    CHECK_THAT(m.normalisation.up, Contains("UpAxis +Z"));
    CHECK_THAT(m.normalisation.unit, Contains("UnitScaleFactor 100 (metres)"));
    checkStanding(m, s.height);
    checkDriven(m);
  }
}

TEST_CASE("the real MakeHuman skeleton (163 bones, A-pose, decimetres) from ../shared") {
  const std::filesystem::path dir = std::filesystem::path(SV_SHARED_DIR) / "makehuman";
  if (!std::filesystem::exists(dir / "rig" / "default.mhskel")) {
    WARN("skipped: " << (dir / "rig" / "default.mhskel").string() << " not found (SV_SHARED_DIR)");
    return;
  }
  // Joint positions: the mean of each joint's vertices in base.obj (decimetres, +Y up, facing +Z).
  std::vector<glm::vec3> verts;
  {
    std::ifstream obj(dir / "base.obj");
    std::string line;
    while (std::getline(obj, line)) {
      if (line.rfind("v ", 0) != 0) continue;
      std::istringstream in(line.substr(2));
      glm::vec3 v;
      in >> v.x >> v.y >> v.z;
      verts.push_back(v);
    }
  }
  std::ifstream f(dir / "rig" / "default.mhskel");
  const nlohmann::json j = nlohmann::json::parse(f);
  auto jointPos = [&](const std::string& name) {
    glm::vec3 sum(0.0f);
    const auto& ids = j["joints"][name];
    for (const auto& id : ids) sum += verts[id.get<std::size_t>()];
    return sum / static_cast<float>(ids.size());
  };
  // Bones parents first, plus an end bone at the head's tail (the crown) for the mesh's top.
  std::vector<test::RigBone> bones;
  std::vector<std::string> order;
  std::function<void(const std::string&, int)> add = [&](const std::string& name, int parent) {
    const auto& b = j["bones"][name];
    bones.push_back({test::Role::kCount, Side::Center, parent, true,
                     jointPos(b["head"].get<std::string>()), name});
    const int me = static_cast<int>(bones.size()) - 1;
    if (name == "head") {
      bones.push_back({test::Role::HeadEnd, Side::Center, me, false,
                       jointPos(b["tail"].get<std::string>()), "head_end"});
    }
    for (const auto& [child, cb] : j["bones"].items()) {
      if (cb["parent"].is_string() && cb["parent"].get<std::string>() == name) add(child, me);
    }
  };
  add("root", -1);
  REQUIRE(bones.size() == 164);
  const RiggedModel m = load(writeRig("makehuman_default", bones, 10.0f));
  REQUIRE(m.humanoid.has_value());
  const std::pair<const char*, Joint> expect[] = {
      {"root", Joint::Pelvis},          {"spine05", Joint::Lumbar},
      {"neck01", Joint::Cervical},      {"head", Joint::Head},
      {"clavicle.L", Joint::ClavicleL}, {"upperarm01.L", Joint::ShoulderL},
      {"lowerarm01.R", Joint::ElbowR},  {"wrist.L", Joint::WristL},
      {"finger3-1.R", Joint::HandR},    {"upperleg01.L", Joint::HipL},
      {"lowerleg01.R", Joint::KneeR},   {"foot.L", Joint::AnkleL}};
  for (const auto& [name, joint] : expect) {
    INFO(name);
    CHECK(m.humanoid->boneOfJoint[static_cast<std::size_t>(anatomy::index(joint))] ==
          m.findNode(name));
  }
  CHECK(m.rig->convention == "MakeHuman");
  CHECK(m.rig->bindPose == "A-pose");
  CHECK(m.normalisation.unitSource == "height");
  CHECK_THAT(m.normalisation.unit, Contains("decimetres"));
  checkStanding(m, 1.67f * 0.97f);  // the stick mesh's lowest point is the toe joints, ~2 cm up
  checkDriven(m);
}

TEST_CASE("the real test models in ../shared: CesiumMan by topology, RiggedSimple refused") {
  const auto dir = std::filesystem::path(SV_SHARED_DIR) / "testdata" / "external";
  const auto cesium = dir / "cesium_man.gltf", simple = dir / "rigged_simple.gltf";
  if (!std::filesystem::exists(cesium) || !std::filesystem::exists(simple)) {
    WARN("skipped: " << dir.string() << " lacks cesium_man.gltf or rigged_simple.gltf");
    return;
  }
  const RiggedModel m = load(cesium);
  REQUIRE(m.humanoid.has_value());
  CHECK(m.rig->convention == "none (topology)");
  CHECK(m.normalisation.unitSource == "declared");           // glTF metres, and 1.5 m is plausible
  CHECK_THAT(m.normalisation.facing, Contains("about +Y"));  // it faces +X in the file
  checkStanding(m, 1.51f);
  checkDriven(m);
  // Every required joint by topology; the unnamed nodes are reported by their file index.
  for (int j = 0; j < anatomy::kJointCount; ++j) {
    if (!anatomy::isRequiredJoint(static_cast<Joint>(j))) continue;
    CHECK(m.humanoid->source[static_cast<std::size_t>(j)] == anatomy::MatchSource::Topology);
  }
  const RiggedModel s = load(simple);
  CHECK_FALSE(s.humanoid.has_value());
  CHECK_THAT(s.humanoidError, Contains("topology: no bone with two legs"));
  // A non-humanoid keeps its declared unit and stands on the floor over the origin.
  CHECK(s.normalisation.scale == 1.0f);
  CHECK(restFloor(s) == Approx(0.0f).margin(0.005f));
}

TEST_CASE("degenerate rigs load without harm: collapsed bones, a giant, a dwarf, a mirror") {
  const test::Convention& mixamo = test::conventions()[0];
  // Every bone at one point in the rest pose (the mesh bound elsewhere): humanoid names, no
  // shape. Loads; nothing is non-finite.
  {
    const auto bones = test::makeRig(spec(&mixamo, test::BindPose::T));
    gltf::Document doc = test::rigDocument(bones, 1.0f);
    for (std::size_t i = 0; i < bones.size(); ++i) {
      doc.nodes[i].translation =
          bones[i].parent < 0 ? glm::vec3(0.0f, 1.0f, 0.0f) : glm::vec3(0.0f);
    }
    auto r = importModel(test::writeFixture("collapsed.glb", doc));
    REQUIRE(r.ok());
    for (const Vertex& v : r->mesh.vertices) {
      REQUIRE(std::isfinite(v.position.x));
      REQUIRE(std::isfinite(v.position.y));
    }
    CHECK(std::isfinite(r->normalisation.scale));
    if (r->humanoid) {
      const Posed p = pose(*r, anatomy::Pose{});
      for (const glm::mat4& w : p.world) REQUIRE(std::isfinite(w[3].y));
    }
  }
  // 40 m and 4 cm tall figures in metres: no unit makes them adults; scaled to 1.75 m.
  for (float height : {40.0f, 0.04f}) {
    INFO(height);
    test::RigSpec s = spec(&mixamo, test::BindPose::A);
    s.height = height;
    const auto bones = test::makeRig(s);
    const RiggedModel m = load(writeRig("height_" + std::to_string(height), bones, 1.0f));
    checkMapping(m, bones);
    CHECK(m.normalisation.unitSource == "height");
    CHECK_THAT(m.normalisation.unit, Contains("scaled to 1.75 m"));
    checkStanding(m, 1.75f);
    checkDriven(m);
  }
  // Left and right swapped in the names (a mirrored rig): recognised as named, turned so its
  // "left" is +X; the angles still read back.
  {
    auto bones = test::makeRig(spec(&mixamo, test::BindPose::T));
    for (test::RigBone& b : bones) {
      for (auto [from, to] :
           {std::pair{"Left", "Tmp"}, std::pair{"Right", "Left"}, std::pair{"Tmp", "Right"}}) {
        const auto at = b.name.find(from);
        if (at != std::string::npos) b.name.replace(at, std::string(from).size(), to);
      }
    }
    const RiggedModel m = load(writeRig("mirrored_names", bones, 1.0f));
    REQUIRE(m.humanoid.has_value());
    CHECK(m.rig->convention == "Mixamo");
    CHECK_THAT(m.normalisation.facing, Contains("180"));
    checkDriven(m);
  }
}
