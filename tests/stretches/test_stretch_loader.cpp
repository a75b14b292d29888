#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "stretches/playback.h"
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

namespace {
nlohmann::json minimal() {
  auto text = sv::readFile(std::filesystem::path(SV_CORPUS_DIR) / "valid-minimal.json");
  REQUIRE(text.ok());
  return nlohmann::json::parse(*text);
}
}  // namespace

TEST_CASE("loader: a force direction whose squared length overflows a float is normalised",
          "[loader]") {
  nlohmann::json j = minimal();
  j["practitioner"]["contacts"][0]["force_direction"] = {1e20, 1e20, 0};
  const StretchParseResult r = parseStretch(j.dump(1), "valid-minimal.json", test::rom());
  for (const auto& e : r.errors) UNSCOPED_INFO(e);
  REQUIRE(r.ok());  // before: "force direction must not be zero" (length inf -> 0 vector)
  const glm::vec3 d = r.stretch->contacts[0].forceDirection;
  CHECK(d.x == Approx(std::sqrt(0.5f)));
  CHECK(d.y == Approx(std::sqrt(0.5f)));
  CHECK(d.z == 0.0f);
}

TEST_CASE("loader: more than 1000 played phases are refused (16-bit phase indices)", "[loader]") {
  nlohmann::json j = minimal();
  nlohmann::json& t = j["techniques"]["static"];
  const nlohmann::json phase = t["cycle"][0];
  t["cycles"] = 10;
  t["cycle"] = nlohmann::json::array();
  for (int i = 0; i < 101; ++i) t["cycle"].push_back(phase);
  const StretchParseResult r = parseStretch(j.dump(1), "valid-minimal.json", test::rom());
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].find("/techniques/static: the technique plays 1010 phases (lead_in 0 + 10 "
                         "cycles of 101 + finish 0); at most 1000 are allowed") !=
        std::string::npos);
  // buildTimeline refuses such a technique too, for stretches made in code.
  t["cycles"] = 1;
  Stretch s = *parseStretch(j.dump(1), "valid-minimal.json", test::rom()).stretch;
  s.techniques[0].cycles = 10;
  auto tl = buildTimeline(s, "static", an::Side::Right, {}, test::rom());
  REQUIRE_FALSE(tl.ok());
  CHECK(tl.error().message.find("plays 1010 phases") != std::string::npos);
}

TEST_CASE("loader: 20,000 errors give 100 lines and a count of the rest", "[loader]") {
  nlohmann::json j = minimal();
  for (int i = 0; i < 20000; ++i) j["unknown_" + std::to_string(i)] = i;
  const StretchParseResult r = parseStretch(j.dump(1), "valid-minimal.json", test::rom());
  CHECK(r.errorCount == 20000);
  REQUIRE(r.errors.size() == kMaxErrorsPerFile + 1);
  CHECK(r.errors.back() == "valid-minimal.json: \u2026 and 19900 more error(s)");
  for (std::size_t i = 0; i < kMaxErrorsPerFile; ++i) {
    CHECK(r.errors[i].rfind("valid-minimal.json:", 0) == 0);
  }
}

TEST_CASE("loader: an authored view loads, mirrors to the other side and is range-checked",
          "[loader]") {
  auto text = sv::readFile(std::filesystem::path(SV_CORPUS_DIR) / "valid-minimal.json");
  REQUIRE(text.ok());
  nlohmann::json doc = nlohmann::json::parse(*text);
  CHECK_FALSE(parseStretch(*text, "valid-minimal.json", test::rom()).stretch->view);

  doc["view"] = {{"yaw_deg", -60}, {"pitch_deg", 25}};
  const StretchParseResult ok = parseStretch(doc.dump(2), "valid-minimal.json", test::rom());
  REQUIRE(ok.ok());
  REQUIRE(ok.stretch->view);
  CHECK(ok.stretch->view->yawDeg == -60.0f);
  CHECK(ok.stretch->view->pitchDeg == 25.0f);
  const Stretch mirrored = mirrorStretch(*ok.stretch);
  REQUIRE(mirrored.view);
  CHECK(mirrored.view->yawDeg == 60.0f);  // seen from the other side of the room
  CHECK(mirrored.view->pitchDeg == 25.0f);
  CHECK(mirrorStretch(mirrored).view->yawDeg == -60.0f);

  doc["view"] = {{"yaw_deg", 200}, {"pitch_deg", -5}, {"zoom", 2}};
  const StretchParseResult bad = parseStretch(doc.dump(2), "valid-minimal.json", test::rom());
  CHECK_FALSE(bad.ok());
  REQUIRE(bad.errors.size() == 3);
  CHECK(bad.errors[0].find("/view/zoom: unknown field \"zoom\"") != std::string::npos);
  CHECK(bad.errors[1].find("/view/yaw_deg: yaw_deg 200 is outside [-180, 180]") !=
        std::string::npos);
  CHECK(bad.errors[2].find("/view/pitch_deg: pitch_deg -5 is outside [0, 89]") !=
        std::string::npos);
  doc["view"] = {{"yaw_deg", 10}};
  const StretchParseResult missing = parseStretch(doc.dump(2), "valid-minimal.json", test::rom());
  REQUIRE(missing.errors.size() == 1);
  CHECK(missing.errors[0].find("/view: missing required field \"pitch_deg\"") != std::string::npos);
}

TEST_CASE("loader: a contact's grip and the practitioner's side load; bad ones name the line",
          "[loader]") {
  const Stretch* shipped = test::shipped().library.find("hamstrings-supine-straight-leg");
  REQUIRE(shipped);
  REQUIRE(shipped->contacts.size() == 2);
  CHECK(shipped->contacts[0].grip == an::HandPose::Cup);   // the heel
  CHECK(shipped->contacts[1].grip == an::HandPose::Flat);  // above the knee
  CHECK(shipped->practitionerSide == PractitionerSide::Auto);
  const Stretch* quads = test::shipped().library.find("quadriceps-prone-rectus-femoris");
  REQUIRE(quads);
  CHECK(quads->practitionerSide == PractitionerSide::Stretched);
  // Every shipped contact names its grip (issue #13: grips are data, not guessed).
  for (const Stretch& s : test::shipped().library.stretches) {
    for (const Contact& c : s.contacts) {
      INFO(s.id << " " << c.landmark);
      CHECK(c.grip.has_value());
    }
  }

  auto text = sv::readFile(std::filesystem::path(SV_CORPUS_DIR) / "valid-minimal.json");
  REQUIRE(text.ok());
  nlohmann::json doc = nlohmann::json::parse(*text);
  REQUIRE(doc["practitioner"]["contacts"].size() >= 1);
  doc["practitioner"]["contacts"][0]["grip"] = "pinch";
  doc["practitioner"]["side"] = "left";
  const std::string bad = doc.dump(2);
  const StretchParseResult r = parseStretch(bad, "valid-minimal.json", test::rom());
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].find("/practitioner/side: unknown side \"left\"") != std::string::npos);
  CHECK(r.errors[1].find("/practitioner/contacts/0/grip: unknown grip \"pinch\"") !=
        std::string::npos);
  // file:line: the line of the bad grip in the text.
  const std::size_t at = bad.find("\"pinch\"");
  const auto line = 1 + std::count(bad.begin(), bad.begin() + static_cast<long>(at), '\n');
  CHECK(r.errors[1].find("valid-minimal.json:" + std::to_string(line)) != std::string::npos);

  doc["practitioner"]["contacts"][0]["grip"] = "cradle";
  doc["practitioner"]["side"] = "opposite";
  const StretchParseResult ok = parseStretch(doc.dump(2), "valid-minimal.json", test::rom());
  REQUIRE(ok.ok());
  CHECK(ok.stretch->contacts[0].grip == an::HandPose::Cradle);
  CHECK(ok.stretch->practitionerSide == PractitionerSide::Opposite);
}

TEST_CASE("loader: the practitioner's posture loads, defaults to standing, bad ones name the line",
          "[loader]") {
  // Every shipped file names its posture (issue #13: postures are data); the sleeper stretch
  // lunges, the hamstring stretch stands.
  const Stretch* sleeper = test::shipped().library.find("sleeper-internal-rotation");
  const Stretch* hamstring = test::shipped().library.find("hamstrings-supine-straight-leg");
  REQUIRE(sleeper);
  REQUIRE(hamstring);
  CHECK(sleeper->practitionerPosture == PractitionerPosture::Lunge);
  CHECK(hamstring->practitionerPosture == PractitionerPosture::Standing);
  for (PractitionerPosture p : {PractitionerPosture::Standing, PractitionerPosture::Lunge,
                                PractitionerPosture::HalfKneeling, PractitionerPosture::Kneeling}) {
    CHECK(practitionerPostureFromId(practitionerPostureId(p)) == p);
  }

  auto text = sv::readFile(std::filesystem::path(SV_CORPUS_DIR) / "valid-minimal.json");
  REQUIRE(text.ok());
  nlohmann::json doc = nlohmann::json::parse(*text);
  doc["practitioner"].erase("posture");
  const StretchParseResult none = parseStretch(doc.dump(2), "valid-minimal.json", test::rom());
  REQUIRE(none.ok());
  CHECK(none.stretch->practitionerPosture == PractitionerPosture::Standing);

  doc["practitioner"]["posture"] = "half_kneeling";
  const StretchParseResult kneel = parseStretch(doc.dump(2), "valid-minimal.json", test::rom());
  REQUIRE(kneel.ok());
  CHECK(kneel.stretch->practitionerPosture == PractitionerPosture::HalfKneeling);

  doc["practitioner"]["posture"] = "squatting";
  const std::string bad = doc.dump(2);
  const StretchParseResult r = parseStretch(bad, "valid-minimal.json", test::rom());
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].find("/practitioner/posture: unknown practitioner posture \"squatting\"") !=
        std::string::npos);
  const std::size_t at = bad.find("\"squatting\"");
  const auto line = 1 + std::count(bad.begin(), bad.begin() + static_cast<long>(at), '\n');
  CHECK(r.errors[0].find("valid-minimal.json:" + std::to_string(line)) != std::string::npos);
}

TEST_CASE("loader: a contact's forearm_along loads and mirrors; a bad one names its line",
          "[loader]") {
  const Stretch* calf = test::shipped().library.find("gastrocnemius-supine-knee-straight");
  REQUIRE(calf);
  REQUIRE(calf->contacts.front().forearm.has_value());
  const ForearmAlong& fa = *calf->contacts.front().forearm;
  CHECK(fa.joint == an::Joint::AnkleR);
  CHECK(fa.forceDirection.y == Approx(1.0f));
  // The other side: the left ankle, the offset mirrored across the midline.
  const Stretch left = stretchForSide(*calf, an::Side::Left);
  REQUIRE(left.contacts.front().forearm.has_value());
  CHECK(left.contacts.front().forearm->joint == an::Joint::AnkleL);
  CHECK(left.contacts.front().forearm->offset.x == Approx(-fa.offset.x));

  auto text = sv::readFile(std::filesystem::path(SV_CORPUS_DIR) / "valid-minimal.json");
  REQUIRE(text.ok());
  nlohmann::json doc = nlohmann::json::parse(*text);
  doc["practitioner"]["contacts"][0]["forearm_along"] = {
      {"joint", "ankle_q"}, {"offset_m", {0, 0, 0.1}}, {"force_direction", {0, 0, 0}}};
  const std::string bad = doc.dump(2);
  const StretchParseResult r = parseStretch(bad, "valid-minimal.json", test::rom());
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].find("/practitioner/contacts/0/forearm_along/joint: unknown joint") !=
        std::string::npos);
  CHECK(r.errors[1].find("/practitioner/contacts/0/forearm_along/force_direction: force "
                         "direction must not be zero") != std::string::npos);
  const std::size_t at = bad.find("\"ankle_q\"");
  const auto line = 1 + std::count(bad.begin(), bad.begin() + static_cast<long>(at), '\n');
  CHECK(r.errors[0].find("valid-minimal.json:" + std::to_string(line)) != std::string::npos);
}
