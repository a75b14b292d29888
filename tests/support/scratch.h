// Scratch folders and small file helpers for tests that write files.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace sv::test {

// A fresh folder per test and process (parallel runs of other checkouts share /tmp):
// <tmp>/sv_test_<suite>_<pid>/<name>, emptied first.
inline std::filesystem::path scratchDir(const std::string& suite, const std::string& name) {
  const std::filesystem::path d = std::filesystem::temp_directory_path() /
                                  ("sv_test_" + suite + "_" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

// Entries of a folder (a temporary file left behind shows as one more).
inline int filesIn(const std::filesystem::path& dir) {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    (void)e;
    ++n;
  }
  return n;
}

inline void writeText(const std::filesystem::path& p, std::string_view text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

inline std::string readText(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace sv::test
