// The stretch session without a display: opening, side / technique / profile / body changes
// keep the moment, muscles follow the client's skeleton, and the per-frame path allocates
// nothing.
#include <catch2/catch.hpp>

#include <cmath>

#include "routines/routine.h"
#include "routines/session_plan.h"
#include "session/session.h"
#include "session/stretch_scene.h"
#include "support/fixtures.h"
#include "support/session_frames.h"

namespace {

using sv::anatomy::Side;
using sv::session::Cast;
using sv::session::Figure;
using sv::session::Session;

int indexOf(const char* id) {
  const auto* s = sv::test::library().find(id);
  REQUIRE(s != nullptr);
  return static_cast<int>(s - sv::test::library().stretches.data());
}

// A cast of the two default bodies and a session on it, with muscles.
struct Fixture {
  Cast cast;
  std::unique_ptr<Session> session;
  Fixture() {
    std::string warning;
    REQUIRE(cast.load(SV_BODY_PATH, std::nullopt, sv::body::defaultClientShape(),
                      sv::body::defaultPractitionerShape(), &warning)
                .ok());
    session = std::make_unique<Session>(sv::test::library(), sv::test::rom(), cast);
    auto set = sv::muscles::loadMuscleSet(SV_MUSCLES_PATH);
    REQUIRE(set.ok());
    REQUIRE(session->setMuscleSet(std::move(*set)).ok());
  }
};

}  // namespace

TEST_CASE("open refuses an unknown stretch or technique and keeps what was open") {
  Fixture f;
  Session& s = *f.session;
  CHECK_FALSE(s.isOpen());
  CHECK_FALSE(s.open(-1, Side::Right, "").ok());
  CHECK_FALSE(s.open(100000, Side::Right, "").ok());
  const int i = indexOf("hamstrings-supine-straight-leg");
  REQUIRE(s.open(i, Side::Right, "contract_relax").ok());
  const auto bad = s.setTechnique("no-such-technique");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("contract_relax") != std::string::npos);  // lists the known
  CHECK(s.technique() == "contract_relax");
  CHECK(s.stretchIndex() == i);
  CHECK(s.stretch()->id == "hamstrings-supine-straight-leg");
  CHECK(s.player().time() == 0.0f);
  CHECK_FALSE(s.player().playing());
  REQUIRE(s.assist() != nullptr);  // the practitioner is staged
  CHECK(s.takeProblems().empty());
}

TEST_CASE("another side or technique keeps the moment and the play state") {
  Fixture f;
  Session& s = *f.session;
  REQUIRE(s.open(indexOf("hamstrings-supine-straight-leg"), Side::Right, "contract_relax").ok());
  s.player().play();
  s.advance(12.0f);
  const float t = s.player().time();
  REQUIRE(t == Approx(12.0f));
  const float rightKnee = s.clientModel()[static_cast<std::size_t>(sv::anatomy::Joint::KneeR)][3].y;
  REQUIRE(s.setSide(Side::Left).ok());
  CHECK(s.side() == Side::Left);
  CHECK(s.player().time() == Approx(t));
  CHECK(s.player().playing());
  // The left leg is the one raised now.
  const auto model = s.clientModel();
  CHECK(model[static_cast<std::size_t>(sv::anatomy::Joint::KneeL)][3].y ==
        Approx(rightKnee).margin(0.02));
  CHECK(model[static_cast<std::size_t>(sv::anatomy::Joint::KneeR)][3].y < rightKnee - 0.1f);
  REQUIRE(s.setTechnique("static").ok());
  CHECK(s.technique() == "static");
  CHECK(s.player().time() == Approx(std::min(t, s.timeline()->timeline.duration())));
  CHECK(s.player().playing());
}

TEST_CASE("a stiffer profile lowers the client's limit at the same moment") {
  Fixture f;
  Session& s = *f.session;
  REQUIRE(s.open(indexOf("hamstrings-supine-straight-leg"), Side::Right, "static").ok());
  s.player().seek(20.0f);
  s.evaluate();
  const float average = s.clientLimit();
  sv::stretches::ClientProfile stiff;
  stiff.flexibility = sv::stretches::Flexibility::Stiff;
  s.setProfile(stiff);
  CHECK(s.profile().flexibility == sv::stretches::Flexibility::Stiff);
  CHECK(std::fabs(s.clientLimit()) < std::fabs(average) - 1.0f);
  CHECK(s.player().time() == Approx(20.0f));
}

TEST_CASE("a new client body rebuilds skeleton, muscles and staging, keeps the moment") {
  Fixture f;
  Session& s = *f.session;
  REQUIRE(s.open(indexOf("hamstrings-supine-straight-leg"), Side::Right, "static").ok());
  s.player().seek(15.0f);
  s.evaluate();
  const std::uint32_t mesh0 = f.cast.meshGeneration(Figure::Client);
  const std::uint32_t prac0 = f.cast.meshGeneration(Figure::Practitioner);
  const std::uint32_t env0 = s.environmentGeneration();
  const float height0 = f.cast.skeleton().height;
  sv::body::BodyShape tall = sv::body::defaultClientShape();
  tall.height = 1.95f;
  std::string warning;
  REQUIRE(s.reshape(Figure::Client, tall, &warning).ok());
  CHECK(warning.empty());
  CHECK(f.cast.meshGeneration(Figure::Client) == mesh0 + 1);
  CHECK(f.cast.meshGeneration(Figure::Practitioner) == prac0);
  CHECK(s.environmentGeneration() != env0);  // staged again for the new body
  CHECK(f.cast.skeleton().height > height0 + 0.2f);
  REQUIRE(s.muscles() != nullptr);
  CHECK(s.muscles()->skeleton().height == Approx(f.cast.skeleton().height));
  CHECK(s.player().time() == Approx(15.0f));
  CHECK(s.targetMuscle() >= 0);
}

TEST_CASE("the target muscle's curve spans the timeline and peaks past the start") {
  Fixture f;
  Session& s = *f.session;
  REQUIRE(s.open(indexOf("hamstrings-supine-straight-leg"), Side::Right, "static").ok());
  REQUIRE(s.targetMuscle() >= 0);
  const auto curve = s.targetCurve();
  REQUIRE(curve.size() == static_cast<std::size_t>(Session::kCurveSamples));
  float peak = -1e9f;
  for (float v : curve) peak = std::max(peak, v);
  CHECK(peak > curve.front() + 0.2f);
  CHECK(s.muscles()->info(s.targetMuscle()).side == Side::Right);
}

TEST_CASE("closing shows the client standing at ease") {
  Fixture f;
  Session& s = *f.session;
  REQUIRE(s.open(indexOf("hamstrings-supine-straight-leg"), Side::Right, "static").ok());
  s.close();
  CHECK_FALSE(s.isOpen());
  CHECK(s.stretch() == nullptr);
  CHECK(s.assist() == nullptr);
  s.evaluate();
  CHECK(s.pose().get(sv::anatomy::Motion::ElbowFlexion, Side::Left) ==
        Approx(Cast::idlePose().get(sv::anatomy::Motion::ElbowFlexion, Side::Left)));
  CHECK_FALSE(s.setSide(Side::Left).ok());
}

TEST_CASE("advancing and drawing a moment allocates nothing") {
  Fixture f;
  Session& s = *f.session;
  REQUIRE(s.open(indexOf("hamstrings-supine-straight-leg"), Side::Right, "contract_relax").ok());
  sv::session::SceneOptions options;
  options.musclePaths = true;
  options.skeletonOverlay = true;
  sv::DrawList list;
  CHECK(sv::test::framesAllocations(s, options, list) == 0);
}

TEST_CASE("a routine's repetitions play as the plan times them") {
  Fixture f;
  Session& s = *f.session;
  sv::routines::RoutineContext ctx;
  ctx.library = &sv::test::library();
  auto routine = sv::routines::loadRoutineFile(SV_ROUTINE_PATH, ctx);
  REQUIRE(routine.ok());
  auto plan = sv::routines::planSession(*routine.value, sv::test::library(), sv::test::rom());
  REQUIRE(plan.ok());
  REQUIRE_FALSE(plan->segments.empty());
  for (const sv::routines::PlanSegment& seg : plan->segments) {
    INFO(seg.stretch->id << " " << seg.technique);
    const int index = static_cast<int>(seg.stretch - sv::test::library().stretches.data());
    s.setCycleCount(seg.dose.repetitions);
    s.setProfile(seg.profile);
    REQUIRE(s.open(index, seg.side, seg.technique).ok());
    CHECK(s.timeline()->timeline.duration() == Approx(seg.duration).margin(1e-3));
  }
  // Back to the file's count: a different length for a dose that differs from it.
  const sv::routines::PlanSegment& first = plan->segments.front();
  s.setCycleCount(std::nullopt);
  const sv::stretches::Technique* t = first.stretch->technique(first.technique);
  REQUIRE(t != nullptr);
  if (t->cycles != first.dose.repetitions) {
    CHECK(s.timeline()->timeline.duration() != Approx(first.duration).margin(0.5));
  }
}
