// The scene a session draws as: which items, with which looks and pick ids, the environment
// only for its own generation, the force arrows, the region styles, and the stretch's view.
#include <catch2/catch.hpp>

#include <algorithm>

#include "session/framing.h"
#include "session/session.h"
#include "session/stretch_scene.h"
#include "support/fixtures.h"

namespace {

using sv::anatomy::Side;
using sv::session::Cast;
using sv::session::Session;

constexpr sv::MeshId kClientMesh = 11, kPractitionerMesh = 12, kShaft = 13, kHead = 14, kEnv = 20;

struct Fixture {
  Cast cast;
  std::unique_ptr<Session> session;
  sv::session::SceneMeshes meshes;
  explicit Fixture(const char* id, const char* technique = "static") {
    REQUIRE(cast.load(SV_BODY_PATH, std::nullopt, sv::body::defaultClientShape(),
                      sv::body::defaultPractitionerShape(), nullptr)
                .ok());
    session = std::make_unique<Session>(sv::test::library(), sv::test::rom(), cast);
    auto set = sv::muscles::loadMuscleSet(SV_MUSCLES_PATH);
    REQUIRE(set.ok());
    REQUIRE(session->setMuscleSet(std::move(*set)).ok());
    const auto* s = sv::test::library().find(id);
    REQUIRE(s != nullptr);
    REQUIRE(session
                ->open(static_cast<int>(s - sv::test::library().stretches.data()), Side::Right,
                       technique)
                .ok());
    meshes.client = kClientMesh;
    meshes.practitioner = kPractitionerMesh;
    meshes.arrowShaft = kShaft;
    meshes.arrowHead = kHead;
    REQUIRE(session->assist() != nullptr);
    meshes.environment.assign(session->assist()->environment().size(), kEnv);
    meshes.environmentGeneration = session->environmentGeneration();
  }
  sv::DrawList draw(const sv::session::SceneOptions& o = {}) const {
    sv::DrawList list;
    sv::session::buildDrawList(*session, o, meshes, list);
    return list;
  }
};

const sv::DrawItem* itemWithMesh(const sv::DrawList& l, sv::MeshId mesh) {
  auto it = std::find_if(l.items.begin(), l.items.end(),
                         [&](const sv::DrawItem& i) { return i.mesh == mesh; });
  return it == l.items.end() ? nullptr : &*it;
}

long countMesh(const sv::DrawList& l, sv::MeshId mesh) {
  return std::count_if(l.items.begin(), l.items.end(),
                       [&](const sv::DrawItem& i) { return i.mesh == mesh; });
}

}  // namespace

TEST_CASE("scene: both figures with their pick ids, palettes, looks and the environment") {
  Fixture f("hamstrings-supine-straight-leg");
  const sv::DrawList l = f.draw();
  const sv::DrawItem* client = itemWithMesh(l, kClientMesh);
  const sv::DrawItem* prac = itemWithMesh(l, kPractitionerMesh);
  REQUIRE(client != nullptr);
  REQUIRE(prac != nullptr);
  CHECK(client->pickId == sv::session::kClientPickId);
  CHECK(prac->pickId == sv::session::kPractitionerPickId);
  CHECK((client->flags & sv::kDrawMuscleRegions) != 0);
  CHECK((prac->flags & sv::kDrawMuscleRegions) == 0);
  CHECK(client->palette == f.session->clientPalette().data());
  CHECK(client->paletteCount == f.session->clientPalette().size());
  CHECK(prac->paletteCount ==
        static_cast<std::uint32_t>(f.session->assistFrame().practitionerBones));
  CHECK(client->cover[0] == sv::session::clientLook().top);
  CHECK(prac->cover[0] == sv::session::practitionerLook().top);
  CHECK(countMesh(l, kEnv) == static_cast<long>(f.meshes.environment.size()));
  CHECK(countMesh(l, kEnv) > 0);  // the table at least
}

TEST_CASE("scene: the practitioner hidden or ghosted, clothing off") {
  Fixture f("hamstrings-supine-straight-leg");
  sv::session::SceneOptions o;
  o.practitioner = sv::session::PractitionerShow::Hidden;
  CHECK(itemWithMesh(f.draw(o), kPractitionerMesh) == nullptr);
  o.practitioner = sv::session::PractitionerShow::Ghosted;
  const sv::DrawList ghosted = f.draw(o);
  const sv::DrawItem* prac = itemWithMesh(ghosted, kPractitionerMesh);
  REQUIRE(prac != nullptr);
  CHECK((prac->flags & sv::kDrawGhost) != 0);
  CHECK((prac->flags & sv::kDrawCastShadow) == 0);
  o = {};
  o.clothing = false;
  const sv::DrawList bare = f.draw(o);
  const sv::DrawItem* client = itemWithMesh(bare, kClientMesh);
  REQUIRE(client != nullptr);
  CHECK(client->cover[0] == sv::session::clientLook().skin);
  CHECK(client->cover[1] == sv::session::clientLook().skin);
  CHECK(client->cover[2] == sv::session::clientLook().hair);  // hair stays
}

TEST_CASE("scene: meshes of an older environment are not drawn") {
  Fixture f("hamstrings-supine-straight-leg");
  f.meshes.environmentGeneration = f.session->environmentGeneration() - 1;
  CHECK(countMesh(f.draw(), kEnv) == 0);
}

TEST_CASE("scene: force arrows in the contract phase, none when switched off") {
  Fixture f("hamstrings-supine-straight-leg", "contract_relax");
  Session& s = *f.session;
  // Find a moment of the first contract phase.
  bool found = false;
  for (float t = 0.0f; t < s.timeline()->timeline.duration() && !found; t += 0.25f) {
    s.player().seek(t);
    s.evaluate();
    found = s.assistFrame().phaseKind == sv::stretches::PhaseKind::Contract;
  }
  REQUIRE(found);
  // Into the phase: the push builds up from nothing.
  s.player().seek(s.player().time() + 2.0f);
  s.evaluate();
  REQUIRE(s.assistFrame().phaseKind == sv::stretches::PhaseKind::Contract);
  const sv::DrawList on = f.draw();
  CHECK(countMesh(on, kShaft) >= 1);
  CHECK(countMesh(on, kShaft) == countMesh(on, kHead));
  // The client's push (amber) is among them.
  bool amber = false;
  for (const auto& i : on.items) amber = amber || (i.mesh == kShaft && i.albedo.r > 0.8f);
  CHECK(amber);
  sv::session::SceneOptions off;
  off.forceArrows = false;
  CHECK(countMesh(f.draw(off), kShaft) == 0);
}

TEST_CASE("scene: target groups tinted on the stretched side, selection on chosen sides") {
  Fixture f("hamstrings-supine-straight-leg");
  sv::session::SceneOptions o;
  o.heatmap = false;
  o.selectedGroups.set(static_cast<std::size_t>(sv::anatomy::MuscleGroup::Pectorals));
  o.selectRight = false;
  const sv::FrameParams p =
      sv::session::buildFrameParams(*f.session, o, sv::OrbitCamera{}, {0, 0, 640, 480});
  using sv::anatomy::MuscleGroup;
  using sv::anatomy::regionId;
  CHECK(p.regions[regionId(MuscleGroup::Hamstrings, Side::Right)].highlight == Approx(0.75f));
  CHECK(p.regions[regionId(MuscleGroup::Hamstrings, Side::Left)].highlight == 0.0f);
  CHECK(p.regions[regionId(MuscleGroup::Pectorals, Side::Left)].selected == 1.0f);
  CHECK(p.regions[regionId(MuscleGroup::Pectorals, Side::Right)].selected == 0.0f);
  CHECK_FALSE(p.heatmap);
  CHECK(p.viewport.width == 640);
}

TEST_CASE("scene: the heat map shows the target lengthened at the end of the stretch") {
  Fixture f("hamstrings-supine-straight-leg");
  Session& s = *f.session;
  s.player().seek(s.timeline()->timeline.duration() * 0.5f);
  s.evaluate();
  const sv::FrameParams p =
      sv::session::buildFrameParams(s, {}, sv::OrbitCamera{}, {0, 0, 640, 480});
  REQUIRE(p.heatmap);
  using sv::anatomy::MuscleGroup;
  using sv::anatomy::regionId;
  CHECK(p.regions[regionId(MuscleGroup::Hamstrings, Side::Right)].heat > 0.3f);
  CHECK(p.regions[regionId(MuscleGroup::Hamstrings, Side::Right)].heat >
        p.regions[regionId(MuscleGroup::Hamstrings, Side::Left)].heat + 0.2f);
}

TEST_CASE("framing: the stretch's view looks across the client toward the practitioner") {
  Fixture f("hamstrings-supine-straight-leg");
  const sv::session::StretchView wide = sv::session::stretchView(*f.session, 16.0f / 9.0f);
  const sv::session::StretchView tall = sv::session::stretchView(*f.session, 0.8f);
  CHECK(wide.home.distance >= 1.5f);
  CHECK(wide.home.distance <= 8.0f);
  CHECK(tall.home.distance > wide.home.distance);  // a narrow view stands back
  // The eye is on the other side of the focus from the practitioner.
  const glm::vec3 eye = sv::OrbitCamera::eyeOf(wide.home);
  const glm::vec3 prac = f.session->assist()->placement().pelvis;
  const glm::vec2 toEye(eye.x - wide.focus.x, eye.z - wide.focus.z);
  const glm::vec2 toPrac(prac.x - wide.focus.x, prac.z - wide.focus.z);
  CHECK(glm::dot(toEye, toPrac) < 0.0f);
}

TEST_CASE("framing: orbitFrom puts the eye where asked, the short way round") {
  sv::OrbitState from;
  from.yawDeg = 350.0f;
  const glm::vec3 target(0.2f, 0.9f, -0.1f);
  const glm::vec3 eye(1.5f, 1.6f, 1.2f);
  const sv::OrbitState s = sv::session::orbitFrom(from, eye, target);
  const glm::vec3 back = sv::OrbitCamera::eyeOf(s);
  CHECK(glm::length(back - eye) < 1e-3f);
  CHECK(std::fabs(s.yawDeg - from.yawDeg) <= 180.0f);
}
