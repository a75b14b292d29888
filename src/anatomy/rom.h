// Range-of-motion table: normal limits per motion, each value with its source, and clamping.
//
// File format (assets/anatomy/rom.json) is described in docs/anatomy.md. Loading validates
// everything; errors are one line naming the file and the entry.
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "anatomy/motion.h"
#include "core/result.h"

namespace sv::anatomy {

// One published (or provisional) range for a motion. min = the opposite direction
// (e.g. hip.flexion min -12 = 12 degrees of extension).
struct RomRange {
  std::string source;     // source id of the range (or of its max when minSource differs)
  std::string minSource;  // source of `min` (equals `source` unless the file split them)
  std::string maxSource;
  float min = 0.0f;
  float max = 0.0f;
  std::string note;
};

struct RomEntry {
  Motion motion = Motion::HipFlexion;
  bool present = false;  // false: the file has no entry for this motion (no clamping)
  float min = -180.0f;   // limits of the default source
  float max = 180.0f;
  std::string source;                  // id of the default source for this motion
  std::vector<RomRange> alternatives;  // every range in the file, default included
};

struct RomLimits {
  float min;
  float max;
};

struct RomTable {
  std::array<RomEntry, kMotionCount> entries{};
  std::map<std::string, std::string> sources;       // id -> full citation
  std::map<std::string, std::string> sourceLabels;  // id -> short name for screens

  // What a screen shows for a source: its short name when `source` is a listed id, else
  // `source` itself (a citation written out in a stretch file).
  std::string sourceLabel(const std::string& source) const {
    const auto it = sourceLabels.find(source);
    return it != sourceLabels.end() ? it->second : source;
  }

  // Limits of the default source; (-180, 180) for a motion absent from the file.
  RomLimits limits(Motion m) const {
    const RomEntry& e = entries[static_cast<std::size_t>(m)];
    return {e.min, e.max};
  }
  const RomEntry& entry(Motion m) const { return entries[static_cast<std::size_t>(m)]; }
};

Result<RomTable> parseRomTable(std::string_view json, std::string_view fileName);
Result<RomTable> loadRomTable(const std::filesystem::path& path);

struct ClampEntry {
  Motion motion;
  Side side;
  float requested;  // degrees
  float clampedTo;  // degrees
};

// Fixed capacity: at most one entry per coordinate, so nothing is ever dropped.
struct ClampReport {
  std::array<ClampEntry, kCoordinateCount> entries{};
  int count = 0;
  bool clamped() const { return count > 0; }
};

// Clamps every coordinate to its limits scaled by `flexibilityFactor` about the anatomical
// position (0.8 = stiffer client: both ends at 80 %; 1.15 = more flexible). Motions absent
// from the table are left alone. No allocation.
ClampReport clampToRom(Pose& pose, const RomTable& table, float flexibilityFactor = 1.0f);

}  // namespace sv::anatomy
