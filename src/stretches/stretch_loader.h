// Loading and validating one stretch file.
//
// Every problem is reported, each as ONE line:
//   <file>:<line>:<col>: <JSON pointer>: <message>
// where the position is that of the offending value (for a missing field: of the object
// that lacks it). Malformed JSON is `<file>:<line>:<col>: malformed JSON: <reason>`.
// Checks: the schema (required fields, types, no unknown fields), names (motion, joint,
// muscle group, technique, positions, hands, roles, phase kinds, pose references), angles
// within the absolute limits (absoluteLimits below), ranges (min <= max; target inside the
// normal range or a "reason"; normal range equal to one of rom.json's ranges for the motion
// or a "reason"), phases (at least one per technique, positive durations) and the end pose
// (its key measurement(s) inside the target range). Details: docs/stretch-format.md.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "anatomy/rom.h"
#include "stretches/stretch.h"

namespace sv::stretches {

inline constexpr std::string_view kStretchFormat = "stretchviz-stretch";
inline constexpr int kStretchFormatVersion = 1;

// Limits (docs/stretch-format.md, "Limits"). A larger file is refused before it is parsed.
inline constexpr std::size_t kMaxStretchFileBytes = std::size_t{1} << 20;  // 1 MiB
// Errors printed per file; the rest are counted in a last line "<file>: … and N more
// error(s)".
inline constexpr std::size_t kMaxErrorsPerFile = 100;
// Phases a technique may play (lead_in + cycles × cycle + finish).
inline constexpr std::size_t kMaxPlayedPhases = 1000;
// Target and normal range ends, in degrees.
inline constexpr double kMaxRangeDegrees = 180.0;
// Each component of a root's rotation_deg, in degrees.
inline constexpr float kMaxRootRotationDegrees = 360.0f;

struct StretchParseResult {
  std::optional<Stretch> stretch;   // set only when there are no errors
  std::vector<std::string> errors;  // one line each (at most kMaxErrorsPerFile + 1)
  std::size_t errorCount = 0;       // every error found, also those past the cap
  bool ok() const { return stretch.has_value(); }
};

// Whether a file name ends in ".json", in any case ("X.JSON" too).
bool hasJsonExtension(std::string_view fileName);

// `fileName` is used in messages and, when it ends in ".json" (any case), must match the id.
// Every error line is escaped (core/text.h: escapeForTerminal).
StretchParseResult parseStretch(std::string_view text, std::string_view fileName,
                                const anatomy::RomTable& rom);
StretchParseResult loadStretchFile(const std::filesystem::path& path, const anatomy::RomTable& rom);

// Absolute limits a pose angle may take: the widest of rom.json's ranges for the motion
// (every source, not just the default), widened on each side by max(10 deg, 15 % of that
// end's magnitude). Poses of flexible clients exceed the averages; anything past these
// limits is a typing error or an injury. Motions absent from the table: [-180, 180].
anatomy::RomLimits absoluteLimits(const anatomy::RomTable& rom, anatomy::Motion motion);

}  // namespace sv::stretches
