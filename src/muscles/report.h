// Reports for `stretchviz --report`: JSON with the key measurement, every anatomical angle and
// every muscle's length, strain and share of the available stretch; pose files; and the
// library check table (each primary target group lengthens from the start to the end pose).
// Load-time / command-line code (allocates freely).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "anatomy/motion.h"
#include "anatomy/rom.h"
#include "core/result.h"
#include "muscles/muscle_model.h"
#include "stretches/library.h"
#include "stretches/stretch.h"

namespace sv::muscles {

// ---- pose files ---------------------------------------------------------------------------
// {"format": "stretchviz-pose", "version": 1,            (both optional)
//  "name": "…", "description": "…",                      (optional strings)
//  "angles": {"hip.flexion": {"right": 90, "left": 0},   (bilateral: per side, or one number
//             "knee.flexion": 45,                          for both sides)
//             "lumbar.flexion": 20}}                       (midline: one number)
// Degrees, the conventions of docs/anatomy.md; absent motions are 0. Errors are one line,
// "<file>:<line>:<col>: <JSON pointer>: <what>" (malformed JSON, wrong format or version,
// unknown field, motion or side, not a number, an empty per-side object, an angle outside
// the motion's absolute limits (stretches::absoluteLimits), a midline motion given per side),
// escaped for the terminal. Files larger than kMaxPoseFileBytes are refused unread.
inline constexpr std::string_view kPoseFormat = "stretchviz-pose";
inline constexpr int kPoseFormatVersion = 1;
inline constexpr std::size_t kMaxPoseFileBytes = std::size_t{256} << 10;  // 256 KiB
Result<anatomy::Pose> parsePoseFile(std::string_view text, std::string_view fileName,
                                    const anatomy::RomTable& rom);
Result<anatomy::Pose> loadPoseFile(const std::filesystem::path& path, const anatomy::RomTable& rom);

// ---- reports ------------------------------------------------------------------------------
// {"angles": {...every motion...}, "muscles": [...], "groups": [...], "credit": "..."}:
// angles as in pose files (bilateral: {"left", "right"}); per muscle: key ("soleus_r"), id,
// name, side, group, length_m, rest_length_m, max_length_m, strain, share; per group and
// side with muscles: share (largest of its members) and leader (that member's key).
nlohmann::json reportForPose(const MuscleModel& model, const anatomy::Pose& pose);

// The same for a stretch on `side`, plus "stretch", "side", "key_measurement" (motion, side,
// value, target min/max, in_target) and "second_measurement" when the stretch has one.
// Without `timeSeconds` the pose is the stretch's "end" pose; with it, the timeline of
// `technique` (its id; empty: the first technique; average client) sampled at that time, and
// "time_s", "duration_s", "technique", "phase" are added. Errors: a technique the stretch does
// not have (naming the ones it has), a timeline that cannot be built, a time outside
// [0, duration].
Result<nlohmann::json> reportForStretch(const MuscleModel& model, const stretches::Stretch& stretch,
                                        anatomy::Side side, std::optional<float> timeSeconds,
                                        const anatomy::RomTable& rom,
                                        std::string_view technique = {});

// ---- library check ------------------------------------------------------------------------
struct LibraryCheckRow {
  std::string stretch;
  anatomy::Side side = anatomy::Side::Right;
  anatomy::MuscleGroup group = anatomy::MuscleGroup::Hamstrings;
  std::string muscle;  // the member with the largest end share ("" when the group has none)
  float startShare = 0.0f;
  float endShare = 0.0f;
  float startLength = 0.0f;
  float endLength = 0.0f;
  bool lengthened = false;  // some member is longer at the end pose than at the start pose
  bool halfway = false;     // the group's end share >= 0.5
  bool pass() const { return lengthened && halfway; }
};
// One row per (stretch, side, primary target group), both sides of every stretch.
std::vector<LibraryCheckRow> checkLibrary(const MuscleModel& model,
                                          const stretches::Library& library);
// Fixed-width text table (stretch, side, group, muscle, start share, end share, result).
std::string formatLibraryTable(const std::vector<LibraryCheckRow>& rows);

}  // namespace sv::muscles
