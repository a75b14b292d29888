// Minimal logging: one line per message to stderr, with a level tag.
//
// A sink can be installed (tests capture GL debug messages this way). Not on the per-frame
// path except for errors, so formatting cost is irrelevant.
#pragma once

#include <functional>
#include <string_view>

namespace sv::log {

enum class Level { Debug, Info, Warn, Error };

using Sink = std::function<void(Level, std::string_view)>;

// Replaces the sink; an empty function restores the default (stderr). Returns the old sink.
Sink setSink(Sink sink);
// Messages below this level are dropped (default: Info).
void setMinLevel(Level level);

void write(Level level, std::string_view message);
inline void debug(std::string_view m) {
  write(Level::Debug, m);
}
inline void info(std::string_view m) {
  write(Level::Info, m);
}
inline void warn(std::string_view m) {
  write(Level::Warn, m);
}
inline void error(std::string_view m) {
  write(Level::Error, m);
}

}  // namespace sv::log
