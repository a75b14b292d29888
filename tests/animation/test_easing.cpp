#include <catch2/catch.hpp>

#include "animation/easing.h"

using namespace sv::animation;

TEST_CASE("easing: endpoints, zero slope at the ends, monotonic, bounded peak slope", "[easing]") {
  for (Easing e : {Easing::Smoothstep, Easing::Quintic}) {
    CHECK(ease(e, 0.0f) == 0.0f);
    CHECK(ease(e, 1.0f) == 1.0f);
    CHECK(ease(e, -1.0f) == 0.0f);
    CHECK(ease(e, 2.0f) == 1.0f);
    CHECK(easeDerivative(e, 0.0f) == 0.0f);
    CHECK(easeDerivative(e, 1.0f) == 0.0f);
    CHECK(easeDerivative(e, 1e-4f) < 1e-3f);
    float prev = 0.0f;
    float peak = 0.0f;
    for (int i = 1; i <= 1000; ++i) {
      const float u = static_cast<float>(i) / 1000.0f;
      const float v = ease(e, u);
      CHECK(v >= prev - 1e-6f);
      // Finite difference agrees with the analytic derivative.
      const float fd = (ease(e, u + 1e-3f) - ease(e, u - 1e-3f)) / 2e-3f;
      if (u > 2e-3f && u < 1.0f - 2e-3f) CHECK(fd == Approx(easeDerivative(e, u)).margin(1e-2));
      peak = std::max(peak, easeDerivative(e, u));
      prev = v;
    }
    CHECK(peak == Approx(easePeakSlope(e)).margin(1e-3));
  }
}
