// The adaptive-resolution controller against synthetic frame costs F + S·s² (ms): it holds
// the budget when it can, stays sharp when it need not, and bottoms out when it cannot.
#include <catch2/catch.hpp>

#include <random>

#include "scene/adaptive_resolution.h"

using sv::AdaptiveResolution;

namespace {
constexpr double kBudget = 1.0 / 24.0;

// Runs `frames` moving frames of cost fixed + perPixel·s² seconds (times a noise factor).
double run(AdaptiveResolution& c, double fixed, double perPixel, int frames, double noise = 0.0,
           int* changes = nullptr) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> jitter(1.0 - noise, 1.0 + noise);
  double cost = 0.0;
  float last = c.scaleFor(true);
  for (int i = 0; i < frames; ++i) {
    const float s = c.scaleFor(true);
    if (changes && s != last) ++*changes;
    last = s;
    cost = (fixed + perPixel * s * s) * jitter(rng);
    c.observe(cost, s, c.multisampleFor(true));
  }
  return cost;
}
}  // namespace

TEST_CASE("adaptive resolution: converges to the scale that meets the budget") {
  AdaptiveResolution c;
  // 15 ms that do not scale, 100 ms of pixels at full resolution: s* = sqrt(26.7 / 100).
  run(c, 0.015, 0.100, 40);
  const float s = c.movingScale();
  CHECK(s == Approx(0.517f).margin(0.06f));
  const double cost = 0.015 + 0.100 * s * s;
  CHECK(cost < kBudget * 1.12);
  CHECK(cost > kBudget * 0.80);
}

TEST_CASE("adaptive resolution: full resolution when the budget allows it") {
  AdaptiveResolution c;
  run(c, 0.005, 0.020, 40);
  CHECK(c.movingScale() == 1.0f);
}

TEST_CASE("adaptive resolution: the minimum scale when even that misses the budget") {
  AdaptiveResolution c;
  run(c, 0.060, 0.100, 40);
  CHECK(c.movingScale() == c.config().minScale);
}

TEST_CASE("adaptive resolution: a still view is always full resolution") {
  AdaptiveResolution c;
  run(c, 0.015, 0.300, 40);
  REQUIRE(c.movingScale() < 1.0f);
  CHECK(c.scaleFor(false) == 1.0f);
  CHECK(c.multisampleFor(false));
  // And still frames, full size with MSAA, do not push moving frames back to full size.
  const float moving = c.movingScale();
  c.observe(0.015 + 0.300 * 2.0, 1.0f, true);
  CHECK(c.movingScale() == moving);
}

TEST_CASE(
    "adaptive resolution: recovers when the work gets cheaper, reacts at once when it "
    "gets dearer") {
  AdaptiveResolution c;
  run(c, 0.010, 0.300, 40);
  const float heavy = c.movingScale();
  run(c, 0.010, 0.050, 40);
  CHECK(c.movingScale() > heavy + 0.2f);
  // One frame far over budget brings the scale down in that single step.
  const float before = c.movingScale();
  c.observe(0.200, before, c.multisampleFor(true));
  CHECK(c.movingScale() < before * 0.6f);
}

TEST_CASE("adaptive resolution: measurement noise does not make the size flicker") {
  AdaptiveResolution c;
  run(c, 0.015, 0.100, 40, 0.2);
  int changes = 0;
  run(c, 0.015, 0.100, 200, 0.2, &changes);
  CHECK(changes < 40);
  CHECK(c.movingScale() == Approx(0.52f).margin(0.12f));
}

TEST_CASE("adaptive resolution: nonsense measurements are ignored") {
  AdaptiveResolution c;
  c.observe(0.0, 1.0f, true);
  c.observe(-1.0, 1.0f, true);
  c.observe(0.5, 0.0f, true);
  CHECK(c.movingScale() == 1.0f);
}

TEST_CASE("adaptive resolution: moving frames keep MSAA only while a full MSAA frame fits") {
  AdaptiveResolution c;
  CHECK(c.multisampleFor(true));
  c.observe(0.010, 1.0f, true);  // a GPU: full resolution with MSAA in 10 ms
  CHECK(c.multisampleFor(true));
  CHECK(c.movingScale() == 1.0f);
  c.observe(0.100, 1.0f, true);  // software GL: 100 ms
  CHECK_FALSE(c.multisampleFor(true));
  CHECK(c.multisampleFor(false));
  // Single-sample frames that fit do not bring MSAA back; a full MSAA frame that fits does.
  c.observe(0.020, 1.0f, false);
  CHECK_FALSE(c.multisampleFor(true));
  c.observe(0.030, 1.0f, true);
  CHECK(c.multisampleFor(true));
}
