#include <string>

#include "muscles/report.h"
#include "stretches/library.h"
#include "support.h"

using namespace sv::muscles;
namespace an = sv::anatomy;

TEST_CASE("pose file: parses per-side, both-side and midline angles") {
  auto r = parsePoseFile(R"({"format": "stretchviz-pose", "version": 1,
    "angles": {"hip.flexion": {"right": 90, "left": -5}, "knee.flexion": 30,
               "lumbar.flexion": 20}})",
                         "p.json");
  REQUIRE(r.ok());
  CHECK(r->get(an::Motion::HipFlexion, an::Side::Right) == 90.0f);
  CHECK(r->get(an::Motion::HipFlexion, an::Side::Left) == -5.0f);
  CHECK(r->get(an::Motion::KneeFlexion, an::Side::Left) == 30.0f);
  CHECK(r->get(an::Motion::KneeFlexion, an::Side::Right) == 30.0f);
  CHECK(r->get(an::Motion::LumbarFlexion) == 20.0f);
}

TEST_CASE("pose file: malformed files are clear errors with line and column") {
  auto err = [](const char* text) {
    auto r = parsePoseFile(text, "pose.json");
    REQUIRE_FALSE(r.ok());
    return r.error().message;
  };
  CHECK(err("{\"angles\": {\"hip.flexion\": 90,}}").rfind("pose.json:1:", 0) == 0);
  CHECK(err("{\"angles\": {\"hip.flexion\": 90,}}").find("malformed JSON") != std::string::npos);
  CHECK(err("{\n  \"angles\": {\n    \"hip.flection\": 90}}") ==
        "pose.json:3:21: unknown motion \"hip.flection\"");
  CHECK(err("{\"angles\": {\"hip.flexion\": \"90\"}}").find("expected a number") !=
        std::string::npos);
  CHECK(err("{\"angles\": {\"hip.flexion\": {\"middle\": 3}}}").find("unknown side \"middle\"") !=
        std::string::npos);
  CHECK(err("{\"angles\": {\"lumbar.flexion\": {\"left\": 3}}}").find("midline motion") !=
        std::string::npos);
  CHECK(err("{\"angles\": {\"knee.flexion\": 400}}").find("[-180, 180]") != std::string::npos);
  CHECK(err("{\"angels\": {}}").find("unknown field \"angels\"") != std::string::npos);
  CHECK(err("[]").find("JSON object") != std::string::npos);
  auto missing = loadPoseFile("/nonexistent/pose.json");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("/nonexistent/pose.json") != std::string::npos);
}

TEST_CASE("report: pose report lists every angle, muscle and group") {
  an::Pose p;
  p.set(an::Motion::HipFlexion, an::Side::Right, 60.0f);
  const auto j = reportForPose(test::model(), p);
  CHECK(j["angles"].size() == static_cast<std::size_t>(an::kMotionCount));
  CHECK(j["angles"]["hip.flexion"]["right"] == 60.0);
  CHECK(j["muscles"].size() == static_cast<std::size_t>(test::model().count()));
  const auto& m0 = j["muscles"][0];
  for (const char* k : {"key", "id", "name", "side", "group", "length_m", "rest_length_m",
                        "max_length_m", "strain", "share"}) {
    CHECK(m0.contains(k));
  }
  CHECK_FALSE(j["groups"].empty());
  CHECK(j["credit"].get<std::string>().find("CC BY 3.0") != std::string::npos);
}

TEST_CASE("report: stretch report at the end pose and at a time") {
  const auto load = sv::stretches::loadLibrary(SV_STRETCH_DIR, test::rom());
  const sv::stretches::Stretch* s = load.library.find("hamstrings-supine-straight-leg");
  REQUIRE(s != nullptr);
  auto end = reportForStretch(test::model(), *s, an::Side::Left, std::nullopt, test::rom());
  REQUIRE(end.ok());
  CHECK((*end)["stretch"] == "hamstrings-supine-straight-leg");
  CHECK((*end)["side"] == "left");
  CHECK((*end)["key_measurement"]["motion"] == "hip.flexion");
  CHECK((*end)["key_measurement"]["in_target"] == true);
  CHECK((*end)["angles"]["hip.flexion"]["left"].get<double>() > 0.0);
  auto t0 = reportForStretch(test::model(), *s, an::Side::Right, 0.0f, test::rom());
  REQUIRE(t0.ok());
  CHECK((*t0)["time_s"] == 0.0);
  CHECK((*t0)["key_measurement"]["value"].get<double>() == Approx(0.0).margin(1e-4));
  CHECK(t0->contains("phase"));
}
