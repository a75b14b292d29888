#include "routines/session_plan.h"

#include <algorithm>

#include "stretches/json_check.h"

namespace sv::routines {

namespace an = sv::anatomy;
namespace st = sv::stretches;

std::optional<SessionPlan::Position> SessionPlan::at(float t) const {
  if (segments.empty()) return std::nullopt;
  t = std::clamp(t, 0.0f, total);
  // The first segment that ends after t (a segment owns [start, end); the last also its end).
  auto it = std::upper_bound(segments.begin(), segments.end(), t,
                             [](float v, const PlanSegment& s) { return v < s.end(); });
  if (it == segments.end()) --it;
  Position p;
  p.segment = static_cast<std::size_t>(it - segments.begin());
  p.changeover = t < it->start;
  p.local = p.changeover ? 0.0f : std::min(t - it->start, it->duration);
  return p;
}

st::ClientProfile profileFor(const Client* client, const st::Stretch& stretch, an::Side side,
                             const RoutineEntry& entry) {
  st::ClientProfile p;
  p.holdSeconds = entry.holdSeconds;
  if (!client) return p;
  p.flexibility = client->flexibility;
  if (const MeasuredRange* m = latestMeasurement(*client, stretch.key.motion, side, stretch.id)) {
    p.measuredKeyRange = m->degrees;
  }
  return p;
}

Result<SessionPlan> planSession(const Routine& routine, const st::Library& library,
                                const an::RomTable& rom, const Client* client,
                                const PlanOptions& options) {
  if (!(options.changeoverSeconds >= 0.0f && options.changeoverSeconds <= 60.0f)) {
    return Error{"changeover " + st::formatNumber(options.changeoverSeconds) +
                 " s is outside [0, 60] s"};
  }
  SessionPlan plan;
  plan.changeover = options.changeoverSeconds;
  float clock = 0.0f;
  for (std::size_t i = 0; i < routine.entries.size(); ++i) {
    const RoutineEntry& e = routine.entries[i];
    const std::string where = "routine \"" + routine.id + "\", entry " + std::to_string(i + 1);
    const st::Stretch* s = library.find(e.stretch);
    if (!s) return Error{escapeForTerminal(where + ": unknown stretch \"" + e.stretch + "\"")};
    const auto dose = effectiveDose(e, *s);
    if (!dose) {
      return Error{escapeForTerminal(where + ": \"" + e.stretch +
                                     "\" does not offer the technique \"" + e.technique + "\"")};
    }
    // The entry's repetitions are the technique's cycle count.
    st::Stretch dosed = *s;
    for (st::Technique& t : dosed.techniques) {
      if (t.id == e.technique) t.cycles = dose->repetitions;
    }
    for (an::Side side : sidesOf(e.side)) {
      PlanSegment seg;
      seg.entry = i;
      seg.stretch = s;
      seg.side = side;
      seg.technique = e.technique;
      seg.dose = *dose;
      seg.profile = profileFor(client, *s, side, e);
      auto tl = st::buildTimeline(dosed, e.technique, side, seg.profile, rom);
      if (!tl) return Error{where + ": " + tl.error().message};
      seg.timeline = std::move(*tl);
      seg.duration = seg.timeline.timeline.duration();
      if (!plan.segments.empty()) clock += plan.changeover;
      seg.start = clock;
      clock += seg.duration;
      plan.segments.push_back(std::move(seg));
    }
  }
  plan.total = clock;
  return plan;
}

}  // namespace sv::routines
