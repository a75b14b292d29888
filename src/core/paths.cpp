#include "core/paths.h"

#include <unistd.h>

#include <cstdlib>
#include <system_error>

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
