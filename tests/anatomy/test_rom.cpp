#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "anatomy/rom.h"

using namespace sv::anatomy;
using Catch::Matchers::Contains;

namespace {

// A one-motion file around `range` (a JSON object body).
std::string file(const std::string& motionId, const std::string& range,
                 const std::string& extra = "") {
  return "{\n  \"sources\": {\"a\": \"Source A\", \"b\": \"Source B\"},\n  \"motions\": {\n    \"" +
         motionId + "\": {" + extra + "\"ranges\": [" + range + "]}\n  }\n}\n";
}

std::string errorOf(const std::string& text) {
  auto r = parseRomTable(text, "test.json");
  REQUIRE_FALSE(r.ok());
  return r.error().message;
}

}  // namespace

TEST_CASE("the shipped ROM file loads with a default and a source for every motion",
          "[anatomy][rom]") {
  auto r = loadRomTable(SV_ANATOMY_ROM_PATH);
  REQUIRE(r.ok());
  const RomTable& t = r.value();
  for (int i = 0; i < kMotionCount; ++i) {
    const RomEntry& e = t.entries[static_cast<std::size_t>(i)];
    INFO(motionId(e.motion));
    CHECK(e.present);
    CHECK(e.min <= 0.0f);
    CHECK(e.max > 0.0f);
    CHECK(t.sources.count(e.source) == 1);
    for (const RomRange& rr : e.alternatives) {
      CHECK(t.sources.count(rr.minSource) == 1);
      CHECK(t.sources.count(rr.maxSource) == 1);
    }
  }
  CHECK(t.limits(Motion::HipFlexion).min == -12.0f);
  CHECK(t.limits(Motion::HipFlexion).max == 121.0f);
  CHECK(t.entry(Motion::HipFlexion).source == "kosmahl_aaos");
  CHECK(t.entry(Motion::HipFlexion).alternatives.size() == 3);
  CHECK(t.limits(Motion::ShoulderFlexion).max == 180.0f);
  CHECK(t.limits(Motion::ShoulderInternalRotation).min == -90.0f);
  CHECK(t.entry(Motion::ShoulderAbduction).alternatives[1].max == 184.0f);
  CHECK(t.entry(Motion::KneeFlexion).alternatives[0].minSource == "definition");
}

TEST_CASE("ROM file errors name the file and the entry", "[anatomy][rom]") {
  SECTION("unknown motion") {
    const std::string e = errorOf(file("hip.flection", R"({"source": "a", "min": 0, "max": 1})"));
    CHECK_THAT(e, Contains("test.json:4:5"));
    CHECK_THAT(e, Contains("motion \"hip.flection\""));
    CHECK_THAT(e, Contains("unknown motion \"flection\" for joint \"hip\""));
  }
  SECTION("unknown joint") {
    const std::string e = errorOf(file("hup.flexion", R"({"source": "a", "min": 0, "max": 1})"));
    CHECK_THAT(e, Contains("test.json:"));
    CHECK_THAT(e, Contains("unknown joint \"hup\""));
  }
  SECTION("min above max") {
    const std::string e = errorOf(
        file("hip.flexion",
             R"({"source": "a", "min": 0, "max": 100}, {"source": "b", "min": 130, "max": 120})"));
    CHECK_THAT(e, Contains("test.json:4:5: motion \"hip.flexion\" range 2 (source \"b\"): "
                           "min 130 is greater than max 120"));
  }
  SECTION("missing source") {
    const std::string e = errorOf(file("knee.flexion", R"({"min": 0, "max": 140})"));
    CHECK_THAT(e, Contains("test.json:4:5: motion \"knee.flexion\" range 1: missing source"));
  }
  SECTION("source not in the sources list") {
    const std::string e =
        errorOf(file("knee.flexion", R"({"source": "zz", "min": 0, "max": 140})"));
    CHECK_THAT(e, Contains("source \"zz\" is not listed in \"sources\""));
  }
  SECTION("several ranges without a default") {
    const std::string e = errorOf(
        file("knee.flexion",
             R"({"source": "a", "min": 0, "max": 140}, {"source": "b", "min": 0, "max": 150})"));
    CHECK_THAT(e, Contains("no \"default_source\""));
  }
  SECTION("malformed JSON gives line and column") {
    const std::string e = errorOf("{\n  \"sources\": {\"a\": \"A\"},\n  \"motions\": {,}\n}\n");
    CHECK_THAT(e, Contains("test.json:3:15: malformed JSON"));
  }
  SECTION("missing file") {
    auto r = loadRomTable("/nonexistent/rom.json");
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Contains("/nonexistent/rom.json"));
  }
  SECTION("split min/max sources and the default") {
    auto r = parseRomTable(
        file(
            "knee.flexion",
            R"({"min_source": "a", "min": 0, "max_source": "b", "max": 140}, {"source": "a", "min": -5, "max": 150})",
            R"("default_source": "b", )"),
        "test.json");
    REQUIRE(r.ok());
    CHECK(r->limits(Motion::KneeFlexion).max == 140.0f);
    CHECK(r->entry(Motion::KneeFlexion).alternatives[0].minSource == "a");
    CHECK(r->entry(Motion::KneeFlexion).alternatives[0].maxSource == "b");
    // Motions absent from the file are not limited.
    CHECK_FALSE(r->entry(Motion::HipFlexion).present);
    CHECK(r->limits(Motion::HipFlexion).max == 180.0f);
  }
}

TEST_CASE("clamping to ROM with a flexibility factor", "[anatomy][rom]") {
  auto r = loadRomTable(SV_ANATOMY_ROM_PATH);
  REQUIRE(r.ok());
  const RomTable& t = r.value();
  Pose p;
  p.set(Motion::HipFlexion, Side::Left, 150.0f);
  p.set(Motion::HipFlexion, Side::Right, 100.0f);   // within range
  p.set(Motion::KneeFlexion, Side::Right, -10.0f);  // hyperextension
  p.set(Motion::CervicalRotation, 85.0f);

  SECTION("factor 1") {
    Pose q = p;
    const ClampReport rep = clampToRom(q, t);
    REQUIRE(rep.count == 3);
    CHECK(q.get(Motion::HipFlexion, Side::Left) == 121.0f);
    CHECK(q.get(Motion::HipFlexion, Side::Right) == 100.0f);
    CHECK(q.get(Motion::KneeFlexion, Side::Right) == 0.0f);
    CHECK(q.get(Motion::CervicalRotation) == 80.0f);
    CHECK(rep.entries[0].motion == Motion::HipFlexion);
    CHECK(rep.entries[0].side == Side::Left);
    CHECK(rep.entries[0].requested == 150.0f);
    CHECK(rep.entries[0].clampedTo == 121.0f);
    CHECK(rep.entries[1].motion == Motion::KneeFlexion);
    CHECK(rep.entries[1].side == Side::Right);
    CHECK(rep.entries[2].side == Side::Center);
  }
  SECTION("stiff client (0.8)") {
    Pose q = p;
    const ClampReport rep = clampToRom(q, t, 0.8f);
    CHECK(q.get(Motion::HipFlexion, Side::Left) == Approx(96.8f));
    CHECK(q.get(Motion::HipFlexion, Side::Right) == Approx(96.8f));  // now clamped too
    CHECK(rep.count == 4);
    Pose e;
    e.set(Motion::HipFlexion, Side::Left, -20.0f);
    clampToRom(e, t, 0.8f);
    CHECK(e.get(Motion::HipFlexion, Side::Left) == Approx(-9.6f));
  }
  SECTION("flexible client (1.15)") {
    Pose q = p;
    const ClampReport rep = clampToRom(q, t, 1.15f);
    CHECK(q.get(Motion::HipFlexion, Side::Left) == Approx(139.15f));
    CHECK(q.get(Motion::CervicalRotation) == 85.0f);  // 80 * 1.15 = 92
    CHECK(rep.count == 2);
  }
  SECTION("NaN is replaced and reported") {
    Pose q;
    q.set(Motion::ElbowFlexion, Side::Left, std::nanf(""));
    const ClampReport rep = clampToRom(q, t);
    REQUIRE(rep.count == 1);
    CHECK(rep.entries[0].motion == Motion::ElbowFlexion);
    CHECK(q.get(Motion::ElbowFlexion, Side::Left) == 0.0f);
  }
  SECTION("a pose within range is untouched") {
    Pose q;
    q.set(Motion::ShoulderFlexion, Side::Left, 170.0f);
    const ClampReport rep = clampToRom(q, t);
    CHECK_FALSE(rep.clamped());
    CHECK(q.get(Motion::ShoulderFlexion, Side::Left) == 170.0f);
  }
}
