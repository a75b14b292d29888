#include <cstdio>
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
  for (const LibraryCheckRow& r : rows) {
    INFO(r.stretch << " " << (r.side == an::Side::Right ? "right" : "left") << " "
                   << an::muscleGroupId(r.group) << " " << r.muscle << " start " << r.startShare
                   << " end " << r.endShare);
    CHECK_FALSE(r.muscle.empty());
    CHECK(r.lengthened);
    CHECK(r.endShare >= 0.5f);
  }
}
