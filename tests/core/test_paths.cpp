// userPicturesDir: where screenshots go, from the XDG user directories (the environment,
// then user-dirs.dirs with $HOME expanded, relative paths ignored), else ~/Pictures.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "core/paths.h"

namespace {

namespace fs = std::filesystem;

// Sets (or, with nullopt, unsets) an environment variable for one scope.
class EnvVar {
 public:
  EnvVar(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      ::setenv(name, value->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~EnvVar() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  EnvVar(const EnvVar&) = delete;
  EnvVar& operator=(const EnvVar&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

void writeText(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

}  // namespace

TEST_CASE("paths: the pictures folder follows XDG_PICTURES_DIR, user-dirs.dirs, then HOME") {
  // The harness's temporary HOME (tests/support/isolated_home.cpp).
  const fs::path home = std::getenv("HOME");
  const fs::path config = home / "paths-test-config";
  const EnvVar configHome("XDG_CONFIG_HOME", config.string());

  SECTION("the environment wins, $HOME expanded") {
    const EnvVar pictures("XDG_PICTURES_DIR", "$HOME/Bilder");
    writeText(config / "user-dirs.dirs", "XDG_PICTURES_DIR=\"/elsewhere\"\n");
    CHECK(sv::userPicturesDir() == home / "Bilder");
  }
  SECTION("user-dirs.dirs as xdg-user-dirs-update writes it") {
    const EnvVar pictures("XDG_PICTURES_DIR", std::nullopt);
    writeText(config / "user-dirs.dirs",
              "# comment\nXDG_DESKTOP_DIR=\"$HOME/Desktop\"\nXDG_PICTURES_DIR=\"$HOME/Fotos\"\n");
    CHECK(sv::userPicturesDir() == home / "Fotos");
  }
  SECTION("relative paths are ignored: ~/Pictures") {
    const EnvVar pictures("XDG_PICTURES_DIR", "pics");
    writeText(config / "user-dirs.dirs", "XDG_PICTURES_DIR=\"relative/pics\"\n");
    CHECK(sv::userPicturesDir() == home / "Pictures");
  }
  SECTION("nothing configured: ~/Pictures") {
    const EnvVar pictures("XDG_PICTURES_DIR", std::nullopt);
    fs::remove_all(config);
    CHECK(sv::userPicturesDir() == home / "Pictures");
  }
  SECTION("no home and nothing configured: nowhere") {
    const EnvVar pictures("XDG_PICTURES_DIR", std::nullopt);
    const EnvVar noConfig("XDG_CONFIG_HOME", std::nullopt);
    const EnvVar noHome("HOME", std::nullopt);
    CHECK(sv::userPicturesDir().empty());
  }
  fs::remove_all(config);
}
