// Orbit camera in the manner of Blender / Sketchfab: the eye sits on a sphere around a target.
//
// Pure maths (no GL, no input library): the app translates mouse and key events into calls
// here. World space is metres, +Y up; yaw 0 looks at the target from +Z (the body's front).
// Every interaction moves a *goal* state; update(dt) eases the visible state toward it
// (critically damped, frame-rate independent), so motion is smooth at any fps.
#pragma once

#include <glm/glm.hpp>

namespace sv {

struct OrbitState {
  glm::vec3 target{0.0f, 0.9f, 0.0f};
  float yawDeg = 0.0f;     // rotation about +Y; 0 = eye on +Z side, 90 = eye on +X side
  float pitchDeg = 10.0f;  // elevation of the eye above the target's horizon, degrees
  float distance = 3.6f;   // metres from target to eye
};

enum class ViewPreset { Front, Side, Top, ThreeQuarter, Reset };

struct Ray {
  glm::vec3 origin;
  glm::vec3 dir;  // unit length
};

class OrbitCamera {
 public:
  static constexpr float kMinDistance = 0.3f;
  static constexpr float kMaxDistance = 40.0f;
  static constexpr float kMinPitch = -89.0f;
  static constexpr float kMaxPitch = 89.0f;

  OrbitCamera();

  // Viewport size in pixels (for aspect ratio and pixel → ray conversion).
  void setViewport(int width, int height);
  void setFovY(float degrees) { fovYDeg_ = degrees; }
  float fovY() const { return fovYDeg_; }

  // Drag in pixels: orbit (left button), pan (right/middle button).
  void orbit(float dxPixels, float dyPixels);
  void pan(float dxPixels, float dyPixels);
  // Wheel steps (positive = zoom in) toward the point under the cursor, in pixels from the
  // top-left corner. The point under the cursor stays (approximately) under the cursor.
  void zoomAt(float steps, glm::vec2 cursorPixels);
  // Re-centre the orbit on a world point (e.g. what the user double-clicked).
  void recentre(const glm::vec3& worldPoint);
  void applyPreset(ViewPreset preset);
  // Sets the goal and the visible state at once (no easing).
  void snapTo(const OrbitState& s);
  // Moves the goal only (the visible state eases toward it).
  void setGoal(const OrbitState& s) { goal_ = s; }
  void setHome(const OrbitState& s) { home_ = s; }

  // Eases the visible state toward the goal. dt in seconds; exact for any dt (one long step
  // equals many short ones). Once the remaining gap is far below a pixel (0.1 mm, 0.01°,
  // 0.01 % of the distance) the state snaps onto the goal, so easing ends in finite time.
  void update(float dt);
  // The visible state has reached the goal: nothing eases, the view is still.
  bool settled() const;

  const OrbitState& state() const { return current_; }
  const OrbitState& goal() const { return goal_; }
  glm::vec3 eye() const;
  glm::mat4 view() const;
  glm::mat4 projection() const;
  float aspect() const;
  float nearPlane() const;
  float farPlane() const;

  // The eye position of an orbit state (target + distance along the yaw/pitch direction).
  static glm::vec3 eyeOf(const OrbitState& s);

  // World-space ray through a pixel (top-left origin) of the visible state.
  Ray rayThroughPixel(glm::vec2 pixel) const;
  // World point from a pixel and a window depth in [0,1] as glReadPixels returns it.
  glm::vec3 unproject(glm::vec2 pixel, float depth01) const;
  // Pixel (top-left origin) and NDC depth of a world point; z outside [-1,1] = clipped.
  glm::vec3 project(const glm::vec3& world) const;

 private:
  glm::mat4 viewOf(const OrbitState& s) const;

  OrbitState current_;
  OrbitState goal_;
  OrbitState home_;
  int width_ = 1280;
  int height_ = 720;
  float fovYDeg_ = 35.0f;
};

}  // namespace sv
