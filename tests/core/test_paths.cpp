// The user's folders (core/paths.h): the pictures folder (screenshots) from the environment,
// then user-dirs.dirs, else ~/Pictures; the documents and videos folders (exports) from
// user-dirs.dirs as xdg-user-dirs writes it, and the fallbacks.
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

TEST_CASE("paths: user-dirs.dirs values: $HOME expanded, quotes and escapes, disabled folders") {
  const fs::path home = "/home/sam";
  const std::string text =
      "# This file is written by xdg-user-dirs-update\n"
      "XDG_DESKTOP_DIR=\"$HOME/Desktop\"\n"
      "XDG_DOCUMENTS_DIR=\"$HOME/My Documents\"\n"
      "  XDG_VIDEOS_DIR=\"/media/videos/Cl\\\"ips\"\n"
      "XDG_MUSIC_DIR=\"$HOME/\"\n"
      "XDG_PICTURES_DIR=\"relative/pics\"\n"
      "XDG_TEMPLATES_DIR=$HOME/Templates\n";
  CHECK(sv::parseUserDirs(text, "XDG_DOCUMENTS_DIR", home) == "/home/sam/My Documents");
  CHECK(sv::parseUserDirs(text, "XDG_VIDEOS_DIR", home) == "/media/videos/Cl\"ips");
  CHECK(sv::parseUserDirs(text, "XDG_MUSIC_DIR", home).empty());      // $HOME: disabled
  CHECK(sv::parseUserDirs(text, "XDG_PICTURES_DIR", home).empty());   // not absolute
  CHECK(sv::parseUserDirs(text, "XDG_TEMPLATES_DIR", home).empty());  // not quoted
  CHECK(sv::parseUserDirs(text, "XDG_DOWNLOAD_DIR", home).empty());   // absent
  CHECK(sv::parseUserDirs(text, "XDG_DOCUMENTS", home).empty());      // a prefix is not a key
}

TEST_CASE("paths: the documents folder from user-dirs.dirs when it exists, else $HOME") {
  // The test binary runs with a temporary HOME and XDG folders (support/isolated_home.cpp).
  const char* h = std::getenv("HOME");
  const char* x = std::getenv("XDG_CONFIG_HOME");
  REQUIRE(h != nullptr);
  REQUIRE(x != nullptr);
  const fs::path home = h;
  CHECK(sv::userFolder(sv::UserFolder::Documents) == home);  // no user-dirs.dirs
  fs::create_directories(x);
  {
    std::ofstream(fs::path(x) / "user-dirs.dirs")
        << "XDG_DOCUMENTS_DIR=\"$HOME/Dokumente\"\nXDG_VIDEOS_DIR=\"$HOME/Videos\"\n";
  }
  CHECK(sv::userFolder(sv::UserFolder::Documents) == home);  // named, but not there
  fs::create_directories(home / "Dokumente");
  CHECK(sv::userFolder(sv::UserFolder::Documents) == home / "Dokumente");
  CHECK(sv::userFolder(sv::UserFolder::Videos) == home);
  fs::create_directories(home / "Videos");
  CHECK(sv::userFolder(sv::UserFolder::Videos) == home / "Videos");
  fs::remove(fs::path(x) / "user-dirs.dirs");
}
