// Rig recognition (names, sides, spine, hierarchy checks, VRM names, topology) and the rest
// pose brought to the anatomical position, on the rigs of tests/support/humanoid_rigs.h.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "anatomy/rig_mapping.h"
#include "anatomy/rig_names.h"
#include "anatomy/rig_rest.h"
#include "support/humanoid_rigs.h"

using namespace sv;
using namespace sv::anatomy;
using Catch::Matchers::Contains;

namespace {

struct Lists {
  std::vector<std::string> names;
  std::vector<int> parents;
  std::vector<glm::vec3> positions;
  std::vector<std::uint8_t> deforms;
  RigBones bones() const {
    RigBones b;
    b.names = names;
    b.parents = parents;
    b.positions = positions;
    b.deforms = deforms;
    return b;
  }
};

Lists lists(const std::vector<test::RigBone>& rig) {
  Lists l;
  for (const test::RigBone& b : rig) {
    l.names.push_back(b.name);
    l.parents.push_back(b.parent);
    l.positions.push_back(b.position);
    l.deforms.push_back(b.deforms ? 1 : 0);
  }
  return l;
}

void checkRoles(const RigMapping& m, const std::vector<test::RigBone>& rig) {
  for (std::size_t i = 0; i < rig.size(); ++i) {
    const int j = test::jointOfRole(rig[i].role, rig[i].side);
    if (j < 0) continue;
    INFO(jointName(static_cast<Joint>(j)) << " <- '" << rig[i].name << "'");
    CHECK(m.boneOfJoint[static_cast<std::size_t>(j)] == static_cast<int>(i));
  }
}

std::string joined(const ParsedBoneName& p) {
  std::string s;
  for (const std::string& t : p.tokens) s += (s.empty() ? "" : " ") + t;
  return s;
}

// Rest model matrices for a test rig: positions with bone frames that are not model-aligned.
std::vector<glm::mat4> restModel(const std::vector<test::RigBone>& rig) {
  std::vector<glm::mat4> m(rig.size());
  for (std::size_t i = 0; i < rig.size(); ++i) {
    m[i] = glm::mat4_cast(glm::angleAxis(0.3f + 0.7f * static_cast<float>(i),
                                         glm::normalize(glm::vec3(1.0f, 2.0f, 3.0f))));
    m[i][3] = glm::vec4(rig[i].position, 1.0f);
  }
  return m;
}

}  // namespace

TEST_CASE("bone names: sides in every spelling, rig prefixes, control bones", "[anatomy][rig]") {
  struct Case {
    const char* name;
    Side side;
    const char* tokens;
    const char* prefix;
    const char* style;
  };
  const Case cases[] = {
      {"L_shoulder", Side::Left, "shoulder", "", "L_"},
      {"l_hip", Side::Left, "hip", "", "l_"},
      {"r_humerus", Side::Right, "humerus", "", "r_"},
      {"mixamorig:LeftUpLeg", Side::Left, "up leg", "mixamorig", "Left"},
      {"Armature|mixamorig_RightHandIndex1", Side::Right, "hand index 1", "mixamorig", "_Right"},
      {"thigh.L", Side::Left, "thigh", "", ".L"},
      {"DEF-thigh.R", Side::Right, "thigh", "def", ".R"},
      {"upperleg01.L", Side::Left, "upperleg 01", "", ".L"},
      {"thigh_l", Side::Left, "thigh", "", "_l"},
      {"upperarm_twist_01_r", Side::Right, "upperarm twist 01", "", "_r"},
      {"Bip01 L Thigh", Side::Left, "thigh", "bip", " L "},
      {"Bip01 Spine1", Side::Center, "spine 1", "bip", ""},
      {"LEFTUPPERARM", Side::Left, "upperarm", "", "LEFT"},
      {"leftUpperArm", Side::Left, "upper arm", "", "left"},
      {"RIGHT_FOOT", Side::Right, "foot", "", "RIGHT_"},
      {"LUpperArm", Side::Left, "upper arm", "", "L"},
      {"Character1_LeftUpLeg", Side::Left, "up leg", "character", "_Left"},
      {"leg_joint_L_1", Side::Left, "leg 1", "", "_L_"},
      {"hand.L.001", Side::Left, "hand 001", "", ".L."},
      {"shin-R", Side::Right, "shin", "", "-R"},
      {"spine_01", Side::Center, "spine 01", "", ""},
      {"C_neck", Side::Center, "neck", "c", ""},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const ParsedBoneName p = parseBoneName(c.name);
    CHECK(p.side == c.side);
    CHECK(joined(p) == c.tokens);
    CHECK(p.prefix == c.prefix);
    CHECK(p.sideStyle == c.style);
    CHECK_FALSE(p.helper);
  }
  for (const char* helper : {"mixamorig:HeadTop_End", "MCH-thigh_ik.L", "Bip01 L Toe0Nub",
                             "foot_ik_target.L", "hand_ctrl_l"}) {
    INFO(helper);
    CHECK(parseBoneName(helper).helper);
  }
}

TEST_CASE("every convention of the test rigs maps by name and says which it is", "[anatomy][rig]") {
  for (const test::Convention& c : test::conventions()) {
    for (test::BindPose b : {test::BindPose::Anatomical, test::BindPose::T, test::BindPose::A}) {
      INFO(c.label << " " << test::bindPoseName(b));
      test::RigSpec s;
      s.convention = &c;
      s.bind = b;
      const auto rig = test::makeRig(s);
      const Lists l = lists(rig);
      auto r = recogniseRig(l.bones());
      REQUIRE(r.ok());
      checkRoles(r->mapping, rig);
      CHECK(r->convention == c.family);
      for (int j = 0; j < kJointCount; ++j) {
        const MatchSource src = r->mapping.source[static_cast<std::size_t>(j)];
        if (r->mapping.boneOfJoint[static_cast<std::size_t>(j)] >= 0) {
          CHECK((src == MatchSource::Name || src == MatchSource::Spine));
        }
      }
      // The upper chest rides along; the fingers are found for the palms.
      CHECK(r->mapping.upperChestBone == 3);
      CHECK(r->fingers[0][static_cast<std::size_t>(Finger::Index)] >= 0);
      CHECK(r->fingers[1][static_cast<std::size_t>(Finger::Little)] >= 0);
    }
  }
}

TEST_CASE("sides written every way map the same rig", "[anatomy][rig]") {
  // Limb words without sides (Unreal's), written with each side style.
  const std::vector<std::pair<std::string, std::string>> styles = {
      {"L_%", "R_%"},        {"l_%", "r_%"}, {"Left%", "Right%"},    {"%.L", "%.R"},
      {"%_l", "%_r"},        {"%-L", "%-R"}, {"LEFT_%", "RIGHT_%"},  {"left%", "right%"},
      {"%_Left", "%_Right"}, {"%.l", "%.r"}, {"Rig L %", "Rig R %"}, {"Bip01 L %", "Bip01 R %"}};
  test::Convention base = test::conventions()[6];  // Unreal
  for (const auto& [left, right] : styles) {
    INFO(left);
    test::RigSpec s;
    s.convention = &base;
    auto rig = test::makeRig(s);
    for (test::RigBone& b : rig) {
      if (!test::sided(b.role)) continue;
      std::string word = b.name.substr(0, b.name.size() - 2);  // "upperarm_l" -> "upperarm"
      if (left[0] == 'L' && left[1] == 'e') word[0] = static_cast<char>(std::toupper(word[0]));
      std::string n = b.side == Side::Left ? left : right;
      n.replace(n.find('%'), 1, word);
      b.name = n;
    }
    const Lists l = lists(rig);
    auto r = recogniseRig(l.bones());
    REQUIRE(r.ok());
    checkRoles(r->mapping, rig);
  }
}

TEST_CASE("'shoulder' is a clavicle above an upper-arm bone, else the shoulder joint",
          "[anatomy][rig]") {
  test::RigSpec s;
  s.convention = &test::conventions()[4];  // Maya: L_clavicle, L_shoulder, L_elbow
  auto rig = test::makeRig(s);
  {
    const Lists l = lists(rig);
    auto r = recogniseRig(l.bones());
    REQUIRE(r.ok());
    CHECK(l.names[static_cast<std::size_t>(r->mapping.boneOfJoint[index(Joint::ShoulderL)])] ==
          "L_shoulder");
  }
  // Renamed Mixamo-style: "L_shoulder" above "L_arm" is now the clavicle.
  for (test::RigBone& b : rig) {
    if (b.name == "L_clavicle") b.name = "L_collar_helper_bone";
    if (b.name == "L_shoulder") b.name = "L_arm";
  }
  for (test::RigBone& b : rig) {
    if (b.name == "L_collar_helper_bone") b.name = "L_shoulder";
  }
  const Lists l = lists(rig);
  auto r = recogniseRig(l.bones());
  REQUIRE(r.ok());
  CHECK(l.names[static_cast<std::size_t>(r->mapping.boneOfJoint[index(Joint::ClavicleL)])] ==
        "L_shoulder");
  CHECK(l.names[static_cast<std::size_t>(r->mapping.boneOfJoint[index(Joint::ShoulderL)])] ==
        "L_arm");
}

TEST_CASE("names that contradict the hierarchy fall back to the topology", "[anatomy][rig]") {
  test::RigSpec s;
  s.convention = &test::conventions()[0];
  s.bind = test::BindPose::T;
  auto rig = test::makeRig(s);
  for (test::RigBone& b : rig) {  // swap the left upper arm's and forearm's names
    if (b.name == "mixamorig:LeftArm") {
      b.name = "mixamorig:LeftForeArm";
    } else if (b.name == "mixamorig:LeftForeArm") {
      b.name = "mixamorig:LeftArm";
    }
  }
  const Lists l = lists(rig);
  auto r = recogniseRig(l.bones());
  REQUIRE(r.ok());
  CHECK_THAT(r->notes.front(), Contains("contradict the hierarchy"));
  CHECK_THAT(r->notes.front(), Contains("elbow_l"));
  checkRoles(r->mapping, rig);  // by geometry, every joint where it belongs
  CHECK(r->convention == "none (topology)");
  // Names only (no hierarchy to check or to fall back on): the names are taken as they are.
  RigBones namesOnly;
  namesOnly.names = l.names;
  auto n = recogniseRig(namesOnly);
  REQUIRE(n.ok());
  CHECK(l.names[static_cast<std::size_t>(n->mapping.boneOfJoint[index(Joint::ShoulderL)])] ==
        "mixamorig:LeftArm");
}

TEST_CASE("topology: unnamed rigs in every bind pose, facing either way", "[anatomy][rig]") {
  for (test::BindPose b : {test::BindPose::Anatomical, test::BindPose::T, test::BindPose::A}) {
    for (bool back : {false, true}) {
      INFO(test::bindPoseName(b) << (back ? ", facing -Z" : ""));
      test::RigSpec s;
      s.bind = b;
      s.facingBack = back;
      const auto rig = test::makeRig(s);
      const Lists l = lists(rig);
      auto r = recogniseRig(l.bones());
      REQUIRE(r.ok());
      CHECK(r->convention == "none (topology)");
      for (std::size_t i = 0; i < rig.size(); ++i) {
        const int j = test::jointOfRole(rig[i].role, rig[i].side);
        if (j < 0 || rig[i].role == test::Role::Middle) continue;  // the hand joint: by name only
        INFO(jointName(static_cast<Joint>(j)));
        CHECK(r->mapping.boneOfJoint[static_cast<std::size_t>(j)] == static_cast<int>(i));
      }
    }
  }
  // Not a humanoid: a chain. The error names what is missing and why topology failed.
  const std::vector<std::string> names = {"a", "b", "c", "d"};
  const std::vector<int> parents = {-1, 0, 1, 2};
  const std::vector<glm::vec3> pos = {{0, 0, 0}, {0, 1, 0}, {0, 2, 0}, {0, 3, 0}};
  RigBones chain;
  chain.names = names;
  chain.parents = parents;
  chain.positions = pos;
  auto r = recogniseRig(chain);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().message, Contains("required joint(s) not found among 4 bones: pelvis"));
  CHECK_THAT(r.error().message, Contains("topology: no bone with two legs"));
}

TEST_CASE("VRM humanoid bone names", "[anatomy][rig]") {
  CHECK(humanoidBoneJoint("leftUpperArm") == Joint::ShoulderL);
  CHECK(humanoidBoneJoint("RIGHTTOES") == Joint::ToesR);
  CHECK(humanoidBoneJoint("leftShoulder") == Joint::ClavicleL);
  CHECK(humanoidBoneJoint("rightMiddleProximal") == Joint::HandR);
  bool upper = false;
  CHECK_FALSE(humanoidBoneJoint("upperChest", &upper).has_value());
  CHECK(upper);
  CHECK_FALSE(humanoidBoneJoint("jaw").has_value());
  // A map overrides meaningless names; entries out of range are ignored.
  test::RigSpec s;
  const auto rig = test::makeRig(s);
  Lists l = lists(rig);
  for (std::string& n : l.names) n = "x";
  std::vector<HumanoidBone> map = {{"hips", 0}, {"spine", 1}, {"chest", 2},      {"neck", 4},
                                   {"head", 5}, {"jaw", 3},   {"leftFoot", 9999}};
  for (std::size_t i = 0; i < rig.size(); ++i) {
    const char* side = rig[i].side == Side::Right ? "right" : "left";
    const char* part = rig[i].role == test::Role::UpperArm  ? "UpperArm"
                       : rig[i].role == test::Role::Forearm ? "LowerArm"
                       : rig[i].role == test::Role::Hand    ? "Hand"
                       : rig[i].role == test::Role::Thigh   ? "UpperLeg"
                       : rig[i].role == test::Role::Shin    ? "LowerLeg"
                       : rig[i].role == test::Role::Foot    ? "Foot"
                                                            : nullptr;
    if (part) map.push_back({std::string(side) + part, static_cast<int>(i)});
  }
  auto r = recogniseRig(l.bones(), map);
  REQUIRE(r.ok());
  CHECK(r->convention == "VRM humanoid");
  CHECK(r->mapping.source[index(Joint::HipR)] == MatchSource::HumanoidMap);
  for (std::size_t i = 0; i < rig.size(); ++i) {
    const int j = test::jointOfRole(rig[i].role, rig[i].side);
    if (j < 0 || !isRequiredJoint(static_cast<Joint>(j))) continue;
    CHECK(r->mapping.boneOfJoint[static_cast<std::size_t>(j)] == static_cast<int>(i));
  }
}

TEST_CASE("T- and A-pose bind poses come back to the anatomical position exactly",
          "[anatomy][rig]") {
  for (test::BindPose b : {test::BindPose::Anatomical, test::BindPose::T, test::BindPose::A}) {
    INFO(test::bindPoseName(b));
    test::RigSpec s;
    s.convention = &test::conventions()[0];
    s.bind = b;
    s.height = 1.83f;
    const auto rig = test::makeRig(s);
    const Lists l = lists(rig);
    auto r = recogniseRig(l.bones());
    REQUIRE(r.ok());
    const auto model = restModel(rig);
    const RigRestPose rest = anatomicalRestPose(r->mapping, r->fingers, l.parents, model);
    CHECK(rest.bindPose == (b == test::BindPose::Anatomical ? std::string("arms at the sides")
                                                            : test::bindPoseName(b)));
    const float arm = b == test::BindPose::T ? 90.0f : b == test::BindPose::A ? 45.0f : 0.0f;
    CHECK(rest.armFromSidesDeg[0] == Approx(arm).margin(0.1f));
    CHECK(rest.armFromSidesDeg[1] == Approx(arm).margin(0.1f));
    CHECK(rest.elbowBendDeg[0] == Approx(b == test::BindPose::A ? 15.0f : 0.0f).margin(0.1f));
    CHECK(rest.legFromVerticalDeg[1] == Approx(b == test::BindPose::A ? 5.0f : 0.0f).margin(0.1f));
    // The rig was built from the default skeleton and turned: undone, the fitted skeleton is the
    // default skeleton, joint for joint (mapped ones and the ones placed from proportions).
    std::vector<std::string> inferred;
    const Skeleton fit = fitRigSkeleton(r->mapping, rest.position, s.height, &inferred);
    const Skeleton def = makeDefaultSkeleton(s.height);
    for (int j = 0; j < kJointCount; ++j) {
      INFO(jointName(static_cast<Joint>(j)));
      CHECK(glm::distance(glm::vec3(fit.restModel[static_cast<std::size_t>(j)][3]),
                          glm::vec3(def.restModel[static_cast<std::size_t>(j)][3])) <
            1e-4f * s.height);
    }
    CHECK(fit.height == s.height);
    // Only the joints the rig lacks are placed: forearm twist and subtalar, each side.
    CHECK(inferred.size() == 4);
    // Bones that ride along (fingers, end sites) are carried with their parent.
    const auto idx =
        static_cast<std::size_t>(r->fingers[0][static_cast<std::size_t>(Finger::Index)]);
    const auto lit =
        static_cast<std::size_t>(r->fingers[0][static_cast<std::size_t>(Finger::Little)]);
    CHECK(rest.position[idx].y < def.restModel[index(Joint::WristL)][3].y);
    glm::vec3 across = rest.position[idx] - rest.position[lit];
    across.y = 0.0f;
    CHECK(glm::normalize(across).x > 0.9999f);  // palm forward: the knuckles' line lateral
  }
}
