// The user's documents and videos folders (core/paths.h): user-dirs.dirs as xdg-user-dirs
// writes it, and the fallbacks.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/paths.h"

namespace fs = std::filesystem;

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
