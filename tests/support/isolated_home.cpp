// Linked into every Catch2 test executable (tests/CMakeLists.txt). Before any test runs,
// HOME and the XDG base directories point at a fresh temporary folder of this process,
// removed at exit: no test can read or write the user's real configuration or data
// (~/.config/stretchviz/settings.json), also when a test executable is run by hand.
// Tests run by ctest as programs (add_test) get the same through SV_TEST_ENV.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace {

namespace fs = std::filesystem;

struct IsolatedHome {
  fs::path dir;
  IsolatedHome() {
    std::error_code ec;
    std::string tmpl = (fs::temp_directory_path(ec) / "sv-test-home-XXXXXX").string();
    if (ec || ::mkdtemp(tmpl.data()) == nullptr) {
      std::fputs("tests: cannot create a temporary HOME\n", stderr);
      std::abort();  // never fall back to the real one
    }
    dir = tmpl;
    const std::pair<const char*, fs::path> vars[] = {
        {"HOME", dir},
        {"XDG_CONFIG_HOME", dir / "config"},
        {"XDG_DATA_HOME", dir / "data"},
        {"XDG_CACHE_HOME", dir / "cache"},
        {"XDG_STATE_HOME", dir / "state"},
        // Screenshots go to the pictures folder (core/paths.h), which the environment may
        // name directly.
        {"XDG_PICTURES_DIR", dir / "pictures"},
    };
    for (const auto& [name, path] : vars) ::setenv(name, path.c_str(), 1);
  }
  ~IsolatedHome() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

const IsolatedHome g_home;

}  // namespace

TEST_CASE("test environment: HOME and the XDG folders are this process's temporary folder") {
  for (const char* name :
       {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_PICTURES_DIR"}) {
    INFO(name);
    const char* v = std::getenv(name);
    REQUIRE(v != nullptr);
    CHECK(std::string(v).rfind(g_home.dir.string(), 0) == 0);
  }
}
