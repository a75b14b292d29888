#include "stretches/playback.h"

#include <algorithm>
#include <cmath>

#include "stretches/stretch_loader.h"

namespace sv::stretches {

namespace an = sv::anatomy;

std::string_view zoneId(Zone z) {
  switch (z) {
    case Zone::BelowBarrier:
      return "below_barrier";
    case Zone::Stretching:
      return "stretching";
    case Zone::InTarget:
      return "in_target";
    case Zone::BeyondTarget:
      return "beyond_target";
  }
  return "";
}

Range KeyGauge::reachableBand(float clientLimit) const {
  if (direction >= 0.0f) return {target.min, std::min(target.max, clientLimit)};
  return {std::max(target.min, clientLimit), target.max};
}

Zone KeyGauge::zone(float v) const {
  const float p = direction * (v - start);
  const float a = direction * (target.min - start);
  const float b = direction * (target.max - start);
  const float lo = std::min(a, b);
  const float hi = std::max(a, b);
  if (p > hi) return Zone::BeyondTarget;
  if (p >= lo) return Zone::InTarget;
  if (p >= direction * (barrier - start)) return Zone::Stretching;
  return Zone::BelowBarrier;
}

namespace {

// Largest f for which the measurement of the end pose stays within normal + margin.
float capFor(const Measurement& m, an::Side side, const an::Pose& start, const an::Pose& end) {
  const float s = measurementValue(m, side, start);
  const float e = measurementValue(m, side, end);
  const float span = m.normal.max - m.normal.min;
  const float d = e - s;
  if (std::fabs(d) < 1e-3f) return 1e9f;
  const float cap =
      d > 0.0f ? m.normal.max + kNormalMargin * span : m.normal.min - kNormalMargin * span;
  return (cap - s) / d;
}

KeyGauge gaugeFor(const Measurement& m, an::Side side, const an::Pose& start,
                  const an::Pose& barrier, const an::Pose& end, float f) {
  KeyGauge g;
  g.motion = m.motion;
  g.side = side;
  g.start = measurementValue(m, side, start);
  const float e = measurementValue(m, side, end);
  g.direction = e >= g.start ? 1.0f : -1.0f;
  auto scale = [&](float v) { return g.start + f * (v - g.start); };
  g.barrier = scale(measurementValue(m, side, barrier));
  const float a = scale(m.target.min);
  const float b = scale(m.target.max);
  g.target = {std::min(a, b), std::max(a, b)};
  return g;
}

}  // namespace

RangeFactor rangeFactor(const Stretch& s, const ClientProfile& profile) {
  const NamedPose* start = s.pose("start");
  const NamedPose* end = s.pose("end");
  RangeFactor r;
  if (!start || !end) return r;
  float f = 1.0f;
  if (profile.measuredKeyRange) {
    const float sv = measurementValue(s.key, s.side, start->pose);
    const float ev = measurementValue(s.key, s.side, end->pose);
    if (std::fabs(ev - sv) > 1e-3f) f = (*profile.measuredKeyRange - sv) / (ev - sv);
  } else if (profile.flexibility == Flexibility::Stiff) {
    f = kStiffFactor;
  } else if (profile.flexibility == Flexibility::Flexible) {
    f = kFlexibleFactor;
  }
  if (!std::isfinite(f)) f = 1.0f;
  float cap = capFor(s.key, s.side, start->pose, end->pose);
  if (s.second) cap = std::min(cap, capFor(*s.second, s.side, start->pose, end->pose));
  if (f > cap) {
    f = cap;
    r.limited = true;
  }
  if (f < 0.1f) {
    f = 0.1f;
    r.limited = true;
  }
  r.factor = f;
  return r;
}

Result<StretchTimeline> buildTimeline(const Stretch& fileStretch, std::string_view techniqueId,
                                      an::Side side, const ClientProfile& profile,
                                      const an::RomTable& rom) {
  const Stretch s = stretchForSide(fileStretch, side);
  const Technique* tech = s.technique(techniqueId);
  if (!tech) {
    return Error{"stretch \"" + s.id + "\" has no technique \"" + std::string(techniqueId) + "\""};
  }
  const NamedPose* start = s.pose("start");
  const NamedPose* barrier = s.pose("barrier");
  const NamedPose* end = s.pose("end");
  if (!start || !barrier || !end) return Error{"stretch \"" + s.id + "\" lacks start/barrier/end"};
  // Phases and key poses are indexed with 16 bits; the validator allows far fewer
  // (kMaxPlayedPhases), this guards stretches built in code.
  const std::size_t played =
      tech->leadIn.size() +
      static_cast<std::size_t>(std::max(tech->cycles, 0)) * tech->cycle.size() +
      tech->finish.size();
  if (played > kMaxPlayedPhases) {
    return Error{"stretch \"" + s.id + "\": technique \"" + tech->id + "\" plays " +
                 std::to_string(played) + " phases, more than " + std::to_string(kMaxPlayedPhases)};
  }

  StretchTimeline out;
  out.side = s.side;
  const RangeFactor rf = rangeFactor(s, profile);
  out.rangeFactor = rf.factor;
  out.rangeLimited = rf.limited;
  const float f = rf.factor;

  std::array<an::RomLimits, an::kMotionCount> limits{};
  for (int i = 0; i < an::kMotionCount; ++i)
    limits[static_cast<std::size_t>(i)] = absoluteLimits(rom, static_cast<an::Motion>(i));

  auto scaled = [&](const an::Pose& p) {
    an::Pose q = p;
    for (int c = 0; c < an::kCoordinateCount; ++c) {
      const auto ci = static_cast<std::size_t>(c);
      const float v = start->pose.angles[ci] + f * (p.angles[ci] - start->pose.angles[ci]);
      const an::RomLimits lim = limits[static_cast<std::size_t>(an::coordinateKey(c).motion)];
      q.angles[ci] = std::clamp(v, lim.min, lim.max);
    }
    return q;
  };
  auto named = [&](const std::string& name) -> an::Pose {
    const NamedPose* p = s.pose(name);
    return p ? scaled(p->pose) : start->pose;
  };

  animation::Timeline& tl = out.timeline;
  tl.setInitialPose(tl.addKeyPose(start->pose));
  std::vector<std::pair<std::string, std::uint16_t>> namedIndex;  // load-time cache
  auto namedKey = [&](const std::string& name) {
    for (const auto& [n, i] : namedIndex) {
      if (n == name) return i;
    }
    const std::uint16_t i = tl.addKeyPose(named(name));
    namedIndex.emplace_back(name, i);
    return i;
  };

  const int n = tech->cycles;
  auto resolve = [&](const std::string& name, int cycle, an::Pose& pose) -> bool {
    if (name == "cycle_start" || name == "cycle_end") {
      const float w =
          static_cast<float>(cycle + (name == "cycle_end" ? 1 : 0)) / static_cast<float>(n);
      animation::blendPoses(named(tech->progressionFrom), named(tech->progressionTo), w, pose);
      return false;
    }
    pose = named(name);
    return true;
  };
  auto addPhase = [&](const Phase& ph, int cycle) {
    std::uint16_t key = 0;
    an::Pose a;
    const bool isNamed = resolve(ph.poseFrom, cycle, a);
    if (ph.poseTo.empty()) {
      key = isNamed ? namedKey(ph.poseFrom) : tl.addKeyPose(a);
    } else {
      an::Pose b;
      resolve(ph.poseTo, cycle, b);
      an::Pose m;
      animation::blendPoses(a, b, ph.weight, m);
      key = tl.addKeyPose(m);
    }
    float duration = ph.duration;
    if (ph.kind == PhaseKind::Hold && profile.holdSeconds) {
      duration = std::clamp(*profile.holdSeconds, 5.0f, 120.0f);
    }
    out.phases.push_back(ph);
    out.phases.back().duration = duration;
    tl.addPhase(duration, key, static_cast<std::uint8_t>(ph.kind),
                static_cast<std::uint16_t>(out.phases.size() - 1),
                static_cast<std::uint16_t>(cycle));
  };
  for (const Phase& ph : tech->leadIn) addPhase(ph, 0);
  for (int k = 0; k < n; ++k) {
    for (const Phase& ph : tech->cycle) addPhase(ph, k);
  }
  for (const Phase& ph : tech->finish) addPhase(ph, n - 1);

  out.key = gaugeFor(s.key, s.side, start->pose, barrier->pose, end->pose, f);
  if (s.second) out.second = gaugeFor(*s.second, s.side, start->pose, barrier->pose, end->pose, f);
  return out;
}

}  // namespace sv::stretches
