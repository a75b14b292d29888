#include "core/paths.h"

#include <unistd.h>

#include <cstdlib>
#include <string>
#include <string_view>
#include <system_error>

#include "core/file_io.h"

#ifndef SV_SOURCE_DIR
#define SV_SOURCE_DIR ""
#endif

namespace sv {
namespace {
std::filesystem::path g_override;

std::filesystem::path exeDir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
}
}  // namespace

void setDataDir(std::filesystem::path dir) {
  g_override = std::move(dir);
}

std::filesystem::path dataDir() {
  if (!g_override.empty()) return g_override;
  std::error_code ec;
  if (const char* env = std::getenv("STRETCHVIZ_DATA_DIR"); env && *env) return env;
  const std::filesystem::path candidates[] = {SV_SOURCE_DIR,
                                              exeDir() / ".." / "share" / "stretchviz"};
  for (const auto& c : candidates) {
    if (!c.empty() && std::filesystem::is_directory(c / "shaders", ec)) return c;
  }
  return SV_SOURCE_DIR;
}

std::filesystem::path userDataDir() {
  const auto absolute = [](const char* name) -> std::filesystem::path {
    const char* v = std::getenv(name);
    if (!v || !*v) return {};
    std::filesystem::path p(v);
    return p.is_absolute() ? p : std::filesystem::path();
  };
  if (auto xdg = absolute("XDG_DATA_HOME"); !xdg.empty()) return xdg / "stretchviz";
  if (auto home = absolute("HOME"); !home.empty()) {
    return home / ".local" / "share" / "stretchviz";
  }
  return {};
}

}  // namespace sv

namespace sv {

namespace {

// "$HOME/Pictures" or "/abs/path" (the quoted value of a user-dirs.dirs line) as a path;
// empty when relative or unusable.
std::filesystem::path expandUserDir(std::string value, const std::string& home) {
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  if (value.rfind("$HOME", 0) == 0) {
    if (home.empty()) return {};
    value = home + value.substr(5);
  }
  std::filesystem::path p(value);
  return p.is_absolute() ? p : std::filesystem::path();
}

}  // namespace

std::filesystem::path userPicturesDir() {
  const char* h = std::getenv("HOME");
  const std::string home = h ? h : "";
  if (const char* x = std::getenv("XDG_PICTURES_DIR"); x && *x) {
    if (auto p = expandUserDir(x, home); !p.empty()) return p;
  }
  std::filesystem::path config;
  if (const char* c = std::getenv("XDG_CONFIG_HOME"); c && *c && c[0] == '/') {
    config = c;
  } else if (!home.empty()) {
    config = std::filesystem::path(home) / ".config";
  }
  if (!config.empty()) {
    // A small text file written by xdg-user-dirs-update; read with the size limit of any
    // user file.
    if (auto text = readFile(config / "user-dirs.dirs", 64 * 1024); text.ok()) {
      std::size_t start = 0;
      const std::string& t = *text;
      while (start < t.size()) {
        std::size_t end = t.find('\n', start);
        if (end == std::string::npos) end = t.size();
        const std::string line = t.substr(start, end - start);
        constexpr std::string_view kKey = "XDG_PICTURES_DIR=";
        if (line.rfind(kKey, 0) == 0) {
          if (auto p = expandUserDir(line.substr(kKey.size()), home); !p.empty()) return p;
        }
        start = end + 1;
      }
    }
  }
  return home.empty() ? std::filesystem::path() : std::filesystem::path(home) / "Pictures";
}

}  // namespace sv
