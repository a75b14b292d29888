// The export path chooser's model (ui/folder_listing.h): what a folder lists, in which order,
// what is left out, and where a typed path points.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "support/scratch.h"
#include "ui/folder_listing.h"

namespace fs = std::filesystem;
using sv::ui::FolderEntry;

namespace {
constexpr std::string_view kClips[] = {".mp4", ".gif"};
}

TEST_CASE("folder listing: folders first, then the wanted files by name, hidden ones left out") {
  const fs::path dir = sv::test::scratchDir("folder-listing", "list");
  fs::create_directories(dir / "b-folder");
  fs::create_directories(dir / "A-folder");
  fs::create_directories(dir / ".hidden-folder");
  for (const char* f : {"z.mp4", "a.GIF", "notes.txt", ".hidden.mp4", "m.mp4"}) {
    sv::test::writeText(dir / f, "x");
  }
  fs::create_symlink(dir / "b-folder", dir / "c-link");  // a link to a folder is a folder
  const sv::ui::FolderListing l = sv::ui::listFolder(dir, kClips);
  CHECK(l.error.empty());
  CHECK(l.folder == fs::absolute(dir).lexically_normal());
  const std::vector<FolderEntry> want = {{"A-folder", true}, {"b-folder", true}, {"c-link", true},
                                         {"a.GIF", false},   {"m.mp4", false},   {"z.mp4", false}};
  CHECK(l.entries == want);
  CHECK_FALSE(l.truncated);
  // Every file when no extension is asked for; a limit keeps the first ones.
  CHECK(sv::ui::listFolder(dir, {}).entries.size() == 7);
  const auto few = sv::ui::listFolder(dir, kClips, 2);
  CHECK(few.entries.size() == 2);
  CHECK(few.truncated);
}

TEST_CASE("folder listing: a folder that cannot be read says which and why") {
  const fs::path dir = sv::test::scratchDir("folder-listing", "missing");
  const auto l = sv::ui::listFolder(dir / "nowhere", kClips);
  CHECK(l.entries.empty());
  CHECK(l.error.find((dir / "nowhere").string() + ": ") == 0);
  CHECK(l.error.find("No such file or directory") != std::string::npos);
}

TEST_CASE("folder listing: the folder a typed path points into, and the file proposed there") {
  const fs::path dir = fs::absolute(sv::test::scratchDir("folder-listing", "typed"));
  fs::create_directories(dir / "clips");
  const fs::path fallback = dir / "fallback";
  CHECK(sv::ui::folderOf((dir / "clips").string(), fallback) == dir / "clips");
  CHECK(sv::ui::folderOf((dir / "clips/").string(), fallback) == dir / "clips");
  CHECK(sv::ui::folderOf((dir / "clips" / "new.mp4").string(), fallback) == dir / "clips");
  CHECK(sv::ui::folderOf((dir / "gone" / "new.mp4").string(), fallback) == fallback);
  CHECK(sv::ui::folderOf("", fallback) == fallback);
  CHECK(sv::ui::folderOf("~", fallback) == fs::path(std::getenv("HOME")).lexically_normal());
  CHECK(sv::ui::fileIn(dir, (dir / "x" / "mine.gif").string(), kClips, "routine.mp4") ==
        dir / "mine.gif");
  CHECK(sv::ui::fileIn(dir, "", kClips, "routine.mp4") == dir / "routine.mp4");
  CHECK(sv::ui::fileIn(dir, "notes.txt", kClips, "routine.mp4") == dir / "routine.mp4");
}
