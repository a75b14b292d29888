// Renderer::measureView on scenes whose answer is known: a segment in the open, half behind a
// board, half outside the view, a ghost that hides nothing, and the silhouettes' bounds.
#include <catch2/catch.hpp>

#include <glm/gtc/matrix_transform.hpp>

#include "camera/orbit_camera.h"
#include "gl_fixture.h"
#include "model/mesh_data.h"

namespace {

struct Scene {
  sv::test::HeadlessRenderer gl = sv::test::makeHeadlessRenderer(400, 300);
  sv::DrawList list;
  sv::FrameParams params;
  sv::OrbitCamera camera;
  Scene() {
    sv::Renderer& r = *gl.renderer;
    // The segment: a 1 m × 0.4 m plate facing the camera (rigid: every vertex's joint is 0).
    sv::DrawItem segment;
    segment.mesh = r.uploadMesh(sv::makeBox({1.0f, 0.4f, 0.05f}));
    segment.pickId = 1;
    list.items.push_back(segment);
    // A board in front of its right half, 0.5 m toward the camera.
    sv::DrawItem board;
    board.mesh = r.uploadMesh(sv::makeBox({0.5f, 1.0f, 0.05f}));
    board.model = glm::translate(glm::mat4(1.0f), {0.25f, 0.0f, 0.5f});
    board.pickId = 2;
    list.items.push_back(board);
    camera.setViewport(300, 300);
    sv::OrbitState s;
    s.target = glm::vec3(0.0f);
    s.yawDeg = 0.0f;
    s.pitchDeg = 0.0f;
    s.distance = 4.0f;
    camera.snapTo(s);
    update();
  }
  void update() {
    params.view = camera.view();
    params.projection = camera.projection();
    params.eye = camera.eye();
    params.viewport = {50, 0, 300, 300};  // a view between panels
  }
  sv::ViewMeasure measure(int divisor = 2) {
    sv::ViewMeasureQuery q;
    q.segmentPickId = 1;
    q.segmentBones[0] = 1u;  // joint 0: the whole rigid plate
    q.divisor = divisor;
    return gl.renderer->measureView(params, list, q);
  }
};

}  // namespace

TEST_CASE("measure: the segment's visible share follows what covers it and the view's edge") {
  Scene s;
  const sv::ViewMeasure half = s.measure();
  CHECK(half.segmentAlone > 500);
  CHECK(half.segmentAloneInView == half.segmentAlone);
  // The board covers the right half (its left edge is on the camera's axis).
  CHECK(half.visibleShare() == Approx(0.5f).margin(0.02));
  // Without the board: all of it.
  s.list.items[1].model = glm::translate(glm::mat4(1.0f), {3.0f, 0.0f, 0.5f});
  CHECK(s.measure().visibleShare() > 0.98f);
  // A ghosted board hides nothing.
  s.list.items[1].model = glm::translate(glm::mat4(1.0f), {0.25f, 0.0f, 0.5f});
  s.list.items[1].flags = sv::kDrawGhost;
  CHECK(s.measure().visibleShare() > 0.98f);
  s.list.items[1].flags = sv::kDrawDefault;
  s.list.items[1].model = glm::translate(glm::mat4(1.0f), {3.0f, 0.0f, 0.5f});
  // Half of the plate outside the view's left edge counts as hidden (the guard band).
  sv::OrbitState st = s.camera.state();
  const float halfWidth = st.distance * std::tan(glm::radians(17.5f));  // the view's half width
  st.target.x = -halfWidth;
  s.camera.snapTo(st);
  s.update();
  const sv::ViewMeasure out = s.measure();
  CHECK(out.visibleShare() == Approx(0.5f).margin(0.03));
  CHECK(out.segmentAloneInView == Approx(out.segmentAlone / 2).epsilon(0.05));
  CHECK(sv::gldebug::errorCount() == 0);
}

TEST_CASE("measure: each pickable item's silhouette bounds, whatever covers it") {
  Scene s;
  const sv::ViewMeasure m = s.measure(1);
  const sv::PixelBounds& plate = m.bounds[1];
  const sv::PixelBounds& board = m.bounds[2];
  REQUIRE_FALSE(plate.empty());
  REQUIRE_FALSE(board.empty());
  CHECK(m.bounds[3].empty());
  // The plate's corners, projected, in output pixels (the view starts 50 px from the left).
  const glm::vec3 lo = s.camera.project({-0.5f, 0.2f, 0.025f});
  const glm::vec3 hi = s.camera.project({0.5f, -0.2f, 0.025f});
  CHECK(plate.x0 == Approx(50.0f + lo.x).margin(1.5));
  CHECK(plate.x1 == Approx(50.0f + hi.x).margin(1.5));
  CHECK(plate.y0 == Approx(lo.y).margin(1.5));
  CHECK(plate.y1 == Approx(hi.y).margin(1.5));
  // The board is taller than the plate and nearer: its bounds reach beyond the plate's.
  CHECK(board.y0 < plate.y0);
  CHECK(board.y1 > plate.y1);
  CHECK(board.x1 > plate.x1);
  // A coarser measure agrees within its pixel size.
  const sv::ViewMeasure coarse = s.measure(3);
  CHECK(coarse.bounds[1].x0 == Approx(plate.x0).margin(4.0));
  CHECK(coarse.bounds[1].y1 == Approx(plate.y1).margin(4.0));
  CHECK(sv::gldebug::errorCount() == 0);
}
