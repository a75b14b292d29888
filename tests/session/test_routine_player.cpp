// Session mode (session/routine_player.h): a routine played on a Session item after item,
// each segment with the plan's timing; next / previous; the label; nothing allocated per
// frame between two segments.
#include <catch2/catch.hpp>

#include <cstring>

#include "routines/routine.h"
#include "routines/session_plan.h"
#include "session/routine_player.h"
#include "session/session.h"
#include "support/alloc_count.h"
#include "support/fixtures.h"

namespace {

using sv::routines::Routine;
using sv::routines::SessionPlan;
using sv::session::Cast;
using sv::session::RoutinePlayer;
using sv::session::Session;

struct Fixture {
  Cast cast;
  std::unique_ptr<Session> session;
  Routine routine;
  Fixture() {
    std::string warning;
    REQUIRE(cast.load(SV_BODY_PATH, std::nullopt, sv::body::defaultClientShape(),
                      sv::body::defaultPractitionerShape(), &warning)
                .ok());
    session = std::make_unique<Session>(sv::test::library(), sv::test::rom(), cast);
    auto r = sv::routines::loadRoutineFile(SV_ROUTINE_PATH, {&sv::test::library(), nullptr});
    REQUIRE(r.ok());
    routine = *r.value;
  }
  SessionPlan plan() const {
    auto p = sv::routines::planSession(routine, sv::test::library(), sv::test::rom());
    REQUIRE(p.ok());
    return std::move(*p);
  }
};

}  // namespace

TEST_CASE("session mode plays every segment in order with the plan's timing") {
  Fixture f;
  Session& s = *f.session;
  const SessionPlan plan = f.plan();
  REQUIRE(plan.segments.size() >= 6);
  RoutinePlayer rp;
  s.player().setLoop(true);  // the workspace's settings: restored when session mode ends
  s.player().setRepeatCount(3);
  REQUIRE(rp.start(s, f.plan(), f.routine).ok());
  CHECK(rp.active());
  CHECK(s.player().playing());
  CHECK_FALSE(s.player().loop());
  CHECK(std::string(rp.label()).rfind("1 of 6 — ", 0) == 0);

  // Uneven frames, as a window has them: the open segment is always the one the plan puts at
  // that moment, its timeline that segment's (duration, cycles), its time the plan's local.
  const float steps[] = {0.016f, 0.4f, 1.3f, 0.033f, 2.7f};
  double t = 0.0;  // the test's clock in double: a float sum drifts by ms over 15 minutes
  int k = 0;
  std::size_t segmentsSeen = 1;
  std::size_t last = 0;
  while (t < plan.total - 3.0f) {
    const float dt = steps[k++ % 5];
    const bool opened = rp.advance(s, dt);
    t += dt;
    const auto pos = plan.at(static_cast<float>(t));
    REQUIRE(pos.has_value());
    INFO("t = " << t << ", segment " << rp.segment());
    // Right at a boundary float sums may disagree by a frame: skip the instants near one.
    const auto& seg = plan.segments[pos->segment];
    if (t - seg.start < 0.01 || seg.end() - t < 0.01) continue;
    REQUIRE(rp.segment() == pos->segment);
    CHECK(opened == (rp.segment() != last));
    if (rp.segment() != last) ++segmentsSeen;
    last = rp.segment();
    CHECK(s.stretch()->id == seg.stretch->id);
    CHECK(s.side() == seg.side);
    CHECK(s.timeline()->timeline.duration() == Approx(seg.duration).margin(1e-3));
    // Each segment's clock restarts at its start: only the float steps within one add up.
    CHECK(s.player().time() == Approx(t - seg.start).margin(5e-3));
    CHECK(rp.sessionTime(s) == Approx(t).margin(1e-2));
  }
  CHECK(segmentsSeen == plan.segments.size());
  // The end of the last segment: session mode stays on, finished, the player stopped there.
  for (int i = 0; i < 10 && !rp.finished(); ++i) rp.advance(s, 1.0f);
  CHECK(rp.finished());
  CHECK_FALSE(s.player().playing());
  CHECK(rp.segment() == plan.segments.size() - 1);
  CHECK(rp.progress(s) == Approx(1.0f));

  rp.stop(s);
  CHECK_FALSE(rp.active());
  CHECK(s.player().loop());
  CHECK(s.player().repeatCount() == 3);
  CHECK_FALSE(s.cycleCount().has_value());
}

TEST_CASE("session mode: the routine's repetitions are the segment's cycles") {
  Fixture f;
  Session& s = *f.session;
  // Entry 1 as 4 repetitions, and its side right only.
  f.routine.entries[0].repetitions = 4;
  f.routine.entries[0].side = sv::routines::EntrySide::Right;
  const SessionPlan plan = f.plan();
  RoutinePlayer rp;
  REQUIRE(rp.start(s, f.plan(), f.routine).ok());
  CHECK(s.cycleCount() == 4);
  CHECK(s.timeline()->timeline.duration() == Approx(plan.segments[0].duration));
  CHECK(std::strstr(rp.label(), "(right)") == nullptr);  // one side: no side in the label
  REQUIRE(rp.next(s).ok());
  CHECK(std::string(rp.label()).rfind("2 of 6 — ", 0) == 0);
  CHECK(std::strstr(rp.label(), "(right)") != nullptr);  // entry 2 plays both sides
  CHECK(s.cycleCount() == plan.segments[1].dose.repetitions);
}

TEST_CASE("session mode: next, previous and the last segment") {
  Fixture f;
  Session& s = *f.session;
  const SessionPlan plan = f.plan();
  RoutinePlayer rp;
  CHECK_FALSE(rp.start(s, SessionPlan{}, f.routine).ok());  // an empty plan
  CHECK_FALSE(rp.active());
  CHECK_FALSE(rp.next(s).ok());
  REQUIRE(rp.start(s, f.plan(), f.routine, 2).ok());
  CHECK(rp.segment() == 2);
  REQUIRE(rp.next(s).ok());
  CHECK(rp.segment() == 3);
  CHECK(s.player().time() == 0.0f);
  CHECK(s.player().playing());
  // Previous: early in a segment, the one before; later, back to this one's start.
  REQUIRE(rp.previous(s).ok());
  CHECK(rp.segment() == 2);
  rp.advance(s, 5.0f);
  REQUIRE(rp.previous(s).ok());
  CHECK(rp.segment() == 2);
  CHECK(s.player().time() == 0.0f);
  // The workspace's Loop turned on mid-session: off again, so the segment still ends.
  s.player().setLoop(true);
  rp.advance(s, 0.1f);
  CHECK_FALSE(s.player().loop());
  REQUIRE(rp.go(s, plan.segments.size() - 1).ok());
  CHECK_FALSE(rp.next(s).ok());
  CHECK(std::string(rp.label()).rfind("6 of 6 — ", 0) == 0);
  CHECK_FALSE(rp.go(s, plan.segments.size()).ok());
}

TEST_CASE("session mode allocates nothing per frame within a segment") {
  Fixture f;
  Session& s = *f.session;
  RoutinePlayer rp;
  REQUIRE(rp.start(s, f.plan(), f.routine).ok());
  rp.advance(s, 1.0f / 60.0f);  // first-frame work done
  const char* label = rp.label();
  long allocations = 0;
  {
    sv::test::AllocationCount count;
    for (int i = 0; i < 120; ++i) {
      rp.advance(s, 1.0f / 60.0f);
      label = rp.label();
      (void)rp.progress(s);
    }
    allocations = count.count();
  }
  CHECK(allocations == 0);
  CHECK(rp.segment() == 0);
  CHECK(label[0] == '1');
}

TEST_CASE("session mode: a changeover between stretches says what comes next, then plays it") {
  Fixture f;
  Session& s = *f.session;
  auto planned =
      sv::routines::planSession(f.routine, sv::test::library(), sv::test::rom(), nullptr, {3.0f});
  REQUIRE(planned.ok());
  const SessionPlan plan = *planned;
  RoutinePlayer rp;
  REQUIRE(rp.start(s, std::move(*planned), f.routine).ok());
  CHECK_FALSE(rp.inChangeover());
  CHECK(rp.changeoverText()[0] == '\0');
  const auto& first = plan.segments[0];
  const auto& second = plan.segments[1];
  // To 0.5 s before the first segment's end, then a frame that crosses it by 0.25 s.
  rp.advance(s, first.duration - 0.5f);
  CHECK_FALSE(rp.inChangeover());
  CHECK(rp.advance(s, 0.75f));  // the next segment opened, paused at its start
  REQUIRE(rp.inChangeover());
  CHECK(rp.segment() == 1);
  CHECK(s.stretch()->id == second.stretch->id);
  CHECK(s.side() == second.side);
  CHECK_FALSE(s.player().playing());
  CHECK(s.player().time() == 0.0f);
  CHECK(rp.changeoverLeft() == Approx(2.75f).margin(1e-4));
  CHECK(std::string(rp.changeoverText()) == "Next: " + second.stretch->name + " in 3 s");
  // The session clock and the plan agree during the gap.
  const float t = first.end() + 0.25f;
  const auto pos = plan.at(t);
  REQUIRE(pos.has_value());
  CHECK(pos->changeover);
  CHECK(pos->segment == rp.segment());
  CHECK(rp.sessionTime(s) == Approx(t).margin(1e-3));
  // Counting down allocates nothing, text updates included; the moment stays.
  long allocations = 0;
  {
    sv::test::AllocationCount count;
    rp.advance(s, 1.0f);
    allocations = count.count();
  }
  CHECK(allocations == 0);
  CHECK(std::string(rp.changeoverText()) == "Next: " + second.stretch->name + " in 2 s");
  CHECK(s.player().time() == 0.0f);
  // The gap ends within a frame: the rest of that frame plays in the segment.
  CHECK_FALSE(rp.advance(s, 2.0f));
  CHECK_FALSE(rp.inChangeover());
  CHECK(rp.changeoverText()[0] == '\0');
  CHECK(s.player().playing());
  CHECK(s.player().time() == Approx(0.25f).margin(1e-4));
  CHECK(rp.segment() == 1);
  CHECK(rp.sessionTime(s) == Approx(second.start + 0.25f).margin(1e-3));

  // Skipped: plays at once. Next during a gap ends it too.
  rp.advance(s, second.duration);  // into the gap before segment 2
  REQUIRE(rp.inChangeover());
  CHECK(rp.segment() == 2);
  rp.skipChangeover(s);
  CHECK_FALSE(rp.inChangeover());
  CHECK(s.player().playing());
  rp.advance(s, plan.segments[2].duration + 0.1f);
  REQUIRE(rp.inChangeover());
  REQUIRE(rp.next(s).ok());
  CHECK_FALSE(rp.inChangeover());
  CHECK(rp.segment() == 4);
  CHECK(s.player().playing());
  // A changeover shorter than a frame is passed within it.
  rp.advance(s, plan.segments[4].duration - 0.1f);
  rp.advance(s, 3.5f);  // 0.1 s to the end, 3 s of gap, 0.4 s into segment 5
  CHECK_FALSE(rp.inChangeover());
  CHECK(rp.segment() == 5);
  CHECK(s.player().time() == Approx(0.4f).margin(1e-3));
  rp.stop(s);
  CHECK_FALSE(rp.inChangeover());
}
