// Client and routine files: round trips, the shipped example, positioned errors, dose advice.
#include <catch2/catch.hpp>

#include "routine_support.h"
#include "routines/ids.h"

namespace sv::routines::test {
namespace {

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

// A valid routine file's text with one entry; `entryExtra` is spliced into the entry.
std::string routineText(const std::string& entryFields) {
  return "{\n  \"format\": \"stretchviz-routine\",\n  \"version\": 1,\n  \"id\": \"r\",\n"
         "  \"name\": \"R\",\n  \"entries\": [\n    {\n" +
         entryFields + "\n    }\n  ]\n}\n";
}

const std::string kGoodEntry =
    "      \"stretch\": \"hamstrings-supine-straight-leg\",\n"
    "      \"side\": \"both\",\n"
    "      \"technique\": \"static\"";

}  // namespace

TEST_CASE("ids: names become file ids; dates are real calendar dates") {
  CHECK(idFromName("Sam Rivera") == "sam-rivera");
  CHECK(idFromName("  After a run (easy) ") == "after-a-run-easy");
  CHECK(idFromName("../../etc/passwd") == "etc-passwd");
  CHECK(idFromName("ÄÖÜ") == "");
  CHECK(idFromName(std::string(200, 'a')).size() == kMaxIdLength);
  CHECK(isValidId("after-a-run"));
  CHECK_FALSE(isValidId("After"));
  CHECK_FALSE(isValidId("a/b"));
  CHECK_FALSE(isValidId("-a"));
  CHECK_FALSE(isValidId(""));
  CHECK(isCalendarDate("2024-02-29"));
  CHECK_FALSE(isCalendarDate("2023-02-29"));
  CHECK_FALSE(isCalendarDate("2100-02-29"));
  CHECK(isCalendarDate("2000-02-29"));
  CHECK_FALSE(isCalendarDate("2024-13-01"));
  CHECK_FALSE(isCalendarDate("2024-04-31"));
  CHECK_FALSE(isCalendarDate("24-04-01"));
  CHECK(isCalendarDate(todayIsoDate()));
}

TEST_CASE("client files round-trip every field") {
  const Client c = fullClient();
  const std::string text = serializeClient(c);
  const auto back = parseClient(text, "sam-rivera.json");
  INFO(joined(back.errors));
  REQUIRE(back.ok());
  CHECK(*back.value == c);
  // The text is what a person can read and edit: format first, floats short.
  CHECK(text.rfind("{\n  \"format\": \"stretchviz-client\"", 0) == 0);
  CHECK(text.find("62.5") != std::string::npos);
  CHECK(text.find("0.6500000") == std::string::npos);
  // A midline measurement is written without a side and read back as Center.
  CHECK(back.value->measurements[2].side == anatomy::Side::Center);
}

TEST_CASE("routine files round-trip every field") {
  Routine r;
  r.id = "knee-rehab";
  r.name = "Knee rehab, week 3";
  r.client = "sam-rivera";
  r.notes = "Before bed.";
  r.entries.push_back({"quadriceps-side-lying",
                       EntrySide::Left,
                       "contract_relax",
                       12.5f,
                       3,
                       {2, Period::Day},
                       "Gentle contractions."});
  r.entries.push_back({"soleus-supine-knee-bent",
                       EntrySide::Both,
                       "static",
                       std::nullopt,
                       std::nullopt,
                       {3, Period::Week},
                       ""});
  r.entries.push_back({"hamstrings-supine-straight-leg",
                       EntrySide::Right,
                       "crac",
                       std::nullopt,
                       2,
                       {1, Period::Day},
                       ""});
  const std::string text = serializeRoutine(r);
  const auto back = parseRoutine(text, "knee-rehab.json", {&library(), nullptr});
  INFO(joined(back.errors));
  REQUIRE(back.ok());
  CHECK(*back.value == r);
  // Unset optional values stay unset (the technique's own timing keeps applying).
  CHECK_FALSE(back.value->entries[1].holdSeconds);
  CHECK_FALSE(back.value->entries[1].repetitions);
}

TEST_CASE("the shipped example routine loads cleanly against the library") {
  const auto parsed =
      loadRoutineFile(fs::path(SV_ROUTINE_DIR) / "after-a-run.json", {&library(), nullptr});
  INFO(joined(parsed.errors) << joined(parsed.warnings));
  REQUIRE(parsed.ok());
  CHECK(parsed.warnings.empty());
  const Routine& r = *parsed.value;
  CHECK(r.entries.size() >= 5);
  CHECK(r.entries.size() <= 6);
  for (const RoutineEntry& e : r.entries) {
    const stretches::Stretch* s = library().find(e.stretch);
    REQUIRE(s);
    // A runner's routine: every stretch works on the legs or hips.
    bool legs = false;
    for (auto g : s->primaryGroups) {
      using G = anatomy::MuscleGroup;
      legs |= g == G::Hamstrings || g == G::Quadriceps || g == G::HipFlexors || g == G::Calves ||
              g == G::Gluteals || g == G::Piriformis || g == G::Adductors;
    }
    CHECK(legs);
    CHECK(e.side == EntrySide::Both);
  }
}

TEST_CASE("a malformed routine or client names file, line and column") {
  struct Case {
    std::string text;
    std::string needle;  // where the message must point (its first byte, + skip)
    std::size_t skip;
    std::string message;
  };
  const std::vector<Case> routines = {
      {routineText(kGoodEntry + ",\n      \"hold_s\": 200"), "200", 0,
       "/entries/0/hold_s: hold_s 200 is outside [5, 120]"},
      {routineText(kGoodEntry + ",\n      \"repetitions\": 2.5"), "2.5", 0,
       "/entries/0/repetitions: expected an integer, got 2.5"},
      {routineText(kGoodEntry + ",\n      \"hold\": 30"), "30\n", 0,
       "/entries/0/hold: unknown field \"hold\""},
      {routineText(kGoodEntry + ",\n      \"sets\": {\"count\": 3, \"per\": \"month\"}"),
       "\"month\"", 0, "/entries/0/sets/per: unknown period \"month\""},
      {routineText("      \"stretch\": \"hamstrings-supine-straight-leg\",\n"
                   "      \"technique\": \"static\""),
       "{\n      \"stretch\"", 0, "/entries/0: missing required field \"side\""},
      {routineText("      \"stretch\": \"hamstring-stretch\",\n      \"side\": \"left\",\n"
                   "      \"technique\": \"static\""),
       "\"hamstring-stretch\"", 0, "/entries/0/stretch: unknown stretch \"hamstring-stretch\""},
      {routineText("      \"stretch\": \"piriformis-supine-cross-body\",\n"
                   "      \"side\": \"left\",\n      \"technique\": \"crac\""),
       "\"crac\"", 0,
       "/entries/0/technique: \"piriformis-supine-cross-body\" does not offer the technique "
       "\"crac\" (it offers "},
      {routineText(kGoodEntry) + "\n,", "\n,", 1, "malformed JSON"},
      {"{\"format\": \"stretchviz-routine\", \"version\": 2, \"id\": \"r\", \"name\": \"R\", "
       "\"entries\": []}",
       "2,", 0, "/version: unsupported version 2 (expected 1)"},
      {"{\"format\": \"stretchviz-routine\", \"version\": 1, \"id\": \"other\", \"name\": \"R\", "
       "\"entries\": []}",
       "\"other\"", 0, "/id: id \"other\" does not match the file name \"r.json\""},
  };
  for (const Case& c : routines) {
    const auto parsed = parseRoutine(c.text, "r.json", {&library(), nullptr});
    INFO(c.text);
    CHECK_FALSE(parsed.ok());
    REQUIRE_FALSE(parsed.errors.empty());
    const std::string expected = "r.json:" + placeOf(c.text, c.needle, c.skip) + ": " + c.message;
    CHECK(parsed.errors.front().substr(0, expected.size()) == expected);
  }

  const std::string clientHead =
      "{\n  \"format\": \"stretchviz-client\",\n  \"version\": 1,\n  \"id\": \"c\",\n"
      "  \"name\": \"C\",\n";
  const std::vector<Case> clients = {
      {clientHead + "  \"measurements\": [{\"motion\": \"hip.flexion\", \"side\": \"left\", "
                    "\"degrees\": 60, \"date\": \"2023-02-29\"}]\n}",
       "\"2023-02-29\"", 0,
       "/measurements/0/date: \"2023-02-29\" is not a date written YYYY-MM-DD"},
      {clientHead + "  \"measurements\": [{\"motion\": \"hip.flexion\", \"degrees\": 60, "
                    "\"date\": \"2024-01-02\"}]\n}",
       "{\"motion\"", 0, "/measurements/0: missing required field \"side\""},
      {clientHead + "  \"measurements\": [{\"motion\": \"lumbar.flexion\", \"side\": \"left\", "
                    "\"degrees\": 60, \"date\": \"2024-01-02\"}]\n}",
       "\"left\"", 0, "/measurements/0/side: a midline motion (lumbar.flexion) has no side"},
      {clientHead + "  \"body\": {\"height_m\": 3.5}\n}", "3.5", 0,
       "/body/height_m: height_m 3.5 is neither 0 (average) nor within [1.4, 2.1] m"},
      {clientHead + "  \"flexibility\": \"bendy\"\n}", "\"bendy\"", 0,
       "/flexibility: unknown flexibility \"bendy\""},
      {clientHead + "  \"measurements\": [{\"motion\": \"hip.flection\", \"side\": \"left\", "
                    "\"degrees\": 1e39, \"date\": \"2024-01-02\"}]\n}",
       "\"hip.flection\"", 0, "/measurements/0/motion: unknown motion \"hip.flection\""},
  };
  for (const Case& c : clients) {
    const auto parsed = parseClient(c.text, "c.json");
    INFO(c.text);
    CHECK_FALSE(parsed.ok());
    REQUIRE_FALSE(parsed.errors.empty());
    const std::string expected = "c.json:" + placeOf(c.text, c.needle, c.skip) + ": " + c.message;
    CHECK(parsed.errors.front().substr(0, expected.size()) == expected);
  }
}

TEST_CASE("the example of docs/routines.md gives the lines the document shows") {
  const fs::path dir = fs::path(SV_ROUTINE_CORPUS);
  const std::string text = readText(dir / "knees.json");
  const auto parsed = parseRoutine(text, "knees.json", {&library(), nullptr});
  CHECK_FALSE(parsed.ok());
  std::vector<std::string> lines = parsed.errors;
  lines.insert(lines.end(), parsed.warnings.begin(), parsed.warnings.end());
  CHECK(joined(lines) == readText(dir / "knees.expected"));
}

TEST_CASE("every error of a file is reported, not just the first") {
  const std::string text = routineText(
      "      \"stretch\": \"hamstrings-supine-straight-leg\",\n      \"side\": \"up\",\n"
      "      \"technique\": \"yoga\",\n      \"hold_s\": -1");
  const auto parsed = parseRoutine(text, "r.json");
  CHECK(parsed.errorCount == 3);
  CHECK(joined(parsed.errors).find("unknown side \"up\"") != std::string::npos);
  CHECK(joined(parsed.errors).find("unknown technique \"yoga\"") != std::string::npos);
  CHECK(joined(parsed.errors).find("hold_s -1 is outside") != std::string::npos);
}

TEST_CASE("a key that would forge a line is escaped") {
  const std::string text = routineText(kGoodEntry + ",\n      \"x\\nr.json:1:1: fake\": 1");
  const auto parsed = parseRoutine(text, "r.json");
  REQUIRE(parsed.errors.size() == 1);
  CHECK(parsed.errors[0].find('\n') == std::string::npos);
  CHECK(parsed.errors[0].find("x\\nr.json:1:1: fake") != std::string::npos);
}

TEST_CASE("doses outside the published recommendations warn, with the source, and still load") {
  const auto warnings = [](const std::string& fields) {
    const std::string text = routineText(fields);
    const auto parsed = parseRoutine(text, "r.json", {&library(), nullptr});
    INFO(joined(parsed.errors));
    REQUIRE(parsed.ok());
    return std::pair{text, parsed.warnings};
  };
  {
    auto [text, w] = warnings(kGoodEntry + ",\n      \"hold_s\": 45,\n      \"repetitions\": 3");
    REQUIRE(w.size() == 1);
    CHECK(w[0].rfind("r.json:" + placeOf(text, "45") +
                         ": /entries/0/hold_s: warning: hold 45 s "
                         "is outside the 10-30 s recommended (ACSM",
                     0) == 0);
    CHECK(w[0].find("30-60 s may help older adults") != std::string::npos);
  }
  {
    auto [text, w] = warnings(kGoodEntry + ",\n      \"repetitions\": 6");
    REQUIRE(w.size() == 1);
    CHECK(w[0].find("6 repetitions is outside the 2-4 recommended (Garber") != std::string::npos);
  }
  {
    // 10 s × 3 is within both ranges but short of the 60 s Garber accumulates.
    auto [text, w] = warnings(kGoodEntry + ",\n      \"hold_s\": 10,\n      \"repetitions\": 3");
    REQUIRE(w.size() == 1);
    CHECK(w[0].find("10 s x 3 = 30 s of stretching is less than the 60 s") != std::string::npos);
  }
  {
    auto [text, w] = warnings(kGoodEntry + ",\n      \"sets\": {\"count\": 1, \"per\": \"week\"}");
    REQUIRE(w.size() == 1);
    CHECK(w[0].find("at least 2-3 days a week") != std::string::npos);
  }
  {
    // The library's own timing (30 s x 3) is within every recommendation.
    auto [text, w] = warnings(kGoodEntry);
    CHECK(w.empty());
  }
}

TEST_CASE("the dose reads as the client's instruction") {
  const stretches::Stretch* s = library().find("hamstrings-supine-straight-leg");
  REQUIRE(s);
  RoutineEntry e{s->id,        EntrySide::Both,  "static", std::nullopt,
                 std::nullopt, {1, Period::Day}, ""};
  const auto own = effectiveDose(e, *s);
  REQUIRE(own);
  // The technique's own hold and cycle count, from the stretch file.
  CHECK(*own->holdSeconds == s->technique("static")->cycle[2].duration);
  CHECK(own->repetitions == s->technique("static")->cycles);
  e.holdSeconds = 20.0f;
  e.repetitions = 2;
  e.sets = {2, Period::Day};
  CHECK(describeDose(*effectiveDose(e, *s)) == "Hold 20 s, repeat 2 times, twice a day");
  e.sets = {3, Period::Week};
  e.repetitions = 1;
  CHECK(describeDose(*effectiveDose(e, *s)) == "Hold 20 s, repeat once, 3 times a week");
  e.technique = "yoga";
  CHECK_FALSE(effectiveDose(e, *s));
}

TEST_CASE("the latest measurement of the stretch's motion and side applies") {
  Client c = fullClient();
  using M = anatomy::Motion;
  using S = anatomy::Side;
  // The stretch-specific measure wins over a general, later one.
  c.measurements.push_back({M::HipFlexion, S::Right, 70.0f, "2024-05-01", "", ""});
  const MeasuredRange* m =
      latestMeasurement(c, M::HipFlexion, S::Right, "hamstrings-supine-straight-leg");
  REQUIRE(m);
  CHECK(m->degrees == 62.5f);
  // Another stretch on the same motion takes the general one.
  m = latestMeasurement(c, M::HipFlexion, S::Right, "hip-flexors-thomas");
  REQUIRE(m);
  CHECK(m->degrees == 70.0f);
  // The latest by date, whatever the order in the file.
  c.measurements.push_back({M::HipFlexion, S::Right, 66.0f, "2024-04-01", "", ""});
  CHECK(latestMeasurement(c, M::HipFlexion, S::Right, "x")->degrees == 70.0f);
  CHECK(latestMeasurement(c, M::HipFlexion, S::Left, "x")->degrees == 58.0f);
  CHECK_FALSE(latestMeasurement(c, M::KneeFlexion, S::Left, "x"));
  // Midline motions ignore the side asked for.
  CHECK(latestMeasurement(c, M::LumbarFlexion, S::Right, "x")->degrees == 41.0f);
}

}  // namespace sv::routines::test
