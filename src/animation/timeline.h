// Runtime timeline: time -> phase -> eased pose. Immutable after build; sampling is pure and
// allocation-free (binary search over phase start times, then one blend of two flat poses).
//
// A timeline knows nothing about stretches: a phase is a duration, a start and a target key
// pose (indices into the key-pose array), an easing curve and two opaque tags the builder
// chooses (the stretches module stores the phase kind and the index of the source phase in
// its technique). Phases are contiguous: phase i starts where phase i-1 ends, and its start
// pose is the pose the previous phase ended on, so the sampled pose is continuous.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "anatomy/motion.h"
#include "animation/easing.h"

namespace sv::animation {

struct PhaseInfo {
  float start = 0.0f;     // seconds from the timeline start
  float duration = 0.0f;  // seconds, > 0
  std::uint16_t fromPose = 0;
  std::uint16_t toPose = 0;
  Easing easing = Easing::Quintic;
  std::uint8_t kind = 0;     // opaque to the timeline (builder's phase kind)
  std::uint16_t source = 0;  // opaque (e.g. index of the phase in its technique)
  std::uint16_t cycle = 0;   // repetition / cycle the phase belongs to (0-based)
};

class Timeline {
 public:
  // --- building (load time; allocates) ---
  // Adds a key pose and returns its index.
  std::uint16_t addKeyPose(const anatomy::Pose& pose);
  // Appends a phase blending from the previous phase's target pose (or `initialPose` for the
  // first phase) to key pose `toPose`. Durations <= 0 are raised to 1 ms so the timeline stays
  // strictly increasing (validation rejects them before this point).
  void addPhase(float duration, std::uint16_t toPose, std::uint8_t kind, std::uint16_t source,
                std::uint16_t cycle, Easing easing = Easing::Quintic);
  // The pose the timeline starts in (key pose index; default 0).
  void setInitialPose(std::uint16_t pose) { initialPose_ = pose; }

  // --- queries (no allocation) ---
  float duration() const { return duration_; }
  int phaseCount() const { return static_cast<int>(phases_.size()); }
  const PhaseInfo& phase(int i) const { return phases_[static_cast<std::size_t>(i)]; }
  std::span<const PhaseInfo> phases() const { return phases_; }
  int keyPoseCount() const { return static_cast<int>(keyPoses_.size()); }
  const anatomy::Pose& keyPose(int i) const { return keyPoses_[static_cast<std::size_t>(i)]; }
  // Index of the phase containing time t (t clamped to [0, duration]; the end time belongs to
  // the last phase). -1 for an empty timeline.
  int phaseAt(float t) const;
  // Pose at time t (clamped). Allocation-free. Returns the phase index (-1: empty timeline,
  // `out` = the initial key pose or left unchanged when there is none).
  int sample(float t, anatomy::Pose& out) const;
  // Same with the phase already known (the caller's cursor); t need not lie inside it.
  void samplePhase(int phaseIndex, float t, anatomy::Pose& out) const;

 private:
  std::vector<PhaseInfo> phases_;
  std::vector<float> starts_;  // phases_[i].start, contiguous for the binary search
  std::vector<anatomy::Pose> keyPoses_;
  std::uint16_t initialPose_ = 0;
  float duration_ = 0.0f;
};

// Blends two poses: angles linearly, root translation linearly, root rotation by slerp.
void blendPoses(const anatomy::Pose& a, const anatomy::Pose& b, float w, anatomy::Pose& out);

}  // namespace sv::animation
