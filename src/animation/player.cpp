#include "animation/player.h"

#include <algorithm>

namespace sv::animation {

void Player::setTimeline(const Timeline* timeline) {
  timeline_ = timeline;
  time_ = 0.0f;
  pass_ = 0;
  phase_ = 0;
  playing_ = false;
  finished_ = false;
  eventHead_ = 0;
  eventCount_ = 0;
  dropped_ = 0;
  if (timeline_ && timeline_->phaseCount() > 0) push(0);
}

void Player::play() {
  if (!timeline_) return;
  if (finished_) {
    finished_ = false;
    pass_ = 0;
    seek(0.0f);
  }
  playing_ = true;
}

void Player::setSpeed(float speed) {
  if (!(speed == speed)) speed = 1.0f;  // NaN
  speed_ = std::clamp(speed, kMinSpeed, kMaxSpeed);
}

void Player::push(int phase) {
  if (eventCount_ == kEventCapacity) {
    eventHead_ = (eventHead_ + 1) % kEventCapacity;
    --eventCount_;
    ++dropped_;
  }
  events_[static_cast<std::size_t>((eventHead_ + eventCount_) % kEventCapacity)] = {phase, pass_};
  ++eventCount_;
}

bool Player::pollEvent(PhaseEvent& out) {
  if (eventCount_ == 0) return false;
  out = events_[static_cast<std::size_t>(eventHead_)];
  eventHead_ = (eventHead_ + 1) % kEventCapacity;
  --eventCount_;
  return true;
}

void Player::setTime(float t, bool emitEach) {
  if (!timeline_ || timeline_->phaseCount() == 0) return;
  t = std::clamp(t, 0.0f, timeline_->duration());
  const int target = timeline_->phaseAt(t);
  if (emitEach && target > phase_) {
    for (int i = phase_ + 1; i <= target; ++i) push(i);
  } else if (target != phase_) {
    push(target);
  }
  phase_ = target;
  time_ = t;
}

void Player::update(float dt) {
  if (!playing_ || !timeline_ || timeline_->phaseCount() == 0 || !(dt > 0.0f)) return;
  const float total = timeline_->duration();
  float t = time_ + dt * speed_;
  // Several wraps are possible with a huge dt; bounded by the pass count unless looping.
  int guard = 0;
  while (t >= total && guard++ < 1000) {
    setTime(total, true);
    if (pass_ + 1 < repeatCount_) {
      ++pass_;
    } else if (loop_) {
      pass_ = 0;
    } else {
      playing_ = false;
      finished_ = true;
      return;
    }
    t -= total;
    phase_ = 0;
    time_ = 0.0f;
    push(0);
  }
  setTime(t, true);
}

void Player::seek(float t) {
  if (!timeline_) return;
  finished_ = false;
  setTime(t, false);
}

void Player::rewind() {
  if (!timeline_) return;
  pass_ = 0;
  seek(0.0f);
}

void Player::nextPhase() {
  if (!timeline_ || phase_ + 1 >= timeline_->phaseCount()) return;
  seek(timeline_->phase(phase_ + 1).start);
}

void Player::previousPhase() {
  if (!timeline_ || timeline_->phaseCount() == 0) return;
  const int target = (elapsedInPhase() > 0.5f || phase_ == 0) ? phase_ : phase_ - 1;
  seek(timeline_->phase(target).start);
}

float Player::elapsedInPhase() const {
  if (!timeline_ || timeline_->phaseCount() == 0) return 0.0f;
  return time_ - timeline_->phase(phase_).start;
}

float Player::remainingInPhase() const {
  if (!timeline_ || timeline_->phaseCount() == 0) return 0.0f;
  const PhaseInfo& p = timeline_->phase(phase_);
  return std::max(0.0f, p.start + p.duration - time_);
}

void Player::sample(anatomy::Pose& out) const {
  if (!timeline_) return;
  if (timeline_->phaseCount() == 0) {
    timeline_->sample(0.0f, out);
    return;
  }
  timeline_->samplePhase(phase_, time_, out);
}

}  // namespace sv::animation
