#include "session/routine_player.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sv::session {

Status RoutinePlayer::start(Session& session, routines::SessionPlan plan,
                            const routines::Routine& routine, std::size_t first) {
  if (plan.segments.empty()) return Error{"the routine has no stretches to play"};
  if (!active_) {
    savedLoop_ = session.player().loop();
    savedRepeat_ = session.player().repeatCount();
  }
  plan_ = std::move(plan);
  entryCount_ = routine.entries.size();
  active_ = true;
  Status st = open(session, std::min(first, plan_.segments.size() - 1));
  if (!st) stop(session);
  return st;
}

void RoutinePlayer::stop(Session& session) {
  if (!active_) return;
  active_ = false;
  finished_ = false;
  animation::Player& p = session.player();
  p.pause();
  p.setLoop(savedLoop_);
  p.setRepeatCount(savedRepeat_);
  session.setCycleCount(std::nullopt);
  label_[0] = '\0';
  changeoverLeft_ = 0.0f;
  changeoverText_[0] = '\0';
}

Status RoutinePlayer::open(Session& session, std::size_t segment) {
  const routines::PlanSegment& seg = plan_.segments[segment];
  const stretches::Library& library = session.library();
  const int index = static_cast<int>(seg.stretch - library.stretches.data());
  session.setCycleCount(seg.dose.repetitions);
  session.setProfile(seg.profile);
  if (Status st = session.open(index, seg.side, seg.technique); !st) return st;
  animation::Player& p = session.player();
  p.setLoop(false);
  p.setRepeatCount(1);
  p.seek(0.0f);  // the same stretch again (its other side) keeps its moment: from the start
  p.play();
  session.evaluate();
  segment_ = segment;
  finished_ = false;
  changeoverLeft_ = 0.0f;
  changeoverText_[0] = '\0';
  changeoverShown_ = -1;
  const auto sameEntry = [&](std::size_t other) {
    return other < plan_.segments.size() && plan_.segments[other].entry == seg.entry;
  };
  const bool bothSides = sameEntry(segment + 1) || (segment > 0 && sameEntry(segment - 1));
  const char* side = !bothSides ? "" : seg.side == anatomy::Side::Left ? " (left)" : " (right)";
  std::snprintf(label_.data(), label_.size(), "%zu of %zu — %s%s", seg.entry + 1, entryCount_,
                seg.stretch->name.c_str(), side);
  return {};
}

bool RoutinePlayer::advance(Session& session, float dt, float ownTime) {
  if (!active_) {
    session.advance(dt, ownTime);
    return false;
  }
  animation::Player& p = session.player();
  // The workspace's Loop and repeat controls stay off while the routine plays (each segment
  // must end for the next to begin).
  if (p.loop()) p.setLoop(false);
  if (p.repeatCount() != 1) p.setRepeatCount(1);
  if (changeoverLeft_ > 0.0f) {
    if (dt < changeoverLeft_) {
      changeoverLeft_ -= dt;
      updateChangeoverText();
      session.advance(dt, ownTime);  // paused: the moment stays, a --model's own clock runs
      return false;
    }
    const float leftover = dt - changeoverLeft_;
    skipChangeover(session);
    if (leftover > 0.0f) session.advance(leftover, ownTime);
    return false;
  }
  const float duration = plan_.segments[segment_].duration;
  const bool wasPlaying = p.playing();
  const float before = p.time();
  session.advance(dt, ownTime);
  if (!wasPlaying || !p.finished()) return false;
  if (segment_ + 1 >= plan_.segments.size()) {
    finished_ = true;
    return false;
  }
  // The part of this frame after the segment's end goes to the changeover, then the next
  // segment.
  const float speed = std::max(p.speed(), 1e-3f);
  float leftover = std::max(dt - std::max(duration - before, 0.0f) / speed, 0.0f);
  if (Status st = open(session, segment_ + 1); !st) {
    stop(session);
    return false;
  }
  if (plan_.changeover > 0.0f) {
    if (leftover < plan_.changeover) {
      session.player().pause();
      changeoverLeft_ = plan_.changeover - leftover;
      updateChangeoverText();
      return true;
    }
    leftover -= plan_.changeover;
  }
  if (leftover > 0.0f) session.advance(leftover, ownTime);
  return true;
}

void RoutinePlayer::skipChangeover(Session& session) {
  if (!active_ || changeoverLeft_ <= 0.0f) return;
  changeoverLeft_ = 0.0f;
  changeoverText_[0] = '\0';
  changeoverShown_ = -1;
  session.player().play();
}

void RoutinePlayer::updateChangeoverText() {
  const int whole = static_cast<int>(std::ceil(changeoverLeft_ - 1e-4f));
  if (whole == changeoverShown_) return;
  changeoverShown_ = whole;
  const routines::PlanSegment& seg = plan_.segments[segment_];
  std::snprintf(changeoverText_.data(), changeoverText_.size(), "Next: %s in %d s",
                seg.stretch->name.c_str(), std::max(whole, 1));
}

Status RoutinePlayer::next(Session& session) {
  if (!active_) return Error{"session mode is off"};
  if (segment_ + 1 >= plan_.segments.size()) return Error{"this is the last stretch"};
  return open(session, segment_ + 1);
}

Status RoutinePlayer::previous(Session& session) {
  if (!active_) return Error{"session mode is off"};
  // Back to this segment's start when it has played a while, else to the one before.
  if (segment_ == 0 || session.player().time() > 2.0f) return open(session, segment_);
  return open(session, segment_ - 1);
}

Status RoutinePlayer::go(Session& session, std::size_t segment) {
  if (!active_) return Error{"session mode is off"};
  if (segment >= plan_.segments.size()) return Error{"no such stretch in the session"};
  return open(session, segment);
}

float RoutinePlayer::sessionTime(const Session& session) const {
  if (!active_) return 0.0f;
  const routines::PlanSegment& seg = plan_.segments[segment_];
  if (changeoverLeft_ > 0.0f) return seg.start - changeoverLeft_;
  return seg.start + std::min(session.player().time(), seg.duration);
}

float RoutinePlayer::progress(const Session& session) const {
  if (!active_ || plan_.total <= 0.0f) return 0.0f;
  return std::clamp(sessionTime(session) / plan_.total, 0.0f, 1.0f);
}

}  // namespace sv::session
