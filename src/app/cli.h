// Command-line parsing (CLI11), kept free of side effects so it is unit-tested.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sv {

struct Options {
  bool headless = false;                            // EGL surfaceless, no window, no X server
  std::optional<std::filesystem::path> screenshot;  // PNG written after the last frame
  int width = 1280;                                 // pixels
  int height = 720;
  int frames = 0;  // frames to render before exiting; 0 = until the window closes
  bool vsync = true;
  bool showStats = true;
};

// What parsing decided: run with options, or exit at once (help, version, bad usage) with a
// message for stdout (exitCode 0) or stderr (non-zero).
struct CliOutcome {
  std::optional<Options> options;
  int exitCode = 0;
  std::string message;
};

CliOutcome parseCommandLine(const std::vector<std::string>& args);  // args[0] = program name
// Parses "WxH" (e.g. "1280x720"); each side 16–16384.
std::optional<std::pair<int, int>> parseSize(const std::string& text);

}  // namespace sv
