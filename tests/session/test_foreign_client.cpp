// A humanoid foreign rig as the client of every stretch (issue #19): staged with the
// practitioner, its key segment where the built-in body's is, its drawn rig on its canonical
// joints, grounded on the support. The rig is the project's own MakeHuman body read as a
// foreign glTF file (its own names, its own bind pose, through assimp), so the built-in body is
// the reference; ../shared's CesiumMan (a rig recognised by topology) runs the same checks
// where it is present.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "anatomy/kinematics.h"
#include "anatomy/motion.h"
#include "model/rigged_model.h"
#include "muscles/muscle_set.h"
#include "session/session.h"
#include "support/fixtures.h"
#include "support/session_frames.h"

namespace {

using sv::anatomy::Joint;
using sv::anatomy::Side;
using sv::session::Cast;
using sv::session::Session;
namespace anatomy = sv::anatomy;

struct Staged {
  Cast cast;
  std::unique_ptr<Session> session;
  explicit Staged(const std::optional<std::filesystem::path>& model) {
    std::string warning;
    const auto st = cast.load(SV_BODY_PATH, model, sv::body::defaultClientShape(),
                              sv::body::defaultPractitionerShape(), &warning);
    INFO(warning);
    REQUIRE(st.ok());
    session = std::make_unique<Session>(sv::test::library(), sv::test::rom(), cast);
    auto set = sv::muscles::loadMuscleSet(SV_MUSCLES_PATH);
    REQUIRE(set.ok());
    REQUIRE(session->setMuscleSet(std::move(*set)).ok());
  }
};

glm::vec3 at(std::span<const glm::mat4> model, Joint j) {
  return glm::vec3(model[static_cast<std::size_t>(anatomy::index(j))][3]);
}

// The far end of the segment a joint moves (its first child; the toes for the ankle, whose
// child, the subtalar joint, sits a few centimetres below it).
Joint segmentEnd(Joint j) {
  if (anatomy::leftOf(j) == Joint::AnkleL) return static_cast<Joint>(anatomy::index(j) + 2);
  for (int i = 0; i < anatomy::kJointCount; ++i) {
    if (anatomy::parentOf(static_cast<Joint>(i)) == anatomy::index(j)) return static_cast<Joint>(i);
  }
  return j;
}

float angleDeg(glm::vec3 a, glm::vec3 b) {
  a = glm::normalize(a);
  b = glm::normalize(b);
  return glm::degrees(std::atan2(glm::length(glm::cross(a, b)), glm::dot(a, b)));
}

// Stretches whose target muscles span the neck, where the skeleton fitted to a rig's bone heads
// differs from the one fitted to the built-in body's joint landmarks (MakeHuman's rig: the
// clavicles level with the shoulders), so their lengths differ by more than 15 % of their
// available stretch (levator scapulae 0.66 on the built-in body against 0.49 on the rig) or the
// lead passes to another neck muscle (upper trapezius stretch: scalenes on the built-in body,
// neck extensors on the rig). Since path points are placed from their nearest joint
// (docs/muscles.md, "anchor") the triceps, pectoral, quadratus lumborum, sleeper and Thomas
// stretches agree within 0.15 and are checked. The key angle, staging and grounding are still
// checked for these two.
const std::set<std::string> kOtherProportions = {"levator-scapulae-supine",
                                                 "upper-trapezius-supine"};

struct Worst {
  float keyDeg = 0.0f, segmentDeg = 0.0f, nodeM = 0.0f, groundM = 0.0f, shareDiff = 0.0f;
};

// One stretch at five moments: the foreign client against the built-in one.
void compare(Staged& builtIn, Staged& foreign, int index, float groundTolerance, bool sameBody,
             Worst& worst) {
  Session& a = *builtIn.session;
  Session& b = *foreign.session;
  REQUIRE(a.open(index, Side::Right, "").ok());
  REQUIRE(b.open(index, Side::Right, "").ok());
  INFO(a.stretch()->id);
  INFO(b.takeProblems().size() << " problems staging the foreign client");
  REQUIRE(b.assist() != nullptr);  // the practitioner is staged against the rig
  // The muscle model on the rig's own proportions: the same leading target muscle, its peak
  // share of stretch over the timeline close to the built-in body's.
  REQUIRE(b.muscles() != nullptr);
  REQUIRE(a.targetMuscle() >= 0);
  CHECK(b.targetMuscle() >= 0);
  const bool proportions = !sameBody || kOtherProportions.count(a.stretch()->id) == 1;
  INFO("leading target muscle: built-in " << a.muscles()->info(a.targetMuscle()).key << ", rig "
                                         << (b.targetMuscle() >= 0 ? b.muscles()->info(b.targetMuscle()).key
                                                                   : std::string("none")));
  if (!proportions) CHECK(b.targetMuscle() == a.targetMuscle());
  if (b.targetMuscle() == a.targetMuscle() && !proportions) {
    const float peakA = *std::max_element(a.targetCurve().begin(), a.targetCurve().end());
    const float peakB = *std::max_element(b.targetCurve().begin(), b.targetCurve().end());
    INFO("target muscle's peak share: built-in " << peakA << ", rig " << peakB);
    CHECK(std::fabs(peakA - peakB) <= 0.15f);
    worst.shareDiff = std::max(worst.shareDiff, std::fabs(peakA - peakB));
  }
  const sv::Character& rig = *foreign.cast.foreign();
  const sv::RiggedModel& model = rig.model();
  const sv::body::Body& standIn = *foreign.cast.stagingClient();
  REQUIRE(standIn.mesh().vertices.size() == model.mesh.vertices.size());
  const std::vector<int>& resting = b.assist()->restingJoints();
  const float support = b.assist()->supportHeight();
  const anatomy::Motion motion = b.timeline()->key.motion;
  const Joint j = anatomy::jointOfMotion(motion, b.timeline()->key.side);
  const Joint end = segmentEnd(j);
  std::vector<glm::vec3> skinned(model.mesh.vertices.size());
  const float duration = a.timeline()->timeline.duration();
  for (float f : {0.0f, 0.25f, 0.5f, 0.75f, 1.0f}) {
    const float t = f * duration;
    INFO("t = " << t << " s");
    a.player().seek(t);
    b.player().seek(t);
    a.advance(0.0f);
    b.advance(0.0f);
    const auto ma = a.clientModel(), mb = b.clientModel();
    // The drawn rig's canonical frames, read back from its bones: rotation W_j = the bone's
    // model rotation times the inverse of its rest correction (anatomy::applyToRig), origin
    // the bone's head; joints the rig has no bone for keep the canonical skeleton's.
    std::array<glm::mat4, anatomy::kJointCount> drawn{};
    for (int k = 0; k < anatomy::kJointCount; ++k) {
      const auto ku = static_cast<std::size_t>(k);
      drawn[ku] = mb[ku];
      const int node = model.humanoid->boneOfJoint[ku];
      if (node < 0) continue;
      const glm::mat4& m = rig.nodeModel()[static_cast<std::size_t>(node)];
      const glm::mat3 r(glm::normalize(glm::vec3(m[0])), glm::normalize(glm::vec3(m[1])),
                        glm::normalize(glm::vec3(m[2])));
      const glm::quat w =
          glm::normalize(glm::quat_cast(r) * glm::conjugate(model.humanoid->restCorrection[ku]));
      drawn[ku] = glm::mat4_cast(w);
      drawn[ku][3] = m[3];
      // Every mapped bone's head on its joint.
      const float d = glm::distance(glm::vec3(m[3]), at(mb, static_cast<Joint>(k)));
      INFO(anatomy::jointName(static_cast<Joint>(k)));
      if (k != anatomy::index(Joint::Head)) CHECK(d <= 0.015f);
      if (k != anatomy::index(Joint::Head)) worst.nodeM = std::max(worst.nodeM, d);
    }
    // The key angle measured on the drawn rig against the built-in body's.
    const anatomy::Pose pa = anatomy::measurePose(builtIn.cast.skeleton(), ma);
    const anatomy::Pose pb = anatomy::measurePose(foreign.cast.skeleton(), drawn);
    const float key = std::fabs(a.timeline()->key.value(pa) - b.timeline()->key.value(pb));
    CHECK(key <= 2.0f);
    worst.keyDeg = std::max(worst.keyDeg, key);
    // The key segment's direction (rest proportions differ: informative only).
    const float dir = angleDeg(at(ma, end) - at(ma, j), at(mb, end) - at(mb, j));
    worst.segmentDeg = std::max(worst.segmentDeg, dir);
    // The drawn rig's resting parts lie on the support.
    REQUIRE(sv::skinVertices(model.mesh, rig.palette(), skinned, {}));
    float lowest = 1e9f;
    // The resting parts' vertices as the assist took them: by their strongest segment (the
    // stand-in's vertices are the rig's, in order, joints summed per segment).
    for (std::size_t v = 0; v < skinned.size(); ++v) {
      const int segment = standIn.mesh().vertices[v].joints[0];
      if (std::find(resting.begin(), resting.end(), segment) == resting.end()) continue;
      lowest = std::min(lowest, skinned[v].y);
    }
    REQUIRE(lowest < 1e8f);
    CHECK(std::fabs(lowest - support) <= groundTolerance);
    worst.groundM = std::max(worst.groundM, std::fabs(lowest - support));
  }
}

// Every library stretch with `model` as the client, against the built-in body.
// `sameBody`: the rig is the built-in body's mesh, so its muscles are compared too.
void runLibrary(const std::filesystem::path& model, float groundTolerance, bool sameBody) {
  Staged builtIn(std::nullopt);
  Staged foreign(model);
  REQUIRE(foreign.cast.foreign() != nullptr);
  REQUIRE(foreign.cast.drivable());
  REQUIRE(foreign.cast.stagingClient() != nullptr);
  REQUIRE(foreign.cast.practitioner() != nullptr);
  Worst worst;
  const int n = static_cast<int>(sv::test::library().stretches.size());
  for (int i = 0; i < n; ++i) compare(builtIn, foreign, i, groundTolerance, sameBody, worst);
  WARN("worst over " << n << " stretches: key angle " << worst.keyDeg
                     << " deg off the built-in body's (key segment's direction " << worst.segmentDeg
                     << " deg), rig bone off its joint " << worst.nodeM * 100.0f
                     << " cm, resting parts off the support " << worst.groundM * 100.0f
                     << " cm, target muscle's peak share off the built-in's " << worst.shareDiff);
}

}  // namespace

TEST_CASE(
    "a foreign rig as the client: every stretch staged, its key angle the built-in body's, "
    "grounded") {
  runLibrary(SV_BODY_PATH, 0.02f, true);
}

TEST_CASE("CesiumMan (../shared, a rig recognised by topology) as the client of every stretch") {
  const auto cesium =
      std::filesystem::path(SV_SHARED_DIR) / "testdata" / "external" / "cesium_man.gltf";
  if (!std::filesystem::exists(cesium)) {
    WARN("skipped: " << cesium.string() << " not found (SV_SHARED_DIR)");
    return;
  }
  // Its skin weights are the file's own (some pelvis vertices carry 16 % of a shoulder bone
  // and the weights do not sum to 1): the drawn mesh sinks up to 2.0 cm below the stand-in the
  // assist grounds (side-lying on the shoulder in the sleeper stretch).
  runLibrary(cesium, 0.025f, false);
}

TEST_CASE("advancing and drawing a foreign client's moment allocates nothing") {
  Staged foreign(std::filesystem::path(SV_BODY_PATH));
  Session& s = *foreign.session;
  const auto* st = sv::test::library().find("hamstrings-supine-straight-leg");
  REQUIRE(st != nullptr);
  REQUIRE(
      s.open(static_cast<int>(st - sv::test::library().stretches.data()), Side::Right, "").ok());
  REQUIRE(s.assist() != nullptr);
  sv::session::SceneOptions options;  // the heat map on: the target muscles' paths are drawn
  sv::DrawList list;
  CHECK(sv::test::framesAllocations(s, options, list) == 0);
  CHECK_FALSE(list.lines.empty());  // the paths
}

// The library check (tests/muscles, "library: …") runs on the default skeleton; the app runs
// the muscle model on the built-in body's fitted skeleton, whose segments have other
// proportions. Before path points were placed from their nearest joint ("anchor",
// docs/muscles.md) the session showed the forearm flexors at 0.18 and the subscapularis
// shortening in stretches the library check passed at 0.93 and 0.86.
TEST_CASE("the built-in body: every stretch's leading target muscle reaches half its stretch") {
  Staged builtIn(std::nullopt);
  Session& s = *builtIn.session;
  const int n = static_cast<int>(sv::test::library().stretches.size());
  for (int i = 0; i < n; ++i) {
    for (Side side : {Side::Right, Side::Left}) {
      REQUIRE(s.open(i, side, "").ok());
      INFO(s.stretch()->id << (side == Side::Right ? " right" : " left"));
      REQUIRE(s.targetMuscle() >= 0);
      INFO(s.muscles()->info(s.targetMuscle()).key);
      const float peak = *std::max_element(s.targetCurve().begin(), s.targetCurve().end());
      CHECK(peak >= 0.5f);
    }
  }
}
