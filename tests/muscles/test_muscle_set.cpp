#include <string>

#include "support.h"

using namespace sv::muscles;
namespace an = sv::anatomy;

namespace {
const char* kMinimal = R"({
  "format": "stretchviz-muscles", "version": 1, "reference_height_m": 1.75, "side": "right",
  "muscles": [
    {"id": "m", "name": "M", "group": "calves", "source": "test",
     "points": [{"bone": "knee_r", "position": [0, -0.1, -0.02]},
                {"bone": "subtalar_r", "position": [0, 0, -0.05]}]}
  ]
})";

std::string withPoint(const std::string& point) {
  std::string s = kMinimal;
  const std::string anchor = R"({"bone": "subtalar_r", "position": [0, 0, -0.05]})";
  s.replace(s.find(anchor), anchor.size(), point);
  return s;
}
}  // namespace

TEST_CASE("muscle set: the shipped file loads with every required muscle") {
  const MuscleSet& set = test::muscleSet();
  for (const char* id : {"semimembranosus",
                         "semitendinosus",
                         "biceps_femoris_long",
                         "rectus_femoris",
                         "psoas",
                         "iliacus",
                         "gluteus_maximus",
                         "adductor_longus",
                         "piriformis",
                         "gastrocnemius_medial",
                         "gastrocnemius_lateral",
                         "soleus",
                         "triceps_long",
                         "biceps_long",
                         "pectoralis_major",
                         "latissimus_dorsi",
                         "latissimus_dorsi_iliac",
                         "upper_trapezius",
                         "levator_scapulae",
                         "deltoid_posterior",
                         "deltoid_anterior",
                         "infraspinatus",
                         "subscapularis",
                         "adductor_magnus",
                         "tensor_fasciae_latae",
                         "toe_flexors",
                         "peroneus_longus",
                         "peroneus_brevis",
                         "rhomboids",
                         "scalenes",
                         "sternocleidomastoid",
                         "erector_spinae",
                         "quadratus_lumborum",
                         "tibialis_anterior",
                         "forearm_flexors",
                         "forearm_extensors",
                         "rectus_abdominis"}) {
    INFO(id);
    const MuscleDef* m = set.find(id);
    REQUIRE(m != nullptr);
    CHECK(m->points.size() >= 2);
    CHECK_FALSE(m->source.empty());
  }
  REQUIRE(set.knee.has_value());
  CHECK(set.credit.find("CC BY 3.0") != std::string::npos);
  CHECK(set.credit.find("Delp") != std::string::npos);
}

TEST_CASE("muscle set: a minimal file parses") {
  auto r = parseMuscleSet(kMinimal, "m.json");
  REQUIRE(r.ok());
  REQUIRE(r->muscles.size() == 1);
  CHECK(r->muscles[0].points[1].bone == an::Joint::SubtalarR);
}

TEST_CASE("muscle set: errors name the file, position and entry") {
  SECTION("malformed JSON") {
    auto r = parseMuscleSet("{\n  \"format\": ,\n}", "bad.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.rfind("bad.json:2:", 0) == 0);
    CHECK(r.error().message.find("malformed JSON") != std::string::npos);
  }
  SECTION("unknown bone") {
    auto r = parseMuscleSet(withPoint(R"({"bone": "calf_r", "position": [0, 0, 0]})"), "m.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("m.json:") == 0);
    CHECK(r.error().message.find("muscle \"m\" point 1: unknown bone \"calf_r\"") !=
          std::string::npos);
  }
  SECTION("left bone") {
    auto r = parseMuscleSet(withPoint(R"({"bone": "knee_l", "position": [0, 0, 0]})"), "m.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("write the right side") != std::string::npos);
  }
  SECTION("anchor: parsed, and an unknown or left-side anchor named") {
    auto ok = parseMuscleSet(
        withPoint(R"({"bone": "subtalar_r", "anchor": "toes_r", "position": [0, 0, 0]})"),
        "m.json");
    REQUIRE(ok.ok());
    REQUIRE(ok->muscles[0].points[1].anchor.has_value());
    CHECK(*ok->muscles[0].points[1].anchor == an::Joint::ToesR);
    auto bad = parseMuscleSet(
        withPoint(R"({"bone": "subtalar_r", "anchor": "toe_r", "position": [0, 0, 0]})"), "m.json");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("muscle \"m\" point 1: unknown joint \"toe_r\"") !=
          std::string::npos);
    auto left = parseMuscleSet(
        withPoint(R"({"bone": "subtalar_r", "anchor": "toes_l", "position": [0, 0, 0]})"),
        "m.json");
    REQUIRE_FALSE(left.ok());
    CHECK(left.error().message.find("write the right side") != std::string::npos);
  }
  SECTION("bad position") {
    auto r = parseMuscleSet(withPoint(R"({"bone": "knee_r", "position": [0, 0]})"), "m.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("expected an array of 3 numbers") != std::string::npos);
  }
  SECTION("unknown coordinate of a conditional point") {
    auto r = parseMuscleSet(withPoint(R"({"bone": "knee_r", "position": [0, 0, 0]},
                     {"bone": "knee_r", "position": [0, 0, 0], "active": {"coordinate": "knee.flex", "min": 0, "max": 1}},
                     {"bone": "subtalar_r", "position": [0, 0, 0]})"),
                            "m.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("unknown coordinate \"knee.flex\"") != std::string::npos);
  }
  SECTION("knots not increasing") {
    auto r = parseMuscleSet(
        withPoint(
            R"({"bone": "knee_r", "moving": {"coordinate": "knee.flexion", "x": 0, "y": {"knots": [0, 0], "values": [1, 2]}, "z": 0}},
                     {"bone": "subtalar_r", "position": [0, 0, 0]})"),
        "m.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("strictly increasing") != std::string::npos);
  }
  SECTION("unknown group") {
    std::string s = kMinimal;
    s.replace(s.find("\"calves\""), 8, "\"calfs\"");
    auto r = parseMuscleSet(s, "m.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("muscle \"m\": unknown muscle group \"calfs\"") !=
          std::string::npos);
  }
  SECTION("duplicate id") {
    std::string s = kMinimal;
    const auto a = s.find("{\"id\"");
    const auto b = s.find("\n  ]");
    const std::string entry = s.substr(a, b - a);
    s.insert(b, ",\n    " + entry);
    auto r = parseMuscleSet(s, "m.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("duplicate id") != std::string::npos);
  }
  SECTION("missing file") {
    auto r = loadMuscleSet("/nonexistent/muscles.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("/nonexistent/muscles.json") != std::string::npos);
  }
}

TEST_CASE("muscle set: spline passes through its knots and extrapolates linearly") {
  const Spline s({0.0, 1.0, 2.0, 4.0, 5.0}, {0.0, 1.0, 0.5, 2.0, 2.5});
  CHECK(s(0.0) == Approx(0.0).margin(1e-12));
  CHECK(s(2.0) == Approx(0.5));
  CHECK(s(5.0) == Approx(2.5));
  const double slope = (s(-1.0) - s(-2.0));
  CHECK(s(-3.0) == Approx(s(-2.0) - slope));
  CHECK(Spline::constant(3.0)(17.0) == 3.0);
  // Reversal and scaling of the abscissa do not change the curve (the muscle file stores
  // gait2392's knee-angle splines in flexion degrees).
  const Spline r({-5.0 * 30, -4.0 * 30, -2.0 * 30, -1.0 * 30, 0.0}, {2.5, 2.0, 0.5, 1.0, 0.0});
  for (double x = -0.5; x <= 5.5; x += 0.25) CHECK(r(-30.0 * x) == Approx(s(x)).margin(1e-9));
}
