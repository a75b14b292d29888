#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "muscles/report.h"
#include "stretches/library.h"
#include "support.h"

using namespace sv::muscles;
namespace an = sv::anatomy;

TEST_CASE("pose file: parses per-side, both-side and midline angles") {
  auto r = parsePoseFile(R"({"format": "stretchviz-pose", "version": 1, "name": "sit",
    "angles": {"hip.flexion": {"right": 90, "left": -5}, "knee.flexion": 30,
               "lumbar.flexion": 20}})",
                         "p.json", test::rom());
  REQUIRE(r.ok());
  CHECK(r->get(an::Motion::HipFlexion, an::Side::Right) == 90.0f);
  CHECK(r->get(an::Motion::HipFlexion, an::Side::Left) == -5.0f);
  CHECK(r->get(an::Motion::KneeFlexion, an::Side::Left) == 30.0f);
  CHECK(r->get(an::Motion::KneeFlexion, an::Side::Right) == 30.0f);
  CHECK(r->get(an::Motion::LumbarFlexion) == 20.0f);
}

namespace {
std::string poseError(const char* text) {
  auto r = parsePoseFile(text, "pose.json", test::rom());
  REQUIRE_FALSE(r.ok());
  return r.error().message;
}
}  // namespace

TEST_CASE("pose file: malformed files are clear errors with line and column") {
  CHECK(poseError("{\"angles\": {\"hip.flexion\": 90,}}").rfind("pose.json:1:", 0) == 0);
  CHECK(poseError("{\"angles\": {\"hip.flexion\": 90,}}").find("malformed JSON") !=
        std::string::npos);
  CHECK(poseError("{\n  \"angles\": {\n    \"hip.flection\": 90}}") ==
        "pose.json:3:21: /angles/hip.flection: unknown motion \"hip.flection\"");
  CHECK(poseError("{\"angles\": {\"hip.flexion\": \"90\"}}").find("expected a number") !=
        std::string::npos);
  CHECK(poseError("{\"angles\": {\"hip.flexion\": {\"middle\": 3}}}")
            .find("unknown side \"middle\"") != std::string::npos);
  CHECK(poseError("{\"angles\": {\"lumbar.flexion\": {\"left\": 3}}}").find("midline motion") !=
        std::string::npos);
  CHECK(poseError("{\"angels\": {}}").find("unknown field \"angels\"") != std::string::npos);
  CHECK(poseError("[]").find("JSON object") != std::string::npos);
  auto missing = loadPoseFile("/nonexistent/pose.json", test::rom());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("/nonexistent/pose.json") != std::string::npos);
}

// Each of these was accepted before (issue #18).
TEST_CASE("pose file: a version that only truncates to 1 is refused") {
  CHECK(poseError(R"({"version": 4294967297, "angles": {}})") ==
        "pose.json:1:13: /version: unsupported version 4294967297 (expected 1)");
  CHECK(poseError(R"({"version": 1.5, "angles": {}})").find("unsupported version 1.5") !=
        std::string::npos);
}

TEST_CASE("pose file: name and description must be strings") {
  CHECK(poseError(R"({"name": 5, "angles": {}})") ==
        "pose.json:1:10: /name: \"name\" must be a string");
  CHECK(poseError(R"({"description": [], "angles": {}})").find("/description") !=
        std::string::npos);
}

TEST_CASE("pose file: an empty per-side object is refused") {
  CHECK(poseError(R"({"angles": {"hip.flexion": {}}})") ==
        "pose.json:1:28: /angles/hip.flexion: motion \"hip.flexion\": per-side values need "
        "\"left\" and/or \"right\"");
}

TEST_CASE("pose file: angles beyond the motion's absolute limits are refused with the limits") {
  CHECK(poseError(R"({"angles": {"knee.flexion": 175}})") ==
        "pose.json:1:29: /angles/knee.flexion: knee.flexion 175 is outside the absolute limits "
        "[-10, 172.5]");
  CHECK(poseError(R"({"angles": {"hip.flexion": {"left": -90}}})")
            .find("/angles/hip.flexion/left: hip.flexion -90 is outside the absolute limits") !=
        std::string::npos);
  CHECK(poseError(R"({"angles": {"knee.flexion": 1e39}})").find("outside the absolute limits") !=
        std::string::npos);
}

TEST_CASE("pose file: a key with a line break or escape code cannot forge a line") {
  const std::string e = poseError("{\"angles\": {\"x\\nfake.json:1:1: bad\\u001b[2J\": 1}}");
  CHECK(e.find('\n') == std::string::npos);
  CHECK(e.find('\x1b') == std::string::npos);
  CHECK(e.find("x\\nfake.json:1:1: bad\\x1B[2J") != std::string::npos);
}

TEST_CASE("pose file: a directory, a FIFO and an oversized file are refused without blocking") {
  const auto dir =
      std::filesystem::temp_directory_path() / ("sv_test_pose_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "pose.json");
  auto d = loadPoseFile(dir / "pose.json", test::rom());
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message.find("is a directory") != std::string::npos);
  REQUIRE(::mkfifo((dir / "fifo.json").c_str(), 0600) == 0);
  auto f = loadPoseFile(dir / "fifo.json", test::rom());  // blocked forever before
  REQUIRE_FALSE(f.ok());
  CHECK(f.error().message.find("is not a regular file (a FIFO)") != std::string::npos);
  std::ofstream(dir / "big.json") << std::string(kMaxPoseFileBytes + 1, ' ');
  auto b = loadPoseFile(dir / "big.json", test::rom());
  REQUIRE_FALSE(b.ok());
  CHECK(b.error().message.find("file too large") != std::string::npos);
  std::filesystem::remove_all(dir);
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
  CHECK((*t0)["technique"] == s->techniques.front().id);
  // Another technique's timeline: its own duration; an unknown one is an error naming the
  // techniques the stretch has.
  REQUIRE(s->techniques.size() >= 2);
  const std::string other = s->techniques.back().id;
  auto t1 = reportForStretch(test::model(), *s, an::Side::Right, 0.0f, test::rom(), other);
  REQUIRE(t1.ok());
  CHECK((*t1)["technique"] == other);
  CHECK((*t1)["duration_s"] != (*t0)["duration_s"]);
  auto bad = reportForStretch(test::model(), *s, an::Side::Right, 0.0f, test::rom(), "nope");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("no technique \"nope\"") != std::string::npos);
  CHECK(bad.error().message.find(other) != std::string::npos);
}
