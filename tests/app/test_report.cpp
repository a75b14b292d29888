// `--report --model`: the JSON that says what the import did with a foreign rig.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/cli.h"
#include "app/commands.h"
#include "model/rig_gltf.h"

using namespace sv;

namespace {

nlohmann::json report(const std::filesystem::path& model, std::string* errOut = nullptr) {
  auto cli = parseCommandLine({"stretchviz", "--report", "--model", model.string()});
  REQUIRE(cli.options);
  std::ostringstream out, err;
  const auto rc = runOneShotCommand(*cli.options, out, err);
  REQUIRE(rc.has_value());
  if (errOut) *errOut = err.str();
  if (*rc != 0) return nullptr;
  return nlohmann::json::parse(out.str());
}

}  // namespace

TEST_CASE("report: a Mixamo T-pose rig in centimetres") {
  test::RigSpec s;
  s.convention = &test::conventions()[0];
  s.bind = test::BindPose::T;
  s.height = 1.78f;
  s.unitsPerMetre = 100.0f;
  const auto rig = test::makeRig(s);
  const auto dir = std::filesystem::temp_directory_path() / "sv_test_report";
  std::filesystem::create_directories(dir);
  const auto path = dir / "mixamo_t_cm.glb";
  {
    std::ofstream f(path, std::ios::binary);
    f << gltf::writeGlb(test::rigDocument(rig, 100.0f));
  }
  const nlohmann::json j = report(path);
  REQUIRE(j.is_object());
  // The keys of the first version, unchanged.
  CHECK(j["model"] == path.string());
  CHECK(j["time_s"] == 0.0);
  CHECK(j["animation"].is_null());
  REQUIRE(j["joints"].is_array());
  CHECK(j["humanoid"] == true);
  // Joint positions in metres: the hips at the default skeleton's 0.53 H, on the floor's scale.
  bool hips = false;
  for (const auto& p : j["joints"]) {
    if (p["name"] != "mixamorig:Hips") continue;
    hips = true;
    CHECK(p["position_m"][1].get<float>() == Approx(0.53f * s.height).epsilon(0.02));
  }
  CHECK(hips);
  CHECK(j["standing_height_m"].get<float>() == Approx(s.height).epsilon(0.03));
  // Normalisation: centimetres from the height.
  const auto& n = j["normalisation"];
  CHECK(n["applied"] == true);
  CHECK(n["scale"].get<float>() == Approx(0.01f));
  CHECK(n["unit"]["source"] == "height");
  CHECK(n["unit"]["detail"].get<std::string>().find("centimetres") != std::string::npos);
  CHECK(n["up_axis"]["source"] == "declared");
  CHECK(n["matrix_column_major"].size() == 16);
  // The mapping, how each joint was found, what is missing and what was inferred.
  const auto& r = j["rig"];
  CHECK(r["convention"] == "Mixamo");
  CHECK(r["bind_pose"] == "T-pose");
  CHECK(r["mapping"]["pelvis"] == "mixamorig:Hips");
  CHECK(r["mapping"]["shoulder_l"] == "mixamorig:LeftArm");
  CHECK(r["mapping"]["clavicle_r"] == "mixamorig:RightShoulder");
  CHECK(r["mapping"]["hand_l"] == "mixamorig:LeftHandMiddle1");
  CHECK(r["matched_by"]["lumbar"] == "spine");
  CHECK(r["matched_by"]["knee_r"] == "name");
  CHECK(r["unmapped"] == nlohmann::json({"forearm_l", "forearm_r", "subtalar_l", "subtalar_r"}));
  CHECK(r["unmapped_bones"].size() == 5);  // Spine2 and the index and little fingers
  bool palms = false;
  for (const auto& note : r["inferred"]) {
    palms |= note.get<std::string>().find("palm: from the finger bones") != std::string::npos;
  }
  CHECK(palms);
  REQUIRE(r["canonical_joints"].size() == 27);
  // The fitted skeleton in the anatomical position: wrists hang at Winter's 0.486 H.
  CHECK(r["canonical_joints"][9]["name"] == "wrist_l");
  CHECK(r["canonical_joints"][9]["position_m"][1].get<float>() ==
        Approx(0.486f * s.height).epsilon(0.01));
}

TEST_CASE("report: a model that is not a humanoid says why") {
  const auto dir = std::filesystem::temp_directory_path() / "sv_test_report";
  std::filesystem::create_directories(dir);
  test::RigSpec s;
  auto rig = test::makeRig(s);
  rig.resize(7);  // pelvis, spine and head only
  for (std::size_t i = 0; i < rig.size(); ++i) {
    char name[32];  // (not "b" + std::to_string(i): GCC 12 warns falsely, -Wrestrict)
    std::snprintf(name, sizeof name, "b%zu", i);
    rig[i].name = name;
  }
  const auto path = dir / "trunk.glb";
  {
    std::ofstream f(path, std::ios::binary);
    f << gltf::writeGlb(test::rigDocument(rig, 1.0f));
  }
  const nlohmann::json j = report(path);
  REQUIRE(j.is_object());
  CHECK(j["humanoid"] == false);
  CHECK(j["standing_height_m"].is_null());
  CHECK(j["reason"].get<std::string>().find("required joint(s) not found") != std::string::npos);
  CHECK_FALSE(j.contains("rig"));
  CHECK(j["normalisation"]["unit"]["source"] == "declared");
}
