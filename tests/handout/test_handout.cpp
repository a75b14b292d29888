// The handout PDF, read back the way a person or a printer sees it: poppler's pdfinfo (page
// count and size), pdftoppm (the pictures are there, not blank) and pdftotext (every stretch's
// name and dose; with -bbox, no word outside the page's margins however long the text).
#include <unistd.h>
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "handout/from_routine.h"
#include "routines/session_plan.h"
#include "support/fixtures.h"
#include "support/scratch.h"
#include "support/synthetic_pictures.h"

namespace sv::handout {
namespace {

namespace fs = std::filesystem;
namespace rt = sv::routines;

fs::path scratch(const std::string& name) {
  return sv::test::scratchDir("handout", name);
}

// Runs a command and returns its standard output; fails the test when it exits non-zero.
std::string run(const std::string& command) {
  std::string out;
  FILE* p = ::popen((command + " 2>&1").c_str(), "r");
  REQUIRE(p);
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  const int status = ::pclose(p);
  INFO(command << "\n" << out);
  REQUIRE(status == 0);
  return out;
}

std::string quoted(const fs::path& p) {
  return "'" + p.string() + "'";
}

// Collapses runs of whitespace, so text that wrapped or was extracted in columns compares.
std::string words(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

struct Ppm {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;
};

Ppm readPpm(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::string magic;
  int maxval = 0;
  Ppm img;
  in >> magic >> img.width >> img.height >> maxval;
  in.get();
  REQUIRE(magic == "P6");
  REQUIRE(maxval == 255);
  img.rgb.resize(static_cast<std::size_t>(img.width) * img.height * 3);
  in.read(reinterpret_cast<char*>(img.rgb.data()), static_cast<std::streamsize>(img.rgb.size()));
  REQUIRE(in.good());
  return img;
}

// Page `page` (1-based) at 72 dpi: one pixel per point.
Ppm rasterise(const fs::path& pdf, int page, const fs::path& dir) {
  const fs::path stem = dir / ("page" + std::to_string(page));
  run("pdftoppm -r 72 -f " + std::to_string(page) + " -l " + std::to_string(page) +
      " -singlefile " + quoted(pdf) + " " + quoted(stem));
  return readPpm(stem.string() + ".ppm");
}

struct Stats {
  double mean[3] = {0, 0, 0};
  double deviation = 0.0;  // of the luminance
};

Stats statsOf(const Ppm& img, const Layout::Box& b, double inset) {
  Stats s;
  std::vector<double> lum;
  const int x0 = static_cast<int>(std::ceil(b.x + inset));
  const int x1 = static_cast<int>(std::floor(b.x + b.width - inset));
  const int y0 = static_cast<int>(std::ceil(b.y + inset));
  const int y1 = static_cast<int>(std::floor(b.y + b.height - inset));
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      const unsigned char* p = &img.rgb[(static_cast<std::size_t>(y) * img.width + x) * 3];
      for (int c = 0; c < 3; ++c) s.mean[c] += p[c];
      lum.push_back(0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2]);
    }
  }
  REQUIRE(!lum.empty());
  const double n = static_cast<double>(lum.size());
  for (double& m : s.mean) m /= n;
  double avg = 0.0;
  for (double l : lum) avg += l / n;
  for (double l : lum) s.deviation += (l - avg) * (l - avg) / n;
  s.deviation = std::sqrt(s.deviation);
  return s;
}

std::array<double, 3> meanOf(const Picture& p) {
  std::array<double, 3> m{0, 0, 0};
  const double n = static_cast<double>(p.width) * p.height;
  for (std::size_t i = 0; i < p.rgba.size(); i += 4) {
    for (int c = 0; c < 3; ++c)
      m[static_cast<std::size_t>(c)] += p.rgba[i + static_cast<std::size_t>(c)] / n;
  }
  return m;
}

rt::Routine example() {
  auto r = rt::loadRoutineFile(fs::path(SV_ROUTINE_DIR) / "after-a-run.json",
                               {&sv::test::library(), nullptr});
  REQUIRE(r.ok());
  return *r.value;
}

Handout exampleHandout(const rt::Client* client = nullptr) {
  auto h = handoutFromRoutine(example(), sv::test::library(), client,
                              {"Alex Morgan, PT", "Riverside Physiotherapy", "2024-03-12"});
  REQUIRE(h.ok());
  for (std::size_t i = 0; i < h->stretches.size(); ++i) {
    const int k = static_cast<int>(i) * 40;
    h->stretches[i].start = {320, 240, sv::test::syntheticRgba(320, 240, k)};
    h->stretches[i].end = {320, 240, sv::test::syntheticRgba(320, 240, k + 20)};
  }
  return *h;
}

// Every word's box from `pdftotext -bbox`: page size and the words' rectangles.
struct Word {
  int page;
  double xMin, yMin, xMax, yMax;
  std::string text;
};
std::vector<Word> wordBoxes(const fs::path& pdf, double& pageW, double& pageH) {
  const std::string html = run("pdftotext -bbox " + quoted(pdf) + " -");
  std::vector<Word> out;
  const std::regex pageRe(R"re(<page width="([0-9.]+)" height="([0-9.]+)">)re");
  const std::regex wordRe(
      R"re(<word xMin="([0-9.-]+)" yMin="([0-9.-]+)" xMax="([0-9.-]+)" yMax="([0-9.-]+)">([^<]*)</word>)re");
  int page = 0;
  std::istringstream lines(html);
  std::string line;
  std::smatch m;
  while (std::getline(lines, line)) {
    if (std::regex_search(line, m, pageRe)) {
      ++page;
      pageW = std::stod(m[1]);
      pageH = std::stod(m[2]);
    } else if (std::regex_search(line, m, wordRe)) {
      out.push_back(
          {page, std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), m[5]});
    }
  }
  return out;
}

}  // namespace

TEST_CASE("a 6-stretch handout has its pages, pictures, names and doses, on A4 and Letter") {
  const fs::path dir = scratch("six");
  const Handout h = exampleHandout();
  REQUIRE(h.stretches.size() == 6);
  int a4Pages = 0;
  for (Paper paper : {Paper::A4, Paper::Letter}) {
    const bool a4 = paper == Paper::A4;
    INFO((a4 ? "A4" : "Letter"));
    const fs::path pdf = dir / (a4 ? "a4.pdf" : "letter.pdf");
    Layout layout;
    REQUIRE(writePdf(h, paper, pdf, &layout).ok());
    // Written atomically: only the PDF is in the folder (besides the other paper's).
    CHECK_FALSE(fs::exists(pdf.string() + ".tmp"));

    const std::string info = run("pdfinfo " + quoted(pdf));
    std::smatch m;
    REQUIRE(std::regex_search(info, m, std::regex(R"re(Pages:\s+(\d+))re")));
    CHECK(std::stoi(m[1]) == layout.pages);
    REQUIRE(
        std::regex_search(info, m, std::regex(R"re(Page size:\s+([0-9.]+) x ([0-9.]+) pts)re")));
    const PageSize size = pageSize(paper);
    CHECK(std::stod(m[1]) == Approx(size.width).margin(0.01));
    CHECK(std::stod(m[2]) == Approx(size.height).margin(0.01));
    CHECK(std::stod(m[1]) == Approx(a4 ? 595.276 : 612.0).margin(0.01));
    // The first page is the overview; the six cards need at least three more, and both
    // papers paginate alike.
    CHECK(layout.pages >= 4);
    if (a4) a4Pages = layout.pages;
    CHECK(layout.pages == a4Pages);
    REQUIRE(layout.stretchPages.size() == 6);
    CHECK(std::is_sorted(layout.stretchPages.begin(), layout.stretchPages.end()));
    CHECK(layout.stretchPages.back() == layout.pages);

    // Every page rasterises; each picture box holds its picture (its mean colour and some
    // texture), never a blank box.
    REQUIRE(layout.pictures.size() == 12);
    std::vector<Ppm> pages;
    for (int p = 1; p <= layout.pages; ++p) pages.push_back(rasterise(pdf, p, dir));
    CHECK(std::abs(pages[0].width - size.width) <= 1.0);
    for (std::size_t i = 0; i < layout.pictures.size(); ++i) {
      const Layout::Box& b = layout.pictures[i];
      const Picture& input = i % 2 == 0 ? h.stretches[i / 2].start : h.stretches[i / 2].end;
      const Stats s = statsOf(pages[static_cast<std::size_t>(b.page - 1)], b, 3.0);
      const auto want = meanOf(input);
      INFO("picture " << i);
      CHECK(s.deviation > 8.0);
      for (int c = 0; c < 3; ++c)
        CHECK(std::fabs(s.mean[c] - want[static_cast<std::size_t>(c)]) < 8.0);
    }

    // Text: each stretch's name and dose on the page its card starts, the header on every page.
    for (std::size_t i = 0; i < 6; ++i) {
      const std::string page = std::to_string(layout.stretchPages[i]);
      const std::string text =
          words(run("pdftotext -f " + page + " -l " + page + " " + quoted(pdf) + " -"));
      CHECK(text.find(words(h.stretches[i].name)) != std::string::npos);
      CHECK(text.find("Dose " + h.stretches[i].dose) != std::string::npos);
    }
    for (int p = 1; p <= layout.pages; ++p) {
      const std::string n = std::to_string(p);
      const std::string text =
          words(run("pdftotext -f " + n + " -l " + n + " " + quoted(pdf) + " -"));
      CHECK(text.find("Riverside Physiotherapy") != std::string::npos);
      CHECK(text.find("Page " + n + " of " + std::to_string(layout.pages)) != std::string::npos);
    }
  }
}

TEST_CASE("a missing picture prints a labelled empty box, which the blank check tells apart") {
  const fs::path dir = scratch("missing");
  Handout h = exampleHandout();
  h.stretches.resize(1);
  h.stretches[0].end = {};
  Layout layout;
  REQUIRE(writePdf(h, Paper::A4, dir / "h.pdf", &layout).ok());
  const Ppm page = rasterise(dir / "h.pdf", layout.pictures[1].page, dir);
  // Inside the box but away from the label in its middle: a flat light grey.
  Layout::Box top = layout.pictures[1];
  top.height = 40.0;
  const Stats s = statsOf(page, top, 3.0);
  CHECK(s.deviation < 1.0);
  CHECK(s.mean[0] > 225.0);
  CHECK(words(run("pdftotext " + quoted(dir / "h.pdf") + " -")).find("Picture not available") !=
        std::string::npos);
}

TEST_CASE("very long names and notes wrap and continue inside the page, every word once") {
  const fs::path dir = scratch("long");
  Handout h = exampleHandout();
  h.clinic =
      "The Extraordinarily Long Named Centre For Sports Physiotherapy And Rehabilitation "
      "Of The Greater Metropolitan Region";
  h.clientName = "Maximiliana Wilhelmina Theodora von Habsburg-Lothringen-Sachsen-Coburg";
  h.title = std::string(300, 'W');  // one "word" far wider than the page
  std::string notes;
  for (int i = 0; i < 1500; ++i) {
    notes += 'n';  // appended piecewise: '"n" + std::string' trips GCC 12's -Wrestrict
    notes += std::to_string(10000 + i);
    notes += ' ';
  }
  h.stretches[0].notes = notes;
  h.stretches[1].name =
      "A stretch with a name so long that it cannot possibly fit on one line of "
      "the card header and has to wrap onto several lines without overflowing";
  h.stretches[1].cues.assign(40, "Keep breathing slowly and let the muscle relax into the stretch");
  for (Paper paper : {Paper::A4, Paper::Letter}) {
    const fs::path pdf = dir / "long.pdf";
    Layout layout;
    REQUIRE(writePdf(h, paper, pdf, &layout).ok());
    Layout normal;
    REQUIRE(renderPdf(exampleHandout(), paper, &normal).ok());
    CHECK(layout.pages > normal.pages);  // the notes continue on further pages

    double pageW = 0.0, pageH = 0.0;
    const std::vector<Word> boxes = wordBoxes(pdf, pageW, pageH);
    const PageSize size = pageSize(paper);
    CHECK(pageW == Approx(size.width).margin(0.01));
    REQUIRE(!boxes.empty());
    // Within the side margins, below the header's top and above the foot of the page (the
    // layout's own figures), with a point of slack for the extractor's glyph boxes.
    CHECK(layout.margin >= 40.0);
    for (const Word& w : boxes) {
      INFO(w.text << " on page " << w.page << " at " << w.xMin << ".." << w.xMax << ", " << w.yMin
                  << ".." << w.yMax);
      CHECK(w.xMin >= layout.margin - 1.0);
      CHECK(w.xMax <= pageW - layout.margin + 1.0);
      CHECK(w.yMin >= layout.top - 1.0);
      CHECK(w.yMax <= pageH - layout.bottom + 1.0);
    }
    // Each numbered word of the notes is there exactly once: nothing lost or drawn twice
    // where the text continues on the next page.
    std::map<std::string, int> seen;
    for (const Word& w : boxes) {
      if (w.text.size() == 6 && w.text[0] == 'n') ++seen[w.text];
    }
    CHECK(seen.size() == 1500);
    for (const auto& [word, count] : seen) {
      INFO(word);
      CHECK(count == 1);
    }
  }
}

TEST_CASE("a bad picture is refused and the existing file stays as it was") {
  const fs::path dir = scratch("bad");
  const fs::path pdf = dir / "h.pdf";
  { std::ofstream(pdf) << "previous"; }
  Handout h = exampleHandout();
  h.stretches[2].end.rgba.resize(100);
  const Status s = writePdf(h, Paper::A4, pdf);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message ==
        "handout stretch 3 (end): picture of 320x240 needs 307200 RGBA bytes, got 100");
  std::ifstream in(pdf);
  std::string content;
  std::getline(in, content);
  CHECK(content == "previous");
}

TEST_CASE("the description comes from the routine, the library and the client") {
  rt::Client c;
  // Moved in: assigning short literals trips GCC 12's false -Wrestrict (PR 105329).
  c.id = std::string("sam");
  c.name = std::string("Sam Rivera");
  c.measurements.push_back({anatomy::Motion::HipFlexion, anatomy::Side::Right, 62.0f, "2024-03-01",
                            "hamstrings-supine-straight-leg", ""});
  const rt::Routine r = example();
  auto h = handoutFromRoutine(r, sv::test::library(), &c, {"Alex", "Clinic", "2024-03-12"});
  REQUIRE(h.ok());
  CHECK(h->clientName == "Sam Rivera");
  CHECK(h->date == "12 March 2024");
  CHECK(h->title == r.name);
  REQUIRE(h->stretches.size() == r.entries.size());
  for (std::size_t i = 0; i < r.entries.size(); ++i) {
    const stretches::Stretch& s = *sv::test::library().find(r.entries[i].stretch);
    CHECK(h->stretches[i].name == s.name);
    CHECK(h->stretches[i].dose == rt::describeDose(*rt::effectiveDose(r.entries[i], s)));
    CHECK(h->stretches[i].cues == s.clientCues);
    CHECK(h->stretches[i].notes == r.entries[i].notes);
    // The cautions every stretch shares are on the first page, not repeated per stretch.
    for (const std::string& item : h->stretches[i].safety) {
      CHECK(std::find(h->generalSafety.begin(), h->generalSafety.end(), item) ==
            h->generalSafety.end());
    }
  }
  CHECK_FALSE(h->generalSafety.empty());
  const auto& thomas = h->stretches[2];
  REQUIRE(r.entries[2].stretch == "hip-flexors-thomas");
  // Negative hip flexion is read as extension; the client's last measure is quoted.
  CHECK(thomas.target.rfind("Hip extension 4-12\u00b0", 0) == 0);
  CHECK(h->stretches[0].target.find("Last measured: 62\u00b0 on 1 March 2024") !=
        std::string::npos);
  CHECK(describeRange(anatomy::Motion::CervicalRotation, {-70.0f, -60.0f}) ==
        "Neck rotation to the left 60-70\u00b0");
  CHECK(describeRange(anatomy::Motion::KneeFlexion, {-5.0f, 10.0f}) ==
        "Knee from extension 5\u00b0 to flexion 10\u00b0");
  CHECK(longDate("2023-12-01") == "1 December 2023");
  CHECK(longDate("next week") == "next week");

  rt::Routine bad = r;
  bad.entries[3].stretch = "nope";
  auto e = handoutFromRoutine(bad, sv::test::library(), nullptr, {});
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().message == "routine \"after-a-run\", entry 4: unknown stretch \"nope\"");
}

TEST_CASE("picture moments: each entry's first side, at the start and at the end of its range") {
  const rt::Routine r = example();
  auto plan = rt::planSession(r, sv::test::library(), sv::test::rom());
  REQUIRE(plan.ok());
  const auto moments = pictureMoments(*plan);
  REQUIRE(moments.size() == r.entries.size());
  for (std::size_t i = 0; i < moments.size(); ++i) {
    const rt::PlanSegment& seg = plan->segments[moments[i].segment];
    CHECK(seg.entry == i);
    CHECK(seg.side == anatomy::Side::Right);  // "both" plays the right side first
    CHECK(moments[i].startTime == 0.0f);
    anatomy::Pose a, b;
    seg.timeline.timeline.sample(moments[i].endTime, a);
    const float deepest = seg.timeline.key.value(a);
    // The end picture shows the range the end pose reaches (the target band).
    INFO(seg.stretch->id << " deepest " << deepest << " target " << seg.timeline.key.target.min
                         << ".." << seg.timeline.key.target.max);
    CHECK(deepest >= seg.timeline.key.target.min - 0.01f);
    CHECK(deepest <= seg.timeline.key.target.max + 0.01f);
    seg.timeline.timeline.sample(0.0f, b);
    CHECK(std::fabs(deepest - seg.timeline.key.value(b)) > 5.0f);
  }
}

}  // namespace sv::handout
