// The renderer skips work whose result would not change, and its reduced-resolution path
// stays faithful: the shadow map is redrawn only when a caster or the light moves, an
// unchanged frame reuses the kept view, the backdrop is skipped when the floor hides it, and
// a reduced view is upscaled into the viewport with its own depth for picking depths.
#include <catch2/catch.hpp>

#include <glm/gtc/matrix_transform.hpp>

#include "gl_fixture.h"
#include "image_diff.h"
#include "model/mesh_data.h"
#include "scene/studio.h"

namespace {

constexpr int kW = 320, kH = 240;

struct Scene {
  sv::test::HeadlessRenderer h = sv::test::makeHeadlessRenderer(kW, kH);
  sv::DrawList list;
  sv::OrbitCamera camera;
  Scene() {
    sv::DrawItem capsule;
    capsule.mesh = h.renderer->uploadMesh(sv::makeCapsule(0.2f, 1.6f));
    capsule.model = glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, 0.8f, 0.0f));
    list.items.push_back(capsule);
    camera.setViewport(kW, kH);
    sv::OrbitState s;
    s.target = {0.0f, 0.8f, 0.0f};
    s.pitchDeg = 10.0f;
    s.distance = 3.0f;
    camera.snapTo(s);
  }
  sv::FrameParams params() const { return sv::studioFrameParams(camera); }
  sv::Image render(const sv::FrameParams& p) {
    h.renderer->renderScene(p, list);
    return h.renderer->capture();
  }
};

}  // namespace

TEST_CASE("render reuse: the shadow map is redrawn only when a caster or the light moves") {
  Scene s;
  sv::Renderer& r = *s.h.renderer;
  s.render(s.params());
  CHECK(r.lastSceneFrame().shadowUpdated);

  // The camera orbits: a new view, the same shadow map, and the same image as with a fresh one.
  s.camera.orbit(80.0f, 0.0f);
  s.camera.update(1.0f);
  const sv::Image orbited = s.render(s.params());
  CHECK_FALSE(r.lastSceneFrame().reused);
  CHECK_FALSE(r.lastSceneFrame().shadowUpdated);
  r.invalidateCaches();
  const sv::Image fresh = s.render(s.params());
  CHECK(r.lastSceneFrame().shadowUpdated);
  CHECK(sv::test::meanDifference(orbited, fresh) == 0.0);

  // The caster moves: the shadow map is redrawn.
  s.list.items[0].model = glm::translate(glm::mat4(1.0f), glm::vec3(0.3f, 0.8f, 0.0f));
  s.render(s.params());
  CHECK(r.lastSceneFrame().shadowUpdated);
  // So does a mesh replaced under the same id.
  r.replaceMesh(s.list.items[0].mesh, sv::makeCapsule(0.25f, 1.6f));
  s.render(s.params());
  CHECK(r.lastSceneFrame().shadowUpdated);
  CHECK(sv::gldebug::errorCount() == 0);
}

TEST_CASE("render reuse: an unchanged frame reuses the kept view, pixel for pixel") {
  Scene s;
  sv::Renderer& r = *s.h.renderer;
  const sv::Image first = s.render(s.params());
  CHECK_FALSE(r.lastSceneFrame().reused);
  // The UI draws over the output between frames; the kept view must come back intact.
  r.renderImGui(nullptr);
  const sv::Image again = s.render(s.params());
  CHECK(r.lastSceneFrame().reused);
  CHECK(sv::test::meanDifference(first, again) == 0.0);
  CHECK(sv::gldebug::errorCount() == 0);
}

TEST_CASE("render reuse: the backdrop is skipped when the floor covers the view") {
  Scene s;
  sv::Renderer& r = *s.h.renderer;
  s.render(s.params());
  CHECK(r.lastSceneFrame().backdropDrawn);
  s.camera.applyPreset(sv::ViewPreset::Top);
  s.camera.update(10.0f);
  s.render(s.params());
  CHECK_FALSE(r.lastSceneFrame().backdropDrawn);
  CHECK(sv::gldebug::errorCount() == 0);
}

TEST_CASE("render reuse: a reduced view is upscaled into the viewport and keeps its depth") {
  Scene s;
  sv::Renderer& r = *s.h.renderer;
  sv::FrameParams p = s.params();
  p.viewport = {40, 20, 240, 200};
  s.camera.setViewport(240, 200);
  const sv::FrameParams base = [&] {
    sv::FrameParams q = s.params();
    q.viewport = p.viewport;
    return q;
  }();
  const sv::Image full = s.render(base);
  const auto fullDepth = r.depthAt(160, 130);
  REQUIRE(fullDepth);

  sv::FrameParams half = base;
  half.resolutionScale = 0.5f;
  const sv::Image reduced = s.render(half);
  const sv::SceneFrameInfo& info = r.lastSceneFrame();
  CHECK(info.reduced);
  CHECK(info.renderWidth == 120);
  CHECK(info.renderHeight == 100);
  // The same picture, softer: close to the full one on average, but not identical.
  const double d = sv::test::meanDifference(full, reduced);
  INFO("mean difference " << d);
  CHECK(d > 0.0);
  CHECK(d < 6.0);
  // Outside the viewport the target is cleared in both.
  CHECK(full.at(5, 5) == reduced.at(5, 5));
  // The depth under a pixel comes from the reduced view.
  const auto halfDepth = r.depthAt(160, 130);
  REQUIRE(halfDepth);
  CHECK(*halfDepth == Approx(*fullDepth).margin(0.01));
  CHECK_FALSE(r.depthAt(5, 5));  // outside the view
  CHECK(sv::gldebug::errorCount() == 0);
}
