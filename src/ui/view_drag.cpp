#include "ui/view_drag.h"

namespace sv::ui {

glm::vec2 ViewDrag::update(bool pressed, bool down, glm::vec2 cursor) {
  clicked_ = false;
  if (pressed) {
    active_ = true;
    dragging_ = false;
    origin_ = last_ = cursor;
    if (down) return glm::vec2(0.0f);
  }
  if (!active_) return glm::vec2(0.0f);
  if (!down) {
    // Released: a click when it never became a drag (a press and release in one frame too).
    clicked_ = !dragging_;
    active_ = dragging_ = false;
    return glm::vec2(0.0f);
  }
  if (!dragging_) {
    const glm::vec2 d = cursor - origin_;
    if (glm::dot(d, d) < threshold_ * threshold_) return glm::vec2(0.0f);
    dragging_ = true;
  }
  const glm::vec2 motion = cursor - last_;
  last_ = cursor;
  return motion;
}

}  // namespace sv::ui
