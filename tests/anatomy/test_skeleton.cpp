#include <catch2/catch.hpp>

#include "anatomy/motion.h"
#include "anatomy/skeleton.h"

using namespace sv::anatomy;

namespace {
glm::vec3 restPos(const Skeleton& s, Joint j) {
  return glm::vec3(s.restModel[static_cast<std::size_t>(index(j))][3]);
}
}  // namespace

TEST_CASE("joint names round trip and the hierarchy is depth-first", "[anatomy][skeleton]") {
  for (int i = 0; i < kJointCount; ++i) {
    const Joint j = static_cast<Joint>(i);
    const auto back = jointFromName(jointName(j));
    REQUIRE(back.has_value());
    CHECK(*back == j);
    CHECK(parentOf(j) < i);
    CHECK(mirrorJoint(mirrorJoint(j)) == j);
    if (sideOf(j) != Side::Center) CHECK(sideOf(mirrorJoint(j)) != sideOf(j));
  }
  CHECK(parentOf(Joint::Pelvis) == -1);
  CHECK(jointName(Joint::HipL) == "hip_l");
  CHECK(jointName(Joint::SubtalarR) == "subtalar_r");
  CHECK(jointFromName("shoulder_r") == Joint::ShoulderR);
  CHECK_FALSE(jointFromName("Hip_L").has_value());
  CHECK(mirrorJoint(Joint::ElbowL) == Joint::ElbowR);
  CHECK(mirrorJoint(Joint::ToesR) == Joint::ToesL);
  CHECK(mirrorJoint(Joint::Cervical) == Joint::Cervical);
  CHECK(parentOf(Joint::ClavicleL) == index(Joint::Thoracic));
  CHECK(parentOf(Joint::HipR) == index(Joint::Pelvis));
}

TEST_CASE("default skeleton follows Winter's proportions", "[anatomy][skeleton]") {
  const float H = 1.75f;
  const Skeleton s = makeDefaultSkeleton(H);
  const auto approx = [](float v) { return Approx(v).margin(0.01); };  // 1 cm
  // Hip joint centres: ~0.53H high, ~9 cm from the midline, left = +X.
  CHECK(restPos(s, Joint::HipL).y == approx(0.530f * H));
  CHECK(restPos(s, Joint::HipL).x == approx(0.09f));
  CHECK(restPos(s, Joint::HipR).x == approx(-0.09f));
  CHECK(restPos(s, Joint::KneeL).y == approx(0.285f * H));
  CHECK(restPos(s, Joint::AnkleL).y == approx(0.039f * H));
  CHECK(restPos(s, Joint::ShoulderL).y == approx(0.818f * H));
  CHECK(restPos(s, Joint::ShoulderL).x == approx(0.19f));
  CHECK(restPos(s, Joint::ShoulderR).x == approx(-0.19f));
  CHECK(restPos(s, Joint::ElbowL).y == approx(0.630f * H));
  CHECK(restPos(s, Joint::WristL).y == approx(0.485f * H));
  // Segment lengths.
  CHECK(glm::distance(restPos(s, Joint::HipL), restPos(s, Joint::KneeL)) == approx(0.245f * H));
  CHECK(glm::distance(restPos(s, Joint::KneeL), restPos(s, Joint::AnkleL)) == approx(0.246f * H));
  CHECK(glm::distance(restPos(s, Joint::ShoulderL), restPos(s, Joint::ElbowL)) ==
        approx(0.186f * H));
  CHECK(glm::distance(restPos(s, Joint::ElbowL), restPos(s, Joint::WristL)) == approx(0.146f * H));
  // Feet point forward, head on top, everything mirrored.
  CHECK(restPos(s, Joint::ToesL).z > restPos(s, Joint::AnkleL).z + 0.1f);
  CHECK(restPos(s, Joint::Head).y > restPos(s, Joint::Cervical).y);
  for (int i = 0; i < kJointCount; ++i) {
    const Joint j = static_cast<Joint>(i);
    const glm::vec3 a = restPos(s, j);
    const glm::vec3 b = restPos(s, mirrorJoint(j));
    CHECK(a.x == Approx(-b.x).margin(1e-6));
    CHECK(a.y == Approx(b.y).margin(1e-6));
    CHECK(a.z == Approx(b.z).margin(1e-6));
  }
  // Scales with height.
  const Skeleton small = makeDefaultSkeleton(1.5f);
  CHECK(restPos(small, Joint::KneeL).y == Approx(0.285f * 1.5f).margin(1e-3));
}

TEST_CASE("motion ids, coordinates and joints", "[anatomy][motion]") {
  for (int i = 0; i < kMotionCount; ++i) {
    const Motion m = static_cast<Motion>(i);
    const auto back = motionFromId(motionId(m));
    REQUIRE(back.has_value());
    CHECK(*back == m);
  }
  CHECK(motionId(Motion::ShoulderHorizontalAdduction) == "shoulder.horizontal_adduction");
  CHECK(motionId(Motion::AnkleInversion) == "ankle.inversion");
  CHECK_FALSE(motionFromId("hip.flection").has_value());
  CHECK(isBilateral(Motion::HipFlexion));
  CHECK_FALSE(isBilateral(Motion::CervicalRotation));
  CHECK(jointOfMotion(Motion::AnkleInversion, Side::Left) == Joint::SubtalarL);
  CHECK(jointOfMotion(Motion::ScapulaElevation, Side::Right) == Joint::ClavicleR);
  CHECK(jointOfMotion(Motion::ForearmPronation, Side::Right) == Joint::ForearmR);
  CHECK(jointOfMotion(Motion::LumbarRotation, Side::Center) == Joint::Lumbar);
  // Every coordinate index is used exactly once.
  std::array<int, kCoordinateCount> seen{};
  for (int i = 0; i < kMotionCount; ++i) {
    const Motion m = static_cast<Motion>(i);
    if (isBilateral(m)) {
      ++seen[static_cast<std::size_t>(coord(m, Side::Left))];
      ++seen[static_cast<std::size_t>(coord(m, Side::Right))];
    } else {
      ++seen[static_cast<std::size_t>(coord(m, Side::Center))];
    }
  }
  for (int c = 0; c < kCoordinateCount; ++c) {
    CHECK(seen[static_cast<std::size_t>(c)] == 1);
    const CoordinateKey k = coordinateKey(c);
    CHECK(coord(k.motion, k.side) == c);
  }
  Pose p;
  p.set(Motion::HipFlexion, Side::Right, 42.0f);
  CHECK(p.get(Motion::HipFlexion, Side::Right) == 42.0f);
  CHECK(p.get(Motion::HipFlexion, Side::Left) == 0.0f);
  p.set(Motion::LumbarFlexion, 10.0f);
  CHECK(p.get(Motion::LumbarFlexion) == 10.0f);
}

#include "anatomy/muscle_groups.h"

TEST_CASE("anatomy: muscle group ids and region ids round-trip", "[muscles]") {
  using namespace sv::anatomy;
  for (int i = 0; i < kMuscleGroupCount; ++i) {
    const auto g = static_cast<MuscleGroup>(i);
    REQUIRE(muscleGroupFromId(muscleGroupId(g)) == g);
    for (Side s : {Side::Left, Side::Right}) {
      const auto r = regionOf(regionId(g, s));
      REQUIRE(r);
      CHECK(r->group == g);
      CHECK(r->side == s);
    }
  }
  CHECK_FALSE(regionOf(0));
  CHECK_FALSE(regionOf(kMuscleRegionCount));
  CHECK_FALSE(muscleGroupFromId("hamstring"));  // ids are exact
  CHECK(regionId(MuscleGroup::Hamstrings, Side::Left) == 1);
  CHECK(regionId(MuscleGroup::Hamstrings, Side::Right) == 2);
}
