#include "core/log.h"

#include <cstdio>
#include <mutex>

namespace sv::log {
namespace {
std::mutex g_mutex;
Sink g_sink;
Level g_min = Level::Info;

const char* tag(Level level) {
  switch (level) {
    case Level::Debug:
      return "debug";
    case Level::Info:
      return "info";
    case Level::Warn:
      return "warning";
    case Level::Error:
      return "error";
  }
  return "?";
}
}  // namespace

Sink setSink(Sink sink) {
  std::lock_guard lock(g_mutex);
  std::swap(sink, g_sink);
  return sink;
}

void setMinLevel(Level level) {
  std::lock_guard lock(g_mutex);
  g_min = level;
}

void write(Level level, std::string_view message) {
  std::lock_guard lock(g_mutex);
  if (level < g_min) return;
  if (g_sink) {
    g_sink(level, message);
    return;
  }
  std::fprintf(stderr, "stretchviz: %s: %.*s\n", tag(level), static_cast<int>(message.size()),
               message.data());
}

}  // namespace sv::log
