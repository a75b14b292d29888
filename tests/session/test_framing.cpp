// Camera framing without a display: fitted views keep every figure inside the free part of
// the view, the visibility estimate sees through nothing, the automatic view shows each
// library stretch's key segment, presets frame, the eye views stay outside every head, and the
// director never fights the user.
#include <catch2/catch.hpp>

#include <cmath>

#include "anatomy/kinematics.h"
#include "session/framing.h"
#include "session/session.h"
#include "support/alloc_count.h"
#include "support/fixtures.h"

namespace {

using sv::OrbitCamera;
using sv::OrbitState;
using sv::ViewPreset;
using sv::anatomy::Side;
using sv::session::CameraDirector;
using sv::session::Capsule;
using sv::session::FramingMoment;
using sv::session::Stage;

// A workspace-like stage: a view of 760×650 px with a caption band above and a playback bar
// and legend below.
Stage workspaceStage() {
  Stage st;
  st.width = 760.0f;
  st.height = 650.0f;
  st.x0 = 8.0f;
  st.x1 = 752.0f;
  st.y0 = 120.0f;
  st.y1 = 500.0f;
  return st;
}

struct Fixture {
  sv::session::Cast cast;
  std::unique_ptr<sv::session::Session> session;
  explicit Fixture(const sv::stretches::Library& library = sv::test::library()) {
    REQUIRE(cast.load(SV_BODY_PATH, std::nullopt, sv::body::defaultClientShape(),
                      sv::body::defaultPractitionerShape(), nullptr)
                .ok());
    session = std::make_unique<sv::session::Session>(library, sv::test::rom(), cast);
  }
  void open(const char* id, Side side = Side::Right, const char* technique = "static") {
    const auto& lib = session->library();
    const auto* s = lib.find(id);
    REQUIRE(s != nullptr);
    REQUIRE(session->open(static_cast<int>(s - lib.stretches.data()), side, technique).ok());
  }
};

// The screen rectangle (pixels) of every capsule of the moments, seen from `s`.
struct Extent {
  float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
};
Extent projectedExtent(const OrbitState& s, const Stage& st,
                       std::span<const FramingMoment> moments) {
  OrbitCamera cam;
  cam.setViewport(static_cast<int>(st.width), static_cast<int>(st.height));
  cam.setFovY(st.fovYDeg);
  cam.snapTo(s);
  const glm::mat4 v = cam.view();
  const glm::vec3 right(v[0][0], v[1][0], v[2][0]), up(v[0][1], v[1][1], v[2][1]);
  Extent e;
  for (const FramingMoment& m : moments) {
    for (int i = 0; i < m.capsuleCount; ++i) {
      const Capsule& c = m.capsules[static_cast<std::size_t>(i)];
      for (const glm::vec3& p : {c.a, c.b}) {
        for (const glm::vec3& d : {right, -right, up, -up}) {
          const glm::vec3 q = cam.project(p + d * c.radius);
          e.x0 = std::min(e.x0, q.x);
          e.x1 = std::max(e.x1, q.x);
          e.y0 = std::min(e.y0, q.y);
          e.y1 = std::max(e.y1, q.y);
        }
      }
    }
  }
  return e;
}

// A standing figure of the default skeleton at the origin.
FramingMoment standing() {
  const auto skeleton = sv::anatomy::makeDefaultSkeleton(1.7f);
  FramingMoment m;
  std::array<glm::mat4, sv::anatomy::kJointCount> model{};
  std::array<sv::anatomy::Transform, sv::anatomy::kJointCount> local{};
  sv::anatomy::poseToLocal(skeleton, sv::anatomy::Pose{}, local);
  sv::anatomy::localToModel(skeleton, local, model);
  REQUIRE(sv::session::addFigure(m, model, 1.7f, 0));
  return m;
}

}  // namespace

TEST_CASE(
    "framing: a fitted view keeps every capsule inside the free rectangle, tight on one side") {
  const FramingMoment m = standing();
  CHECK(m.capsuleCount == 27);  // 25 segments (no subtalar) and the shoulders' and hips' breadth
  for (const Stage& st :
       {workspaceStage(), Stage{1920.0f, 1080.0f, 300.0f, 100.0f, 1600.0f, 900.0f, 35.0f}}) {
    for (float yaw : {0.0f, 45.0f, -120.0f, 180.0f}) {
      for (float pitch : {10.0f, 40.0f, 85.0f}) {
        INFO("yaw " << yaw << " pitch " << pitch << " view " << st.width);
        const OrbitState s = sv::session::fitView(yaw, pitch, std::span(&m, 1), st);
        CHECK(s.yawDeg == yaw);
        CHECK(s.pitchDeg == pitch);
        const Extent e = projectedExtent(s, st, std::span(&m, 1));
        CHECK(e.x0 >= st.x0);
        CHECK(e.x1 <= st.x1);
        CHECK(e.y0 >= st.y0);
        CHECK(e.y1 <= st.y1);
        // Not too far away: on one axis the figure spans at least 75 % of the free extent (the
        // rest is the margin for the skin beyond the capsules).
        const float fillX = (e.x1 - e.x0) / (st.x1 - st.x0);
        const float fillY = (e.y1 - e.y0) / (st.y1 - st.y0);
        CHECK(std::max(fillX, fillY) > 0.75f);
        // Centred on the other axis (perspective: the nearest parts weigh a little more).
        if (fillX < fillY) {
          CHECK(std::fabs((e.x0 - st.x0) - (st.x1 - e.x1)) < 0.1f * (st.x1 - st.x0));
        } else {
          CHECK(std::fabs((e.y0 - st.y0) - (st.y1 - e.y1)) < 0.1f * (st.y1 - st.y0));
        }
      }
    }
  }
}

TEST_CASE("framing: what stands between the eye and the segment hides it, a joint does not") {
  FramingMoment m;
  m.capsuleCount = 2;
  // The key segment along X at the origin; a second segment meets it at its end (a joint).
  m.capsules[0] = Capsule{{-0.2f, 0.0f, 0.0f}, {0.2f, 0.0f, 0.0f}, 0.05f};
  m.capsules[1] = Capsule{{0.2f, 0.0f, 0.0f}, {0.2f, 0.4f, 0.0f}, 0.05f};
  m.key[0] = 0;
  m.keyCount = 1;
  m.joint = {0.2f, 0.0f, 0.0f};
  const glm::vec3 front(0.0f, 0.0f, 3.0f), back(0.0f, 0.0f, -3.0f);
  CHECK(sv::session::estimateVisibility(m, front).segment == 1.0f);
  CHECK(sv::session::estimateVisibility(m, front).joint == 1.0f);
  // A board in front of the segment (z 0.3 … 0.35) hides it from the front, not from behind.
  m.boxCount = 1;
  m.boxes[0].lo = {-1.0f, -1.0f, 0.3f};
  m.boxes[0].hi = {1.0f, 1.0f, 0.35f};
  CHECK(sv::session::estimateVisibility(m, front).segment == 0.0f);
  CHECK(sv::session::estimateVisibility(m, front).joint == 0.0f);
  CHECK(sv::session::estimateVisibility(m, back).segment == 1.0f);
  // A thin rod across the middle hides a share, not all of it.
  m.boxCount = 0;
  m.capsuleCount = 3;
  m.capsules[2] = Capsule{{0.0f, -1.0f, 0.5f}, {0.0f, 1.0f, 0.5f}, 0.02f};
  const float part = sv::session::estimateVisibility(m, front).segment;
  CHECK(part > 0.3f);
  CHECK(part < 1.0f);
}

// The estimate alone, on stretches whose figures the staging keeps apart and whose files
// author no view (the planner's own choice): every phase's view shows the key segment. (It is
// coarse — 18 sample points on two capsules — and misses grips and figures that pass through each
// other; the app checks every plan on the renderer's id buffer, and tests/app/test_framing_view.cpp
// holds the library to 80 % measured.)
TEST_CASE("framing: the estimate alone shows the key segment of well-staged stretches") {
  Fixture f;
  CameraDirector d;
  const Stage st = workspaceStage();
  for (const char* id : {"hamstrings-supine-straight-leg", "forearm-extensors-wrist-flexion",
                         "neck-extensors-supine-flexion", "adductor-magnus-supine-knee-to-armpit",
                         "gastrocnemius-supine-knee-straight", "quadriceps-prone-rectus-femoris"}) {
    const auto* stretch = sv::test::library().find(id);
    REQUIRE(stretch != nullptr);
    REQUIRE_FALSE(stretch->view.has_value());
    for (const auto& t : stretch->techniques) {
      INFO(id << " " << t.id);
      f.open(id, stretch->side, t.id.c_str());
      d.plan(*f.session, st, true);
      REQUIRE(d.phaseCount() == f.session->timeline()->timeline.phaseCount());
      for (int p = 0; p < d.phaseCount(); ++p) {
        INFO("phase " << p);
        CHECK(d.phaseChoice(p).segment >= 0.7f);
        CHECK(d.measuredShare(p) == -1.0f);  // nothing measured without a probe
      }
    }
  }
}

namespace {
// A probe whose answer depends on the direction only: the segment shows from yaw 100 … 140
// (pitch 25 or 42) and hardly at all from elsewhere.
struct WindowProbe final : sv::session::VisibilityProbe {
  int calls = 0;
  float visibleShare(float, const OrbitState& view, const Stage&) override {
    ++calls;
    const float yaw = std::remainder(view.yawDeg, 360.0f);
    const bool inside =
        yaw >= 100.0f && yaw <= 140.0f && view.pitchDeg >= 20.0f && view.pitchDeg <= 45.0f;
    return inside ? 0.95f : 0.3f;
  }
};
struct AllVisible final : sv::session::VisibilityProbe {
  int calls = 0;
  float visibleShare(float, const OrbitState&, const Stage&) override {
    ++calls;
    return 1.0f;
  }
};
}  // namespace

TEST_CASE(
    "framing: with a probe, the plan keeps the directions the measure says show the segment") {
  Fixture f;
  f.open("hamstrings-supine-straight-leg", Side::Right, "contract_relax");
  CameraDirector d;
  AllVisible all;
  d.plan(*f.session, workspaceStage(), true, &all);
  // Everything shows: the estimate's direction stands; one measure per moment of each phase
  // and the stretch's spread moments, nothing retried.
  const int phases = d.phaseCount();
  CHECK(all.calls <= 4 + 2 * phases + 1);
  for (int p = 0; p < phases; ++p) CHECK(d.measuredShare(p) == 1.0f);

  WindowProbe window;
  d.plan(*f.session, workspaceStage(), true, &window);
  CHECK(window.calls <= CameraDirector::kMaxProbes);
  int shown = 0;
  for (int p = 0; p < phases; ++p) {
    INFO("phase " << p);
    const auto& c = d.phaseChoice(p);
    const float yaw = std::remainder(c.yawDeg, 360.0f);
    if (d.measuredShare(p) >= 0.8f) {
      ++shown;
      CHECK(yaw >= 100.0f);
      CHECK(yaw <= 140.0f);
      // The view the camera gets for the phase is that direction.
      CHECK(d.phaseView(p).yawDeg == c.yawDeg);
    }
  }
  // The window holds several of the estimate's top directions' neighbours: most phases get one
  // (the budget may run out before the last).
  CHECK(shown >= phases / 2);
}

TEST_CASE("framing: presets frame the figures; the eye views stay outside every head") {
  Fixture f;
  f.open("forearm-extensors-wrist-flexion");
  CameraDirector d;
  const Stage st = workspaceStage();
  d.plan(*f.session, st, true);
  const OrbitState front = d.presetView(ViewPreset::Front, *f.session);
  CHECK(front.yawDeg == 0.0f);
  CHECK(OrbitCamera::eyeOf(front).z > front.target.z + 1.0f);
  const OrbitState back = d.presetView(ViewPreset::Back, *f.session);
  CHECK(OrbitCamera::eyeOf(back).z < back.target.z - 1.0f);
  const OrbitState left = d.presetView(ViewPreset::Left, *f.session);
  CHECK(OrbitCamera::eyeOf(left).x > left.target.x + 1.0f);  // the client's left is +X
  const OrbitState top = d.presetView(ViewPreset::Top, *f.session);
  CHECK(top.pitchDeg == OrbitCamera::kMaxPitch);
  // Zooming in before a preset does not matter: presets are fitted, not the current zoom.
  sv::assist::AssistFrame scratch;
  FramingMoment now;
  sv::session::momentAt(*f.session, 0.0f, scratch, now);
  const Extent e = projectedExtent(front, st, std::span(&now, 1));
  CHECK(e.x0 >= st.x0);
  CHECK(e.x1 <= st.x1);
  CHECK(e.y0 >= st.y0);
  CHECK(e.y1 <= st.y1);

  for (ViewPreset eyes : {ViewPreset::ClientEyes, ViewPreset::PractitionerEyes}) {
    INFO(sv::viewPresetId(eyes));
    const OrbitState s = d.presetView(eyes, *f.session);
    const glm::vec3 eye = OrbitCamera::eyeOf(s);
    for (int i = 0; i < now.capsuleCount; ++i) {
      const Capsule& c = now.capsules[static_cast<std::size_t>(i)];
      const glm::vec3 ab = c.b - c.a;
      const float t = std::clamp(glm::dot(eye - c.a, ab) / glm::dot(ab, ab), 0.0f, 1.0f);
      CHECK(glm::length(eye - (c.a + ab * t)) > c.radius + 0.05f);
    }
    // Looking at the key segment, from near the figure's head.
    CHECK(glm::length(s.target - CameraDirector::keySegmentCentre(*f.session)) < 0.05f);
    CHECK(s.distance < 1.6f);
    // It sees the segment at least as well as an eye straight behind and above the head (the
    // practitioner's own hands cover part of the client's hand from anywhere near the head).
    glm::vec3 head(0.0f);
    for (int i = 0; i < now.capsuleCount; ++i) {
      const Capsule& c = now.capsules[static_cast<std::size_t>(i)];
      if (c.joint == static_cast<std::uint8_t>(sv::anatomy::Joint::Head) && !c.breadth &&
          c.figure == (eyes == ViewPreset::ClientEyes ? 0 : 1))
        head = (c.a + c.b) * 0.5f;
    }
    glm::vec3 away = head - s.target;
    away.y = 0.0f;
    const glm::vec3 naive = head + glm::normalize(away) * 0.45f + glm::vec3(0.0f, 0.35f, 0.0f);
    CHECK(sv::session::estimateVisibility(now, eye).segment >=
          sv::session::estimateVisibility(now, naive).segment);
    CHECK(sv::session::estimateVisibility(now, eye).segment > 0.3f);
  }
}

TEST_CASE("framing: the director follows the phases until the user moves the camera") {
  Fixture f;
  f.open("hamstrings-supine-straight-leg", Side::Right, "contract_relax");
  CameraDirector d;
  d.plan(*f.session, workspaceStage(), true);
  auto& player = f.session->player();
  OrbitState camera;
  auto g = d.update(*f.session, camera);
  REQUIRE(g);
  CHECK(g->distance == d.phaseView(0).distance);
  CHECK_FALSE(d.update(*f.session, *g));  // nothing new: no goal
  // Another phase: its view (sent even when it equals the last one, the camera may have moved).
  player.seek(f.session->timeline()->timeline.phase(3).start + 0.1f);
  g = d.update(*f.session, camera);
  REQUIRE(g);
  CHECK(g->target == d.phaseView(3).target);
  // The user orbits: nothing moves the camera, not another phase, not a new window size.
  d.userMoved();
  player.seek(f.session->timeline()->timeline.phase(5).start + 0.1f);
  CHECK_FALSE(d.update(*f.session, camera));
  Stage wide = workspaceStage();
  wide.width = 1200.0f;
  wide.x1 = 1190.0f;
  d.setStage(wide);
  CHECK_FALSE(d.update(*f.session, camera));
  CHECK(d.mode() == CameraDirector::Mode::User);
  // Another side keeps the user's view; a preset or the next stretch takes over again.
  d.plan(*f.session, wide, false);
  CHECK_FALSE(d.update(*f.session, camera));
  d.choose(ViewPreset::Left, *f.session);
  g = d.update(*f.session, camera);
  REQUIRE(g);
  CHECK(g->yawDeg == 90.0f);
  CHECK(d.preset() == ViewPreset::Left);
  d.userMoved();
  d.plan(*f.session, wide, true);
  CHECK(d.mode() == CameraDirector::Mode::Automatic);
  CHECK(d.update(*f.session, camera));
  // A new stage refits the automatic view: the goal comes again, nearer for a bigger stage.
  const float before = d.phaseView(5).distance;
  Stage bigger = wide;
  bigger.y1 = 640.0f;
  bigger.y0 = 10.0f;
  d.setStage(bigger);
  g = d.update(*f.session, camera);
  REQUIRE(g);
  CHECK(d.phaseView(5).distance < before);
}

TEST_CASE("framing: following the limb moves the target with the key segment") {
  Fixture f;
  f.open("hamstrings-supine-straight-leg");
  CameraDirector d;
  d.plan(*f.session, workspaceStage(), true);
  d.setFollow(true);
  OrbitState camera = *d.update(*f.session, OrbitState{});
  CHECK(glm::length(camera.target - CameraDirector::keySegmentCentre(*f.session)) < 1e-5f);
  f.session->player().seek(f.session->timeline()->timeline.duration() * 0.5f);
  f.session->evaluate();
  const auto g = d.update(*f.session, camera);
  REQUIRE(g);
  CHECK(glm::length(g->target - camera.target) > 0.05f);  // the leg went up
  CHECK(glm::length(g->target - CameraDirector::keySegmentCentre(*f.session)) < 1e-5f);
  d.userMoved();  // the user's view still follows the limb (yaw, pitch and distance are theirs)
  OrbitState mine = *g;
  mine.yawDeg += 40.0f;
  f.session->player().seek(0.0f);
  f.session->evaluate();
  const auto h = d.update(*f.session, mine);
  REQUIRE(h);
  CHECK(h->yawDeg == mine.yawDeg);
}

TEST_CASE("framing: an authored view is used on its side and mirrored on the other") {
  sv::stretches::Library lib = sv::test::library();
  sv::stretches::Stretch* s = nullptr;
  for (auto& st : lib.stretches) {
    if (st.id == "hip-flexors-thomas") s = &st;
  }
  REQUIRE(s != nullptr);
  s->view = sv::stretches::AuthoredView{-70.0f, 30.0f};
  Fixture f(lib);
  f.open("hip-flexors-thomas", Side::Right);
  CameraDirector d;
  d.plan(*f.session, workspaceStage(), true);
  for (int p = 0; p < d.phaseCount(); ++p) {
    CHECK(d.phaseView(p).yawDeg == -70.0f);
    CHECK(d.phaseView(p).pitchDeg == 30.0f);
  }
  f.open("hip-flexors-thomas", Side::Left);
  d.plan(*f.session, workspaceStage(), true);
  CHECK(d.phaseView(0).yawDeg == 70.0f);
}

TEST_CASE("framing: the key segment's bones are the skin bones of its two segments") {
  Fixture f;
  for (const char* id : {"forearm-extensors-wrist-flexion", "hamstrings-supine-straight-leg",
                         "neck-extensors-supine-flexion", "gastrocnemius-supine-knee-straight"}) {
    INFO(id);
    f.open(id);
    const sv::session::BoneMask mask = sv::session::keySegmentBones(*f.session);
    const auto keys = sv::session::keySegmentJoints(f.session->timeline()->key.motion,
                                                    f.session->timeline()->key.side);
    const auto& bones = f.cast.client()->rig().bones;
    int set = 0;
    for (std::size_t b = 0; b < bones.size(); ++b) {
      const bool in = (mask[b / 32] >> (b % 32)) & 1u;
      set += in ? 1 : 0;
      const int seg = bones[b].segment;
      if (seg == static_cast<int>(keys[0]) || seg == static_cast<int>(keys[1])) CHECK(in);
    }
    CHECK(set > 0);
    CHECK(set < static_cast<int>(bones.size()) / 2);
  }
  // Hip flexion moves the thigh and the shank.
  f.open("hamstrings-supine-straight-leg");
  const auto keys = sv::session::keySegmentJoints(sv::anatomy::Motion::HipFlexion, Side::Right);
  CHECK(keys[0] == sv::anatomy::Joint::HipR);
  CHECK(keys[1] == sv::anatomy::Joint::KneeR);
}

TEST_CASE("framing: following the phases and a new stage allocate nothing") {
  Fixture f;
  f.open("hamstrings-supine-straight-leg", Side::Right, "contract_relax");
  CameraDirector d;
  d.plan(*f.session, workspaceStage(), true);
  d.setFollow(true);
  OrbitState camera;
  Stage st = workspaceStage();
  f.session->player().play();
  sv::test::AllocationCount count;
  for (int i = 0; i < 40; ++i) {
    f.session->advance(0.5f);
    if (auto g = d.update(*f.session, camera)) camera = *g;
    st.width += 3.0f;
    st.x1 += 3.0f;
    d.setStage(st);
  }
  CHECK(count.count() == 0);
}
