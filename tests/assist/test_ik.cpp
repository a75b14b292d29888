// Two-bone IK on the canonical skeleton: reach, elbow limits, closest pose, no NaN.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "anatomy/kinematics.h"
#include "assist/ik.h"

using namespace sv;
using namespace sv::assist;
using anatomy::Joint;
using anatomy::Side;

namespace {

struct Rig {
  anatomy::Skeleton sk = anatomy::makeDefaultSkeleton(1.75f);
  std::array<anatomy::Transform, anatomy::kJointCount> local{};
  std::array<glm::mat4, anatomy::kJointCount> model{};
  Rig() {
    anatomy::poseToLocal(sk, anatomy::Pose{}, local);
    anatomy::localToModel(sk, local, model);
  }
  glm::vec3 pos(Joint j) const { return glm::vec3(model[anatomy::index(j)][3]); }
};

bool finite(const glm::vec3& v) {
  return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
}

}  // namespace

TEST_CASE("IK reaches reachable targets within 1 cm with the elbow inside its limits") {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  for (Side side : {Side::Left, Side::Right}) {
    Rig rig;
    const TwoBoneChain chain = makeArmChain(rig.sk, side);
    const glm::vec3 shoulder = rig.pos(anatomy::onSide(Joint::ShoulderL, side));
    const float a = chain.upperLength, b = chain.lowerLength;
    const float dmin =
        std::sqrt(a * a + b * b - 2 * a * b * std::cos(glm::radians(180.0f - 145.0f)));
    int tested = 0;
    while (tested < 2000) {
      const glm::vec3 d(u(rng), u(rng), u(rng));
      if (glm::length(d) > 1.0f || glm::length(d) < 0.05f) continue;
      const float dist = dmin + 0.002f + (a + b - dmin - 0.004f) * (0.5f + 0.5f * u(rng));
      const glm::vec3 target = shoulder + glm::normalize(d) * dist;
      const IkResult r =
          solveTwoBone(rig.sk, chain, target, glm::vec3(0.3f, -1.0f, -0.3f), rig.local, rig.model);
      REQUIRE(r.error < 0.01f);
      REQUIRE(glm::length(rig.pos(anatomy::onSide(Joint::WristL, side)) - target) < 0.01f);
      const anatomy::Pose measured = anatomy::measurePoseLocal(rig.sk, rig.local);
      const float flex = measured.get(anatomy::Motion::ElbowFlexion, side);
      REQUIRE(flex >= -0.5f);
      REQUIRE(flex <= 145.5f);
      ++tested;
    }
  }
}

TEST_CASE("IK bends the elbow toward the pole") {
  Rig rig;
  const TwoBoneChain chain = makeArmChain(rig.sk, Side::Right);
  const glm::vec3 shoulder = rig.pos(Joint::ShoulderR);
  const glm::vec3 target = shoulder + glm::vec3(0.0f, -0.1f, 0.4f);  // in front, bent arm
  const glm::vec3 pole(-0.5f, -1.0f, -0.2f);                         // down, out (right), back
  const IkResult r = solveTwoBone(rig.sk, chain, target, pole, rig.local, rig.model);
  REQUIRE(r.error < 0.001f);
  const glm::vec3 elbow = rig.pos(Joint::ElbowR);
  const glm::vec3 axis = glm::normalize(target - shoulder);
  glm::vec3 off = elbow - shoulder;
  off -= axis * glm::dot(off, axis);
  glm::vec3 p = pole - axis * glm::dot(pole, axis);
  REQUIRE(glm::dot(glm::normalize(off), glm::normalize(p)) > 0.99f);
  REQUIRE(r.flexion > 20.0f);
}

TEST_CASE("IK: unreachable targets give the straight arm toward the target") {
  Rig rig;
  const TwoBoneChain chain = makeArmChain(rig.sk, Side::Left);
  const glm::vec3 shoulder = rig.pos(Joint::ShoulderL);
  const glm::vec3 target = shoulder + glm::normalize(glm::vec3(0.3f, 0.2f, 1.0f)) * 1.5f;
  const IkResult r = solveTwoBone(rig.sk, chain, target, glm::vec3(0, -1, 0), rig.local, rig.model);
  REQUIRE(r.clamped);
  REQUIRE(r.flexion == Approx(0.0f).margin(0.01f));
  const glm::vec3 wrist = rig.pos(Joint::WristL);
  REQUIRE(glm::length(wrist - shoulder) ==
          Approx(chain.upperLength + chain.lowerLength).margin(1e-4));
  REQUIRE(glm::dot(glm::normalize(wrist - shoulder), glm::normalize(target - shoulder)) > 0.9999f);
  // Too close: the elbow at its flexion limit, the wrist toward the target.
  const glm::vec3 near = shoulder + glm::vec3(0.0f, 0.0f, 0.05f);
  const IkResult r2 = solveTwoBone(rig.sk, chain, near, glm::vec3(0, -1, 0), rig.local, rig.model);
  REQUIRE(r2.clamped);
  REQUIRE(r2.flexion == Approx(145.0f).margin(0.01f));
  const glm::vec3 w2 = rig.pos(Joint::WristL);
  REQUIRE(glm::dot(glm::normalize(w2 - shoulder), glm::vec3(0, 0, 1)) > 0.999f);
}

TEST_CASE("IK never returns NaN (degenerate and random inputs)") {
  Rig rig;
  const TwoBoneChain chain = makeArmChain(rig.sk, Side::Right);
  const glm::vec3 shoulder = rig.pos(Joint::ShoulderR);
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> u(-2.0f, 2.0f);
  std::vector<std::pair<glm::vec3, glm::vec3>> cases = {
      {shoulder, glm::vec3(0, -1, 0)},                           // target at the shoulder
      {shoulder + glm::vec3(0, -0.3f, 0), glm::vec3(0, -1, 0)},  // pole along the chain
      {shoulder + glm::vec3(0, -0.3f, 0), glm::vec3(0.0f)},      // zero pole
      {shoulder + glm::vec3(0, 0.58f, 0), glm::vec3(0, 1, 0)},   // straight up, pole collinear
      {shoulder + glm::vec3(1e-7f, 0, 0), glm::vec3(1, 0, 0)},
      {glm::vec3(NAN), glm::vec3(0, -1, 0)},
      {shoulder + glm::vec3(0, 0, 0.3f), glm::vec3(NAN)},
  };
  for (int i = 0; i < 3000; ++i) {
    cases.emplace_back(shoulder + glm::vec3(u(rng), u(rng), u(rng)),
                       i % 10 == 0 ? glm::vec3(0.0f) : glm::vec3(u(rng), u(rng), u(rng)));
  }
  for (const auto& [target, pole] : cases) {
    const IkResult r = solveTwoBone(rig.sk, chain, target, pole, rig.local, rig.model);
    REQUIRE(std::isfinite(r.flexion));
    for (int j = 0; j < anatomy::kJointCount; ++j) {
      const auto& q = rig.local[static_cast<std::size_t>(j)].rotation;
      REQUIRE(
          (std::isfinite(q.w) && std::isfinite(q.x) && std::isfinite(q.y) && std::isfinite(q.z)));
      REQUIRE(finite(glm::vec3(rig.model[static_cast<std::size_t>(j)][3])));
    }
    REQUIRE(r.flexion >= -0.01f);
    REQUIRE(r.flexion <= 145.01f);
  }
}

TEST_CASE("IK works for the leg chain (knee hinge)") {
  Rig rig;
  const TwoBoneChain chain = makeLegChain(rig.sk, Side::Left);
  const glm::vec3 hip = rig.pos(Joint::HipL);
  const glm::vec3 target = hip + glm::vec3(0.0f, -0.35f, -0.25f);  // foot back: knee flexes
  const IkResult r = solveTwoBone(rig.sk, chain, target, glm::vec3(0, 0, 1), rig.local, rig.model);
  REQUIRE(r.error < 0.01f);
  const anatomy::Pose m = anatomy::measurePoseLocal(rig.sk, rig.local);
  REQUIRE(m.get(anatomy::Motion::KneeFlexion, Side::Left) == Approx(r.flexion).margin(0.5f));
  REQUIRE(r.flexion > 10.0f);
}
