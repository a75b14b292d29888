#include <array>
#include <cmath>

#include "anatomy/kinematics.h"
#include "anatomy/skeleton.h"
#include "stretches/playback.h"
#include "test_support.h"

using namespace sv::stretches;
namespace an = sv::anatomy;

namespace {

struct Posed {
  std::array<an::Transform, an::kJointCount> local{};
  std::array<glm::mat4, an::kJointCount> model{};
};

Posed pose(const an::Skeleton& sk, const an::Pose& p) {
  Posed out;
  REQUIRE(an::poseToLocal(sk, p, out.local));
  REQUIRE(an::localToModel(sk, out.local, out.model));
  return out;
}

// The measurement read back from model matrices (not from the pose's numbers).
float measured(const an::Skeleton& sk, const Measurement& m, an::Side side, const an::Pose& p) {
  const Posed posed = pose(sk, p);
  if (m.motion == an::Motion::ShoulderHorizontalAdduction) {
    return an::measureShoulder(sk, posed.model, side).planeOfElevation;
  }
  const an::Pose back = an::measurePose(sk, posed.model);
  return back.get(m.motion, side);
}

}  // namespace

TEST_CASE("each end pose puts the key measurement inside its target range (measured), both sides",
          "[playback]") {
  const an::Skeleton sk = an::makeDefaultSkeleton();
  for (const Stretch& file : test::shipped().library.stretches) {
    for (an::Side side : {an::Side::Right, an::Side::Left}) {
      const Stretch s = stretchForSide(file, side);
      INFO(s.id << (side == an::Side::Left ? " (left)" : " (right)"));
      const an::Pose& end = s.pose("end")->pose;
      const float v = measured(sk, s.key, s.side, end);
      CHECK(v >= s.key.target.min - 0.01f);
      CHECK(v <= s.key.target.max + 0.01f);
      CHECK(v == Approx(measurementValue(s.key, s.side, end)).margin(0.05));
      if (s.second) {
        const float w = measured(sk, *s.second, s.side, end);
        CHECK(w >= s.second->target.min - 0.01f);
        CHECK(w <= s.second->target.max + 0.01f);
      }
      // The start pose is not already past the target.
      const KeyGauge g = buildTimeline(s, "static", s.side, {}, test::rom())->key;
      CHECK(g.zone(measured(sk, s.key, s.side, s.pose("start")->pose)) != Zone::BeyondTarget);
    }
  }
}

TEST_CASE("left and right mirror: joint positions mirror in x", "[playback]") {
  const an::Skeleton sk = an::makeDefaultSkeleton();
  for (const Stretch& right : test::shipped().library.stretches) {
    INFO(right.id);
    const Stretch left = mirrorStretch(right);
    CHECK(left.side == an::Side::Left);
    for (const char* name : {"start", "barrier", "end"}) {
      const Posed r = pose(sk, right.pose(name)->pose);
      const Posed l = pose(sk, left.pose(name)->pose);
      for (int j = 0; j < an::kJointCount; ++j) {
        const auto jr = static_cast<std::size_t>(j);
        const auto jl =
            static_cast<std::size_t>(an::index(an::mirrorJoint(static_cast<an::Joint>(j))));
        const glm::vec3 pr(r.model[jr][3]);
        const glm::vec3 pl(l.model[jl][3]);
        CHECK(pl.x == Approx(-pr.x).margin(1e-4));
        CHECK(pl.y == Approx(pr.y).margin(1e-4));
        CHECK(pl.z == Approx(pr.z).margin(1e-4));
      }
    }
    for (std::size_t c = 0; c < right.contacts.size(); ++c) {
      CHECK(left.contacts[c].hand != right.contacts[c].hand);
      CHECK(left.contacts[c].joint == an::mirrorJoint(right.contacts[c].joint));
      CHECK(left.contacts[c].forceDirection.x == -right.contacts[c].forceDirection.x);
    }
    // Mirroring twice gives the original poses back.
    const Stretch twice = mirrorStretch(left);
    CHECK(twice.side == right.side);
    CHECK(twice.pose("end")->pose.angles == right.pose("end")->pose.angles);
  }
}

TEST_CASE("phase durations add up to the timeline length", "[playback]") {
  for (const Stretch& s : test::shipped().library.stretches) {
    for (const Technique& t : s.techniques) {
      INFO(s.id << " / " << t.id);
      auto tl = buildTimeline(s, t.id, an::Side::Right, {}, test::rom());
      REQUIRE(tl.ok());
      float fromFile = 0.0f;
      for (const Phase& p : t.leadIn) fromFile += p.duration;
      for (const Phase& p : t.cycle) fromFile += static_cast<float>(t.cycles) * p.duration;
      for (const Phase& p : t.finish) fromFile += p.duration;
      float sum = 0.0f;
      for (const auto& p : tl->timeline.phases()) sum += p.duration;
      CHECK(tl->timeline.duration() == Approx(fromFile).epsilon(1e-5));
      CHECK(sum == Approx(fromFile).epsilon(1e-5));
      CHECK(tl->timeline.phaseCount() ==
            static_cast<int>(t.leadIn.size() + t.cycle.size() * static_cast<std::size_t>(t.cycles) +
                             t.finish.size()));
    }
  }
}

TEST_CASE("at 60 fps no joint moves more than 3 degrees a frame and nothing jumps at boundaries",
          "[playback]") {
  for (const Stretch& s : test::shipped().library.stretches) {
    for (const Technique& t : s.techniques) {
      for (an::Side side : {an::Side::Right, an::Side::Left}) {
        INFO(s.id << " / " << t.id);
        auto tl = buildTimeline(s, t.id, side, {}, test::rom());
        REQUIRE(tl.ok());
        const auto& timeline = tl->timeline;
        an::Pose prev, cur;
        timeline.sample(0.0f, prev);
        float worst = 0.0f;
        for (float time = 1.0f / 60.0f; time <= timeline.duration() + 1e-3f; time += 1.0f / 60.0f) {
          timeline.sample(time, cur);
          for (std::size_t i = 0; i < cur.angles.size(); ++i) {
            worst = std::max(worst, std::fabs(cur.angles[i] - prev.angles[i]));
          }
          CHECK(glm::length(cur.root.translation - prev.root.translation) < 0.01f);
          prev = cur;
        }
        CHECK(worst < 3.0f);
        for (const auto& p : timeline.phases()) {
          an::Pose a, b;
          timeline.sample(p.start - 1e-3f, a);
          timeline.sample(p.start + 1e-3f, b);
          for (std::size_t i = 0; i < a.angles.size(); ++i)
            CHECK(std::fabs(a.angles[i] - b.angles[i]) < 0.01f);
        }
      }
    }
  }
}

TEST_CASE("key gauge zones follow the stretch direction", "[playback]") {
  const Stretch* ham = test::shipped().library.find("hamstrings-supine-straight-leg");
  REQUIRE(ham);
  auto tl = buildTimeline(*ham, "static", an::Side::Right, {}, test::rom());
  REQUIRE(tl.ok());
  const KeyGauge& g = tl->key;
  CHECK(g.direction == 1.0f);
  CHECK(g.zone(10.0f) == Zone::BelowBarrier);
  CHECK(g.zone(55.0f) == Zone::Stretching);
  CHECK(g.zone(70.0f) == Zone::InTarget);
  CHECK(g.zone(85.0f) == Zone::BeyondTarget);
  // A decreasing stretch (bent-knee hamstrings: knee flexion 90 -> 25).
  const Stretch* bent = test::shipped().library.find("hamstrings-supine-bent-knee");
  REQUIRE(bent);
  const KeyGauge k = buildTimeline(*bent, "static", an::Side::Right, {}, test::rom())->key;
  CHECK(k.direction == -1.0f);
  CHECK(k.zone(80.0f) == Zone::BelowBarrier);
  CHECK(k.zone(45.0f) == Zone::Stretching);
  CHECK(k.zone(25.0f) == Zone::InTarget);
  CHECK(k.zone(5.0f) == Zone::BeyondTarget);
  // Live value from a sampled pose at the end of the static hold.
  an::Pose p;
  const auto& timeline = tl->timeline;
  timeline.sample(timeline.phase(2).start + 10.0f, p);
  CHECK(g.zone(g.value(p)) == Zone::InTarget);
}

TEST_CASE("client profile scales the range, never past normal + 10 %", "[playback]") {
  const Stretch* ham = test::shipped().library.find("hamstrings-supine-straight-leg");
  REQUIRE(ham);
  const an::Pose& end = ham->pose("end")->pose;
  const float endKey = end.get(an::Motion::HipFlexion, an::Side::Right);  // 72

  ClientProfile stiff;
  stiff.flexibility = Flexibility::Stiff;
  auto tl = buildTimeline(*ham, "static", an::Side::Right, stiff, test::rom());
  REQUIRE(tl.ok());
  CHECK(tl->rangeFactor == Approx(0.8f));
  an::Pose p;
  tl->timeline.sample(tl->timeline.phase(2).start + 1.0f, p);  // static hold at the end
  CHECK(p.get(an::Motion::HipFlexion, an::Side::Right) == Approx(0.8f * endKey));
  CHECK(tl->key.target.max == Approx(0.8f * ham->key.target.max));

  ClientProfile measured;
  measured.measuredKeyRange = 54.0f;
  tl = buildTimeline(*ham, "static", an::Side::Right, measured, test::rom());
  tl->timeline.sample(tl->timeline.phase(2).start + 1.0f, p);
  CHECK(p.get(an::Motion::HipFlexion, an::Side::Right) == Approx(54.0f));

  // Normal range [0, 81] + 10 % of its span = 89.1: a measured 150 is capped there.
  measured.measuredKeyRange = 150.0f;
  tl = buildTimeline(*ham, "static", an::Side::Right, measured, test::rom());
  CHECK(tl->rangeLimited);
  tl->timeline.sample(tl->timeline.phase(2).start + 1.0f, p);
  CHECK(p.get(an::Motion::HipFlexion, an::Side::Right) == Approx(81.0f + 8.1f));

  ClientProfile flexible;
  flexible.flexibility = Flexibility::Flexible;
  flexible.holdSeconds = 45.0f;
  tl = buildTimeline(*ham, "static", an::Side::Left, flexible, test::rom());
  CHECK(tl->rangeFactor == Approx(1.15f));
  tl->timeline.sample(tl->timeline.phase(2).start + 1.0f, p);
  CHECK(p.get(an::Motion::HipFlexion, an::Side::Left) == Approx(1.15f * endKey));
  CHECK(p.get(an::Motion::HipFlexion, an::Side::Right) == Approx(0.0f));
  for (const auto& ph : tl->timeline.phases()) {
    if (static_cast<PhaseKind>(ph.kind) == PhaseKind::Hold) CHECK(ph.duration == 45.0f);
  }
}

TEST_CASE("contract-relax cycles deepen from the barrier toward the end", "[playback]") {
  const Stretch* ham = test::shipped().library.find("hamstrings-supine-straight-leg");
  REQUIRE(ham);
  auto tl = buildTimeline(*ham, "contract_relax", an::Side::Right, {}, test::rom());
  REQUIRE(tl.ok());
  const auto& timeline = tl->timeline;
  std::vector<float> atContract;
  an::Pose p;
  for (int i = 0; i < timeline.phaseCount(); ++i) {
    const auto& ph = timeline.phase(i);
    if (static_cast<PhaseKind>(ph.kind) != PhaseKind::Contract) continue;
    timeline.sample(ph.start + 0.5f * ph.duration, p);
    atContract.push_back(p.get(an::Motion::HipFlexion, an::Side::Right));
    CHECK(tl->phaseText(i).cue == "Push your heel down into my hand");
  }
  REQUIRE(atContract.size() == 3);
  CHECK(atContract[0] == Approx(50.0f));  // barrier
  CHECK(atContract[1] > atContract[0]);
  CHECK(atContract[2] > atContract[1]);
  CHECK(atContract[2] < 72.0f);
  // The final hold is at the end pose.
  const int last = timeline.phaseCount() - 2;
  timeline.sample(timeline.phase(last).start + 1.0f, p);
  CHECK(p.get(an::Motion::HipFlexion, an::Side::Right) == Approx(72.0f));
}

TEST_CASE("unknown technique is an error", "[playback]") {
  const Stretch& s = test::shipped().library.stretches.front();
  auto tl = buildTimeline(s, "yoga", an::Side::Right, {}, test::rom());
  REQUIRE_FALSE(tl.ok());
  CHECK(tl.error().message.find("has no technique \"yoga\"") != std::string::npos);
}

TEST_CASE("the gauge's band stops at the client's own limit", "[playback]") {
  KeyGauge g;
  g.target = {60.0f, 80.0f};
  g.direction = 1.0f;
  Range r = g.reachableBand(70.0f);  // reaches into the band
  CHECK(r.min == 60.0f);
  CHECK(r.max == 70.0f);
  r = g.reachableBand(95.0f);  // beyond it: the whole band
  CHECK(r.max == 80.0f);
  r = g.reachableBand(50.0f);  // short of it: nothing
  CHECK(r.min > r.max);
  // A stretch that decreases the value reaches the band from above.
  g.target = {-40.0f, -20.0f};
  g.direction = -1.0f;
  r = g.reachableBand(-30.0f);
  CHECK(r.min == -30.0f);
  CHECK(r.max == -20.0f);
  r = g.reachableBand(-10.0f);
  CHECK(r.min > r.max);
  // Every shipped stretch, both sides: the band drawn never passes the client's limit.
  for (const Stretch& s : test::shipped().library.stretches) {
    for (const auto& t : s.techniques) {
      INFO(s.id << " " << t.id);
      const auto tl = buildTimeline(s, t.id, s.side, ClientProfile{}, test::rom());
      if (!tl) continue;
      const float limit =
          tl->key.direction >= 0.0f ? tl->key.target.min + 1.0f : tl->key.target.max - 1.0f;
      const Range band = tl->key.reachableBand(limit);
      if (tl->key.direction >= 0.0f) {
        CHECK(band.max <= limit);
      } else {
        CHECK(band.min >= limit);
      }
    }
  }
}
