#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "anatomy/kinematics.h"
#include "anatomy/rom.h"

using namespace sv::anatomy;

namespace {

struct Posed {
  std::array<Transform, kJointCount> local;
  std::array<glm::mat4, kJointCount> model;
};

const Skeleton& skel() {
  static const Skeleton s = makeDefaultSkeleton(1.75f);
  return s;
}

Posed run(const Pose& pose) {
  Posed p;
  REQUIRE(poseToLocal(skel(), pose, p.local));
  REQUIRE(localToModel(skel(), p.local, p.model));
  return p;
}

glm::vec3 pos(const Posed& p, Joint j) {
  return glm::vec3(p.model[static_cast<std::size_t>(index(j))][3]);
}
// A direction fixed in the joint's frame (rest: model-aligned), in model space.
glm::vec3 dir(const Posed& p, Joint j, glm::vec3 d) {
  return glm::mat3(p.model[static_cast<std::size_t>(index(j))]) * d;
}

Pose single(Motion m, Side side, float deg) {
  Pose p;
  p.set(m, side, deg);
  return p;
}

const RomTable& rom() {
  static const RomTable t = [] {
    auto r = loadRomTable(SV_ANATOMY_ROM_PATH);
    if (!r.ok()) FAIL(r.error().message);
    return r.value();
  }();
  return t;
}

// Compares every coordinate of two poses; reports the first offender.
void checkSame(const Pose& want, const Pose& got, float tol, const char* what) {
  for (int c = 0; c < kCoordinateCount; ++c) {
    const float w = want.angles[static_cast<std::size_t>(c)];
    const float g = got.angles[static_cast<std::size_t>(c)];
    if (std::fabs(w - g) > tol || std::isnan(g)) {
      const CoordinateKey k = coordinateKey(c);
      FAIL(what << ": " << motionId(k.motion) << (k.side == Side::Right ? " R" : " L/C") << " set "
                << w << " measured " << g);
    }
  }
}

Pose roundTrip(const Pose& p, const Pose* prev = nullptr) {
  const Posed posed = run(p);
  return measurePose(skel(), posed.model, prev);
}

std::vector<float> grid(float lo, float hi, int steps) {
  std::vector<float> v;
  for (int i = 0; i <= steps; ++i)
    v.push_back(lo + (hi - lo) * static_cast<float>(i) / static_cast<float>(steps));
  return v;
}

}  // namespace

TEST_CASE("round trip of every motion alone over its full ROM", "[anatomy][kinematics]") {
  for (int i = 0; i < kMotionCount; ++i) {
    const Motion m = static_cast<Motion>(i);
    if (m == Motion::ShoulderHorizontalAdduction) continue;  // own test below (folds away)
    const RomEntry& e = rom().entry(m);
    REQUIRE(e.present);
    // Widest range of any source, so every published value is covered.
    float lo = e.min, hi = e.max;
    for (const RomRange& r : e.alternatives) {
      lo = std::min(lo, r.min);
      hi = std::max(hi, r.max);
    }
    for (Side side : {Side::Left, Side::Right}) {
      if (!isBilateral(m) && side == Side::Right) continue;
      for (float deg : grid(lo, hi, 120)) {
        const Pose p = single(m, isBilateral(m) ? side : Side::Center, deg);
        INFO(motionId(m) << " " << deg);
        checkSame(p, roundTrip(p), 0.01f, "single motion");
      }
    }
  }
}

TEST_CASE("round trip of combined motions", "[anatomy][kinematics]") {
  for (Side side : {Side::Left, Side::Right}) {
    // Hip flexion + abduction + rotation.
    for (float f : grid(-12, 121, 19))
      for (float a : grid(-27, 41, 8))
        for (float r : grid(-60, 40, 10)) {
          Pose p;
          p.set(Motion::HipFlexion, side, f);
          p.set(Motion::HipAbduction, side, a);
          p.set(Motion::HipInternalRotation, side, r);
          p.set(Motion::KneeFlexion, side, 0.5f * f + 10.0f);
          checkSame(p, roundTrip(p), 0.01f, "hip combo");
        }
    // Shoulder flexion / abduction with internal rotation (elevation below 180).
    for (float e : grid(-60, 175, 47))
      for (float r : grid(-90, 70, 16)) {
        Pose p;
        p.set(Motion::ShoulderFlexion, side, e);
        p.set(Motion::ShoulderInternalRotation, side, r);
        p.set(Motion::ElbowFlexion, side, 90.0f);
        checkSame(p, roundTrip(p), 0.01f, "shoulder flexion + rotation");
        if (e >= 0.0f) {
          Pose q;
          q.set(Motion::ShoulderAbduction, side, e);
          q.set(Motion::ShoulderInternalRotation, side, r);
          checkSame(q, roundTrip(q), 0.01f, "shoulder abduction + rotation");
        }
      }
    // Scaption-like mixtures of flexion and abduction.
    for (float f : grid(0, 120, 12))
      for (float a : grid(0, 120, 12)) {
        Pose p;
        p.set(Motion::ShoulderFlexion, side, f);
        p.set(Motion::ShoulderAbduction, side, a);
        p.set(Motion::ShoulderInternalRotation, side, 20.0f);
        checkSame(p, roundTrip(p), 0.01f, "shoulder flexion + abduction");
      }
    // Wrist, girdle, forearm, ankle together.
    for (float a : grid(-70, 80, 15))
      for (float b : grid(-30, 20, 5)) {
        Pose p;
        p.set(Motion::WristFlexion, side, a);
        p.set(Motion::WristRadialDeviation, side, b);
        p.set(Motion::ForearmPronation, side, a);
        p.set(Motion::ScapulaElevation, side, b);
        p.set(Motion::ScapulaProtraction, side, b * 0.8f);
        p.set(Motion::AnkleDorsiflexion, side, a * 0.3f);
        p.set(Motion::AnkleInversion, side, b);
        p.set(Motion::ToesExtension, side, a * 0.5f);
        checkSame(p, roundTrip(p), 0.01f, "distal combo");
      }
  }
  // Spine segments: flexion + lateral flexion + rotation each.
  for (float f : grid(-29, 73, 12))
    for (float l : grid(-28, 28, 7))
      for (float r : grid(-35, 35, 7)) {
        Pose p;
        p.set(Motion::LumbarFlexion, f);
        p.set(Motion::LumbarLateralFlexion, l);
        p.set(Motion::LumbarRotation, r * 0.3f);
        p.set(Motion::ThoracicFlexion, f * 0.5f);
        p.set(Motion::ThoracicLateralFlexion, l * 0.8f);
        p.set(Motion::ThoracicRotation, r);
        p.set(Motion::CervicalFlexion, -f * 0.8f);
        p.set(Motion::CervicalLateralFlexion, l * 1.5f);
        p.set(Motion::CervicalRotation, r * 2.0f);
        checkSame(p, roundTrip(p), 0.01f, "spine combo");
      }
}

TEST_CASE("root placement round trips", "[anatomy][kinematics]") {
  Pose p;
  p.root.translation = glm::vec3(0.1f, -0.5f, 0.3f);
  p.root.rotation = glm::angleAxis(glm::radians(90.0f), glm::vec3(1, 0, 0));  // lying
  p.set(Motion::HipFlexion, Side::Left, 60.0f);
  const Pose m = roundTrip(p);
  checkSame(p, m, 0.01f, "with root");
  CHECK(glm::distance(m.root.translation, p.root.translation) < 1e-5f);
  CHECK(std::fabs(glm::dot(m.root.rotation, p.root.rotation)) > 0.99999f);
}

TEST_CASE("shoulder: flexion 170 and abduction 90 read back, and horizontal adduction",
          "[anatomy][kinematics][shoulder]") {
  const Skeleton& s = skel();
  const float arm = glm::distance(glm::vec3(s.restModel[index(Joint::ShoulderL)][3]),
                                  glm::vec3(s.restModel[index(Joint::WristL)][3]));
  {
    const Pose p = single(Motion::ShoulderFlexion, Side::Left, 170.0f);
    const Posed x = run(p);
    const glm::vec3 d = pos(x, Joint::WristL) - pos(x, Joint::ShoulderL);
    CHECK(d.y > 0.95f * arm);       // overhead
    CHECK(d.z > 0.1f * arm);        // still in front (10 degrees short of vertical)
    CHECK(std::fabs(d.x) < 1e-4f);  // in the sagittal plane
    const Pose m = measurePose(s, x.model);
    CHECK(m.get(Motion::ShoulderFlexion, Side::Left) == Approx(170.0f).margin(0.01));
    CHECK(m.get(Motion::ShoulderAbduction, Side::Left) == Approx(0.0f).margin(0.01));
  }
  {
    const Pose p = single(Motion::ShoulderAbduction, Side::Left, 90.0f);
    const Posed x = run(p);
    const glm::vec3 d = pos(x, Joint::WristL) - pos(x, Joint::ShoulderL);
    CHECK(d.x == Approx(arm).margin(1e-4));  // straight out to the left side
    CHECK(std::fabs(d.y) < 1e-4f);
    CHECK(measurePose(s, x.model).get(Motion::ShoulderAbduction, Side::Left) ==
          Approx(90.0f).margin(0.01));
  }
  // Horizontal adduction over its ROM at 90 degrees of abduction: the hand sweeps from behind
  // the coronal plane to across the chest. The measured pose folds it into flexion and
  // abduction but describes the same orientation; measureShoulder reads the plane back.
  for (Side side : {Side::Left, Side::Right}) {
    const float lateral = side == Side::Left ? 1.0f : -1.0f;
    for (float h : grid(-45, 135, 36)) {
      Pose p;
      p.set(Motion::ShoulderAbduction, side, 90.0f);
      p.set(Motion::ShoulderHorizontalAdduction, side, h);
      p.set(Motion::ShoulderInternalRotation, side, 15.0f);
      const Posed x = run(p);
      const ShoulderAngles sa = measureShoulder(s, x.model, side);
      CHECK(sa.planeOfElevation == Approx(h).margin(0.01));
      CHECK(sa.elevation == Approx(90.0f).margin(0.01));
      CHECK(sa.internalRotation == Approx(15.0f).margin(0.01));
      const ShoulderAngles fromPose = shoulderAnglesOf(p, side);
      CHECK(fromPose.planeOfElevation == Approx(h).margin(0.01));
      const Pose m = measurePose(s, x.model);
      CHECK(m.get(Motion::ShoulderHorizontalAdduction, side) == 0.0f);
      const Posed y = run(m);
      for (int j = 0; j < kJointCount; ++j) {
        CHECK(glm::distance(glm::vec3(x.model[j][3]), glm::vec3(y.model[j][3])) < 1e-5f);
        CHECK(std::fabs(glm::dot(glm::quat_cast(glm::mat3(x.model[j])),
                                 glm::quat_cast(glm::mat3(y.model[j])))) > 0.999999f);
      }
      // Direction: the hand's lateral offset shrinks as h grows, forward grows until 90.
      const glm::vec3 d =
          pos(x, onSide(Joint::WristL, side)) - pos(x, onSide(Joint::ShoulderL, side));
      CHECK(lateral * d.x == Approx(arm * std::cos(glm::radians(h))).margin(1e-4));
      CHECK(d.z == Approx(arm * std::sin(glm::radians(h))).margin(1e-4));
    }
  }
  // ISB angles of plain flexion: plane 90, elevation 90, clinical rotation 0 = ISB axial 0
  // (the sleeper position's zero, Wu et al. 2005); overhead the two differ by the plane.
  const ShoulderAngles f90 =
      shoulderAnglesOf(single(Motion::ShoulderFlexion, Side::Left, 90), Side::Left);
  CHECK(f90.planeOfElevation == Approx(90.0f));
  CHECK(f90.elevation == Approx(90.0f));
  CHECK(f90.internalRotation == Approx(0.0f));
  CHECK(f90.axialRotationIsb == Approx(0.0f).margin(1e-4));
  const ShoulderAngles f180 =
      shoulderAnglesOf(single(Motion::ShoulderFlexion, Side::Left, 180), Side::Left);
  CHECK(f180.axialRotationIsb == Approx(-90.0f).margin(1e-3));
  // Rotation reads back along a flexion sweep with the elbow bent (continuous through the
  // hanging arm and overhead, where the rotation's zero changes with the elevation).
  Pose prev;
  for (float fl : grid(-40, 175, 44)) {
    Pose p;
    p.set(Motion::ShoulderFlexion, Side::Right, fl);
    p.set(Motion::ShoulderInternalRotation, Side::Right, 25.0f);
    p.set(Motion::ElbowFlexion, Side::Right, 90.0f);
    const Posed x = run(p);
    const Pose m = measurePose(s, x.model, &prev);
    CHECK(m.get(Motion::ShoulderInternalRotation, Side::Right) == Approx(25.0f).margin(0.05));
    CHECK(m.get(Motion::ShoulderFlexion, Side::Right) == Approx(fl).margin(0.05));
    prev = m;
  }
}

TEST_CASE("direction of every motion in model space", "[anatomy][kinematics]") {
  const Posed rest = run(Pose{});
  for (Side side : {Side::Left, Side::Right}) {
    const float lat = side == Side::Left ? 1.0f : -1.0f;  // +1 = lateral is +X
    auto J = [&](Joint leftJoint) { return onSide(leftJoint, side); };
    INFO((side == Side::Left ? "left" : "right"));
    {  // hip flexion carries the knee forward
      const Posed x = run(single(Motion::HipFlexion, side, 90));
      CHECK(pos(x, J(Joint::KneeL)).z > pos(x, J(Joint::HipL)).z + 0.4f);
      CHECK(pos(x, J(Joint::KneeL)).y == Approx(pos(x, J(Joint::HipL)).y).margin(1e-4));
      const Posed e = run(single(Motion::HipFlexion, side, -10));
      CHECK(pos(e, J(Joint::KneeL)).z < -0.05f);  // extension: backward
    }
    {  // hip abduction carries the knee outward
      const Posed x = run(single(Motion::HipAbduction, side, 30));
      CHECK(lat * (pos(x, J(Joint::KneeL)).x - pos(x, J(Joint::HipL)).x) > 0.2f);
      const Posed ad = run(single(Motion::HipAbduction, side, -20));
      CHECK(lat * (pos(ad, J(Joint::KneeL)).x - pos(ad, J(Joint::HipL)).x) < -0.1f);
    }
    {  // hip internal rotation: knee straight -> toes turn inward; 90/90 -> foot goes outward
      const Posed x = run(single(Motion::HipInternalRotation, side, 30));
      const glm::vec3 toes = pos(x, J(Joint::ToesL)) - pos(x, J(Joint::AnkleL));
      CHECK(lat * toes.x < -0.05f);
      Pose p;
      p.set(Motion::HipFlexion, side, 90);
      p.set(Motion::KneeFlexion, side, 90);
      const Posed n = run(p);
      p.set(Motion::HipInternalRotation, side, 30);
      const Posed y = run(p);
      CHECK(lat * (pos(y, J(Joint::AnkleL)).x - pos(n, J(Joint::AnkleL)).x) > 0.15f);
      // and the toes (pointing forward in 90/90) still point forward but the sole tilts
      CHECK(pos(y, J(Joint::KneeL)).z == Approx(pos(n, J(Joint::KneeL)).z).margin(1e-4));
    }
    {  // knee flexion moves the ankle backward
      const Posed x = run(single(Motion::KneeFlexion, side, 90));
      CHECK(pos(x, J(Joint::AnkleL)).z < pos(x, J(Joint::KneeL)).z - 0.3f);
    }
    {  // ankle dorsiflexion lifts the toes; plantarflexion lowers them
      const Posed x = run(single(Motion::AnkleDorsiflexion, side, 20));
      CHECK(pos(x, J(Joint::ToesL)).y > pos(rest, J(Joint::ToesL)).y + 0.02f);
      const Posed pf = run(single(Motion::AnkleDorsiflexion, side, -40));
      CHECK(pos(pf, J(Joint::ToesL)).y < pos(rest, J(Joint::ToesL)).y - 0.02f);
    }
    {  // inversion turns the sole medially
      const Posed x = run(single(Motion::AnkleInversion, side, 20));
      CHECK(lat * dir(x, J(Joint::SubtalarL), {0, -1, 0}).x < -0.3f);
    }
    {  // toe extension points the toes up
      const Posed x = run(single(Motion::ToesExtension, side, 45));
      CHECK(dir(x, J(Joint::ToesL), {0, 0, 1}).y > 0.6f);
    }
    {  // scapula elevation lifts, protraction moves the shoulder forward
      const Posed x = run(single(Motion::ScapulaElevation, side, 20));
      CHECK(pos(x, J(Joint::ShoulderL)).y > pos(rest, J(Joint::ShoulderL)).y + 0.02f);
      const Posed y = run(single(Motion::ScapulaProtraction, side, 20));
      CHECK(pos(y, J(Joint::ShoulderL)).z > pos(rest, J(Joint::ShoulderL)).z + 0.02f);
    }
    {  // shoulder flexion raises the hand forward
      const Posed x = run(single(Motion::ShoulderFlexion, side, 90));
      CHECK(pos(x, J(Joint::HandL)).z > 0.5f);
      CHECK(pos(x, J(Joint::HandL)).y == Approx(pos(x, J(Joint::ShoulderL)).y).margin(1e-4));
      const Posed e = run(single(Motion::ShoulderFlexion, side, -45));
      CHECK(pos(e, J(Joint::HandL)).z < -0.3f);
    }
    {  // shoulder abduction raises the hand sideways
      const Posed x = run(single(Motion::ShoulderAbduction, side, 90));
      CHECK(lat * (pos(x, J(Joint::HandL)).x - pos(x, J(Joint::ShoulderL)).x) > 0.6f);
      CHECK(pos(x, J(Joint::HandL)).y == Approx(pos(x, J(Joint::ShoulderL)).y).margin(1e-4));
    }
    {  // horizontal adduction at 90 abduction brings the hand toward the midline front
      Pose p;
      p.set(Motion::ShoulderAbduction, side, 90);
      p.set(Motion::ShoulderHorizontalAdduction, side, 120);
      const Posed x = run(p);
      CHECK(pos(x, J(Joint::HandL)).z > 0.4f);
      CHECK(lat * (pos(x, J(Joint::HandL)).x - pos(x, J(Joint::ShoulderL)).x) < -0.2f);
    }
    {  // internal rotation at 90 abduction, elbow flexed 90 (forearm forward): hand goes down
      Pose p;
      p.set(Motion::ShoulderAbduction, side, 90);
      p.set(Motion::ElbowFlexion, side, 90);
      const Posed n = run(p);
      CHECK(pos(n, J(Joint::WristL)).z > pos(n, J(Joint::ElbowL)).z + 0.2f);
      p.set(Motion::ShoulderInternalRotation, side, 60);
      const Posed x = run(p);
      CHECK(pos(x, J(Joint::WristL)).y < pos(x, J(Joint::ElbowL)).y - 0.2f);
      p.set(Motion::ShoulderInternalRotation, side, -60);  // external: hand goes up
      const Posed y = run(p);
      CHECK(pos(y, J(Joint::WristL)).y > pos(y, J(Joint::ElbowL)).y + 0.2f);
    }
    {  // the sleeper position (flexion 90, elbow 90): rotation 0 = forearm across the body
      // (vertical when lying on that side); internal rotation lowers it toward the feet
      Pose p;
      p.set(Motion::ShoulderFlexion, side, 90);
      p.set(Motion::ElbowFlexion, side, 90);
      const Posed n = run(p);
      CHECK(lat * (pos(n, J(Joint::WristL)).x - pos(n, J(Joint::ElbowL)).x) < -0.2f);
      CHECK(pos(n, J(Joint::WristL)).y == Approx(pos(n, J(Joint::ElbowL)).y).margin(0.02));
      p.set(Motion::ShoulderInternalRotation, side, 60);
      const Posed x = run(p);
      CHECK(pos(x, J(Joint::WristL)).y < pos(x, J(Joint::ElbowL)).y - 0.15f);
      p.set(Motion::ShoulderInternalRotation, side, -60);  // external: the forearm rises
      const Posed y = run(p);
      CHECK(pos(y, J(Joint::WristL)).y > pos(y, J(Joint::ElbowL)).y + 0.15f);
    }
    {  // elbow flexion brings the wrist toward the shoulder (forward: palms face forward)
      const Posed x = run(single(Motion::ElbowFlexion, side, 120));
      const float d0 = glm::distance(pos(rest, J(Joint::WristL)), pos(rest, J(Joint::ShoulderL)));
      const float d1 = glm::distance(pos(x, J(Joint::WristL)), pos(x, J(Joint::ShoulderL)));
      CHECK(d1 < d0 - 0.2f);
      CHECK(pos(x, J(Joint::WristL)).z > 0.1f);
    }
    {  // pronation turns the palm (anterior, +Z at rest) medially then backward
      const Posed x = run(single(Motion::ForearmPronation, side, 90));
      const glm::vec3 palm = dir(x, J(Joint::HandL), {0, 0, 1});
      CHECK(lat * palm.x < -0.99f);
      const Posed y = run(single(Motion::ForearmPronation, side, -90));  // supination
      CHECK(lat * dir(y, J(Joint::HandL), {0, 0, 1}).x > 0.99f);
    }
    {  // wrist flexion moves the hand toward the palm; radial deviation toward the thumb
      const Posed x = run(single(Motion::WristFlexion, side, 60));
      CHECK(pos(x, J(Joint::HandL)).z > pos(x, J(Joint::WristL)).z + 0.04f);
      const Posed e = run(single(Motion::WristFlexion, side, -60));
      CHECK(pos(e, J(Joint::HandL)).z < pos(e, J(Joint::WristL)).z - 0.04f);
      const Posed r = run(single(Motion::WristRadialDeviation, side, 20));
      CHECK(lat * (pos(r, J(Joint::HandL)).x - pos(r, J(Joint::WristL)).x) > 0.02f);
      // After 90 degrees of pronation the palm faces backward-medially: flexion now moves
      // the hand medially.
      Pose p;
      p.set(Motion::ForearmPronation, side, 90);
      p.set(Motion::WristFlexion, side, 60);
      const Posed q = run(p);
      CHECK(lat * (pos(q, J(Joint::HandL)).x - pos(q, J(Joint::WristL)).x) < -0.04f);
    }
  }
  // Spine (positive lateral flexion and rotation = toward the right = -X).
  {
    Pose p;
    p.set(Motion::CervicalLateralFlexion, 30);
    const Posed x = run(p);
    CHECK(pos(x, Joint::Head).x < -0.03f);
    CHECK(glm::distance(pos(x, Joint::Head), pos(x, Joint::ShoulderR)) <
          glm::distance(pos(rest, Joint::Head), pos(rest, Joint::ShoulderR)) - 0.02f);
  }
  for (Motion m : {Motion::LumbarFlexion, Motion::ThoracicFlexion, Motion::CervicalFlexion}) {
    Pose p;
    p.set(m, 30);
    CHECK(pos(run(p), Joint::Head).z > pos(rest, Joint::Head).z + 0.03f);
    p.set(m, -20);  // extension
    CHECK(pos(run(p), Joint::Head).z < pos(rest, Joint::Head).z - 0.02f);
  }
  for (Motion m : {Motion::LumbarLateralFlexion, Motion::ThoracicLateralFlexion}) {
    Pose p;
    p.set(m, 20);
    CHECK(pos(run(p), Joint::Head).x < -0.05f);
  }
  for (Motion m : {Motion::LumbarRotation, Motion::ThoracicRotation}) {
    Pose p;
    p.set(m, 30);  // trunk turns to the right: left shoulder forward, right shoulder back
    const Posed x = run(p);
    CHECK(pos(x, Joint::ShoulderL).z > pos(rest, Joint::ShoulderL).z + 0.05f);
    CHECK(pos(x, Joint::ShoulderR).z < pos(rest, Joint::ShoulderR).z - 0.05f);
  }
  {
    Pose p;
    p.set(Motion::CervicalRotation, 60);  // face turns to the right
    const Posed x = run(p);
    CHECK(dir(x, Joint::Head, {0, 0, 1}).x < -0.8f);
  }
}

TEST_CASE("left and right mirror each other", "[anatomy][kinematics]") {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> u(-40.0f, 40.0f);
  for (int trial = 0; trial < 50; ++trial) {
    Pose p;
    for (int i = 0; i < kBilateralMotionCount; ++i) {
      const float v = u(rng);
      p.set(static_cast<Motion>(i), Side::Left, v);
      p.set(static_cast<Motion>(i), Side::Right, v);
    }
    const Posed x = run(p);
    for (int i = 0; i < kJointCount; ++i) {
      const Joint j = static_cast<Joint>(i);
      const glm::vec3 a = pos(x, j);
      const glm::vec3 b = pos(x, mirrorJoint(j));
      CHECK(a.x == Approx(-b.x).margin(1e-5));
      CHECK(a.y == Approx(b.y).margin(1e-5));
      CHECK(a.z == Approx(b.z).margin(1e-5));
    }
  }
}

TEST_CASE("singularities: no NaN, continuous measurements", "[anatomy][kinematics][singular]") {
  auto noNan = [](const Pose& p) {
    for (float v : p.angles) REQUIRE_FALSE(std::isnan(v));
  };
  for (Side side : {Side::Left, Side::Right}) {
    // Elevation through 0 (arm hanging) in both cardinal planes, with some rotation.
    for (Motion m : {Motion::ShoulderAbduction, Motion::ShoulderFlexion}) {
      Pose prev;
      bool first = true;
      for (float e : grid(-20, 20, 80)) {  // 0.5 degree steps
        Pose p;
        p.set(m, side, e);
        p.set(Motion::ShoulderInternalRotation, side, 30);
        const Pose got = roundTrip(p);
        noNan(got);
        INFO("elevation " << e << " motion " << motionId(m));
        checkSame(p, got, 0.01f, "through elevation 0");
        if (!first) {
          for (int c = 0; c < kCoordinateCount; ++c)
            CHECK(std::fabs(got.angles[c] - prev.angles[c]) < 1.0f);
        }
        prev = got;
        first = false;
      }
    }
    // Elevation through 180, tracking the previous measurement (as gauges do).
    for (Motion m : {Motion::ShoulderFlexion, Motion::ShoulderAbduction}) {
      for (float rot : {0.0f, 25.0f}) {
        Pose prev;
        bool first = true;
        for (float e : grid(160, 200, 80)) {
          Pose p;
          p.set(m, side, e);
          p.set(Motion::ShoulderInternalRotation, side, rot);
          const Pose got = roundTrip(p, first ? nullptr : &prev);
          noNan(got);
          INFO(motionId(m) << " " << e << " rot " << rot);
          CHECK(got.get(m, side) == Approx(e).margin(0.05));
          CHECK(got.get(Motion::ShoulderInternalRotation, side) == Approx(rot).margin(0.05));
          if (!first) {
            for (int c = 0; c < kCoordinateCount; ++c)
              CHECK(std::fabs(got.angles[c] - prev.angles[c]) < 1.0f);
          }
          prev = got;
          first = false;
        }
      }
    }
    // Without a previous measurement, the readings past 180 still prefer flexion/abduction
    // (Boone & Azen's 184 degrees of abduction reads back).
    for (float e : {179.5f, 180.0f, 182.0f, 184.0f}) {
      const Pose got = roundTrip(single(Motion::ShoulderAbduction, side, e));
      CHECK(got.get(Motion::ShoulderAbduction, side) == Approx(e).margin(0.05));
      const Pose gf = roundTrip(single(Motion::ShoulderFlexion, side, e));
      CHECK(gf.get(Motion::ShoulderFlexion, side) == Approx(e).margin(0.05));
    }
    // Hip flexion around 90 with abduction and rotation.
    Pose prev;
    bool first = true;
    for (float f : grid(80, 100, 40)) {
      Pose p;
      p.set(Motion::HipFlexion, side, f);
      p.set(Motion::HipAbduction, side, 15);
      p.set(Motion::HipInternalRotation, side, -35);
      const Pose got = roundTrip(p);
      noNan(got);
      checkSame(p, got, 0.01f, "hip flexion near 90");
      if (!first)
        CHECK(std::fabs(got.get(Motion::HipFlexion, side) - prev.get(Motion::HipFlexion, side)) <
              1.0f);
      prev = got;
      first = false;
    }
  }
  // Plane of elevation is carried while the arm hangs vertically.
  {
    Pose p;
    p.set(Motion::ShoulderAbduction, Side::Left, 0.0f);
    const Posed x = run(p);
    ShoulderAngles prev;
    prev.planeOfElevation = 42.0f;
    const ShoulderAngles sa = measureShoulder(skel(), x.model, Side::Left, &prev);
    CHECK(sa.planeOfElevation == 42.0f);
    CHECK(sa.elevation == Approx(0.0f).margin(1e-3));
    const ShoulderAngles none = measureShoulder(skel(), x.model, Side::Left);
    CHECK_FALSE(std::isnan(none.planeOfElevation));
  }
  // Arbitrary rotations (including exact 180-degree turns) never give NaN.
  {
    std::mt19937 rng(3);
    std::normal_distribution<float> n(0.0f, 1.0f);
    std::array<Transform, kJointCount> local = skel().restLocal;
    for (int trial = 0; trial < 200; ++trial) {
      for (auto& t : local) {
        t.rotation = glm::normalize(glm::quat(n(rng), n(rng), n(rng), n(rng)));
        if (trial % 4 == 0)
          t.rotation = glm::quat(0.0f, glm::normalize(glm::vec3(n(rng), 0.0f, n(rng))));
      }
      noNan(measurePoseLocal(skel(), local));
    }
  }
}

TEST_CASE("jobs reject wrong buffer sizes", "[anatomy][kinematics]") {
  std::array<Transform, kJointCount - 1> small;
  std::array<glm::mat4, kJointCount> model;
  std::array<Transform, kJointCount> local;
  CHECK_FALSE(poseToLocal(skel(), Pose{}, small));
  CHECK_FALSE(localToModel(skel(), small, model));
  CHECK(poseToLocal(skel(), Pose{}, local));
  CHECK(localToModel(skel(), local, model));
  // Rest pose reproduces the skeleton's rest model matrices.
  for (int j = 0; j < kJointCount; ++j)
    CHECK(glm::distance(glm::vec3(model[j][3]), glm::vec3(skel().restModel[j][3])) < 1e-6f);
}

TEST_CASE("skeletons with rotated bind frames use their anatomical frames",
          "[anatomy][kinematics]") {
  // Same joint positions as the default skeleton, every bind frame rotated at random; the
  // anatomical frame F_j = C_j^-1 (C_j = rest model rotation) re-expresses the model-aligned
  // anatomical axes in the bind frame. Poses must land every joint at the same place and
  // measure back the same angles.
  const Skeleton& base = skel();
  Skeleton s = base;
  std::mt19937 rng(5);
  std::normal_distribution<float> n(0.0f, 1.0f);
  std::array<glm::quat, kJointCount> C;
  for (int j = 0; j < kJointCount; ++j) {
    C[j] = glm::normalize(glm::quat(n(rng), n(rng), n(rng), n(rng)));
    const int p = base.parents[j];
    const glm::quat Cp = p < 0 ? glm::quat(1, 0, 0, 0) : C[p];
    s.restLocal[j].rotation = glm::conjugate(Cp) * C[j];
    s.restLocal[j].translation = glm::conjugate(Cp) * base.restLocal[j].translation;
    s.anatomicalFrame[j] = glm::conjugate(C[j]);
  }
  updateRestModel(s);
  std::uniform_real_distribution<float> u(-30.0f, 30.0f);
  for (int trial = 0; trial < 20; ++trial) {
    Pose p;
    for (float& a : p.angles) a = u(rng);
    for (Side side : {Side::Left, Side::Right})
      p.set(Motion::ShoulderHorizontalAdduction, side, 0.0f);  // canonical form
    std::array<Transform, kJointCount> la, lb;
    std::array<glm::mat4, kJointCount> ma, mb;
    REQUIRE(poseToLocal(base, p, la));
    REQUIRE(localToModel(base, la, ma));
    REQUIRE(poseToLocal(s, p, lb));
    REQUIRE(localToModel(s, lb, mb));
    for (int j = 0; j < kJointCount; ++j)
      CHECK(glm::distance(glm::vec3(ma[j][3]), glm::vec3(mb[j][3])) < 1e-5f);
    checkSame(p, measurePose(s, mb), 0.01f, "rotated bind frames");
  }
}

TEST_CASE("spread spine joints bend over their levels and keep the measurement",
          "[anatomy][kinematics][levels]") {
  // The lumbar joint spread over three levels 7 and 14 cm above L5/S1 (on its way to T12/L1,
  // 10.5 cm up in the default skeleton: the pivots are inside and beyond it, which is legal).
  Skeleton s = skel();
  const auto L = static_cast<std::size_t>(index(Joint::Lumbar));
  const glm::vec3 up = s.restLocal[static_cast<std::size_t>(index(Joint::Thoracic))].translation;
  s.levels[L].count = 3;
  s.levels[L].pivot[1] = up * (1.0f / 3.0f);
  s.levels[L].pivot[2] = up * (2.0f / 3.0f);

  Pose p;
  p.set(Motion::LumbarFlexion, 45.0f);
  std::array<Transform, kJointCount> local;
  std::array<glm::mat4, kJointCount> spread, rigid;
  REQUIRE(poseToLocal(s, p, local));
  REQUIRE(localToModel(s, local, spread));
  REQUIRE(localToModel(skel(), local, rigid));

  // Rotations are the same; the thoracic joint lies on the arc of three 15° steps: at the
  // rigid chain's angle but closer to the rigid rotation's chord (not on it).
  // The lumbar joint's matrix stays at L5/S1 with the whole rotation (like the rigid one).
  const glm::vec3 pl(spread[L][3]);
  CHECK(glm::distance(pl, glm::vec3(rigid[L][3])) < 1e-6f);
  const glm::vec3 ts(spread[static_cast<std::size_t>(index(Joint::Thoracic))][3]);
  const glm::vec3 tr(rigid[static_cast<std::size_t>(index(Joint::Thoracic))][3]);
  const float chord = glm::length(up) * (1.0f + 2.0f * std::cos(glm::radians(15.0f))) / 3.0f;
  CHECK(glm::length(ts - pl) == Approx(chord).margin(1e-5));
  // Three 15° steps of length |up|/3: the chord leans 30° from vertical (the rigid one 45°).
  // (Angles from the rest offset, which leans back a little in the default skeleton.)
  const glm::vec3 upDir = glm::normalize(up);
  const float lean = glm::degrees(std::acos(glm::dot(glm::normalize(ts - pl), upDir)));
  CHECK(lean == Approx(30.0f).margin(0.05f));
  const float rigidLean = glm::degrees(std::acos(glm::dot(glm::normalize(tr - pl), upDir)));
  CHECK(rigidLean == Approx(45.0f).margin(0.05f));
  // The frame carried to the children has the whole rotation.
  CHECK(glm::dot(glm::mat3(spread[L])[1], glm::mat3(rigid[L])[1]) == Approx(1.0f).margin(1e-5));
  // Level frames: identity offset at rest, and the middle level turned by 2/3 of the motion
  // about the first pivot's axis.
  const glm::mat4 parent = spread[static_cast<std::size_t>(index(Joint::Pelvis))];
  const glm::mat4 mid = levelModel(s, index(Joint::Lumbar), parent, local[L], 1);
  const float midTurn = glm::degrees(std::acos(std::clamp(glm::mat3(mid)[1].y, -1.0f, 1.0f)));
  CHECK(midTurn == Approx(30.0f).margin(0.05f));
  // The last level is the frame the children hang from.
  const glm::mat4 last = levelModel(s, index(Joint::Lumbar), parent, local[L], 2);
  const glm::vec3 viaLast(last * glm::vec4(up, 1.0f));
  CHECK(glm::distance(viaLast, ts) < 1e-5f);
  CHECK(glm::length(glm::mat3(last)[1] - glm::mat3(spread[L])[1]) < 1e-5f);
  // Measurement reads the same angle back from the model matrices.
  const Pose back = measurePose(s, spread);
  CHECK(back.get(Motion::LumbarFlexion) == Approx(45.0f).margin(0.01f));
  // At rest the spread chain is the rigid one.
  REQUIRE(poseToLocal(s, Pose{}, local));
  REQUIRE(localToModel(s, local, spread));
  for (int j = 0; j < kJointCount; ++j) {
    CHECK(glm::distance(glm::vec3(spread[static_cast<std::size_t>(j)][3]),
                        glm::vec3(skel().restModel[static_cast<std::size_t>(j)][3])) < 1e-6f);
  }
}
