// Session mode: a routine played on a Session, item after item, each with its own timing.
//
// The plan (routines/session_plan.h) says what plays: each entry's sides as segments, with
// the entry's repetitions as the technique's cycle count, its hold time and the client's
// profile. start() opens the first segment in the session and plays it; advance(dt) moves
// the session's player on and, when a segment reaches its end, opens the next one and plays
// it from its start (the time past the end carried into it), until the last one ends.
// next() / previous() jump between segments. While active, the player neither loops nor
// repeats (the routine's repetitions are in the timeline; advance() switches both off again
// if the workspace turned them on); stop() gives the player back its loop and repeat
// settings as they were at start() and the stretch file's cycle count.
//
// Per frame (advance without crossing a segment's end, label(), position()) allocates
// nothing and looks nothing up by name; opening a segment (start, next, previous, an end
// crossed) rebuilds the session's timeline (allocates). No GL, no UI.
#pragma once

#include <array>
#include <cstddef>

#include "core/result.h"
#include "routines/routine.h"
#include "routines/session_plan.h"
#include "session/session.h"

namespace sv::session {

class RoutinePlayer {
 public:
  // Opens segment `first` of `plan` (taken) in `session` and plays it. Errors: an empty plan,
  // a segment the session cannot open (session mode is then off).
  Status start(Session& session, routines::SessionPlan plan, const routines::Routine& routine,
               std::size_t first = 0);
  // Leaves session mode; the session keeps the open stretch, paused.
  void stop(Session& session);
  bool active() const { return active_; }
  // The last segment has played to its end (the player stopped there).
  bool finished() const { return finished_; }

  // Per frame, instead of session.advance(dt, ownTime). True when another segment opened this
  // call (the caller re-frames the view and uploads what changed).
  bool advance(Session& session, float dt, float ownTime = 0.0f);
  Status next(Session& session);
  Status previous(Session& session);
  Status go(Session& session, std::size_t segment);

  const routines::SessionPlan& plan() const { return plan_; }
  std::size_t segment() const { return segment_; }
  std::size_t segmentCount() const { return plan_.segments.size(); }
  // "2 of 6 — Hip flexors: half-kneeling lunge (left)": the entry's number, the entries'
  // count, the stretch's name and, for an entry of both sides, the side.
  const char* label() const { return label_.data(); }
  // Seconds since the session's start: the segment's start plus the player's time.
  float sessionTime(const Session& session) const;
  // 0 … 1 through the whole session.
  float progress(const Session& session) const;

 private:
  Status open(Session& session, std::size_t segment);

  routines::SessionPlan plan_;
  std::size_t entryCount_ = 0;
  std::size_t segment_ = 0;
  bool active_ = false;
  bool finished_ = false;
  bool savedLoop_ = false;
  int savedRepeat_ = 1;
  std::array<char, 192> label_{};
};

}  // namespace sv::session
