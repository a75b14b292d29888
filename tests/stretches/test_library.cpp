#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

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
