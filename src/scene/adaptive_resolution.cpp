#include "scene/adaptive_resolution.h"

#include <algorithm>
#include <cmath>

namespace sv {

namespace {
// Share of the gap to the new target closed per frame: all of it when the frame was over
// budget (a slow frame is visible at once), a third when there is time to spare (growing
// back too eagerly overshoots and costs a slow frame).
constexpr float kGainDown = 1.0f;
constexpr float kGainUp = 0.35f;
// The quantised scale follows the estimate only once it is this many steps away.
constexpr float kHysteresisSteps = 0.75f;
}  // namespace

AdaptiveResolution::AdaptiveResolution(AdaptiveResolutionConfig config) : config_(config) {
  config_.minScale = std::clamp(config_.minScale, 0.1f, 1.0f);
  config_.step = std::clamp(config_.step, 0.01f, 0.5f);
  if (!(config_.budgetSeconds > 0.0)) config_.budgetSeconds = 1.0 / 24.0;
}

void AdaptiveResolution::observe(double frameSeconds, float scaleUsed, bool multisampled) {
  if (!(frameSeconds > 0.0) || !(scaleUsed > 0.0f)) return;
  // Only frames drawn the way moving frames are drawn predict their cost.
  const bool representative = multisampled == msaaWhileMoving_;
  if (multisampled && scaleUsed >= 1.0f) {
    msaaWhileMoving_ = frameSeconds <= config_.budgetSeconds;
  }
  if (!representative) return;
  // The scale that would have met the budget had all of the frame scaled with pixel count.
  const auto ratio = static_cast<float>(config_.budgetSeconds / frameSeconds);
  const float target = std::clamp(scaleUsed * std::sqrt(ratio), config_.minScale, 1.0f);
  const float gain = target < estimate_ ? kGainDown : kGainUp;
  // In log space: halving and doubling are symmetric steps.
  estimate_ = std::exp(std::log(estimate_) + gain * (std::log(target) - std::log(estimate_)));
  estimate_ = std::clamp(estimate_, config_.minScale, 1.0f);
  if (std::abs(estimate_ - scale_) >= kHysteresisSteps * config_.step || estimate_ == 1.0f ||
      estimate_ == config_.minScale) {
    const float q = std::round(estimate_ / config_.step) * config_.step;
    scale_ = std::clamp(q, config_.minScale, 1.0f);
  }
}

}  // namespace sv
