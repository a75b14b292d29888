// Dragging in the 3D view: the press frame never moves the camera, and a drag starts only
// past the threshold.
#include <catch2/catch.hpp>

#include "ui/view_drag.h"

using sv::ui::ViewDrag;

TEST_CASE("view drag: the press frame moves nothing, however far the mouse came from") {
  ViewDrag d(4.0f);
  CHECK(d.update(false, false, {0, 0}) == glm::vec2(0.0f));
  CHECK(d.update(true, true, {300, 0}) == glm::vec2(0.0f));
  CHECK(d.active());
  CHECK_FALSE(d.dragging());
}

TEST_CASE("view drag: motion inside the threshold is ignored, then all of it since the press") {
  ViewDrag d(4.0f);
  d.update(true, true, {100, 100});
  CHECK(d.update(false, true, {102, 101}) == glm::vec2(0.0f));
  CHECK_FALSE(d.dragging());
  CHECK(d.update(false, true, {110, 100}) == glm::vec2(10.0f, 0.0f));
  CHECK(d.dragging());
  CHECK(d.update(false, true, {115, 97}) == glm::vec2(5.0f, -3.0f));
  CHECK(d.update(false, false, {115, 97}) == glm::vec2(0.0f));
  CHECK_FALSE(d.clicked());  // it was a drag
  CHECK_FALSE(d.active());
}

TEST_CASE("view drag: a press and release without leaving the threshold is a click") {
  ViewDrag d(4.0f);
  d.update(true, true, {50, 50});
  d.update(false, true, {51, 52});
  d.update(false, false, {51, 52});
  CHECK(d.clicked());
  d.update(false, false, {51, 52});
  CHECK_FALSE(d.clicked());  // only on the release frame
}

TEST_CASE("view drag: a press the view did not get (a panel took it) starts nothing") {
  ViewDrag d;
  d.update(false, true, {0, 0});
  CHECK(d.update(false, true, {100, 0}) == glm::vec2(0.0f));
  CHECK_FALSE(d.active());
  d.update(false, false, {100, 0});
  CHECK_FALSE(d.clicked());
}
