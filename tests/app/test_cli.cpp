#include <catch2/catch.hpp>

#include "app/cli.h"

using sv::parseCommandLine;

namespace {
sv::CliOutcome parse(std::vector<std::string> args) {
  args.insert(args.begin(), "stretchviz");
  return parseCommandLine(args);
}
}  // namespace

TEST_CASE("cli: defaults") {
  auto r = parse({});
  REQUIRE(r.options);
  CHECK_FALSE(r.options->headless);
  CHECK(r.options->width == 1280);
  CHECK(r.options->height == 720);
  CHECK(r.options->frames == 0);
  CHECK(r.options->vsync);
  CHECK_FALSE(r.options->screenshot);
}

TEST_CASE("cli: headless screenshot with size and frames") {
  auto r = parse({"--headless", "--screenshot", "out.png", "--size", "640x360", "--frames", "5"});
  REQUIRE(r.options);
  CHECK(r.options->headless);
  REQUIRE(r.options->screenshot);
  CHECK(r.options->screenshot->string() == "out.png");
  CHECK(r.options->width == 640);
  CHECK(r.options->height == 360);
  CHECK(r.options->frames == 5);
}

TEST_CASE("cli: headless renders one frame unless told otherwise") {
  auto r = parse({"--headless"});
  REQUIRE(r.options);
  CHECK(r.options->frames == 1);
}

TEST_CASE("cli: help and version exit 0 with text") {
  auto h = parse({"--help"});
  CHECK_FALSE(h.options);
  CHECK(h.exitCode == 0);
  CHECK(h.message.find("--headless") != std::string::npos);
  CHECK(h.message.find("--screenshot") != std::string::npos);
  auto v = parse({"--version"});
  CHECK_FALSE(v.options);
  CHECK(v.exitCode == 0);
  CHECK(v.message.rfind("stretchviz ", 0) == 0);
}

TEST_CASE("cli: bad arguments are usage errors (exit 2) that say what is wrong") {
  auto size = parse({"--size", "big"});
  CHECK_FALSE(size.options);
  CHECK(size.exitCode == 2);
  CHECK(size.message.find("--size") != std::string::npos);
  CHECK(size.message.find("'big'") != std::string::npos);

  auto frames = parse({"--frames", "0"});
  CHECK_FALSE(frames.options);
  CHECK(frames.exitCode == 2);
  CHECK(frames.message.find("--frames") != std::string::npos);

  auto unknown = parse({"--bogus"});
  CHECK_FALSE(unknown.options);
  CHECK(unknown.exitCode == 2);
  CHECK(unknown.message.find("--bogus") != std::string::npos);

  auto missing = parse({"--screenshot"});
  CHECK_FALSE(missing.options);
  CHECK(missing.exitCode == 2);
}

TEST_CASE("cli: size parsing accepts WxH within limits only") {
  CHECK(sv::parseSize("1920x1080") == std::make_pair(1920, 1080));
  CHECK_FALSE(sv::parseSize("1920"));
  CHECK_FALSE(sv::parseSize("1920x"));
  CHECK_FALSE(sv::parseSize("x1080"));
  CHECK_FALSE(sv::parseSize("10x10"));
  CHECK_FALSE(sv::parseSize("1920x1080x3"));
  CHECK_FALSE(sv::parseSize("-5x100"));
  CHECK_FALSE(sv::parseSize("99999x100"));
}

TEST_CASE("cli: workspace states and one-shot commands") {
  auto r =
      parse({"--stretch", "hamstrings-supine-straight-leg", "--side", "left", "--technique",
             "contract_relax", "--time", "12.5", "--select", "hamstrings,calves", "--presenter"});
  REQUIRE(r.options);
  CHECK(r.options->stretchId == "hamstrings-supine-straight-leg");
  CHECK(r.options->side == "left");
  CHECK(r.options->technique == "contract_relax");
  REQUIRE(r.options->time);
  CHECK(*r.options->time == Approx(12.5f));
  CHECK(r.options->select == std::vector<std::string>{"hamstrings", "calves"});
  CHECK(r.options->presenter);

  auto v = parse({"--validate"});
  REQUIRE(v.options);
  REQUIRE(v.options->validateDir);
  CHECK(v.options->validateDir->empty());
  auto vd = parse({"--validate", "/tmp/x"});
  REQUIRE(vd.options);
  CHECK(vd.options->validateDir->string() == "/tmp/x");
  auto l = parse({"--list"});
  REQUIRE(l.options);
  CHECK(l.options->list);

  auto badSide = parse({"--side", "middle"});
  CHECK_FALSE(badSide.options);
  CHECK(badSide.exitCode == 2);
  auto badTime = parse({"--time", "-3"});
  CHECK_FALSE(badTime.options);
  CHECK(badTime.exitCode == 2);
}

TEST_CASE("cli: --time takes a finite, non-negative number of seconds, each failure named") {
  auto msg = [](const char* t) {
    auto r = parse({"--time", t});
    CHECK_FALSE(r.options);
    CHECK(r.exitCode == 2);
    return r.message.substr(0, r.message.find('\n'));
  };
  CHECK(msg("nan") == "--time: expected a finite number of seconds, got 'nan'");
  CHECK(msg("inf") == "--time: expected a finite number of seconds, got 'inf'");
  CHECK(msg("1e400") == "--time: expected a finite number of seconds, got '1e400'");
  CHECK(msg("1e300") == "--time: at most 86400 seconds, got '1e300'");
  CHECK(msg("-1") == "--time: must not be negative, got '-1'");
  CHECK(msg("abc") == "--time: expected a number of seconds, got 'abc'");
  CHECK(msg("12s") == "--time: expected a number of seconds, got '12s'");
  CHECK(msg("") == "--time: expected a number of seconds, got ''");
  auto ok = parse({"--time", "+7.25"});
  REQUIRE(ok.options);
  CHECK(*ok.options->time == 7.25f);
}

TEST_CASE("cli: an empty --screenshot, --model or --pose path is a usage error") {
  for (const char* opt : {"--screenshot", "--model", "--pose"}) {
    INFO(opt);
    auto r = parse({opt, ""});
    CHECK_FALSE(r.options);
    CHECK(r.exitCode == 2);
    CHECK(r.message.rfind(std::string(opt) + ": the path is empty", 0) == 0);
  }
}

TEST_CASE("cli: options a combination ignores are said, the run goes on") {
  auto has = [](const sv::CliOutcome& r, const std::string& w) {
    for (const std::string& x : r.warnings) {
      if (x == w) return true;
    }
    return false;
  };
  auto report = parse({"--report", "--stretch", "x", "--technique", "crac"});
  REQUIRE(report.options);
  const std::string techniqueIgnored =
      "--technique is ignored by --report without --stretch and --time (the end pose has no "
      "technique)";
  CHECK(has(report, techniqueIgnored));
  auto timed = parse({"--report", "--stretch", "x", "--technique", "crac", "--time", "3"});
  REQUIRE(timed.options);
  CHECK_FALSE(has(timed, techniqueIgnored));  // with --time it picks the timeline
  auto both = parse({"--list", "--validate"});
  REQUIRE(both.options);
  CHECK(has(both, "--validate is ignored: --list runs instead (one command at a time)"));
  auto headless = parse({"--headless", "--side", "left", "--time", "3"});
  CHECK(has(headless, "--side has no effect without --stretch"));
  CHECK(has(headless, "--time has no effect without --stretch or --model"));
  auto pose = parse({"--report", "--pose", "p.json", "--side", "left"});
  CHECK(has(pose, "--side is ignored by --report --pose"));
  auto lone = parse({"--pose", "p.json"});
  CHECK(has(lone, "--pose is only read by --report"));
  auto list = parse({"--list", "--screenshot", "x.png", "--frames", "3", "--stretch", "s"});
  CHECK(has(list, "--screenshot is ignored by --list"));
  CHECK(has(list, "--frames is ignored by --list"));
  CHECK(has(list, "--stretch is ignored by --list"));
  // The window restores the last stretch, so --side applies there; with a model --time too.
  CHECK(parse({"--side", "left"}).warnings.empty());
  CHECK(parse({"--headless", "--model", "m.glb", "--time", "2"}).warnings.empty());
  CHECK(parse({"--headless", "--stretch", "s", "--side", "left", "--time", "1"}).warnings.empty());
  CHECK(parse({"--report", "--model", "m.glb", "--time", "2"}).warnings.empty());
}

TEST_CASE("cli: take-home exports") {
  auto h = parse({"--routine", "r.json", "--handout", "out.pdf", "--paper", "letter",
                  "--practitioner", "Alex", "--clinic", "Riverside", "--date", "2026-12-01"});
  REQUIRE(h.options);
  CHECK(h.options->handout->string() == "out.pdf");
  CHECK(h.options->paper == "letter");
  CHECK(h.options->practitionerName == "Alex");
  CHECK(h.options->date == "2026-12-01");
  CHECK(h.warnings.empty());
  auto c = parse({"--clip", "x.GIF", "--stretch", "s", "--time", "3", "--duration", "2",
                  "--captions", "--size", "640x360"});
  REQUIRE(c.options);
  CHECK(c.options->clip->string() == "x.GIF");
  CHECK(*c.options->duration == 2.0f);
  CHECK(c.options->captions);
  CHECK(c.warnings.empty());

  const auto usage = [](const sv::CliOutcome& r, const char* text) {
    CHECK_FALSE(r.options);
    CHECK(r.exitCode == 2);
    CHECK(r.message.find(text) != std::string::npos);
  };
  usage(parse({"--handout", "out.pdf"}), "--handout needs --routine");
  usage(parse({"--clip", "out.avi", "--stretch", "s"}), "must end in .mp4 or .gif");
  usage(parse({"--clip", "out.mp4"}), "--clip needs --stretch ID or --routine FILE");
  usage(parse({"--clip", "o.mp4", "--stretch", "s", "--routine", "r.json"}), "give one");
  usage(parse({"--routine", "r", "--handout", "a.pdf", "--clip", "b.mp4"}), "one export at a time");
  usage(parse({"--routine", "r", "--handout", "a.pdf", "--date", "1/12/2026"}), "YYYY-MM-DD");
  usage(parse({"--clip", "o.mp4", "--stretch", "s", "--duration", "0"}), "more than 0");
  usage(parse({"--routine", "", "--handout", "a.pdf"}), "--routine: the path is empty");
  usage(parse({"--routine", "r", "--handout", "a.pdf", "--paper", "a3"}), "--paper");
}

TEST_CASE("cli: options an export ignores are said, and export options without one") {
  auto h =
      parse({"--routine", "r.json", "--handout", "out.pdf", "--size", "800x600", "--captions"});
  REQUIRE(h.options);
  REQUIRE(h.warnings.size() == 2);
  CHECK(h.warnings[0].find("--size is ignored by --handout") != std::string::npos);
  CHECK(h.warnings[1].find("--captions is ignored by --handout") != std::string::npos);
  auto w = parse({"--paper", "letter", "--captions"});
  REQUIRE(w.options);
  REQUIRE(w.warnings.size() == 2);
  CHECK(w.warnings[0].find("--paper is only read by --handout and --clip") != std::string::npos);
  auto l = parse({"--list", "--clip", "o.mp4", "--stretch", "s"});
  REQUIRE(l.options);
  CHECK_FALSE(l.options->clip);
  CHECK(l.warnings.front().find("--clip is ignored: --list runs instead") != std::string::npos);
}

TEST_CASE("cli: --routine-panel [ID] and --play-routine") {
  auto r = parse({"--routine-panel"});
  REQUIRE(r.options);
  REQUIRE(r.options->routinePanel);
  CHECK(r.options->routinePanel->empty());
  CHECK_FALSE(r.options->playRoutine);
  CHECK_FALSE(parse({}).options->routinePanel);
  r = parse({"--headless", "--routine-panel", "after-a-run", "--play-routine"});
  REQUIRE(r.options);
  CHECK(*r.options->routinePanel == "after-a-run");
  CHECK(r.options->playRoutine);
  r = parse({"--play-routine"});
  CHECK_FALSE(r.options);
  CHECK(r.exitCode != 0);
  CHECK(r.message.find("--play-routine needs --routine-panel ID") != std::string::npos);
}
