// Malformed stretch files, each beside a .expected file holding the exact error lines the
// validator must print (file name as given to the parser: "<name>.json"). Set
// SV_CORPUS_UPDATE=1 to rewrite the .expected files from the current output (then review
// the diff).
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/file_io.h"
#include "stretches/stretch_loader.h"
#include "test_support.h"

using namespace sv::stretches;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> corpusFiles() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(SV_CORPUS_DIR)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("corpus: every malformed file gives exactly the expected errors", "[corpus]") {
  const bool update = std::getenv("SV_CORPUS_UPDATE") != nullptr;
  const auto files = corpusFiles();
  int malformed = 0;
  for (const fs::path& f : files) {
    const std::string name = f.filename().string();
    INFO(name);
    auto text = sv::readFile(f);
    REQUIRE(text.ok());
    const StretchParseResult r = parseStretch(*text, name, test::rom());
    std::string got;
    for (const std::string& e : r.errors) got += e + "\n";
    fs::path expectedPath = f;
    expectedPath.replace_extension(".expected");
    if (update) {
      std::ofstream(expectedPath, std::ios::binary) << got;
      continue;
    }
    if (name == "valid-minimal.json") {
      CHECK(r.ok());
      CHECK(got.empty());
      continue;
    }
    ++malformed;
    CHECK_FALSE(r.ok());
    auto expected = sv::readFile(expectedPath);
    REQUIRE(expected.ok());
    CHECK(got == *expected);
    // One line per error, each "file:line:col: ..."
    CHECK(std::count(got.begin(), got.end(), '\n') == static_cast<long>(r.errors.size()));
    for (const std::string& e : r.errors) CHECK(e.rfind(name + ":", 0) == 0);
  }
  if (!update) CHECK(malformed >= 15);
}

TEST_CASE("corpus: truncations and byte flips of a valid file never crash", "[corpus]") {
  auto text = sv::readFile(fs::path(SV_CORPUS_DIR) / "valid-minimal.json");
  REQUIRE(text.ok());
  const std::string& t = *text;
  for (std::size_t n = 0; n < t.size(); n += 7) {
    const StretchParseResult r =
        parseStretch(std::string_view(t).substr(0, n), "cut.json", test::rom());
    CHECK_FALSE(r.ok());
  }
  for (std::size_t i = 0; i < t.size(); i += 5) {
    std::string m = t;
    m[i] = static_cast<char>(m[i] ^ 0x5A);
    const StretchParseResult r = parseStretch(m, "flip.json", test::rom());
    CHECK((r.ok() || !r.errors.empty()));
  }
}
