// Playback state over a Timeline: play/pause, scrub/seek, speed, loop, repetition count,
// next/previous phase, phase-begin events. No allocation after construction: events go into
// a fixed ring buffer (the oldest is dropped when full and counted in droppedEvents()).
//
// Time model: the player plays the timeline `repeatCount` times in a row (a "pass"); with
// looping on it starts again after the last pass. time() is the position within the
// current pass. Phase-begin events fire for every phase entered by update() (several if a
// large dt skips over short phases) and for the phase landed on by seek()/nextPhase()/
// previousPhase() when it differs from the current one.
#pragma once

#include <array>
#include <cstdint>

#include "animation/timeline.h"

namespace sv::animation {

struct PhaseEvent {
  int phase = 0;  // index into the timeline's phases
  int pass = 0;   // 0-based pass (repetition of the whole timeline)
};

class Player {
 public:
  static constexpr float kMinSpeed = 0.25f;
  static constexpr float kMaxSpeed = 2.0f;
  static constexpr int kEventCapacity = 64;

  Player() = default;
  explicit Player(const Timeline* timeline) { setTimeline(timeline); }
  // Resets time to 0, paused, and queues a begin event for phase 0. The timeline must outlive
  // the player (not owned).
  void setTimeline(const Timeline* timeline);
  const Timeline* timeline() const { return timeline_; }

  // Starts playing; after the end (finished) it starts again from the first pass.
  void play();
  void pause() { playing_ = false; }
  void togglePlay() { playing_ ? pause() : play(); }
  bool playing() const { return playing_; }
  bool finished() const { return finished_; }

  // Clamped to [0.25, 2].
  void setSpeed(float speed);
  float speed() const { return speed_; }
  void setLoop(bool loop) { loop_ = loop; }
  bool loop() const { return loop_; }
  // Passes per play-through (>= 1).
  void setRepeatCount(int count) { repeatCount_ = count < 1 ? 1 : count; }
  int repeatCount() const { return repeatCount_; }
  int pass() const { return pass_; }

  // Advances by dt seconds of wall time (scaled by speed) when playing.
  void update(float dt);
  // Jumps to time t of the current pass (clamped); scrubbing is repeated seeks.
  void seek(float t);
  // Back to the very start: time 0 of the first pass (the playback bar's |<); playing or
  // paused as before.
  void rewind();
  // Start of the next phase (no-op on the last), or of the current phase when more than
  // 0.5 s into it / the previous phase otherwise (as media players do).
  void nextPhase();
  void previousPhase();

  float time() const { return time_; }
  int phaseIndex() const { return phase_; }
  float elapsedInPhase() const;
  float remainingInPhase() const;

  // Pose at the current time (allocation-free).
  void sample(anatomy::Pose& out) const;

  // Pops the oldest pending phase-begin event; false when none.
  bool pollEvent(PhaseEvent& out);
  int pendingEvents() const { return eventCount_; }
  int droppedEvents() const { return dropped_; }

 private:
  void push(int phase);
  void setTime(float t, bool emit);

  const Timeline* timeline_ = nullptr;
  float time_ = 0.0f;
  float speed_ = 1.0f;
  int phase_ = 0;
  int pass_ = 0;
  int repeatCount_ = 1;
  bool playing_ = false;
  bool loop_ = false;
  bool finished_ = false;
  std::array<PhaseEvent, kEventCapacity> events_{};
  int eventHead_ = 0;
  int eventCount_ = 0;
  int dropped_ = 0;
};

}  // namespace sv::animation
