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

namespace {

// "$HOME/…" expanded to `home`; empty when the result is not absolute (the XDG user-dirs
// convention: relative values are ignored) or names $HOME without a home.
std::filesystem::path expandHome(std::string_view v, const std::filesystem::path& home) {
  std::string value;
  if (v.substr(0, 5) == "$HOME") {
    if (home.empty()) return {};
    value = home.string();
    v.remove_prefix(5);
  }
  value += v;
  std::filesystem::path p(value);
  return p.is_absolute() ? p : std::filesystem::path();
}

// $HOME when it is an absolute path, else empty.
std::filesystem::path homeDir() {
  const char* h = std::getenv("HOME");
  return h && *h && std::filesystem::path(h).is_absolute() ? std::filesystem::path(h)
                                                           : std::filesystem::path();
}

// The value of `key` in $XDG_CONFIG_HOME/user-dirs.dirs (else ~/.config/user-dirs.dirs), read
// with the size limit of any user file; empty when there is none.
std::filesystem::path userDirsEntry(std::string_view key, const std::filesystem::path& home) {
  std::filesystem::path config;
  if (const char* x = std::getenv("XDG_CONFIG_HOME");
      x && *x && std::filesystem::path(x).is_absolute()) {
    config = x;
  } else if (!home.empty()) {
    config = home / ".config";
  }
  if (config.empty()) return {};
  auto text = readFile(config / "user-dirs.dirs", 64 * 1024);
  if (!text.ok()) return {};
  return parseUserDirs(*text, key, home);
}

}  // namespace

std::filesystem::path parseUserDirs(std::string_view text, std::string_view key,
                                    const std::filesystem::path& home) {
  std::filesystem::path found;
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    if (line.substr(0, key.size()) != key || line.substr(key.size(), 1) != "=") continue;
    std::string_view v = line.substr(key.size() + 1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\r' || v.back() == '\t')) {
      v.remove_suffix(1);
    }
    if (v.size() < 2 || v.front() != '"' || v.back() != '"') continue;
    v = v.substr(1, v.size() - 2);
    std::string unescaped;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i] == '\\' && i + 1 < v.size()) ++i;
      unescaped += v[i];
    }
    const std::filesystem::path p = expandHome(unescaped, home);
    if (p.empty()) continue;
    if (p.lexically_normal() == home.lexically_normal() ||
        p.lexically_normal() == (home / "").lexically_normal()) {
      found.clear();  // the folder is disabled: callers fall back to their default
      continue;
    }
    found = p;  // the last line naming the key wins
  }
  return found;
}

std::filesystem::path userFolder(UserFolder folder) {
  const std::filesystem::path home = homeDir();
  if (!home.empty()) {
    const auto dir = userDirsEntry(
        folder == UserFolder::Videos ? "XDG_VIDEOS_DIR" : "XDG_DOCUMENTS_DIR", home);
    std::error_code ec;
    if (!dir.empty() && std::filesystem::is_directory(dir, ec)) return dir;
    return home;
  }
  return std::filesystem::path(".");
}

std::filesystem::path userPicturesDir() {
  const std::filesystem::path home = homeDir();
  if (const char* x = std::getenv("XDG_PICTURES_DIR"); x && *x) {
    if (auto p = expandHome(x, home); !p.empty()) return p;
  }
  if (auto p = userDirsEntry("XDG_PICTURES_DIR", home); !p.empty()) return p;
  return home.empty() ? std::filesystem::path() : home / "Pictures";
}

}  // namespace sv
