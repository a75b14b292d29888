// From a stretch to a playable timeline: client profile, technique flattening, contract-
// relax deepening, and the live gauge of the key measurement.
//
// Client profile (docs/stretch-format.md, "Client profile"): every pose is scaled about the
// start pose, P' = start + f (P - start), so the barrier, the end and every intermediate key
// move together. f = 0.8 (stiff), 1 (average), 1.15 (flexible) — the same factors as
// anatomy::clampToRom — or, with a measured range, the f that puts the key measurement of
// the end pose at the client's measured value. f is then limited so that no measurement
// passes its normal range plus kNormalMargin (10 %) of the normal range's span, and every
// angle is clamped to the absolute limits of the validator. The target band and barrier of
// the gauge are scaled with the poses.
//
// Flattening: lead_in once, `cycle` `cycles` times, finish once. In cycle k of N the reserved
// poses "cycle_start"/"cycle_end" are P(k/N)/P((k+1)/N) along the technique's progression
// (e.g. barrier -> end), so each contract-relax cycle starts where the last one ended and
// takes up a little more range.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "anatomy/rom.h"
#include "animation/timeline.h"
#include "core/result.h"
#include "stretches/stretch.h"

namespace sv::stretches {

enum class Flexibility : std::uint8_t { Stiff, Average, Flexible };
inline constexpr float kStiffFactor = 0.8f;
inline constexpr float kFlexibleFactor = 1.15f;
inline constexpr float kNormalMargin = 0.10f;  // of the normal range's span

struct ClientProfile {
  Flexibility flexibility = Flexibility::Average;
  // The client's measured end value of the key motion (degrees, same convention as the
  // stretch's key measurement on the stretched side). Overrides `flexibility`.
  std::optional<float> measuredKeyRange;
  // Replaces the duration of every passive "hold" phase (seconds, clamped to [5, 120]).
  std::optional<float> holdSeconds;
};

// Where a live key value sits, in the direction of the stretch (start -> end).
enum class Zone : std::uint8_t {
  BelowBarrier,  // short of the first resistance barrier
  Stretching,    // past the barrier, short of the target band
  InTarget,      // inside the target band
  BeyondTarget,  // past the target band's far end
};
std::string_view zoneId(Zone z);

struct KeyGauge {
  anatomy::Motion motion = anatomy::Motion::HipFlexion;
  anatomy::Side side = anatomy::Side::Right;
  float start = 0.0f;      // key value of the start pose
  float barrier = 0.0f;    // key value of the (scaled) barrier pose
  Range target;            // scaled target band
  float direction = 1.0f;  // +1 when the stretch increases the value, -1 when it decreases

  float value(const anatomy::Pose& pose) const { return pose.get(motion, side); }
  Zone zone(float value) const;
  // The part of the target band this client reaches: from the band's near end (in the
  // stretch's direction) up to `clientLimit`; min > max (empty) when the limit falls short of
  // the band. The gauge draws only this part.
  Range reachableBand(float clientLimit) const;
};

struct StretchTimeline {
  animation::Timeline timeline;
  std::vector<Phase> phases;  // flattened technique phases; timeline phase .source indexes it
  anatomy::Side side = anatomy::Side::Right;
  float rangeFactor = 1.0f;   // f actually used (after the limits)
  bool rangeLimited = false;  // the profile asked for more than the limits allow
  KeyGauge key;
  std::optional<KeyGauge> second;

  const Phase& phaseText(int timelinePhase) const {
    return phases[timeline.phase(timelinePhase).source];
  }
};

// The range factor f for a stretch (already on its side) and a profile.
struct RangeFactor {
  float factor = 1.0f;
  bool limited = false;
};
RangeFactor rangeFactor(const Stretch& stretch, const ClientProfile& profile);

// Builds the timeline of `techniqueId` for `side` (mirroring when it is not the file's side).
// Errors: unknown technique. `rom` gives the absolute limits angles are clamped to.
Result<StretchTimeline> buildTimeline(const Stretch& stretch, std::string_view techniqueId,
                                      anatomy::Side side, const ClientProfile& profile,
                                      const anatomy::RomTable& rom);

}  // namespace sv::stretches
