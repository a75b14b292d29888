// Session mode: a routine played on a Session, item after item, each with its own timing.
//
// The plan (routines/session_plan.h) says what plays: each entry's sides as segments, with
// the entry's repetitions as the technique's cycle count, its hold time and the client's
// profile. start() opens the first segment in the session and plays it; advance(dt) moves
// the session's player on and, when a segment reaches its end, opens the next one and plays
// it from its start (the time past the end carried into it), until the last one ends.
// next() / previous() jump between segments.
//
// Changeover: when the plan has a changeover gap (PlanOptions::changeoverSeconds), a
// segment's end opens the next segment paused at its start (the figures show where the next
// stretch begins) and counts the gap down on the wall clock (dt, whatever the playback
// speed); changeoverText() says "Next: <stretch> in N s" meanwhile, and the segment plays
// once the gap has passed (the time past it carried in). skipChangeover() starts it at once;
// next(), previous() and go() end a changeover too. segment() and sessionTime() agree with
// plan().at() during the gap (the segment after it, its start minus the time left). While active,
// the player neither loops nor repeats (the routine's repetitions are in the timeline; advance()
// switches both off again if the workspace turned them on); stop() gives the player back its loop
// and repeat settings as they were at start() and the stretch file's cycle count.
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
  // In the changeover gap before segment(): the seconds left and "Next: <stretch> in N s"
  // (N the whole seconds left, rounded up); "" outside a changeover.
  bool inChangeover() const { return changeoverLeft_ > 0.0f; }
  float changeoverLeft() const { return changeoverLeft_; }
  const char* changeoverText() const { return changeoverText_.data(); }
  // Ends the changeover now: the segment plays from its start. No-op outside one.
  void skipChangeover(Session& session);
  // Seconds since the session's start: the segment's start plus the player's time.
  float sessionTime(const Session& session) const;
  // 0 … 1 through the whole session.
  float progress(const Session& session) const;

 private:
  Status open(Session& session, std::size_t segment);
  void updateChangeoverText();

  routines::SessionPlan plan_;
  std::size_t entryCount_ = 0;
  std::size_t segment_ = 0;
  bool active_ = false;
  bool finished_ = false;
  bool savedLoop_ = false;
  int savedRepeat_ = 1;
  std::array<char, 192> label_{};
  float changeoverLeft_ = 0.0f;  // > 0: in the gap before segment_, its player paused
  int changeoverShown_ = -1;     // the whole seconds changeoverText_ says
  std::array<char, 192> changeoverText_{};
};

}  // namespace sv::session
