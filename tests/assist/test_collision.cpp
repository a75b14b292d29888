// The collision model: capsule and box geometry, capsules fitted to the skin, the collision
// push of the practitioner's placement and the staging check over the library.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <glm/gtc/constants.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "assist/assist.h"
#include "assist/collision.h"
#include "assist/staging_check.h"
#include "stretches/playback.h"
#include "support/fixtures.h"

using namespace sv;
using namespace sv::assist;
using anatomy::Joint;

namespace {

BodyCapsule capsule(glm::vec3 a, glm::vec3 b, float r) {
  BodyCapsule c;
  c.a = a;
  c.b = b;
  c.radius = r;
  return c;
}

Result<AssistScene> sceneFor(const std::string& id, const std::string& technique,
                             anatomy::Side side, const AssistOptions& options = {}) {
  const stretches::Stretch* file = test::library().find(id);
  REQUIRE(file != nullptr);
  const stretches::Stretch st = stretches::stretchForSide(*file, side);
  auto tl = stretches::buildTimeline(*file, technique, side, {}, test::rom());
  REQUIRE(tl.ok());
  return AssistScene::create(st, *tl, test::bodies().client, test::bodies().practitioner, options);
}

}  // namespace

TEST_CASE("capsule overlap: parallel, crossing, end to end and degenerate") {
  // Parallel, 10 cm apart, radii 3 + 4 cm: 3 cm apart.
  const BodyCapsule a = capsule({0, 0, 0}, {1, 0, 0}, 0.03f);
  CHECK(capsuleOverlap(a, capsule({0.2f, 0.1f, 0}, {0.8f, 0.1f, 0}, 0.04f)) ==
        Approx(-0.03f).margin(1e-6));
  // Crossing at right angles 5 cm apart, radii 3 + 4 cm: 2 cm deep; the points realise it.
  glm::vec3 from, to;
  CHECK(capsuleOverlap(a, capsule({0.5f, 0.05f, -1}, {0.5f, 0.05f, 1}, 0.04f), &from, &to) ==
        Approx(0.02f).margin(1e-6));
  CHECK(from.x == Approx(0.5f).margin(1e-5));
  CHECK(to.y == Approx(0.05f).margin(1e-5));
  // End to end along the same line: only the caps meet.
  CHECK(capsuleOverlap(a, capsule({1.1f, 0, 0}, {2, 0, 0}, 0.06f)) == Approx(-0.01f).margin(1e-6));
  // A sphere (a == b) against a segment, and two spheres.
  CHECK(capsuleOverlap(capsule({0.3f, 0.02f, 0}, {0.3f, 0.02f, 0}, 0.01f), a) ==
        Approx(0.02f).margin(1e-6));
  CHECK(capsuleOverlap(capsule({0, 0, 0}, {0, 0, 0}, 0.1f),
                       capsule({0, 0.3f, 0}, {0, 0.3f, 0}, 0.1f)) == Approx(-0.1f).margin(1e-6));
}

TEST_CASE("capsule against a box: above it, resting in it, inside it, rotated") {
  CollisionBox box;
  box.lo = {-0.35f, 0.6f, -0.95f};
  box.hi = {0.35f, 0.7f, 0.95f};
  // 2 cm above the top: clear.
  CHECK(capsuleBoxDepth(capsule({-0.1f, 0.77f, 0}, {0.1f, 0.77f, 0}, 0.05f), box) == 0.0f);
  // Sunk 1 cm into the top: 1 cm, out upward.
  glm::vec3 dir;
  CHECK(capsuleBoxDepth(capsule({-0.1f, 0.74f, 0}, {0.1f, 0.74f, 0}, 0.05f), box, &dir) ==
        Approx(0.01f).margin(1e-5));
  CHECK(dir.y == Approx(1.0f).margin(1e-5));
  // Its axis inside the slab, nearer the side face: out through the side.
  CHECK(capsuleBoxDepth(capsule({0.33f, 0.65f, 0}, {0.33f, 0.65f, 0.1f}, 0.03f), box, &dir) ==
        Approx(0.05f).margin(1e-5));
  CHECK(dir.x == Approx(1.0f).margin(1e-5));
  // The same box turned 90 degrees about +Y and moved: the frame is applied.
  CollisionBox turned = box;
  turned.toWorld = glm::translate(glm::mat4(1.0f), glm::vec3(2, 0, 0)) *
                   glm::rotate(glm::mat4(1.0f), glm::half_pi<float>(), glm::vec3(0, 1, 0));
  turned.toLocal = glm::inverse(turned.toWorld);
  // World x = 2 + local z: 0.5 m along the table's length is inside its footprint.
  CHECK(capsuleBoxDepth(capsule({2.5f, 0.74f, 0}, {2.5f, 0.74f, 0}, 0.05f), turned) ==
        Approx(0.01f).margin(1e-5));
  CHECK(capsuleBoxDepth(capsule({2.0f, 0.74f, 0.6f}, {2.0f, 0.74f, 0.6f}, 0.05f), turned) == 0.0f);
}

TEST_CASE("capsules fitted to the skin: every segment, inside it, close to it") {
  const body::Body& body = test::bodies().client;
  const FigureCapsules fit = fitFigure(body);
  REQUIRE(fit.count > 27);
  REQUIRE(fit.count <= kMaxFigureCapsules);
  std::set<int> joints;
  for (int i = 0; i < fit.count; ++i)
    joints.insert(fit.capsules[static_cast<std::size_t>(i)].joint);
  for (Joint j : {Joint::Pelvis, Joint::Thoracic, Joint::Head, Joint::ShoulderL, Joint::ElbowR,
                  Joint::HandL, Joint::HipR, Joint::KneeL, Joint::SubtalarR}) {
    INFO(anatomy::jointName(j));
    CHECK(joints.count(anatomy::index(j)) == 1);
  }
  // Placed at the bind pose, the capsules lie under the bind mesh: few vertices inside the
  // capsules of their own segment (the capsules are inside the skin: measured 2.8 %), and few
  // more than 4 cm outside them (the fit follows the skin: 7.2 %, the head's face and crown,
  // the chest's and the lumbar region's flanks).
  FigureCapsules placed;
  placeFigure(fit, body.fit().bindModel, placed);
  const MeshData& mesh = body.mesh();
  int inside = 0, far = 0, counted = 0;
  float worst = 0.0f;
  for (std::size_t v = 0; v < mesh.vertices.size(); v += 7) {
    const std::size_t bone = mesh.vertices[v].joints[0];
    const int seg = body.rig().bones[bone].segment;
    float best = 1e9f;
    for (int i = 0; i < placed.count; ++i) {
      const BodyCapsule& c = placed.capsules[static_cast<std::size_t>(i)];
      if (c.joint != seg) continue;
      const BodyCapsule point = capsule(mesh.vertices[v].position, mesh.vertices[v].position, 0);
      best = std::min(best, -capsuleOverlap(c, point));  // vertex distance from the surface
    }
    if (best > 1e8f) continue;
    ++counted;
    inside += best < -0.005f ? 1 : 0;
    far += best > 0.04f ? 1 : 0;
    worst = std::max(worst, best);
  }
  INFO("vertices " << counted << ", inside by over 5 mm " << inside << ", over 4 cm out " << far
                   << ", farthest " << worst);
  REQUIRE(counted > 1000);
  CHECK(inside < counted / 20);
  CHECK(far < counted / 10);
}

TEST_CASE("collision-aware staging gets the practitioner's body out of the client") {
  // The straight-leg adductor stretch: standing beside the abducted leg, the practitioner's
  // thigh met the client's knee (16-21 mm deep) before the placement search and the push.
  AssistOptions off;
  off.avoidCollision = false;
  for (const char* technique : {"static", "contract_relax"}) {
    INFO(technique);
    auto without = sceneFor("adductors-supine-straight-leg", technique, anatomy::Side::Right, off);
    auto with = sceneFor("adductors-supine-straight-leg", technique, anatomy::Side::Right);
    REQUIRE(without.ok());
    REQUIRE(with.ok());
    CHECK_FALSE(without->collisionPush());
    const StagingWorst a = sweepStaging(*without);
    const StagingWorst b = sweepStaging(*with);
    INFO("without " << a.worst.clientDepth << " m, with " << b.worst.clientDepth << " m");
    CHECK(a.worst.clientDepth > 0.010f);
    CHECK(b.worst.clientDepth <= 0.005f);
    CHECK(b.worst.palmDistance <= 0.02f);  // the hands still hold
  }
  // The Thomas test from the end of the table: the hanging leg went through the
  // practitioner's legs and the held knee into its shoulder (6.5 cm); a spot beside the end
  // clears both.
  auto thomasOff = sceneFor("hip-flexors-thomas", "static", anatomy::Side::Right, off);
  auto thomas = sceneFor("hip-flexors-thomas", "static", anatomy::Side::Right);
  REQUIRE(thomasOff.ok());
  REQUIRE(thomas.ok());
  CHECK(sweepStaging(*thomasOff).worst.clientDepth > 0.03f);
  const StagingWorst t = sweepStaging(*thomas);
  CHECK(t.worst.clientDepth <= 0.005f);
  CHECK(t.worst.tableDepth <= 0.005f);
  CHECK(glm::length(thomas->placement().pelvis - thomasOff->placement().pelvis) > 0.05f);
}

TEST_CASE("the collision push takes the practitioner out where the spot alone does not") {
  // A scene that takes the push: its worst overlap is smaller with it than without (the
  // choice create() makes), and the push moved the placement.
  int pushed = 0;
  for (const char* id : {"adductors-supine-straight-leg", "quadriceps-side-lying",
                         "lumbar-supine-knees-to-chest", "posterior-shoulder-cross-body"}) {
    for (const char* technique : {"static", "contract_relax"}) {
      auto scene = sceneFor(id, technique, anatomy::Side::Right);
      REQUIRE(scene.ok());
      if (!scene->collisionPush()) continue;
      ++pushed;
      CHECK(sweepStaging(*scene).maxPush > 0.005f);
    }
  }
  CHECK(pushed > 0);
}

TEST_CASE("the collision push and the elbows' turn move continuously") {
  // The adductor stretch takes the push; the straight-leg raise turns the elbows out of the
  // client's hip and heel.
  for (const char* id : {"adductors-supine-straight-leg", "hamstrings-supine-straight-leg"}) {
    INFO(id);
    auto scene = sceneFor(id, "contract_relax", anatomy::Side::Right);
    REQUIRE(scene.ok());
    auto frame = std::make_unique<AssistFrame>();
    glm::vec3 last(0.0f);
    std::array<glm::vec3, 2> lastElbow{};
    float worstJump = 0.0f, worstElbow = 0.0f;
    const float dt = 0.005f;
    for (float t = 0.0f; t <= scene->duration(); t += dt) {
      scene->update(t, *frame);
      for (std::size_t h = 0; h < 2; ++h) {
        const Joint e = h == 0 ? Joint::ElbowL : Joint::ElbowR;
        const glm::vec3 p(frame->practitionerModel[anatomy::index(e)][3]);
        if (t > 0.0f) worstElbow = std::max(worstElbow, glm::length(p - lastElbow[h]));
        lastElbow[h] = p;
      }
      if (t > 0.0f) worstJump = std::max(worstJump, glm::length(frame->step - last));
      last = frame->step;
    }
    INFO("largest change in 5 ms: placement " << worstJump << " m, elbow " << worstElbow << " m");
    CHECK(worstJump < 0.01f);
    CHECK(worstElbow < 0.02f);
  }
}

TEST_CASE("from the foot end, the table stops short of a hand that holds the heel") {
  // The cupping hand's wrist went 7 mm into the table's end in the gastrocnemius stretch when
  // the table ran 2 cm past the feet: the heel now overhangs it and the hand holds it in free
  // space, the calf still on the table.
  for (const char* id : {"gastrocnemius-supine-knee-straight", "toe-flexors-plantar-fascia-supine",
                         "peroneals-supine-inversion"}) {
    for (anatomy::Side side : {anatomy::Side::Right, anatomy::Side::Left}) {
      INFO(id << (side == anatomy::Side::Right ? " right" : " left"));
      auto scene = sceneFor(id, "static", side);
      REQUIRE(scene.ok());
      const auto table =
          std::find_if(scene->environment().begin(), scene->environment().end(),
                       [](const EnvironmentItem& e) { return e.kind == PropKind::Table; });
      REQUIRE(table != scene->environment().end());
      const glm::mat4 toTable = glm::inverse(table->transform);
      const float footEnd = -0.5f * AssistOptions{}.table.length;
      int heel = -1;
      for (std::size_t i = 0; i < scene->contacts().size(); ++i) {
        if (scene->contacts()[i].landmark == "heel") heel = static_cast<int>(i);
      }
      REQUIRE(heel >= 0);
      AssistFrame frame;
      for (float t = 0.0f; t <= scene->duration(); t += 5.0f) {
        scene->update(t, frame);
        const glm::vec3 heelAt =
            glm::vec3(toTable * glm::vec4(frame.contacts[heel].skinPoint, 1.0f));
        const glm::vec3 knee =
            glm::vec3(frame.clientModel[anatomy::index(anatomy::onSide(Joint::KneeL, side))][3]);
        INFO("t " << t << ": heel " << heelAt.z << " m, knee "
                  << glm::vec3(toTable * glm::vec4(knee, 1.0f)).z << " m, foot end " << footEnd);
        CHECK(heelAt.z < footEnd - 0.03f);                                     // past the end
        CHECK(glm::vec3(toTable * glm::vec4(knee, 1.0f)).z > footEnd + 0.2f);  // on the table
      }
      CHECK(sweepStaging(*scene).worst.tableDepth <= 0.005f);
    }
  }
}
