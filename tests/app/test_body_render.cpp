// The body rendered headless with GPU (dual-quaternion) skinning, standing in the anatomical
// position and in the deep-flexion poses the stretches reach, checked by silhouette: the skin
// must cover the projected joints of the moving limb (nothing detached or collapsed) and keep
// a plausible area (no explosion, no vanished limb).
#include <catch2/catch.hpp>

#include <filesystem>

#include "anatomy/kinematics.h"
#include "app/context.h"
#include "body/body.h"
#include "core/paths.h"
#include "gl_fixture.h"
#include "render/gl_debug.h"
#include "scene/studio.h"
#include "session/cast.h"
#include "session/stretch_scene.h"

namespace {

using sv::anatomy::Joint;
using sv::anatomy::Motion;
using sv::anatomy::Side;

struct Shot {
  sv::Image image;
  std::vector<glm::vec3> jointPixels;  // projected canonical joints
};

}  // namespace

TEST_CASE("body: standing and deep flexion render as a whole body (silhouette checks)") {
  constexpr int W = 480, H = 480;
  auto gl = sv::test::makeHeadlessRenderer(W, H);
  auto& renderer = gl.renderer;
  sv::Renderer& r = *renderer;
  auto model = sv::body::loadBodyModel(sv::body::defaultBodyPath());
  REQUIRE(model.ok());
  auto body = sv::body::Body::create(*model, sv::body::defaultClientShape());
  REQUIRE(body.ok());
  const sv::MeshId mesh = r.uploadMesh(body->mesh());
  std::array<sv::anatomy::Transform, sv::anatomy::kJointCount> local{};
  std::array<glm::mat4, sv::anatomy::kJointCount> jointModel{};
  std::vector<glm::mat4> palette(static_cast<std::size_t>(body->boneCount()));

  // Side view from the body's right, whole figure in frame.
  sv::OrbitCamera cam;
  cam.setViewport(W, H);
  sv::OrbitState view;
  view.target = {0.0f, 1.0f, 0.0f};
  view.yawDeg = -90.0f;
  view.pitchDeg = 5.0f;
  view.distance = 4.6f;
  cam.snapTo(view);
  sv::FrameParams params = sv::studioFrameParams(cam);
  params.showGrid = false;

  // The empty studio, to tell the body's pixels from the background.
  sv::DrawList empty;
  r.renderScene(params, empty);
  const sv::Image background = r.capture();

  auto shoot = [&](const sv::anatomy::Pose& pose) {
    sv::anatomy::poseToLocal(body->skeleton(), pose, local);
    sv::anatomy::localToModel(body->skeleton(), local, jointModel);
    const auto& relaxed = sv::anatomy::handShape(sv::anatomy::HandPose::Relaxed);
    body->palette(local, jointModel, relaxed, relaxed, palette);
    sv::DrawList list;
    // Without clothing: the skin is lighter than the floor and the backdrop everywhere.
    sv::DrawItem item = sv::session::bodyItem(mesh, palette, sv::session::clientLook(), false);
    item.albedo = glm::vec3(0.8f, 0.8f, 0.8f);
    item.cover = {item.albedo, item.albedo, item.albedo, item.albedo};
    list.items.push_back(item);
    r.renderScene(params, list);
    Shot s{r.capture(), {}};
    for (const glm::mat4& m : jointModel) s.jointPixels.push_back(cam.project(glm::vec3(m[3])));
    return s;
  };
  auto isBody = [&](const sv::Image& img, int x, int y) {
    // Shadows darken the floor; the body differs from the background by a lot somewhere in
    // a 3×3 neighbourhood (the skin is lighter than the floor and the backdrop).
    const glm::ivec4 a(img.at(x, y)), b(background.at(x, y));
    return std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b) > 40 && a.r > b.r;
  };
  auto coverage = [&](const sv::Image& img) {
    int n = 0;
    for (int y = 0; y < H; ++y) {
      for (int x = 0; x < W; ++x) n += isBody(img, x, y) ? 1 : 0;
    }
    return n;
  };
  // Some body pixel within `radius` of a projected joint.
  auto covered = [&](const Shot& s, Joint j, int radius = 6) {
    const glm::vec3 p = s.jointPixels[static_cast<std::size_t>(j)];
    for (int dy = -radius; dy <= radius; ++dy) {
      for (int dx = -radius; dx <= radius; ++dx) {
        const int x = static_cast<int>(p.x) + dx, y = static_cast<int>(p.y) + dy;
        if (x >= 0 && y >= 0 && x < W && y < H && isBody(s.image, x, y)) return true;
      }
    }
    return false;
  };

  const Shot bind = shoot(sv::anatomy::Pose{});  // the anatomical position
  const int bindArea = coverage(bind.image);
  CHECK(bindArea > W * H / 60);  // the body is there (seen from the side) and large enough
  for (Joint j : {Joint::Head, Joint::KneeR, Joint::AnkleR, Joint::ElbowR, Joint::WristR}) {
    INFO("standing joint " << sv::anatomy::jointName(j));
    CHECK(covered(bind, j));
  }
  (void)sv::writePng(bind.image, std::filesystem::temp_directory_path() / "sv_body_standing.png");

  struct Case {
    const char* name;
    Motion motion;
    float degrees;
    std::vector<Joint> limb;  // joints that must stay inside the skin
    float minArea, maxArea;   // silhouette area relative to the bind pose
  };
  const std::vector<Case> cases = {
      {"knee_140", Motion::KneeFlexion, 140.0f, {Joint::KneeR, Joint::AnkleR}, 0.7f, 1.4f},
      {"hip_120",
       Motion::HipFlexion,
       120.0f,
       {Joint::HipR, Joint::KneeR, Joint::AnkleR},
       0.7f,
       1.6f},
      {"shoulder_170",
       Motion::ShoulderFlexion,
       170.0f,
       {Joint::ShoulderR, Joint::ElbowR, Joint::WristR},
       0.7f,
       1.4f},
      // Turning the trunk shows the shoulders' full width to a side camera: the area grows.
      {"trunk_rotation_45",
       Motion::LumbarRotation,
       45.0f,
       {Joint::ShoulderR, Joint::ShoulderL, Joint::Head},
       0.8f,
       2.2f},
  };
  for (const Case& c : cases) {
    sv::anatomy::Pose pose;
    const Side side = sv::anatomy::isBilateral(c.motion) ? Side::Right : Side::Center;
    pose.set(c.motion, side, c.degrees);
    const Shot s = shoot(pose);
    (void)sv::writePng(s.image, std::filesystem::temp_directory_path() /
                                    (std::string("sv_body_") + c.name + ".png"));
    INFO(c.name);
    const int area = coverage(s.image);
    // Folding a limb hides some of it behind the body, but a collapsed or exploded skin
    // changes the area far more.
    CHECK(static_cast<float>(area) > static_cast<float>(bindArea) * c.minArea);
    CHECK(static_cast<float>(area) < static_cast<float>(bindArea) * c.maxArea);
    for (Joint j : c.limb) {
      INFO("joint " << sv::anatomy::jointName(j));
      CHECK(covered(s, j));
    }
  }
  CHECK(sv::gldebug::errorCount() == 0);
}
