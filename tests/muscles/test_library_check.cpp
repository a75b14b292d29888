#include <cstdio>
#include <set>
#include <string>

#include "muscles/report.h"
#include "stretches/library.h"
#include "support.h"

using namespace sv::muscles;
namespace an = sv::anatomy;

TEST_CASE("library: every primary target group lengthens and reaches half its available stretch") {
  const auto load = sv::stretches::loadLibrary(SV_STRETCH_DIR, test::rom());
  INFO(load.report.errors.size() << " library errors");
  REQUIRE(load.report.ok());
  REQUIRE_FALSE(load.library.stretches.empty());
  const std::vector<LibraryCheckRow> rows = checkLibrary(test::model(), load.library);
  std::printf("%s", formatLibraryTable(rows).c_str());
  REQUIRE(rows.size() >= 2 * load.library.stretches.size());
  // OPEN (not yet fixed; reported as warnings, see docs/muscles.md "Library check"):
  // straight-line paths without wrapping surfaces at the shoulder and trunk.
  const std::set<std::string> open = {"latissimus-supine-overhead", "posterior-shoulder-cross-body",
                                      "thoracic-rotation-seated"};
  for (const LibraryCheckRow& r : rows) {
    if (open.count(r.stretch)) {
      if (!r.pass()) WARN("OPEN: " << r.stretch << " " << r.muscle << " end share " << r.endShare);
      continue;
    }
    INFO(r.stretch << " " << (r.side == an::Side::Right ? "right" : "left") << " "
                   << an::muscleGroupId(r.group) << " " << r.muscle << " start " << r.startShare
                   << " end " << r.endShare);
    CHECK_FALSE(r.muscle.empty());
    CHECK(r.lengthened);
    CHECK(r.endShare >= 0.5f);
  }
}
