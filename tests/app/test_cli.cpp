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
