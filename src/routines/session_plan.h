// A routine as a session to play: the stretches in order, each side of an entry its own
// segment, with the timeline ready to play and its place on the session's clock.
//
// The session mode of the workspace and a whole-routine clip both walk this plan: at session
// time t, at(t) says which segment plays and the time within it; the segment's timeline is
// what the player samples. Timing per segment: the stretch's technique with the entry's
// repetitions as its cycle count and the entry's hold time replacing every hold phase (as
// stretches::buildTimeline applies ClientProfile::holdSeconds), scaled to the client's
// flexibility or measured range (client.h latestMeasurement). Between segments an optional
// changeover gap (the practitioner moves round the table; the screen says what comes next).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "anatomy/rom.h"
#include "core/result.h"
#include "routines/client.h"
#include "routines/routine.h"
#include "stretches/library.h"
#include "stretches/playback.h"

namespace sv::routines {

struct PlanSegment {
  std::size_t entry = 0;                        // index into Routine::entries
  const stretches::Stretch* stretch = nullptr;  // the library's (file side); valid while it lives
  anatomy::Side side = anatomy::Side::Right;
  std::string technique;
  Dose dose;
  stretches::ClientProfile profile;     // what the timeline was built with
  stretches::StretchTimeline timeline;  // ready to sample (on `side`)
  float start = 0.0f;                   // seconds from the session start
  float duration = 0.0f;                // = timeline.timeline.duration()
  float end() const { return start + duration; }
};

struct SessionPlan {
  std::vector<PlanSegment> segments;
  float changeover = 0.0f;  // seconds between one segment's end and the next one's start
  float total = 0.0f;       // seconds: the last segment's end (0 when empty)

  struct Position {
    std::size_t segment = 0;
    float local = 0.0f;       // seconds into the segment (0 during the changeover before it)
    bool changeover = false;  // in the gap before `segment`
  };
  // Where session time t falls; t is clamped to [0, total]. Empty for an empty plan.
  std::optional<Position> at(float t) const;
};

struct PlanOptions {
  float changeoverSeconds = 0.0f;  // [0, 60]
};

// The client profile for one stretch of an entry: the client's flexibility, their latest
// measured end range of the stretch's key motion on `side` (when there is one) and the
// entry's hold time. Without a client: average flexibility.
stretches::ClientProfile profileFor(const Client* client, const stretches::Stretch& stretch,
                                    anatomy::Side side, const RoutineEntry& entry);

// Errors (one line each, naming the entry): a stretch the library lacks, a technique it does
// not offer, a changeover outside [0, 60] s. A routine that loaded with the library never
// fails here.
Result<SessionPlan> planSession(const Routine& routine, const stretches::Library& library,
                                const anatomy::RomTable& rom, const Client* client = nullptr,
                                const PlanOptions& options = {});

}  // namespace sv::routines
