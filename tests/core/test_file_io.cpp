#include <sys/stat.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/file_io.h"

namespace fs = std::filesystem;

namespace {

// A fresh folder per test and process.
fs::path scratch(const char* name) {
  const fs::path d =
      fs::temp_directory_path() / ("sv_test_core_" + std::to_string(::getpid())) / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string readError(const fs::path& p, std::size_t limit = sv::kDefaultMaxFileBytes) {
  auto r = sv::readFile(p, limit);
  REQUIRE_FALSE(r.ok());
  return r.error().message;
}

}  // namespace

TEST_CASE("readFile: a regular file, through a symbolic link too") {
  const fs::path d = scratch("regular");
  std::ofstream(d / "a.json") << "{\"x\": 1}";
  fs::create_symlink("a.json", d / "link.json");
  CHECK(*sv::readFile(d / "a.json") == "{\"x\": 1}");
  CHECK(*sv::readFile(d / "link.json") == "{\"x\": 1}");
  std::ofstream(d / "empty.json").flush();
  CHECK(sv::readFile(d / "empty.json")->empty());
}

TEST_CASE("readFile: a directory where a file is expected is named as such") {
  const fs::path d = scratch("dir");
  fs::create_directories(d / "x.json");
  CHECK(readError(d / "x.json") == (d / "x.json").string() + ": is a directory, not a file");
}

TEST_CASE("readFile: a FIFO is refused at once instead of blocking") {
  const fs::path d = scratch("fifo");
  REQUIRE(::mkfifo((d / "pipe").c_str(), 0600) == 0);
  CHECK(readError(d / "pipe") == (d / "pipe").string() + ": is not a regular file (a FIFO)");
}

TEST_CASE("readFile: devices are refused, /dev/zero is never read") {
  CHECK(readError("/dev/zero") == "/dev/zero: is not a regular file (a character device)");
  CHECK(readError("/dev/null").find("a character device") != std::string::npos);
}

TEST_CASE("readFile: a file over the limit is refused before it is read") {
  const fs::path d = scratch("limit");
  std::ofstream(d / "big") << std::string(2048, 'x');
  CHECK(readError(d / "big", 1024) ==
        (d / "big").string() + ": file too large: 2 KiB (the limit is 1 KiB)");
  CHECK(sv::readFile(d / "big", 2048)->size() == 2048);
}

TEST_CASE("readFile: a /proc file (size 0 in stat) is read to its end") {
  auto r = sv::readFile("/proc/self/status");
  REQUIRE(r.ok());
  CHECK(r->find("Name:") != std::string::npos);
  CHECK(readError("/proc/self/status", 10).find("file too large") != std::string::npos);
}

TEST_CASE("readFile: missing files and link loops name the OS reason") {
  const fs::path d = scratch("missing");
  CHECK(readError(d / "none") ==
        (d / "none").string() + ": cannot open: No such file or directory");
  fs::create_symlink("b", d / "a");
  fs::create_symlink("a", d / "b");
  CHECK(readError(d / "a").find("Too many levels of symbolic links") != std::string::npos);
}

TEST_CASE("formatBytes: sizes in messages") {
  CHECK(sv::formatBytes(100) == "100 bytes");
  CHECK(sv::formatBytes(4 << 20) == "4 MiB");
  CHECK(sv::formatBytes(43'200'000) == "41.2 MiB");
  CHECK(sv::formatBytes(std::size_t{1} << 30) == "1 GiB");
}

TEST_CASE(
    "writeFileAtomic: a symbolic link stays, its target gets the content and keeps its mode") {
  const fs::path d = scratch("link");
  fs::create_directories(d / "real");
  std::ofstream(d / "real" / "f.txt") << "old";
  fs::permissions(d / "real" / "f.txt", fs::perms::owner_read | fs::perms::owner_write);
  fs::create_symlink("real/f.txt", d / "f.txt");
  fs::create_symlink("f.txt", d / "chain.txt");  // a link to a link
  REQUIRE(sv::writeFileAtomic(d / "chain.txt", "new").ok());
  CHECK(fs::is_symlink(d / "chain.txt"));
  CHECK(fs::is_symlink(d / "f.txt"));
  CHECK(*sv::readFile(d / "real" / "f.txt") == "new");
  CHECK(fs::status(d / "real" / "f.txt").permissions() ==
        (fs::perms::owner_read | fs::perms::owner_write));
  // A dangling link: its target is created.
  fs::create_symlink("real/g.txt", d / "g.txt");
  REQUIRE(sv::writeFileAtomic(d / "g.txt", "g").ok());
  CHECK(fs::is_symlink(d / "g.txt"));
  CHECK(*sv::readFile(d / "real" / "g.txt") == "g");
  // Nothing is left beside the targets.
  int files = 0;
  for (const auto& e : fs::directory_iterator(d / "real")) files += e.is_regular_file();
  CHECK(files == 2);
}

TEST_CASE("writeFileAtomic: a read-only file stays read-only; a new file gets 0644") {
  const fs::path d = scratch("mode");
  std::ofstream(d / "ro") << "old";
  const auto ro = fs::perms::owner_read | fs::perms::group_read;
  fs::permissions(d / "ro", ro);
  REQUIRE(sv::writeFileAtomic(d / "ro", "new").ok());
  CHECK(fs::status(d / "ro").permissions() == ro);
  REQUIRE(sv::writeFileAtomic(d / "fresh", "x").ok());
  CHECK(fs::status(d / "fresh").permissions() == (fs::perms::owner_read | fs::perms::owner_write |
                                                  fs::perms::group_read | fs::perms::others_read));
}

TEST_CASE("writeFileAtomic: a FIFO, a directory or a link loop is refused and left alone") {
  const fs::path d = scratch("special");
  REQUIRE(::mkfifo((d / "pipe").c_str(), 0600) == 0);
  const sv::Status fifo = sv::writeFileAtomic(d / "pipe", "x");
  REQUIRE_FALSE(fifo.ok());
  CHECK(fifo.error().message ==
        (d / "pipe").string() + ": is not a regular file (a FIFO); not replaced");
  CHECK(fs::is_fifo(d / "pipe"));
  fs::create_symlink("pipe", d / "to-pipe");
  CHECK_FALSE(sv::writeFileAtomic(d / "to-pipe", "x").ok());
  CHECK(fs::is_fifo(d / "pipe"));
  fs::create_directories(d / "dir");
  CHECK_FALSE(sv::writeFileAtomic(d / "dir", "x").ok());
  CHECK(fs::is_directory(d / "dir"));
  fs::create_symlink("loop-b", d / "loop-a");
  fs::create_symlink("loop-a", d / "loop-b");
  const sv::Status loop = sv::writeFileAtomic(d / "loop-a", "x");
  REQUIRE_FALSE(loop.ok());
  CHECK(loop.error().message.find("symbolic links") != std::string::npos);
}

TEST_CASE("checkAtomicWritable: what cannot be written is found before any work") {
  const fs::path d = scratch("check");
  CHECK(sv::checkAtomicWritable(d / "out.png").ok());
  CHECK(sv::checkAtomicWritable(d / "no-dir" / "out.png").error().message.find("does not exist") !=
        std::string::npos);
  // /proc is a directory that takes no new file, even for root (access(2) says W_OK there).
  const sv::Status proc = sv::checkAtomicWritable("/proc/version");
  REQUIRE_FALSE(proc.ok());
  CHECK(proc.error().message.find("/proc/version: cannot create a file in /proc") !=
        std::string::npos);
  const sv::Status dev = sv::checkAtomicWritable("/dev/full");
  REQUIRE_FALSE(dev.ok());
  CHECK(dev.error().message ==
        "/dev/full: is not a regular file (a character device); not replaced");
  int files = 0;
  for (const auto& e : fs::directory_iterator(d)) files += e.is_regular_file();
  CHECK(files == 0);  // the probe leaves nothing behind
}
