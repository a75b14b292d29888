#include "animation/timeline.h"

#include <algorithm>

#include <glm/gtc/quaternion.hpp>

namespace sv::animation {

std::uint16_t Timeline::addKeyPose(const anatomy::Pose& pose) {
  keyPoses_.push_back(pose);
  return static_cast<std::uint16_t>(keyPoses_.size() - 1);
}

void Timeline::addPhase(float duration, std::uint16_t toPose, std::uint8_t kind,
                        std::uint16_t source, std::uint16_t cycle, Easing easing) {
  PhaseInfo p;
  p.start = duration_;
  p.duration = duration > 0.001f ? duration : 0.001f;
  p.fromPose = phases_.empty() ? initialPose_ : phases_.back().toPose;
  p.toPose = toPose;
  p.easing = easing;
  p.kind = kind;
  p.source = source;
  p.cycle = cycle;
  phases_.push_back(p);
  starts_.push_back(p.start);
  duration_ += p.duration;
}

int Timeline::phaseAt(float t) const {
  if (phases_.empty()) return -1;
  // Last phase whose start <= t.
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), t);
  if (it == starts_.begin()) return 0;
  return static_cast<int>(it - starts_.begin()) - 1;
}

void blendPoses(const anatomy::Pose& a, const anatomy::Pose& b, float w, anatomy::Pose& out) {
  for (std::size_t i = 0; i < a.angles.size(); ++i) {
    out.angles[i] = a.angles[i] + (b.angles[i] - a.angles[i]) * w;
  }
  out.root.translation = a.root.translation + (b.root.translation - a.root.translation) * w;
  out.root.rotation = glm::slerp(a.root.rotation, b.root.rotation, w);
}

void Timeline::samplePhase(int phaseIndex, float t, anatomy::Pose& out) const {
  const PhaseInfo& p = phases_[static_cast<std::size_t>(phaseIndex)];
  const float w = ease(p.easing, (t - p.start) / p.duration);
  blendPoses(keyPoses_[p.fromPose], keyPoses_[p.toPose], w, out);
}

int Timeline::sample(float t, anatomy::Pose& out) const {
  if (phases_.empty()) {
    if (!keyPoses_.empty()) out = keyPoses_[initialPose_];
    return -1;
  }
  t = std::clamp(t, 0.0f, duration_);
  const int i = phaseAt(t);
  samplePhase(i, t, out);
  return i;
}

}  // namespace sv::animation
