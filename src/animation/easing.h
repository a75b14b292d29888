// Easing curves for blending between key poses.
//
// Every curve maps u in [0, 1] to [0, 1] with f(0) = 0, f(1) = 1 and zero slope at both
// ends, so a chain of blends whose end pose is the next blend's start pose is continuous in
// angle AND angular velocity (both are zero at every phase boundary). Inputs outside [0, 1]
// are clamped.
#pragma once

#include <cstdint>

namespace sv::animation {

enum class Easing : std::uint8_t {
  Smoothstep,  // 3u^2 - 2u^3: C1; peak speed 1.5x the average
  Quintic,     // 6u^5 - 15u^4 + 10u^3 ("smootherstep"): C2; peak speed 1.875x the average
};

constexpr float clamp01(float u) {
  return u < 0.0f ? 0.0f : (u > 1.0f ? 1.0f : u);
}

constexpr float ease(Easing e, float u) {
  u = clamp01(u);
  switch (e) {
    case Easing::Smoothstep:
      return u * u * (3.0f - 2.0f * u);
    case Easing::Quintic:
      return u * u * u * (u * (u * 6.0f - 15.0f) + 10.0f);
  }
  return u;
}

// d/du of ease(e, u) (0 outside [0, 1]).
constexpr float easeDerivative(Easing e, float u) {
  if (u <= 0.0f || u >= 1.0f) return 0.0f;
  switch (e) {
    case Easing::Smoothstep:
      return 6.0f * u * (1.0f - u);
    case Easing::Quintic:
      return 30.0f * u * u * (u - 1.0f) * (u - 1.0f);
  }
  return 1.0f;
}

// Largest value of easeDerivative over [0, 1] (peak speed = this x change / duration).
constexpr float easePeakSlope(Easing e) {
  return e == Easing::Smoothstep ? 1.5f : 1.875f;
}

}  // namespace sv::animation
