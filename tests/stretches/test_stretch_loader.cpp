#include "core/file_io.h"
#include "stretches/stretch_loader.h"
#include "test_support.h"

using namespace sv::stretches;
namespace an = sv::anatomy;

TEST_CASE("loader: the shipped hamstring file loads with its data", "[loader]") {
  const Stretch* s = test::shipped().library.find("hamstrings-supine-straight-leg");
  REQUIRE(s);
  CHECK(s->side == an::Side::Right);
  CHECK(s->key.motion == an::Motion::HipFlexion);
  CHECK(s->key.target.min == 60.0f);
  CHECK(s->clientPosition == ClientPosition::Supine);
  CHECK(s->practitionerPosition == PractitionerPosition::StandingSide);
  REQUIRE(s->contacts.size() == 2);
  CHECK(s->contacts[0].joint == an::Joint::AnkleR);
  CHECK(s->contacts[1].role == ContactRole::Stabilise);
  CHECK(s->pose("end")->pose.get(an::Motion::HipFlexion, an::Side::Right) == 72.0f);
  CHECK(s->pose("end")->pose.get(an::Motion::HipFlexion, an::Side::Left) == 0.0f);
  // Supine root: the face (+Z) points up.
  const glm::vec3 face = s->pose("start")->pose.root.rotation * glm::vec3(0, 0, 1);
  CHECK(face.y == Approx(1.0f).margin(1e-5));
  const Technique* cr = s->technique("contract_relax");
  REQUIRE(cr);
  CHECK(cr->cycles == 3);
  CHECK(cr->progressionFrom == "barrier");
  CHECK(cr->cycle[1].kind == PhaseKind::Contract);
  CHECK(cr->cycle[1].duration == 6.0f);
  CHECK_FALSE(s->contraindications.empty());
}

TEST_CASE("loader: absolute limits widen rom.json's widest range", "[loader]") {
  const an::RomLimits knee = absoluteLimits(test::rom(), an::Motion::KneeFlexion);
  CHECK(knee.min == Approx(-10.0f));
  CHECK(knee.max == Approx(150.0f * 1.15f));
  const an::RomLimits hip = absoluteLimits(test::rom(), an::Motion::HipFlexion);
  CHECK(hip.min == Approx(-40.0f));  // AMA 30 extension + 10
}

TEST_CASE("loader: several errors in one file are all reported, one line each", "[loader]") {
  auto text = sv::readFile(std::filesystem::path(SV_CORPUS_DIR) / "valid-minimal.json");
  REQUIRE(text.ok());
  std::string t = *text;
  t.replace(t.find("\"hamstrings\""), 12, "\"hamstring\"");
  t.replace(t.find("\"supine\""), 8, "\"sitting\"");
  const StretchParseResult r = parseStretch(t, "valid-minimal.json", test::rom());
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].find("unknown muscle group \"hamstring\"") != std::string::npos);
  CHECK(r.errors[1].find("unknown client position \"sitting\"") != std::string::npos);
}

TEST_CASE("stretches: every practitioner position id round-trips through the enum") {
  for (const char* id : {"standing_side", "standing_end", "standing_front", "kneeling_on_table",
                         "kneeling_floor", "head_of_table", "behind_seated", "behind_standing"}) {
    const auto p = sv::stretches::practitionerPositionFromId(id);
    REQUIRE(p);
    CHECK(sv::stretches::practitionerPositionId(*p) == id);
  }
  CHECK(sv::stretches::practitionerPositionFromId("head_of_table") ==
        sv::stretches::PractitionerPosition::HeadOfTable);
}
