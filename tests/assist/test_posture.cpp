// The practitioner's postures (assist/posture.h): supports on the floor at every depth, the
// legs where each posture puts them, and a file's posture reaching the staged practitioner.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <memory>

#include "anatomy/kinematics.h"
#include "assist/assist.h"
#include "assist/posture.h"
#include "assist/staging_check.h"
#include "stretches/playback.h"
#include "support/fixtures.h"

using namespace sv;
using namespace sv::assist;
using anatomy::Joint;
using anatomy::Side;
using stretches::PractitionerPosture;

namespace {

struct Posed {
  std::array<glm::mat4, anatomy::kJointCount> model{};
  FigureCapsules capsules;
};

// The practitioner at the rest place (facing +Z), legs from `sample`.
Posed pose(const PostureSample& sample, const FigureCapsules& fit) {
  const anatomy::Skeleton& sk = test::bodies().practitioner.skeleton();
  anatomy::Pose p;
  applyPosture(sample, 0.0f, p);
  p.root.translation = glm::vec3(0.0f, -sample.drop, sample.forward);
  std::array<anatomy::Transform, anatomy::kJointCount> local{};
  Posed out;
  anatomy::poseToLocal(sk, p, local);
  anatomy::localToModel(sk, local, out.model);
  placeFigure(fit, out.model, out.capsules);
  return out;
}

glm::vec3 at(const Posed& p, Joint j) {
  return glm::vec3(p.model[anatomy::index(j)][3]);
}

}  // namespace

TEST_CASE("postures: the supports stand on the floor at every depth and nothing goes below it") {
  const anatomy::Skeleton& sk = test::bodies().practitioner.skeleton();
  const FigureCapsules fit = fitFigure(test::bodies().practitioner);
  for (PractitionerPosture posture :
       {PractitionerPosture::Standing, PractitionerPosture::Lunge,
        PractitionerPosture::HalfKneeling, PractitionerPosture::Kneeling}) {
    for (Side lead : {Side::Left, Side::Right}) {
      const PostureTable t = buildPostureTable(sk, fit, posture, lead, 40.0f);
      CHECK(t.supportCount == (posture == PractitionerPosture::Standing ? 1 : 2));
      const bool kneels =
          posture == PractitionerPosture::HalfKneeling || posture == PractitionerPosture::Kneeling;
      CHECK(t.maxSquat == (kneels ? 0.0f : 40.0f));
      for (float squat : {0.0f, 10.0f, 25.0f, 40.0f}) {
        INFO(stretches::practitionerPostureId(posture)
             << (lead == Side::Left ? " left" : " right") << " lead, squat " << squat);
        const Posed p = pose(samplePosture(t, squat), fit);
        std::array<float, 2> low{};
        supportLowest(t, p.capsules, low);
        for (int k = 0; k < t.supportCount; ++k) {
          CHECK(low[static_cast<std::size_t>(k)] - t.restLowest == Approx(0.0f).margin(0.006f));
        }
        float lowest = 1.0f;
        for (int i = 0; i < p.capsules.count; ++i) {
          const BodyCapsule& c = p.capsules.capsules[static_cast<std::size_t>(i)];
          lowest = std::min(lowest, std::min(c.a.y, c.b.y) - c.radius);
        }
        CHECK(lowest >= t.restLowest - 0.006f);
      }
    }
  }
}

TEST_CASE(
    "postures: a lunge steps the lead foot ahead and goes down; kneeling rests on the knees") {
  const anatomy::Skeleton& sk = test::bodies().practitioner.skeleton();
  const FigureCapsules fit = fitFigure(test::bodies().practitioner);
  const PostureTable lunge = buildPostureTable(sk, fit, PractitionerPosture::Lunge, Side::Left, 40);
  float lastDrop = -1.0f;
  for (float squat : {0.0f, 10.0f, 20.0f, 30.0f, 40.0f}) {
    INFO("squat " << squat);
    const PostureSample s = samplePosture(lunge, squat);
    CHECK(s.drop > lastDrop);  // deeper with the parameter
    lastDrop = s.drop;
    const Posed p = pose(s, fit);
    const glm::vec3 pelvis = at(p, Joint::Pelvis);
    CHECK(at(p, Joint::AnkleL).z > pelvis.z + 0.25f);  // the lead (left) foot ahead
    CHECK(at(p, Joint::AnkleR).z < pelvis.z - 0.30f);  // the back foot behind
    CHECK(s.kneeFlexion[0] > 10.0f);                   // the front knee bent
    CHECK(s.toesExtension[1] > 0.0f);                  // the back foot on its ball
  }
  CHECK(lastDrop > 0.25f);  // a deep lunge lowers the pelvis a quarter metre and more

  for (PractitionerPosture posture :
       {PractitionerPosture::HalfKneeling, PractitionerPosture::Kneeling}) {
    INFO(stretches::practitionerPostureId(posture));
    const PostureTable t = buildPostureTable(sk, fit, posture, Side::Right, 40);
    const Posed p = pose(samplePosture(t, 0.0f), fit);
    // The back (left) knee on the floor, the thigh about upright above it.
    const glm::vec3 knee = at(p, Joint::KneeL), hip = at(p, Joint::HipL);
    CHECK(knee.y < 0.12f);
    CHECK(std::abs(hip.z - knee.z) < 0.08f);
    if (posture == PractitionerPosture::HalfKneeling) {
      // The front foot flat a step ahead: heel and toes at one height, the shin near upright.
      CHECK(at(p, Joint::AnkleR).z > hip.z + 0.3f);
      CHECK(std::abs(at(p, Joint::ToesR).y - at(p, Joint::SubtalarR).y) < 0.05f);
      CHECK(at(p, Joint::KneeR).y > 0.35f);
    } else {
      CHECK(at(p, Joint::KneeR).y < 0.12f);
    }
  }
}

TEST_CASE("postures: the file's lunge lowers the practitioner and leans it less, feet grounded") {
  const stretches::Stretch* file = test::library().find("sleeper-internal-rotation");
  REQUIRE(file != nullptr);
  REQUIRE(file->practitionerPosture == PractitionerPosture::Lunge);
  const stretches::Stretch lunge = stretches::stretchForSide(*file, Side::Right);
  stretches::Stretch standing = lunge;
  standing.practitionerPosture = PractitionerPosture::Standing;
  auto tl = stretches::buildTimeline(*file, "static", Side::Right, {}, test::rom());
  REQUIRE(tl.ok());
  auto a = AssistScene::create(lunge, *tl, test::bodies().client, test::bodies().practitioner);
  auto b = AssistScene::create(standing, *tl, test::bodies().client, test::bodies().practitioner);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->placement().posture == PractitionerPosture::Lunge);
  auto fa = std::make_unique<AssistFrame>();
  auto fb = std::make_unique<AssistFrame>();
  const float t = 20.0f;  // the first hold at end range
  a->update(t, *fa);
  b->update(t, *fb);
  CHECK(fa->lean < fb->lean - 20.0f);
  CHECK(fa->practitionerModel[0][3].y < fb->practitionerModel[0][3].y - 0.1f);
  // Both feet of the lunge on the floor over the whole technique.
  const StagingWorst w = sweepStaging(*a);
  CHECK(w.worst.footLift < 0.01f);
  CHECK(w.worst.floorDepth < 0.005f);
  CHECK(w.worst.headClearance > 0.10f);
}

TEST_CASE(
    "forearm along the sole: the hand cups the heel, the forearm lies on the ball of the foot") {
  // The calf stretch's text says the forearm along the sole pushes the foot up; before
  // forearm_along the arm only reached the heel, its forearm anywhere (the elbow once 1.6 cm
  // into the foot).
  const stretches::Stretch* file = test::library().find("gastrocnemius-supine-knee-straight");
  REQUIRE(file != nullptr);
  REQUIRE(file->contacts.front().forearm.has_value());
  auto frame = std::make_unique<AssistFrame>();
  for (Side side : {Side::Right, Side::Left}) {
    const stretches::Stretch st = stretches::stretchForSide(*file, side);
    for (const stretches::Technique& tech : file->techniques) {
      auto tl = stretches::buildTimeline(*file, tech.id, side, {}, test::rom());
      REQUIRE(tl.ok());
      auto scene = AssistScene::create(st, *tl, test::bodies().client, test::bodies().practitioner);
      REQUIRE(scene.ok());
      const Joint elbow = side == Side::Right ? Joint::ElbowR : Joint::ElbowL;
      const Joint wrist = side == Side::Right ? Joint::WristR : Joint::WristL;
      for (float t = 0.0f; t <= scene->duration(); t += 0.5f) {
        scene->update(t, *frame);
        const ContactState& c = frame->contacts[0];
        REQUIRE(c.forearm);
        INFO(tech.id << (side == Side::Right ? " right" : " left") << " at " << t << " s");
        CHECK(c.forearmError < 0.02f);  // the forearm's axis through its point on the sole
        CHECK(c.error < 0.02f);         // and the palm on the heel
        // The forearm runs from the heel past the ball of the foot: the elbow is farther from
        // the wrist than the point it lies on, on the same side.
        const glm::vec3 el(frame->practitionerModel[anatomy::index(elbow)][3]);
        const glm::vec3 wr(frame->practitionerModel[anatomy::index(wrist)][3]);
        CHECK(glm::dot(el - wr, c.forearmGoal - wr) >
              glm::dot(c.forearmGoal - wr, c.forearmGoal - wr));
      }
    }
  }
}
