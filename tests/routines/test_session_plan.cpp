// The session plan: segment order, timing from the dose, the client's profile, and lookup.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "routine_support.h"
#include "routines/session_plan.h"

namespace sv::routines::test {
namespace {

using anatomy::Side;

// Duration of the stretch's technique as buildTimeline plays it with the file's own timing.
float ownDuration(const std::string& id, const std::string& technique, Side side) {
  const stretches::Stretch* s = library().find(id);
  REQUIRE(s);
  auto tl = stretches::buildTimeline(*s, technique, side, {}, sv::test::rom());
  REQUIRE(tl.ok());
  return tl->timeline.duration();
}

}  // namespace

TEST_CASE("a session plays every entry in order, both sides right then left") {
  const Routine r = exampleRoutine();
  auto plan = planSession(r, library(), sv::test::rom());
  REQUIRE(plan.ok());
  REQUIRE(plan->segments.size() == 2 * r.entries.size());
  float sum = 0.0f;
  for (std::size_t i = 0; i < plan->segments.size(); ++i) {
    const PlanSegment& seg = plan->segments[i];
    CHECK(seg.entry == i / 2);
    CHECK(seg.stretch->id == r.entries[i / 2].stretch);
    CHECK(seg.side == (i % 2 == 0 ? Side::Right : Side::Left));
    CHECK(seg.timeline.side == seg.side);
    CHECK(seg.start == Approx(sum));
    CHECK(seg.duration == Approx(seg.timeline.timeline.duration()));
    sum += seg.duration;
  }
  CHECK(plan->total == Approx(sum));
}

TEST_CASE("the entry's hold time and repetitions set the timing") {
  Routine r = named<Routine>("t", "T");
  const std::string id = "hamstrings-supine-straight-leg";
  r.entries.push_back({id, EntrySide::Right, "static", std::nullopt, std::nullopt, {}, ""});
  const stretches::Stretch& s = *library().find(id);
  const stretches::Technique& t = *s.technique("static");
  const float base = ownDuration(id, "static", Side::Right);
  auto plan = planSession(r, library(), sv::test::rom());
  REQUIRE(plan.ok());
  CHECK(plan->total == Approx(base));
  float holdsPerCycle = 0.0f;
  float cycleLength = 0.0f;
  for (const auto& ph : t.cycle) {
    holdsPerCycle += ph.kind == stretches::PhaseKind::Hold ? 1.0f : 0.0f;
    cycleLength += ph.duration;
  }
  REQUIRE(holdsPerCycle >= 1.0f);

  // A 20 s hold instead of the file's shortens every hold of every cycle.
  const float fileHold = *effectiveDose(r.entries[0], s)->holdSeconds;
  r.entries[0].holdSeconds = 20.0f;
  plan = planSession(r, library(), sv::test::rom());
  REQUIRE(plan.ok());
  CHECK(plan->total ==
        Approx(base - static_cast<float>(t.cycles) * holdsPerCycle * (fileHold - 20.0f)));

  // One more repetition is one more cycle (with the 20 s holds).
  r.entries[0].repetitions = t.cycles + 1;
  auto more = planSession(r, library(), sv::test::rom());
  REQUIRE(more.ok());
  CHECK(more->total == Approx(plan->total + cycleLength - holdsPerCycle * (fileHold - 20.0f)));
  CHECK(more->segments[0].dose.repetitions == t.cycles + 1);
}

TEST_CASE("changeovers separate segments and at() finds the segment playing") {
  const Routine r = exampleRoutine();
  auto plan = planSession(r, library(), sv::test::rom(), nullptr, {8.0f});
  REQUIRE(plan.ok());
  const auto& segs = plan->segments;
  float sum = 0.0f;
  for (const auto& s : segs) sum += s.duration;
  CHECK(plan->total == Approx(sum + 8.0f * static_cast<float>(segs.size() - 1)));
  for (std::size_t i = 1; i < segs.size(); ++i) {
    CHECK(segs[i].start == Approx(segs[i - 1].end() + 8.0f));
  }
  auto p = plan->at(0.0f);
  REQUIRE(p);
  CHECK(p->segment == 0);
  CHECK(p->local == 0.0f);
  p = plan->at(segs[2].start + 5.0f);
  CHECK(p->segment == 2);
  CHECK(p->local == Approx(5.0f));
  CHECK_FALSE(p->changeover);
  p = plan->at(segs[2].end() + 1.0f);  // the gap before segment 3
  CHECK(p->segment == 3);
  CHECK(p->changeover);
  CHECK(p->local == 0.0f);
  p = plan->at(plan->total + 100.0f);
  CHECK(p->segment == segs.size() - 1);
  CHECK(p->local == Approx(segs.back().duration));
  CHECK_FALSE(planSession(r, library(), sv::test::rom(), nullptr, {-1.0f}).ok());
  CHECK_FALSE(planSession(r, library(), sv::test::rom(), nullptr, {std::nanf("")}).ok());
  Routine empty;
  auto none = planSession(empty, library(), sv::test::rom());
  REQUIRE(none.ok());
  CHECK(none->total == 0.0f);
  CHECK_FALSE(none->at(0.0f));
}

TEST_CASE("the client's measured range and flexibility shape each side's poses") {
  Routine r = named<Routine>("t", "T");
  const std::string id = "hamstrings-supine-straight-leg";
  r.entries.push_back({id, EntrySide::Both, "static", 25.0f, 2, {}, ""});
  Client c = named<Client>("c", "C");
  c.flexibility = stretches::Flexibility::Stiff;
  c.measurements.push_back({anatomy::Motion::HipFlexion, Side::Right, 55.0f, "2024-01-01", id, ""});
  auto plan = planSession(r, library(), sv::test::rom(), &c);
  REQUIRE(plan.ok());
  REQUIRE(plan->segments.size() == 2);
  const auto& right = plan->segments[0];
  const auto& left = plan->segments[1];
  CHECK(right.profile.measuredKeyRange == 55.0f);
  CHECK(right.profile.holdSeconds == 25.0f);
  // No left measurement: the stiff factor applies there.
  CHECK_FALSE(left.profile.measuredKeyRange);
  CHECK(left.profile.flexibility == stretches::Flexibility::Stiff);
  CHECK(left.timeline.rangeFactor == Approx(stretches::kStiffFactor));
  // At its deepest the right side reaches the measured value (the end pose is scaled to it).
  float deepest = -1e9f;
  for (float t = 0.0f; t <= right.duration; t += 0.25f) {
    anatomy::Pose pose;
    right.timeline.timeline.sample(t, pose);
    deepest = std::max(deepest, right.timeline.key.value(pose));
  }
  CHECK(deepest == Approx(55.0f).margin(0.5f));
  // Without the client: average, the file's range.
  auto plain = planSession(r, library(), sv::test::rom());
  REQUIRE(plain.ok());
  CHECK(plain->segments[1].timeline.rangeFactor == Approx(1.0f));
}

TEST_CASE("a routine the library cannot play says which entry") {
  Routine r = named<Routine>("t", "T");
  r.entries.push_back(
      {"hamstrings-supine-straight-leg", EntrySide::Left, "static", {}, {}, {}, ""});
  r.entries.push_back({"no-such-stretch", EntrySide::Left, "static", {}, {}, {}, ""});
  auto plan = planSession(r, library(), sv::test::rom());
  REQUIRE_FALSE(plan.ok());
  CHECK(plan.error().message == "routine \"t\", entry 2: unknown stretch \"no-such-stretch\"");
  r.entries[1] = {"piriformis-supine-cross-body", EntrySide::Left, "crac", {}, {}, {}, ""};
  plan = planSession(r, library(), sv::test::rom());
  REQUIRE_FALSE(plan.ok());
  CHECK(plan.error().message.find("entry 2: \"piriformis-supine-cross-body\" does not offer") !=
        std::string::npos);
}

}  // namespace sv::routines::test
