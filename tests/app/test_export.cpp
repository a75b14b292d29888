// The take-home exports end to end: --handout renders each entry's pictures into a PDF that
// poppler reads back with every stretch's name and dose; --clip's frames decode to the size,
// count and pictures the stage renders at the same moments; captions are burned in at the
// bottom only; a bad routine names its file and line and writes nothing.
#include <catch2/catch.hpp>

#include <cstdio>
#include <sstream>

#include "app/context.h"
#include "app/export.h"
#include "app/stage.h"
#include "core/paths.h"
#include "render/image.h"
#include "routines/routine.h"
#include "session/cast.h"
#include "session/session.h"
#include "stretches/library.h"
#include "support/clip_decode.h"
#include "support/scratch.h"

namespace fs = std::filesystem;

namespace {

std::string run(const std::string& command) {
  std::string out;
  FILE* p = ::popen((command + " 2>&1").c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  ::pclose(p);
  return out;
}

std::string quoted(const fs::path& p) {
  return "'" + p.string() + "'";
}

fs::path exampleRoutine() {
  return sv::dataDir() / "assets" / "routines" / "after-a-run.json";
}

}  // namespace

TEST_CASE("export: --handout: a page per stretch or two, every name and dose, two pictures each") {
  const fs::path dir = sv::test::scratchDir("export", "handout");
  sv::Options o;
  o.routine = exampleRoutine();
  o.handout = dir / "after-a-run.pdf";
  o.practitionerName = "Alex Morgan, PT";
  o.clinic = "Riverside Physiotherapy";
  o.date = "2026-12-01";
  std::ostringstream err;
  REQUIRE(sv::runExportCommand(o, err) == 0);
  INFO(err.str());
  REQUIRE(fs::exists(*o.handout));
  CHECK(sv::test::filesIn(dir) == 1);  // no temporary file left

  // The routine's own stretches, names from the library.
  auto rom = sv::anatomy::loadRomTable(sv::stretches::defaultRomPath());
  REQUIRE(rom.ok());
  const auto lib = sv::stretches::loadLibrary(sv::stretches::defaultStretchDir(), *rom);
  sv::routines::RoutineContext ctx;
  ctx.library = &lib.library;
  const auto routine = sv::routines::loadRoutineFile(exampleRoutine(), ctx);
  REQUIRE(routine.ok());
  const std::size_t entries = routine.value->entries.size();

  const std::string info = run("pdfinfo " + quoted(*o.handout));
  int pages = 0;
  std::sscanf(info.c_str() + info.find("Pages:") + 6, "%d", &pages);
  CHECK(pages >= 2);
  CHECK(pages <= static_cast<int>(entries) + 1);
  std::string text = run("pdftotext -layout " + quoted(*o.handout) + " -");
  CHECK(text.find("Riverside Physiotherapy") != std::string::npos);
  CHECK(text.find("1 December 2026") != std::string::npos);
  for (const auto& e : routine.value->entries) {
    const auto* s = lib.library.find(e.stretch);
    REQUIRE(s != nullptr);
    // pdftotext may wrap a long name; its first word is on one line.
    CHECK(text.find(s->name.substr(0, s->name.find(' '))) != std::string::npos);
  }
  CHECK(text.find("Hold 30 s") != std::string::npos);
  // Two rendered pictures per entry, each of the size the stage draws them.
  const std::string images = run("pdfimages -list " + quoted(*o.handout));
  int count = 0;
  for (std::size_t at = images.find(" 640   480 "); at != std::string::npos;
       at = images.find(" 640   480 ", at + 1)) {
    ++count;
  }
  CHECK(count == static_cast<int>(2 * entries));
}

TEST_CASE("export: --handout: a malformed routine names file and line and writes nothing") {
  const fs::path dir = sv::test::scratchDir("export", "bad-routine");
  const fs::path bad = dir / "bad.json";
  sv::test::writeText(bad,
                      "{\n  \"format\": \"stretchviz-routine\",\n  \"version\": 1,\n  oops\n}\n");
  sv::Options o;
  o.routine = bad;
  o.handout = dir / "out.pdf";
  std::ostringstream err;
  CHECK(sv::runExportCommand(o, err) == 1);
  CHECK(err.str().find(bad.string() + ":4:") != std::string::npos);
  CHECK_FALSE(fs::exists(*o.handout));
}

TEST_CASE(
    "export: --clip: frames decode to the stage's pictures at the same moments; captions at the "
    "bottom only") {
  const fs::path dir = sv::test::scratchDir("export", "clip");
  sv::Options o;
  o.clip = dir / "part.mp4";
  o.stretchId = "hamstrings-supine-straight-leg";
  o.technique = "contract_relax";
  o.time = 20.0f;
  o.duration = 0.5f;
  o.width = 320;
  o.height = 180;
  std::ostringstream err;
  REQUIRE(sv::runExportCommand(o, err) == 0);
  INFO(err.str());
  const sv::test::Decoded plain = sv::test::decode(*o.clip);
  REQUIRE(plain.frames.size() == 15);
  CHECK(plain.width == 320);
  CHECK(plain.height == 180);
  CHECK(plain.duration == Approx(0.5).margin(0.02));

  // The reference: the same session, the same moments, rendered by a stage of our own.
  auto ctx = sv::createHeadlessContext(64, 64);
  REQUIRE(ctx.ok());
  auto stage = sv::Stage::create((*ctx)->loader());
  REQUIRE(stage.ok());
  auto rom = sv::anatomy::loadRomTable(sv::stretches::defaultRomPath());
  REQUIRE(rom.ok());
  const auto lib = sv::stretches::loadLibrary(sv::stretches::defaultStretchDir(), *rom);
  sv::session::Cast cast;
  REQUIRE(cast.load(sv::body::defaultBodyPath(), std::nullopt, sv::body::defaultClientShape(),
                    sv::body::defaultPractitionerShape(), nullptr)
              .ok());
  sv::session::Session session(lib.library, *rom, cast);
  auto set = sv::muscles::loadMuscleSet(sv::muscles::defaultMusclePath());
  REQUIRE(set.ok());
  REQUIRE(session.setMuscleSet(std::move(*set)).ok());
  const auto* s = lib.library.find(o.stretchId);
  REQUIRE(s != nullptr);
  REQUIRE(
      session.open(static_cast<int>(s - lib.library.stretches.data()), s->side, o.technique).ok());
  const sv::OrbitState view = sv::pictureView(session, 320.0f / 180.0f);
  for (int k : {0, 7, 14}) {
    session.player().seek(20.0f + static_cast<float>(k) / 30.0f);
    session.evaluate();
    auto expected = (*stage)->render(session, {}, view, 320, 180);
    REQUIRE(expected.ok());
    INFO("frame " << k);
    CHECK(sv::test::psnr(plain.frames[static_cast<std::size_t>(k)], expected->rgba) > 30.0);
  }

  // With captions: the top of the picture is the same, the bottom band is not.
  o.clip = dir / "captioned.mp4";
  o.captions = true;
  REQUIRE(sv::runExportCommand(o, err) == 0);
  const sv::test::Decoded captioned = sv::test::decode(*o.clip);
  REQUIRE(captioned.frames.size() == plain.frames.size());
  // Kept for looking at: <tmp>/sv_test_export_<pid>/clip/captioned-frame.png.
  (void)sv::writePng(sv::Image{320, 180, captioned.frames[7]}, dir / "captioned-frame.png");
  const std::size_t row = 320 * 4;
  const auto& a = plain.frames[7];
  const auto& b = captioned.frames[7];
  const std::vector<std::uint8_t> topA(a.begin(), a.begin() + 90 * row);
  const std::vector<std::uint8_t> topB(b.begin(), b.begin() + 90 * row);
  const std::vector<std::uint8_t> bottomA(a.end() - 20 * row, a.end());
  const std::vector<std::uint8_t> bottomB(b.end() - 20 * row, b.end());
  CHECK(sv::test::psnr(topA, topB) > 35.0);
  CHECK(sv::test::psnr(bottomA, bottomB) < 20.0);
}

TEST_CASE("export: --clip: a start past the end is refused before anything is written") {
  const fs::path dir = sv::test::scratchDir("export", "clip-late");
  sv::Options o;
  o.clip = dir / "late.gif";
  o.stretchId = "hamstrings-supine-straight-leg";
  o.time = 5000.0f;
  std::ostringstream err;
  CHECK(sv::runExportCommand(o, err) == 1);
  CHECK(err.str().find("past the end") != std::string::npos);
  CHECK(sv::test::filesIn(dir) == 0);
}
