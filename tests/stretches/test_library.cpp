#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "stretches/stretch_loader.h"
#include "test_support.h"

using namespace sv::stretches;

TEST_CASE("every shipped stretch validates", "[library]") {
  const LibraryLoad& load = test::shipped();
  for (const std::string& e : load.report.errors) UNSCOPED_INFO(e);
  CHECK(load.report.ok());
  CHECK(load.report.filesFound >= 24);
  CHECK(load.report.filesLoaded == load.report.filesFound);
}

TEST_CASE("the library covers the required muscle groups and stretches", "[library]") {
  const Library& lib = test::shipped().library;
  for (const char* id : {"hamstrings-supine-straight-leg",
                         "hamstrings-supine-bent-knee",
                         "quadriceps-prone-rectus-femoris",
                         "hip-flexors-thomas",
                         "gluteals-supine-knee-to-opposite-shoulder",
                         "piriformis-supine-cross-body",
                         "adductors-supine-butterfly",
                         "adductors-supine-straight-leg",
                         "gastrocnemius-supine-knee-straight",
                         "soleus-supine-knee-bent",
                         "pectorals-seated-hands-behind-head",
                         "latissimus-supine-overhead",
                         "posterior-shoulder-cross-body",
                         "sleeper-internal-rotation",
                         "triceps-seated-overhead",
                         "biceps-standing-shoulder-extension",
                         "upper-trapezius-supine",
                         "levator-scapulae-supine",
                         "thoracic-rotation-seated",
                         "lumbar-supine-knees-to-chest",
                         "quadratus-lumborum-seated-side-bend",
                         "forearm-flexors-wrist-extension",
                         "forearm-extensors-wrist-flexion"}) {
    INFO(id);
    const Stretch* s = lib.find(id);
    REQUIRE(s != nullptr);
    CHECK(s->technique("static") != nullptr);
    CHECK(s->technique("contract_relax") != nullptr);
  }
}

TEST_CASE("a bad file is skipped and the rest load", "[library]") {
  const auto dir = std::filesystem::temp_directory_path() / "sv_stretches_library_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(
      std::filesystem::path(SV_STRETCH_DIR) / "hamstrings-supine-straight-leg.json",
      dir / "hamstrings-supine-straight-leg.json");
  {
    std::ofstream bad(dir / "broken.json");
    bad << "{\n  \"id\": \"broken\",\n";
  }
  const LibraryLoad load = loadLibrary(dir, test::rom());
  CHECK(load.report.filesFound == 2);
  CHECK(load.report.filesLoaded == 1);
  REQUIRE(load.report.errors.size() == 1);
  CHECK(load.report.errors[0] ==
        (dir / "broken.json").string() + ":3:1: malformed JSON: expected a string key");

  std::ostringstream out, err;
  CHECK(runValidate(dir, SV_ROM_PATH, out, err) == 1);
  CHECK(err.str() == load.report.errors[0] + "\n");
  CHECK(out.str().find("1 valid, 1 invalid") != std::string::npos);

  std::ostringstream lout, lerr;
  CHECK(runList(dir, SV_ROM_PATH, lout, lerr) == 0);
  const auto list = nlohmann::json::parse(lout.str());
  REQUIRE(list.size() == 1);
  CHECK(list[0]["id"] == "hamstrings-supine-straight-leg");
  CHECK(list[0]["position"] == "supine");
  CHECK(list[0]["primary_groups"][0] == "hamstrings");
  CHECK(list[0]["techniques"].size() == 3);
  std::filesystem::remove_all(dir);
}

TEST_CASE("runValidate accepts the shipped library and fails on a missing directory", "[library]") {
  std::ostringstream out, err;
  CHECK(runValidate(SV_STRETCH_DIR, SV_ROM_PATH, out, err) == 0);
  CHECK(err.str().empty());
  std::ostringstream out2, err2;
  CHECK(runValidate("/nonexistent/stretches", SV_ROM_PATH, out2, err2) == 2);
  CHECK(err2.str().find("cannot read the stretch directory") != std::string::npos);
}

namespace {
std::filesystem::path scratchDir(const char* name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("sv_stretches_" + std::string(name) + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}
}  // namespace

TEST_CASE("validate: reports every *.json entry that is not a regular file", "[library]") {
  namespace fs = std::filesystem;
  const auto dir = scratchDir("entries");
  fs::copy_file(fs::path(SV_STRETCH_DIR) / "hamstrings-supine-straight-leg.json",
                dir / "hamstrings-supine-straight-leg.json");
  fs::create_symlink("loop-b.json", dir / "loop-a.json");
  fs::create_symlink("loop-a.json", dir / "loop-b.json");
  fs::create_symlink("gone.json", dir / "dangling.json");
  fs::create_directories(dir / "folder.json");
  REQUIRE(::mkfifo((dir / "pipe.json").c_str(), 0600) == 0);
  std::ostringstream out, err;
  CHECK(runValidate(dir, SV_ROM_PATH, out, err) == 1);  // all were skipped silently before
  const std::string e = err.str();
  CHECK(e.find((dir / "loop-a.json").string() + ": symbolic link loop\n") != std::string::npos);
  CHECK(e.find((dir / "loop-b.json").string() + ": symbolic link loop\n") != std::string::npos);
  CHECK(e.find((dir / "dangling.json").string() + ": dangling symbolic link (to gone.json)\n") !=
        std::string::npos);
  CHECK(e.find((dir / "folder.json").string() + ": is a directory, not a stretch file\n") !=
        std::string::npos);
  CHECK(e.find((dir / "pipe.json").string() + ": is not a regular file\n") != std::string::npos);
  CHECK(out.str().find("validated 6 stretch file(s)") != std::string::npos);
  CHECK(out.str().find("1 valid, 5 invalid, 5 error(s)") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("*.JSON files are stretch files too; the id matches the name in any case", "[library]") {
  namespace fs = std::filesystem;
  const auto dir = scratchDir("upper");
  fs::copy_file(fs::path(SV_STRETCH_DIR) / "hamstrings-supine-straight-leg.json",
                dir / "hamstrings-supine-straight-leg.JSON");
  const LibraryLoad load = loadLibrary(dir, test::rom());
  CHECK(load.report.filesFound == 1);  // 0 before: the file was ignored
  CHECK(load.report.filesLoaded == 1);
  fs::remove_all(dir);
}

TEST_CASE("validate: on an empty directory is an error, not 'all valid'", "[library]") {
  const auto dir = scratchDir("empty");
  std::ostringstream out, err;
  CHECK(runValidate(dir, SV_ROM_PATH, out, err) == 2);
  CHECK(err.str() == dir.string() + ": no stretch files (*.json) to validate\n");
  std::filesystem::remove_all(dir);
}

TEST_CASE("a stretch file over the size limit is refused unread", "[library]") {
  const auto dir = scratchDir("big");
  std::ofstream(dir / "big.json") << std::string(kMaxStretchFileBytes + 1, ' ');
  const LibraryLoad load = loadLibrary(dir, test::rom());
  REQUIRE(load.report.errors.size() == 1);
  CHECK(load.report.errors[0] ==
        (dir / "big.json").string() + ": file too large: 1.0 MiB (the limit is 1 MiB)");
  std::filesystem::remove_all(dir);
}

TEST_CASE("validate: counts every error of a file, also past the printed ones", "[library]") {
  const auto dir = scratchDir("many");
  std::ifstream in(std::filesystem::path(SV_CORPUS_DIR) / "too-many-errors.json");
  std::ofstream(dir / "too-many-errors.json") << in.rdbuf();
  std::ostringstream out, err;
  CHECK(runValidate(dir, SV_ROM_PATH, out, err) == 1);
  CHECK(out.str().find("0 valid, 1 invalid, 150 error(s)") != std::string::npos);
  std::filesystem::remove_all(dir);
}

namespace {
// An id on screen: any '_' ("cervical_pooled"), or lower-case words joined by '.'
// ("hip.flexion", "rom.json"); a sentence's full stop and a number's point ("6.7") are not.
bool hasId(std::string_view text) {
  const auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_') return true;
    if (text[i] == '.' && i > 0 && i + 1 < text.size() && lower(text[i - 1]) &&
        lower(text[i + 1])) {
      return true;
    }
  }
  return false;
}
}  // namespace

TEST_CASE("gauges and read-outs show names, never ids, for every stretch", "[library]") {
  CHECK(hasId("cervical_pooled"));
  CHECK(hasId("hip.flexion"));
  CHECK_FALSE(hasId("Pooled cervical studies"));
  CHECK_FALSE(hasId("Hold. Then relax."));
  CHECK_FALSE(hasId("61 +- 6.7 degrees (30 men). J Orthop Sports Phys Ther 1993;18(5):614."));
  for (const auto& [id, label] : test::rom().sourceLabels) {
    INFO(id);
    CHECK_FALSE(hasId(label));
  }
  for (const auto& [id, citation] : test::rom().sources) {
    INFO(id);
    CHECK(test::rom().sourceLabels.count(id) == 1);  // every source has a short name
  }
  for (int m = 0; m < sv::anatomy::kMotionCount; ++m) {
    const std::string_view name = sv::anatomy::motionName(static_cast<sv::anatomy::Motion>(m));
    INFO(name);
    CHECK_FALSE(name.empty());
    CHECK_FALSE(hasId(name));
  }
  const Library& lib = test::shipped().library;
  REQUIRE(!lib.stretches.empty());
  for (const Stretch& s : lib.stretches) {
    INFO(s.id);
    std::vector<const Measurement*> gauges = {&s.key};
    if (s.second) gauges.push_back(&*s.second);
    for (const Measurement* m : gauges) {
      CHECK_FALSE(hasId(sv::anatomy::motionName(m->motion)));
      CHECK_FALSE(m->normalSourceLabel.empty());
      CHECK_FALSE(hasId(m->normalSourceLabel));
      CHECK_FALSE(hasId(m->condition));
    }
    CHECK_FALSE(hasId(s.name));
    for (const Technique& t : s.techniques) {
      INFO(t.id);
      CHECK_FALSE(hasId(t.name));
    }
  }
}

namespace {
// A citation in text: a year (19xx, 20xx as a word), "et al", a journal-style "J " or the
// surname a reference of the file starts with ("McAtee RE, …" -> "McAtee").
bool citesSomething(std::string_view text, const std::vector<std::string>& surnames) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    const bool start = i == 0 || !digit(text[i - 1]);
    const bool end = i + 4 == text.size() || !digit(text[i + 4]);
    if (start && end && (text.substr(i, 2) == "19" || text.substr(i, 2) == "20") &&
        digit(text[i + 2]) && digit(text[i + 3])) {
      return true;
    }
  }
  if (text.find("et al") != std::string_view::npos) return true;
  for (const std::string& name : surnames) {
    if (text.find(name) != std::string_view::npos) return true;
  }
  return false;
}
}  // namespace

// Issue #14: captions, cues and placements are what a client reads (the presenter screen, the
// handout); sources belong in the details panel.
TEST_CASE("client-facing text carries no citations", "[library]") {
  CHECK(citesSomething("hold 30 s (WJO 2016)", {}));
  CHECK(citesSomething("matched resistance, McAtee", {"McAtee"}));
  CHECK_FALSE(citesSomething("hold 30 s at the barrier; 10 % of full strength", {"McAtee"}));
  const Library& lib = test::shipped().library;
  REQUIRE(!lib.stretches.empty());
  for (const Stretch& s : lib.stretches) {
    INFO(s.id);
    std::vector<std::string> surnames;
    for (const std::string& ref : s.references) {
      const std::size_t sp = ref.find_first_of(" ,");
      const std::string first = ref.substr(0, sp);
      // A surname: capitalised, then lower case ("McAtee", "Page"), not "American" or "J".
      if (first.size() >= 3 && first[0] >= 'A' && first[0] <= 'Z' && first != "American" &&
          first != "Straight" && ref.find(',') != std::string::npos &&
          ref.find(',') < ref.find('.')) {
        surnames.push_back(first);
      }
    }
    std::vector<std::string_view> texts = {s.placement, s.practitionerPlacement};
    for (const std::string& c : s.practitionerCues) texts.push_back(c);
    for (const std::string& c : s.clientCues) texts.push_back(c);
    for (const Contact& c : s.contacts) texts.push_back(c.forceDescription);
    for (const Technique& t : s.techniques) {
      for (const auto* part : {&t.leadIn, &t.cycle, &t.finish}) {
        for (const Phase& ph : *part) {
          for (const std::string* x : {&ph.practitioner, &ph.client, &ph.effort, &ph.cue}) {
            texts.push_back(*x);
          }
        }
      }
    }
    for (std::string_view text : texts) {
      INFO(text);
      CHECK_FALSE(citesSomething(text, surnames));
    }
  }
}

// Issue #14: "wrist extension 62°", "hip extension 10°", "ankle plantarflexion 42°": every
// gauge reads its band as positive magnitudes of the motion it names.
TEST_CASE("every gauge reads in the clinician's direction, never a negative band", "[library]") {
  namespace an = sv::anatomy;
  const an::MotionReading wrist = an::readingOf(an::Motion::WristFlexion, -62.0f, true);
  CHECK(wrist.name == "Wrist extension");
  CHECK(wrist.degrees == 62.0f);
  CHECK(an::readingOf(an::Motion::HipFlexion, 72.0f, false).name == "Hip flexion");
  CHECK(an::directionName(an::Motion::AnkleDorsiflexion, true) == "Ankle plantarflexion");
  CHECK(an::directionName(an::Motion::CervicalRotation, true) == "Cervical rotation to the left");
  const Library& lib = test::shipped().library;
  int negative = 0;
  for (const Stretch& s : lib.stretches) {
    INFO(s.id);
    std::vector<const Measurement*> gauges = {&s.key};
    if (s.second) gauges.push_back(&*s.second);
    for (const Measurement* m : gauges) {
      const bool neg = readsNegative(*m);
      negative += neg ? 1 : 0;
      const an::MotionReading lo = an::readingOf(m->motion, m->target.min, neg);
      const an::MotionReading hi = an::readingOf(m->motion, m->target.max, neg);
      CHECK(std::min(lo.degrees, hi.degrees) >= 0.0f);
      CHECK_FALSE(hasId(lo.name));
    }
  }
  // Thomas (hip extension), both forearm flexor stretches' wrist extension, tibialis
  // (plantarflexion), piriformis (external rotation) … read the negative way.
  CHECK(negative >= 8);
  const Stretch* thomas = lib.find("hip-flexors-thomas");
  REQUIRE(thomas);
  CHECK(an::directionName(thomas->key.motion, readsNegative(thomas->key)) == "Hip extension");
  const Stretch* flexors = lib.find("forearm-flexors-wrist-extension");
  REQUIRE(flexors);
  CHECK(an::directionName(flexors->key.motion, readsNegative(flexors->key)) == "Wrist extension");
}
