#include <array>
#include <cmath>

#include "anatomy/kinematics.h"
#include "stretches/stretch.h"
#include "support.h"

using namespace sv::muscles;
namespace an = sv::anatomy;

TEST_CASE("model: rest length, maximum and shares are consistent") {
  const MuscleModel& m = test::model();
  REQUIRE(m.count() == 2 * static_cast<int>(test::muscleSet().muscles.size()));
  std::vector<MuscleValue> v(static_cast<std::size_t>(m.count()));
  m.evaluate(an::Pose{}, v);
  for (int i = 0; i < m.count(); ++i) {
    const MuscleInfo& info = m.info(i);
    INFO(info.key);
    CHECK(info.restLength > 0.02f);
    CHECK(info.restLength < 1.0f);
    CHECK(info.maxLength > info.restLength);
    CHECK_FALSE(info.crossedMotions.empty());
    CHECK(v[static_cast<std::size_t>(i)].length == Approx(info.restLength));
    CHECK(v[static_cast<std::size_t>(i)].strain == Approx(0.0f).margin(1e-6));
    CHECK(v[static_cast<std::size_t>(i)].share == Approx(0.0f).margin(1e-5));
    // Lmax is reached at its pose.
    const float lmax = m.length(i, info.maxPose);
    CHECK(lmax == Approx(info.maxLength).epsilon(1e-4));
  }
}

TEST_CASE("model: left and right are mirror images") {
  const MuscleModel& m = test::model();
  an::Pose pose;
  pose.set(an::Motion::HipFlexion, an::Side::Right, 70.0f);
  pose.set(an::Motion::HipAbduction, an::Side::Right, 15.0f);
  pose.set(an::Motion::KneeFlexion, an::Side::Right, 100.0f);
  pose.set(an::Motion::AnkleDorsiflexion, an::Side::Right, 10.0f);
  pose.set(an::Motion::ShoulderFlexion, an::Side::Right, 120.0f);
  pose.set(an::Motion::ShoulderInternalRotation, an::Side::Right, 30.0f);
  pose.set(an::Motion::ElbowFlexion, an::Side::Right, 60.0f);
  pose.set(an::Motion::WristFlexion, an::Side::Right, -40.0f);
  pose.set(an::Motion::CervicalLateralFlexion, -20.0f);
  pose.set(an::Motion::CervicalRotation, 30.0f);
  pose.set(an::Motion::LumbarRotation, 8.0f);
  pose.set(an::Motion::ThoracicLateralFlexion, 12.0f);
  const an::Pose mirrored = sv::stretches::mirrorPose(pose);
  for (int i = 0; i < m.count(); i += 2) {
    INFO(m.info(i).id);
    CHECK(m.length(i, mirrored) == Approx(m.length(i + 1, pose)).epsilon(1e-5));
    CHECK(m.info(i).maxLength == Approx(m.info(i + 1).maxLength).epsilon(1e-5));
    CHECK(m.length(i, m.info(i).maxPose) == Approx(m.info(i).maxLength).epsilon(1e-4));
  }
}

TEST_CASE("model: lengths scale with height and strain does not") {
  auto tall = MuscleModel::build(test::muscleSet(), an::makeDefaultSkeleton(1.95f), test::rom());
  REQUIRE(tall.ok());
  const MuscleModel& m = test::model();
  an::Pose pose;
  pose.set(an::Motion::HipFlexion, an::Side::Right, 80.0f);
  pose.set(an::Motion::KneeFlexion, an::Side::Right, 20.0f);
  std::vector<MuscleValue> a(static_cast<std::size_t>(m.count())), b(a.size());
  m.evaluate(pose, a);
  tall->evaluate(pose, b);
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(b[i].length == Approx(a[i].length * 1.95f / 1.75f).epsilon(1e-4));
    CHECK(b[i].strain == Approx(a[i].strain).margin(1e-5));
  }
}

TEST_CASE("model: known directions of lengthening") {
  const MuscleModel& m = test::model();
  auto strain = [&](const char* id, const an::Pose& p) {
    const int i = m.find(id, an::Side::Right);
    REQUIRE(i >= 0);
    return m.length(i, p) / m.info(i).restLength - 1.0f;
  };
  auto with = [](std::initializer_list<std::pair<an::Motion, float>> angles) {
    an::Pose p;
    for (auto [mo, v] : angles) {
      if (an::isBilateral(mo)) {
        p.set(mo, an::Side::Right, v);
      } else {
        p.set(mo, v);
      }
    }
    return p;
  };
  using M = an::Motion;
  CHECK(strain("semimembranosus", with({{M::HipFlexion, 80}})) > 0.1f);
  CHECK(strain("semimembranosus", with({{M::KneeFlexion, 90}})) < -0.05f);
  CHECK(strain("rectus_femoris", with({{M::KneeFlexion, 120}})) > 0.1f);
  CHECK(strain("psoas", with({{M::HipFlexion, -12}})) > 0.0f);
  CHECK(strain("gastrocnemius_medial", with({{M::AnkleDorsiflexion, 13}})) > 0.0f);
  CHECK(strain("gastrocnemius_medial", with({{M::KneeFlexion, 90}})) < 0.0f);
  CHECK(strain("soleus", with({{M::AnkleDorsiflexion, -40}})) < 0.0f);
  CHECK(strain("tibialis_anterior", with({{M::AnkleDorsiflexion, -40}})) > 0.05f);
  CHECK(strain("adductor_longus", with({{M::HipAbduction, 40}})) > 0.05f);
  CHECK(strain("triceps_long", with({{M::ShoulderFlexion, 170}, {M::ElbowFlexion, 140}})) > 0.15f);
  CHECK(strain("biceps_long", with({{M::ShoulderFlexion, -50}})) > 0.0f);
  CHECK(strain("pectoralis_major",
               with({{M::ShoulderAbduction, 90}, {M::ShoulderHorizontalAdduction, -30}})) > 0.1f);
  CHECK(strain("latissimus_dorsi", with({{M::ShoulderFlexion, 170}})) > 0.1f);
  CHECK(strain("latissimus_dorsi", with({{M::ShoulderFlexion, -50}})) < 0.0f);
  CHECK(strain("latissimus_dorsi", with({{M::ShoulderInternalRotation, -60}})) > 0.0f);
  CHECK(strain("latissimus_dorsi", with({{M::ShoulderInternalRotation, 60}})) < 0.0f);
  CHECK(strain("latissimus_dorsi_iliac", with({{M::ShoulderFlexion, 170}})) > 0.1f);
  // The right lat's iliac part lengthens with side-bending to the left and trunk flexion.
  CHECK(strain("latissimus_dorsi_iliac",
               with({{M::LumbarLateralFlexion, -25}, {M::ThoracicLateralFlexion, -20}})) > 0.1f);
  CHECK(strain("latissimus_dorsi_iliac", with({{M::LumbarFlexion, 50}})) > 0.0f);
  // Infraspinatus: internal rotation (arm at the side and at 90 flexion) and cross-body
  // adduction lengthen it, external rotation shortens it.
  CHECK(strain("infraspinatus", with({{M::ShoulderInternalRotation, 60}})) > 0.05f);
  CHECK(strain("infraspinatus", with({{M::ShoulderInternalRotation, -60}})) < -0.05f);
  CHECK(
      strain("infraspinatus", with({{M::ShoulderFlexion, 90}, {M::ShoulderInternalRotation, 55}})) >
      strain("infraspinatus", with({{M::ShoulderFlexion, 90}})));
  CHECK(strain("infraspinatus",
               with({{M::ShoulderAbduction, 90}, {M::ShoulderHorizontalAdduction, 124}})) >
        strain("infraspinatus",
               with({{M::ShoulderAbduction, 90}, {M::ShoulderHorizontalAdduction, 90}})));
  // Subscapularis: external rotation lengthens it and internal rotation shortens it, at the
  // side and at 90/90 (where the infraspinatus does the opposite), step by step.
  CHECK(strain("subscapularis", with({{M::ShoulderInternalRotation, -60}})) > 0.05f);
  CHECK(strain("subscapularis", with({{M::ShoulderInternalRotation, 60}})) < -0.05f);
  {
    float last = 1e9f;
    for (float ir = -90.0f; ir <= 60.0f; ir += 15.0f) {
      const float s = strain("subscapularis", with({{M::ShoulderAbduction, 90},
                                                    {M::ElbowFlexion, 90},
                                                    {M::ShoulderInternalRotation, ir}}));
      INFO("internal rotation " << ir);
      CHECK(s < last);
      last = s;
    }
  }
  // Adductor magnus (ischiocondylar part): hip flexion and abduction lengthen it, most together;
  // the knee does not cross it.
  CHECK(strain("adductor_magnus", with({{M::HipFlexion, 90}})) > 0.15f);
  CHECK(strain("adductor_magnus", with({{M::HipAbduction, 40}})) > 0.05f);
  CHECK(strain("adductor_magnus", with({{M::HipFlexion, 90}, {M::HipAbduction, 30}})) >
        strain("adductor_magnus", with({{M::HipFlexion, 90}})));
  CHECK(strain("adductor_magnus", with({{M::KneeFlexion, 90}})) == Approx(0.0f).margin(1e-6));
  // Tensor fasciae latae / iliotibial band: hip extension with adduction (Ober) lengthens it,
  // abduction and flexion shorten it. The long toe flexors: toe extension and dorsiflexion.
  CHECK(strain("tensor_fasciae_latae", with({{M::HipFlexion, -10}, {M::HipAbduction, -20}})) >
        strain("tensor_fasciae_latae", with({{M::HipAbduction, -20}})));
  CHECK(strain("tensor_fasciae_latae", with({{M::HipAbduction, -20}})) > 0.02f);
  CHECK(strain("tensor_fasciae_latae", with({{M::HipAbduction, 30}})) < 0.0f);
  CHECK(strain("tensor_fasciae_latae", with({{M::HipFlexion, 90}})) < 0.0f);
  CHECK(strain("toe_flexors", with({{M::ToesExtension, 40}})) > 0.02f);
  CHECK(strain("toe_flexors", with({{M::AnkleDorsiflexion, 15}, {M::ToesExtension, 40}})) >
        strain("toe_flexors", with({{M::ToesExtension, 40}})));
  CHECK(strain("toe_flexors", with({{M::AnkleDorsiflexion, -30}})) < 0.0f);
  // The peroneals pass behind the lateral malleolus to the lateral and plantar foot: inversion
  // and dorsiflexion lengthen both, together most; eversion and pointing the foot shorten
  // them; the knee does not cross them.
  for (const char* id : {"peroneus_longus", "peroneus_brevis"}) {
    INFO(id);
    CHECK(strain(id, with({{M::AnkleInversion, 30}})) > 0.02f);
    CHECK(strain(id, with({{M::AnkleInversion, 30}, {M::AnkleDorsiflexion, 10}})) >
          strain(id, with({{M::AnkleInversion, 30}})));
    CHECK(strain(id, with({{M::AnkleInversion, -15}})) < 0.0f);
    CHECK(strain(id, with({{M::AnkleDorsiflexion, -40}})) < 0.0f);
    CHECK(strain(id, with({{M::KneeFlexion, 90}})) == Approx(0.0f).margin(1e-6));
  }
  // Rhomboids / middle trapezius (right): protraction of the shoulder girdle lengthens them,
  // retraction shortens them, step by step; the arm's own motions leave them alone.
  {
    float last = -1e9f;
    for (float pr = -25.0f; pr <= 25.0f; pr += 5.0f) {
      const float s = strain("rhomboids", with({{M::ScapulaProtraction, pr}}));
      INFO("protraction " << pr);
      CHECK(s > last);
      last = s;
    }
  }
  CHECK(strain("rhomboids", with({{M::ScapulaProtraction, 20}})) > 0.05f);
  CHECK(strain("rhomboids",
               with({{M::ShoulderAbduction, 90}, {M::ShoulderHorizontalAdduction, 120}})) ==
        Approx(0.0f).margin(1e-6));
  // Scalenes and sternocleidomastoid (right): side-bending to the left and extension lengthen
  // both, flexion shortens both; turning the head to the right lengthens the sternocleidomastoid.
  CHECK(strain("scalenes", with({{M::CervicalLateralFlexion, -35}})) > 0.1f);
  CHECK(strain("scalenes", with({{M::CervicalLateralFlexion, -35}, {M::CervicalFlexion, -15}})) >
        strain("scalenes", with({{M::CervicalLateralFlexion, -35}})));
  CHECK(strain("scalenes", with({{M::CervicalFlexion, 40}})) < 0.0f);
  CHECK(strain("sternocleidomastoid", with({{M::CervicalFlexion, -15}})) > 0.0f);
  CHECK(strain("sternocleidomastoid", with({{M::CervicalFlexion, 40}})) < -0.1f);
  CHECK(strain("sternocleidomastoid", with({{M::CervicalRotation, 40}})) > 0.0f);
  // The right external oblique turns the trunk to the left: rotation to the right and
  // side-bending to the left lengthen it.
  CHECK(strain("external_oblique", with({{M::ThoracicRotation, 30}})) > 0.1f);
  CHECK(strain("external_oblique", with({{M::ThoracicRotation, -30}})) < 0.0f);
  CHECK(strain("external_oblique", with({{M::ThoracicLateralFlexion, -20}})) > 0.0f);
  CHECK(strain("erector_spinae", with({{M::LumbarFlexion, 50}})) > 0.05f);
  CHECK(strain("rectus_abdominis", with({{M::LumbarFlexion, -25}})) > 0.0f);
  CHECK(strain("forearm_flexors", with({{M::WristFlexion, -60}})) > 0.0f);
  CHECK(strain("forearm_extensors", with({{M::WristFlexion, 60}})) > 0.0f);
  CHECK(strain("quadratus_lumborum", with({{M::LumbarLateralFlexion, -25}})) > 0.0f);
  CHECK(strain("upper_trapezius", with({{M::CervicalLateralFlexion, -40}})) > 0.0f);
}

// A scapula via point placed from the shoulder joint (subscapularis: "anchor": "shoulder_r")
// keeps its offset from the humeral head on a skeleton whose shoulder sits elsewhere relative
// to the clavicle (as on the built-in body, 3.6 cm lower and 3.2 cm further forward than the
// default skeleton's): without it the via point ends up above and behind the head, and
// external rotation at 90/90 shortened the muscle it should lengthen.
TEST_CASE("model: an anchored point follows its anchor joint on other proportions") {
  an::Skeleton moved = an::makeDefaultSkeleton(1.75f);
  for (an::Joint j : {an::Joint::ShoulderR, an::Joint::ShoulderL}) {
    glm::vec3 d(j == an::Joint::ShoulderR ? 0.018f : -0.018f, -0.036f, 0.032f);
    moved.restLocal[static_cast<std::size_t>(an::index(j))].translation += d;
  }
  an::updateRestModel(moved);
  auto built = MuscleModel::build(test::muscleSet(), moved, test::rom());
  REQUIRE(built.ok());
  const MuscleModel& base = test::model();
  const an::Pose rest;
  for (an::Side side : {an::Side::Right, an::Side::Left}) {
    const int i = base.find("subscapularis", side);
    REQUIRE(i >= 0);
    std::array<glm::mat4, an::kJointCount> mb{}, mm{};
    std::array<an::Transform, an::kJointCount> local{};
    an::poseToLocal(base.skeleton(), rest, local);
    an::localToModel(base.skeleton(), local, mb);
    an::poseToLocal(moved, rest, local);
    an::localToModel(moved, local, mm);
    std::array<glm::vec3, 8> pb{}, pm{};
    REQUIRE(base.path(i, rest, mb, pb) == 3);
    REQUIRE(built->path(i, rest, mm, pm) == 3);
    const an::Joint shoulder = an::onSide(an::Joint::ShoulderL, side);
    const glm::vec3 sb(mb[static_cast<std::size_t>(an::index(shoulder))][3]);
    const glm::vec3 sm(mm[static_cast<std::size_t>(an::index(shoulder))][3]);
    // Every point keeps its place by the head: the via point and the origin on the scapula
    // (both placed from the shoulder joint, the nearest to them), the insertion on the humerus.
    for (int k = 0; k < 3; ++k) {
      INFO("point " << k);
      CHECK(glm::length((pm[k] - sm) - (pb[k] - sb)) < 1e-5f);
    }
    // And external rotation at 90/90 still lengthens it there.
    auto strain = [&](float ir) {
      an::Pose p;
      p.set(an::Motion::ShoulderAbduction, side, 90.0f);
      p.set(an::Motion::ElbowFlexion, side, 90.0f);
      p.set(an::Motion::ShoulderInternalRotation, side, ir);
      return built->length(i, p);
    };
    CHECK(strain(-80.0f) > strain(0.0f));
    CHECK(strain(0.0f) > strain(60.0f));
  }
}

TEST_CASE("model: conditional points switch with their coordinate") {
  const MuscleModel& m = test::model();
  const int i = m.find("semimembranosus", an::Side::Right);
  std::array<an::Transform, an::kJointCount> local;
  std::array<glm::mat4, an::kJointCount> model;
  std::array<glm::vec3, 8> pts;
  an::Pose p;
  p.set(an::Motion::KneeFlexion, an::Side::Right, 20.0f);
  an::poseToLocal(m.skeleton(), p, local);
  an::localToModel(m.skeleton(), local, model);
  CHECK(m.path(i, p, model, pts) == 3);
  p.set(an::Motion::KneeFlexion, an::Side::Right, 60.0f);
  an::poseToLocal(m.skeleton(), p, local);
  an::localToModel(m.skeleton(), local, model);
  CHECK(m.path(i, p, model, pts) == 2);
}

TEST_CASE("model: group share is the largest member share") {
  const MuscleModel& m = test::model();
  an::Pose p;
  p.set(an::Motion::HipFlexion, an::Side::Left, 70.0f);
  std::vector<MuscleValue> v(static_cast<std::size_t>(m.count()));
  m.evaluate(p, v);
  std::array<float, an::kMuscleRegionCount> regions{};
  m.regionShares(v, regions);
  const auto region = an::regionId(an::MuscleGroup::Hamstrings, an::Side::Left);
  REQUIRE(m.hasMuscles(region));
  float best = -1e9f;
  for (int i : m.regionMembers(region)) best = std::max(best, v[static_cast<std::size_t>(i)].share);
  CHECK(regions[region] == best);
  CHECK(regions[region] > 0.3f);
  CHECK(m.info(m.regionLeader(v, region)).side == an::Side::Left);
  CHECK(regions[an::regionId(an::MuscleGroup::Hamstrings, an::Side::Right)] ==
        Approx(0.0f).margin(1e-5));
}
