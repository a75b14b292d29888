// A routine: the stretches a practitioner prescribes, in order, each with its side, technique
// and dose, optionally for a named client.
//
// File format (docs/routines.md): `<id>.json` under the store's routines/ folder,
// {"format": "stretchviz-routine", "version": 1, …}. Every problem is one line
// `<file>:<line>:<col>: <JSON pointer>: <what>`; a file with an error is refused as a whole.
// With the stretch library, entries are also checked against it (unknown stretch, a technique
// the stretch does not offer, a hold time for a technique without holds) — errors too — and
// doses outside the published recommendations give warnings (the file still loads: the
// practitioner may prescribe a longer hold for an older client on purpose).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "anatomy/skeleton.h"
#include "routines/parsed.h"
#include "stretches/library.h"

namespace sv::routines {

inline constexpr std::string_view kRoutineFormat = "stretchviz-routine";
inline constexpr int kRoutineFormatVersion = 1;
inline constexpr std::size_t kMaxRoutineFileBytes = std::size_t{256} << 10;  // 256 KiB
// Entries a routine may hold (a session of 100 stretches is already hours long).
inline constexpr std::size_t kMaxEntries = 100;

// Hard limits (errors): what playback can honour without silently changing the value.
// hold_s replaces every hold phase and stretches::buildTimeline clamps it to [5, 120] s;
// repetitions become the technique's cycle count, which the stretch format allows 1–10.
inline constexpr float kHoldSecondsLimits[2] = {5.0f, 120.0f};
inline constexpr int kRepetitionLimits[2] = {1, 10};
inline constexpr int kSetsPerDayLimits[2] = {1, 10};
inline constexpr int kSetsPerWeekLimits[2] = {1, 21};

// Which side(s) an entry stretches. Both = the right side, then the left.
enum class EntrySide : std::uint8_t { Left, Right, Both };
std::string_view entrySideId(EntrySide s);
std::optional<EntrySide> entrySideFromId(std::string_view id);
// The sides an entry plays, in order.
std::vector<anatomy::Side> sidesOf(EntrySide s);

enum class Period : std::uint8_t { Day, Week };

struct Sets {
  int count = 1;
  Period per = Period::Day;
  bool operator==(const Sets&) const = default;
};

struct RoutineEntry {
  std::string stretch;  // a stretch id of the library
  EntrySide side = EntrySide::Both;
  std::string technique = "static";  // "static", "contract_relax" or "crac"
  std::optional<float> holdSeconds;  // replaces every hold phase; none = the technique's own
  std::optional<int> repetitions;    // the technique's cycles; none = the technique's own
  Sets sets;                         // how often the client does it at home
  std::string notes;                 // the practitioner's notes for this stretch

  bool operator==(const RoutineEntry&) const = default;
};

struct Routine {
  std::string id;
  std::string name;
  std::string client;  // a client id, or empty
  std::string notes;
  std::vector<RoutineEntry> entries;

  bool operator==(const Routine&) const = default;
};

// What the file is checked against besides its own schema. Each may be null.
struct RoutineContext {
  const stretches::Library* library = nullptr;          // stretch ids, techniques, doses
  const std::vector<std::string>* clientIds = nullptr;  // "client" must name one (warning)
};

Parsed<Routine> parseRoutine(std::string_view text, std::string_view fileName,
                             const RoutineContext& context = {});
Parsed<Routine> loadRoutineFile(const std::filesystem::path& path,
                                const RoutineContext& context = {});
// Pretty-printed JSON that parseRoutine reads back to an equal Routine.
std::string serializeRoutine(const Routine& routine);

// The dose an entry gives on one stretch: its own values, or the technique's where it sets
// none. holdSeconds is empty for a technique without a hold phase.
struct Dose {
  std::optional<float> holdSeconds;
  int repetitions = 1;
  Sets sets;
};
// Errors: unknown technique of the stretch.
std::optional<Dose> effectiveDose(const RoutineEntry& entry, const stretches::Stretch& stretch);

// "Hold 30 s, 3 times, once a day" — the dose in the client's words (handouts, the panel).
std::string describeDose(const Dose& dose);

// Published recommendations a dose is compared with (warnings, not errors), with their
// source (../shared/reference/stretching.md §2, which quotes them). A technique without a
// published figure has no entry.
struct DoseAdvice {
  std::string_view technique;
  float holdMin = 0.0f, holdMax = 0.0f;  // seconds
  std::string_view holdSource;
  int repetitionsMin = 0, repetitionsMax = 0;
  std::string_view repetitionsSource;
  float accumulatedMin = 0.0f;  // hold × repetitions, seconds (0: none published)
  std::string_view accumulatedSource;
};
const DoseAdvice* doseAdvice(std::string_view technique);
// ACSM: at least 2–3 days a week.
inline constexpr int kMinDaysPerWeek = 2;

}  // namespace sv::routines
