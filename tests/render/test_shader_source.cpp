#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "render/shader.h"

namespace fs = std::filesystem;

namespace {
fs::path scratchDir(const char* name) {
  fs::path d = fs::temp_directory_path() / ("sv_test_" + std::string(name));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}
void write(const fs::path& p, const std::string& text) {
  std::ofstream(p) << text;
}
}  // namespace

TEST_CASE("shader source: includes are resolved with #line markers per file") {
  const fs::path d = scratchDir("include");
  write(d / "common.glsl", "float f() { return 1.0; }\nfloat g() { return 2.0; }\n");
  write(d / "a.frag", "#version 330 core\n#include \"common.glsl\"\nout vec4 c;\nvoid main() {}\n");
  auto src = sv::loadShaderSource(d, "a.frag");
  REQUIRE(src.ok());
  REQUIRE(src->files.size() == 2);
  CHECK(src->files[0] == "a.frag");
  CHECK(src->files[1] == "common.glsl");
  const std::string& t = src->text;
  CHECK(t.rfind("#version 330 core\n#line 2 0\n", 0) == 0);
  CHECK(t.find("#line 1 1\nfloat f()") != std::string::npos);
  // After the include, numbering returns to the including file's next line.
  CHECK(t.find("#line 3 0\nout vec4 c;") != std::string::npos);
}

TEST_CASE("shader source: a missing file and an include cycle are clear errors") {
  const fs::path d = scratchDir("missing");
  auto missing = sv::loadShaderSource(d, "nope.vert");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("shader not found") != std::string::npos);
  CHECK(missing.error().message.find("nope.vert") != std::string::npos);

  write(d / "x.glsl", "#include \"y.glsl\"\n");
  write(d / "y.glsl", "#include \"x.glsl\"\n");
  write(d / "m.frag", "#version 330 core\n#include \"x.glsl\"\n");
  auto cyc = sv::loadShaderSource(d, "m.frag");
  REQUIRE_FALSE(cyc.ok());
  CHECK(cyc.error().message.find("include cycle") != std::string::npos);
}

TEST_CASE("shader log: driver messages are mapped to shaders/<file>:<line>") {
  const std::vector<std::string> files = {"scene.frag", "lighting.glsl"};
  CHECK(sv::mapShaderLog("0:12(5): error: `foo' undeclared", files) ==
        "shaders/scene.frag:12: error: `foo' undeclared");
  CHECK(sv::mapShaderLog("1:7(3): warning: unused", files) ==
        "shaders/lighting.glsl:7: warning: unused");
  CHECK(sv::mapShaderLog("ERROR: 1:3: 'x' : undeclared identifier", files) ==
        "shaders/lighting.glsl:3: 'x' : undeclared identifier");
  CHECK(sv::mapShaderLog("0(4) : error C0000: syntax error", files) ==
        "shaders/scene.frag:4: error C0000: syntax error");
  // Lines that do not look like a location pass through unchanged.
  CHECK(sv::mapShaderLog("some other text", files) == "some other text");
}
