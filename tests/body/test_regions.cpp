// The muscle-region map of the body asset (tools/make_body/regions.cpp): every region on both
// sides, mirror symmetry, and surface landmarks in the region a therapist would name, found on
// the body posed in the anatomical position in each shape.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "anatomy/kinematics.h"
#include "anatomy/muscle_groups.h"
#include "body/body.h"
#include "body/vertex_search.h"
#include "model/rigged_model.h"

using namespace sv;
using anatomy::Joint;
using anatomy::MuscleGroup;
using anatomy::Side;

namespace {

// $SV_BODY_ASSET, else the committed asset; nullopt (the test skips) when absent.
std::optional<std::filesystem::path> assetPath() {
  if (const char* env = std::getenv("SV_BODY_ASSET"); env && *env)
    return std::filesystem::path(env);
  if (std::filesystem::exists(SV_BODY_ASSET_PATH)) return std::filesystem::path(SV_BODY_ASSET_PATH);
  return std::nullopt;
}

std::shared_ptr<const body::BodyModel> loadModel() {
  static std::shared_ptr<const body::BodyModel> model = [] {
    std::shared_ptr<const body::BodyModel> m;
    if (auto path = assetPath()) {
      auto r = body::loadBodyModel(*path);
      if (!r) FAIL(r.error().message);
      m = *r;
    }
    return m;
  }();
  return model;
}

#define REQUIRE_BODY(model)                            \
  const auto model = loadModel();                      \
  if (!model) {                                        \
    WARN("skipped: no body asset (" SV_BODY_ASSET_PATH \
         " absent and SV_BODY_ASSET "                  \
         "unset); run tools/make_body");               \
    return;                                            \
  }

// Each vertex's region as the smooth weights have it: the strongest region, or 0 where "no
// region" (255 minus the weights) outweighs it.
std::vector<std::uint16_t> dominantRegions(const body::BodyAsset& a) {
  std::vector<std::uint16_t> out(a.positions.size(), 0);
  for (std::size_t v = 0; v < out.size(); ++v) {
    int none = 255, best = 0, id = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const int w = a.regionWeights[v][k];
      none -= w;
      if (w > best) {
        best = w;
        id = a.regionIds[v][k];
      }
    }
    out[v] = best > none ? static_cast<std::uint16_t>(id) : 0;
  }
  return out;
}

std::uint16_t mirrored(std::uint16_t id) {
  const auto r = anatomy::regionOf(id);
  if (!r) return 0;
  return anatomy::regionId(r->group, r->side == Side::Left ? Side::Right : Side::Left);
}

std::string regionName(std::uint16_t id) {
  const auto r = anatomy::regionOf(id);
  if (!r) return "none";
  return std::string(anatomy::muscleGroupId(r->group)) + (r->side == Side::Left ? ":l" : ":r");
}

// The body of one shape posed in the anatomical position (zero angles): vertex positions, the
// canonical joint each vertex mostly follows, and the fitted skeleton's joints.
struct RestBody {
  std::vector<glm::vec3> positions;
  std::vector<Joint> joint;
  anatomy::Skeleton skeleton;
  glm::vec3 at(Joint j) const {
    return glm::vec3(skeleton.restModel[static_cast<std::size_t>(anatomy::index(j))][3]);
  }
};

RestBody restBody(std::shared_ptr<const body::BodyModel> model, const body::BodyShape& shape) {
  auto b = body::Body::create(model, shape);
  if (!b) FAIL(b.error().message);
  std::array<anatomy::Transform, anatomy::kJointCount> local{};
  std::array<glm::mat4, anatomy::kJointCount> jm{};
  anatomy::poseToLocal(b->skeleton(), anatomy::Pose{}, local);
  anatomy::localToModel(b->skeleton(), local, jm);
  const auto& relaxed = anatomy::handShape(anatomy::HandPose::Relaxed);
  std::vector<glm::mat4> palette(static_cast<std::size_t>(b->boneCount()));
  REQUIRE(b->palette(local, jm, relaxed, relaxed, palette));
  std::vector<DualQuat> dq(palette.size());
  computeDualQuatPalette(palette, dq);
  RestBody r;
  const std::size_t n = b->mesh().vertices.size();
  r.positions.resize(n);
  std::vector<glm::vec3> normals(n);
  REQUIRE(skinVerticesDualQuat(b->mesh(), dq, r.positions, normals));
  const body::BodyAsset& a = model->asset;
  for (std::size_t v = 0; v < n; ++v) {
    const body::BoneSpec& bone = a.bones[a.joints[v][0]];
    r.joint.push_back(bone.drive == body::Drive::Finger ? anatomy::onSide(Joint::HandL, bone.side)
                                                        : bone.joint);
  }
  r.skeleton = b->skeleton();
  return r;
}

// The vertex furthest along `dir` among those that follow `joint` (its left-side version, on
// `side`; nullopt: any joint but the head) and lie within `band` metres of height y (and pass
// `keep`, which sees left-side coordinates); -1 when none does.
int extremeVertex(
    const RestBody& b, std::optional<Joint> leftJoint, Side side, float y, glm::vec3 dir,
    float band = 0.015f,
    const std::function<bool(glm::vec3)>& keep = [](glm::vec3) { return true; }) {
  const std::optional<Joint> j =
      leftJoint ? std::optional<Joint>(anatomy::onSide(*leftJoint, side)) : std::nullopt;
  const float sx = side == Side::Right ? -1.0f : 1.0f;
  const glm::vec3 d(dir.x * sx, dir.y, dir.z);
  int best = -1;
  float most = -1e9f;
  for (std::size_t v = 0; v < b.positions.size(); ++v) {
    const glm::vec3 p = b.positions[v];
    if (j ? b.joint[v] != *j : b.joint[v] == Joint::Head) continue;
    if (std::abs(p.y - y) > band) continue;
    if (!keep(glm::vec3(p.x * sx, p.y, p.z))) continue;
    if (glm::dot(p, d) > most) {
      most = glm::dot(p, d);
      best = static_cast<int>(v);
    }
  }
  return best;
}

}  // namespace

TEST_CASE("every muscle region is on the body, on both sides") {
  REQUIRE_BODY(model);
  const auto region = dominantRegions(model->asset);
  std::array<int, anatomy::kMuscleRegionCount> count{};
  for (std::uint16_t r : region) ++count[r];
  for (std::uint16_t id = 1; id < anatomy::kMuscleRegionCount; ++id) {
    INFO(regionName(id));
    CHECK(count[id] >= 4);
  }
}

TEST_CASE("the region map is mirror-symmetric") {
  REQUIRE_BODY(model);
  const body::BodyAsset& a = model->asset;
  const auto region = dominantRegions(a);
  // A vertex's image is the vertex nearest to (−x, y, z); midline vertices are their own and
  // carry one side's region, so off the midline the map must be symmetric nearly everywhere.
  // (mirrorVertices is checked against a brute-force search in test_vertex_search.cpp.)
  const std::vector<int> mirror = body::mirrorVertices(a.positions);
  std::size_t same = 0, offMidline = 0, sameOffMidline = 0;
  for (std::size_t v = 0; v < region.size(); ++v) {
    const auto w = static_cast<std::size_t>(mirror[v]);
    const bool ok = region[w] == mirrored(region[v]);
    same += ok;
    if (w != v && region[v] != 0) {
      ++offMidline;
      sameOffMidline += ok;
    }
  }
  const double all = double(same) / double(region.size());
  const double off = double(sameOffMidline) / double(offMidline);
  INFO("symmetric: " << all * 100.0 << " % of all vertices, " << off * 100.0
                     << " % of muscle-region vertices off the midline");
  CHECK(all >= 0.98);
  CHECK(off >= 0.995);
}

TEST_CASE("surface landmarks lie in the region a therapist would name") {
  REQUIRE_BODY(model);
  const auto region = dominantRegions(model->asset);
  const std::pair<const char*, body::BodyShape> shapes[] = {
      {"client", body::defaultClientShape()},
      {"practitioner", body::defaultPractitionerShape()},
      {"neutral", body::BodyShape{}}};
  for (const auto& [shapeName, shape] : shapes) {
    const RestBody b = restBody(model, shape);
    const glm::vec3 hip = b.at(Joint::HipL), knee = b.at(Joint::KneeL), ankle = b.at(Joint::AnkleL),
                    shoulder = b.at(Joint::ShoulderL), elbow = b.at(Joint::ElbowL),
                    wrist = b.at(Joint::WristL), hand = b.at(Joint::HandL),
                    t12 = b.at(Joint::Thoracic), c7 = b.at(Joint::Cervical);
    auto thigh = [&](float t) { return glm::mix(hip.y, knee.y, t); };
    auto shank = [&](float t) { return glm::mix(knee.y, ankle.y, t); };
    auto upperArm = [&](float t) { return glm::mix(shoulder.y, elbow.y, t); };
    auto forearm = [&](float t) { return glm::mix(elbow.y, wrist.y, t); };
    const glm::vec3 front(0, 0, 1), back(0, 0, -1), lateral(1, 0, 0), medial(-1, 0, 0), up(0, 1, 0);
    auto nearMidline = [&](float lo, float hi) {
      return [=](glm::vec3 p) { return p.x >= lo * shoulder.x && p.x <= hi * shoulder.x; };
    };
    struct Landmark {
      const char* what;
      int vertex;  // on the left side (the right side is checked through the mirror below)
      std::optional<MuscleGroup> group;
    };
    const Landmark landmarks[] = {
        {"back of mid-thigh", extremeVertex(b, Joint::HipL, Side::Left, thigh(0.5f), back),
         MuscleGroup::Hamstrings},
        {"front of mid-thigh", extremeVertex(b, Joint::HipL, Side::Left, thigh(0.5f), front),
         MuscleGroup::Quadriceps},
        {"outside of mid-thigh", extremeVertex(b, Joint::HipL, Side::Left, thigh(0.5f), lateral),
         MuscleGroup::Quadriceps},
        {"inside of the upper thigh",
         extremeVertex(b, Joint::HipL, Side::Left, thigh(0.3f), medial), MuscleGroup::Adductors},
        {"centre of the buttock", extremeVertex(b, Joint::HipL, Side::Left, thigh(0.1f), back),
         MuscleGroup::Gluteals},
        {"outside of the hip, above the trochanter",
         extremeVertex(b, Joint::HipL, Side::Left, thigh(-0.12f), lateral, 0.02f),
         MuscleGroup::Gluteals},
        {"back of the upper calf", extremeVertex(b, Joint::KneeL, Side::Left, shank(0.3f), back),
         MuscleGroup::Calves},
        {"front-lateral shin",
         extremeVertex(b, Joint::KneeL, Side::Left, shank(0.4f),
                       glm::normalize(glm::vec3(0.6f, 0, 0.8f))),
         MuscleGroup::TibialisAnterior},
        // The fibula lies behind and outside the tibia: its muscles face out and a little back.
        {"outside of the shank, over the fibula",
         extremeVertex(b, Joint::KneeL, Side::Left, shank(0.4f),
                       glm::normalize(glm::vec3(0.8f, 0, -0.6f))),
         MuscleGroup::Peroneals},
        {"kneecap",
         extremeVertex(b, Joint::HipL, Side::Left, knee.y + 0.05f * (hip.y - knee.y), front),
         std::nullopt},
        {"back of the mid upper arm",
         extremeVertex(b, Joint::ShoulderL, Side::Left, upperArm(0.6f), back),
         MuscleGroup::Triceps},
        {"front of the mid upper arm",
         extremeVertex(b, Joint::ShoulderL, Side::Left, upperArm(0.6f), front),
         MuscleGroup::Biceps},
        {"point of the shoulder",
         extremeVertex(b, Joint::ShoulderL, Side::Left, upperArm(0.15f), lateral),
         MuscleGroup::Deltoids},
        {"palm side of the forearm",
         extremeVertex(b, Joint::ForearmL, Side::Left, forearm(0.35f), front),
         MuscleGroup::ForearmFlexors},
        {"back of the forearm", extremeVertex(b, Joint::ForearmL, Side::Left, forearm(0.35f), back),
         MuscleGroup::ForearmExtensors},
        {"palm",
         extremeVertex(b, Joint::WristL, Side::Left, glm::mix(wrist.y, hand.y, 0.6f), front),
         std::nullopt},
        {"upper chest below the clavicle",
         extremeVertex(b, Joint::Thoracic, Side::Left, shoulder.y - 0.1f * (c7.y - hip.y), front,
                       0.02f, nearMidline(0.3f, 0.6f)),
         MuscleGroup::Pectorals},
        {"belly beside the navel",
         extremeVertex(b, Joint::Lumbar, Side::Left, glm::mix(hip.y, t12.y, 0.6f), front, 0.02f,
                       nearMidline(0.1f, 0.4f)),
         MuscleGroup::Abdominals},
        {"low back beside the spine",
         extremeVertex(b, Joint::Lumbar, Side::Left, glm::mix(hip.y, t12.y, 0.75f), back, 0.02f,
                       nearMidline(0.05f, 0.2f)),
         MuscleGroup::ErectorSpinae},
        {"top of the shoulder, between neck and acromion",
         extremeVertex(b, std::nullopt, Side::Left, c7.y - 0.02f, up, 0.04f,
                       nearMidline(0.45f, 0.75f)),
         MuscleGroup::UpperTrapezius},
        {"over the shoulder blade",
         extremeVertex(b, Joint::Thoracic, Side::Left, glm::mix(t12.y, shoulder.y, 0.6f), back,
                       0.02f, nearMidline(0.4f, 0.6f)),
         MuscleGroup::RotatorCuff},
        {"between the shoulder blades, beside the spine",
         extremeVertex(b, Joint::Thoracic, Side::Left, glm::mix(t12.y, shoulder.y, 0.75f), back,
                       0.02f, nearMidline(0.08f, 0.22f)),
         MuscleGroup::Rhomboids},
        {"crown of the head",
         extremeVertex(b, Joint::Head, Side::Left, b.skeleton.height, up, 0.5f), std::nullopt},
    };
    for (const Landmark& l : landmarks) {
      INFO(shapeName << " shape: " << l.what);
      REQUIRE(l.vertex >= 0);
      const auto v = static_cast<std::size_t>(l.vertex);
      const std::uint16_t expect = l.group ? anatomy::regionId(*l.group, Side::Left) : 0;
      INFO("vertex " << v << " at " << b.positions[v].x << ", " << b.positions[v].y << ", "
                     << b.positions[v].z << " is " << regionName(region[v]));
      CHECK(regionName(region[v]) == regionName(expect));
      // The same landmark on the right side.
      const glm::vec3 p = b.positions[v];
      const auto w = static_cast<std::size_t>(body::nearestVertex(b.positions, {-p.x, p.y, p.z}));
      CHECK(regionName(region[w]) == regionName(mirrored(expect)));
    }
  }
}
