// BENCH framing_plan_estimate_ms: planning a stretch's views from the capsule estimate alone
// (every direction scored at every sampled moment; the hamstring stretch's contract-relax).
// BENCH framing_plan_ms: the same plan checked on the id buffer, as the app opens a stretch;
// median over the library (and BENCH framing_plan_max_ms, the slowest stretch).
// BENCH measure_view_ms: one Renderer::measureView of the workspace's view (two id-buffer
// passes and the read-back) at 1/2 and 1/3 of the view's resolution, 1280×720.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "app/app.h"

namespace {
using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}
}  // namespace

int main() {
  sv::Options o;
  o.headless = true;
  auto created = sv::App::create(o);
  if (!created) {
    std::fprintf(stderr, "%s\n", created.error().message.c_str());
    return 1;
  }
  sv::App& app = **created;
  const auto& lib = app.session().library();
  const auto* ham = lib.find("hamstrings-supine-straight-leg");
  const int hamIndex = static_cast<int>(ham - lib.stretches.data());
  if (!app.openStretch(hamIndex, sv::anatomy::Side::Right, "contract_relax")) return 1;
  app.runFrame(false);
  app.runFrame(false);
  {
    sv::session::CameraDirector d;
    const auto t0 = Clock::now();
    constexpr int kRounds = 5;
    for (int i = 0; i < kRounds; ++i) d.plan(app.session(), app.director().stage(), true);
    std::printf("BENCH framing_plan_estimate_ms %.1f ms\n", msSince(t0) / kRounds);
  }
  app.runFrame();
  for (int divisor : {2, 3}) {
    (void)app.measureView(divisor);  // allocate the target
    const auto t0 = Clock::now();
    constexpr int kRounds = 20;
    for (int i = 0; i < kRounds; ++i) (void)app.measureView(divisor);
    std::printf("BENCH measure_view_div%d_ms %.2f ms\n", divisor, msSince(t0) / kRounds);
  }
  std::vector<double> plans;
  for (std::size_t i = 0; i < lib.stretches.size(); ++i) {
    const auto t0 = Clock::now();
    (void)app.openStretch(static_cast<int>(i), lib.stretches[i].side, "");
    plans.push_back(msSince(t0));
  }
  std::sort(plans.begin(), plans.end());
  std::printf("BENCH framing_plan_ms %.0f ms\n", plans[plans.size() / 2]);
  std::printf("BENCH framing_plan_max_ms %.0f ms\n", plans.back());
  return 0;
}
