// A mouse drag in the 3D view (orbit or pan), separated from a click: pure logic, no ImGui.
//
// The press only records where it happened; the camera moves once the cursor has left a small
// circle around that point (the drag threshold), and from then on by the cursor's motion since
// the previous frame. The press frame therefore never moves the camera, however far the mouse
// travelled since the frame before (on a slow frame that whole travel used to count as a drag
// and spun the view), and a click with a slight tremor stays a click.
#pragma once

#include <glm/glm.hpp>

namespace sv::ui {

class ViewDrag {
 public:
  static constexpr float kDefaultThreshold = 4.0f;  // pixels
  ViewDrag() = default;
  explicit ViewDrag(float thresholdPixels) : threshold_(thresholdPixels) {}

  // Once per frame. pressed: the button went down this frame over the 3D view (not on a
  // panel); down: it is held after this frame's input; cursor: window pixels. Returns the
  // motion to apply to the camera this frame (pixels): zero on the press frame and inside the
  // threshold; on the frame that crosses it, the whole motion since the press, so the point
  // grabbed stays under the cursor.
  glm::vec2 update(bool pressed, bool down, glm::vec2 cursor);

  // A gesture (press over the view) is under way.
  bool active() const { return active_; }
  // The gesture has passed the threshold: it is a drag, not a click.
  bool dragging() const { return dragging_; }
  // True on the frame the button was released without the gesture becoming a drag.
  bool clicked() const { return clicked_; }

 private:
  float threshold_ = kDefaultThreshold;
  bool active_ = false;
  bool dragging_ = false;
  bool clicked_ = false;
  glm::vec2 origin_{0.0f};
  glm::vec2 last_{0.0f};
};

}  // namespace sv::ui
