// Prints BENCH validate_20k_errors_ms: `stretchviz --validate` (runValidate) on a folder
// holding one generated 600 KB stretch file with 20,000 errors (unknown fields from the start
// to the end of the file), median of 5 runs. Error positions come from a line index and
// only the first kMaxErrorsPerFile lines are formatted (issue #18: 60 s before, scanning from
// byte 0 for every error). Budget: 2,000 ms.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "stretches/library.h"

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
namespace st = sv::stretches;

int main() {
  // A valid stretch with 20,000 unknown top-level fields, one per line.
  auto base = sv::readFile(st::defaultStretchDir() / "hamstrings-supine-straight-leg.json");
  if (!base.ok()) {
    std::fprintf(stderr, "%s\n", base.error().message.c_str());
    return 1;
  }
  std::string text = nlohmann::json::parse(*base).dump(1);
  text.pop_back();  // '}'
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  char field[64];
  for (int i = 0; i < 20000; ++i) {
    std::snprintf(field, sizeof field, ",\n \"unknown_key_%05d\": %d", i, 100000 + i);
    text += field;
  }
  text += "\n}\n";
  const fs::path dir =
      fs::temp_directory_path() / ("sv-bench-validate-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "hamstrings-supine-straight-leg.json") << text;

  std::vector<double> ms;
  std::string summary;
  for (int i = 0; i < 5; ++i) {
    std::ostringstream out, err;
    const auto t0 = Clock::now();
    const int code = st::runValidate(dir, st::defaultRomPath(), out, err);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    summary = out.str();
    if (code != 1) {
      std::fprintf(stderr, "expected exit 1 (errors), got %d\n%s", code, err.str().c_str());
      return 1;
    }
  }
  fs::remove_all(dir);
  std::sort(ms.begin(), ms.end());
  std::printf("file: %zu bytes; %s", text.size(), summary.c_str());
  std::printf("BENCH validate_20k_errors_ms %.1f ms\n", ms[ms.size() / 2]);
  return 0;
}
