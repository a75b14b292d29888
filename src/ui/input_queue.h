// Input as events: the window's callbacks append to an InputQueue; each UI frame takes from it
// the events it may see and applies them, in order, to an InputState (what Dear ImGui 1.86's
// io holds: it has no input queue of its own, and polled state loses a press and release that
// fall between two frames).
//
// A frame sees at most one press/release transition of each key and mouse button; the rest
// wait for the following frames, so a quick tap, two taps, or a double-click within one long
// frame all arrive, one transition per frame. These are the trickling rules of ImGui 1.87's
// own queue (ImGui::UpdateInputEvents): a frame also stops before a mouse move that follows a
// button, wheel, key or text event (a click is seen where it happened, not where the mouse went
// next), before a wheel after a move or click, before a key change after a click, and before
// text after mouse input.
//
// Pure logic: no GLFW, no ImGui, no allocation (fixed capacity; consecutive mouse moves are
// merged). Key codes are the platform's (GLFW's), below kKeyCount.
#pragma once

#include <array>
#include <bitset>
#include <cfloat>
#include <cstdint>

namespace sv::ui {

inline constexpr int kMouseButtons = 5;
inline constexpr int kKeyCount = 512;        // ImGui 1.86's io.KeysDown
inline constexpr float kNoMouse = -FLT_MAX;  // mouse position outside the window

enum class InputEventType : std::uint8_t { MousePos, MouseButton, MouseWheel, Key, Char, Focus };

struct InputEvent {
  InputEventType type = InputEventType::MousePos;
  double time = 0.0;  // when it was received, on the queue's clock (seconds)
  float x = 0.0f;     // MousePos: window pixels (kNoMouse: left the window); wheel: offsets
  float y = 0.0f;
  std::uint32_t code = 0;  // MouseButton: button; Key: key code; Char: Unicode code point
  bool down = false;       // MouseButton / Key: pressed; Focus: the window has focus
};

// What one UI frame sees. Mouse position, buttons and keys persist from frame to frame;
// wheel, text and focus loss are this frame's only.
struct InputState {
  float mouseX = kNoMouse;
  float mouseY = kNoMouse;
  std::array<bool, kMouseButtons> mouseDown{};
  std::bitset<kKeyCount> keysDown;
  float wheelX = 0.0f;
  float wheelY = 0.0f;
  static constexpr int kMaxChars = 32;
  std::array<std::uint32_t, kMaxChars> chars{};
  int charCount = 0;
  bool focusLost = false;  // keys were released because the window lost focus
};

struct DrainResult {
  int consumed = 0;        // events taken from the queue this frame
  double lastTime = 0.0;   // arrival time of the last event taken (0 when none)
  bool remaining = false;  // events are left for the following frames
};

class InputQueue {
 public:
  static constexpr int kCapacity = 1024;

  // The time stamped on events pushed from now on (the app sets it before polling the
  // window, so a batch of events delivered together shares its arrival time).
  void setTime(double seconds) { now_ = seconds; }
  double time() const { return now_; }

  void mouseMove(float x, float y);
  void mouseButton(int button, bool down);
  void wheel(float dx, float dy);
  void key(int code, bool down);
  void character(std::uint32_t codePoint);
  void focus(bool focused);

  bool empty() const { return count_ == 0; }
  int size() const { return count_; }
  // Events refused because the queue was full (or out of range), since construction.
  int dropped() const { return dropped_; }

  // Applies, in order, the events one frame may see (see the rules above) to `state`, and
  // removes them from the queue. Resets the per-frame parts of `state` first.
  DrainResult drainFrame(InputState& state);

 private:
  void push(const InputEvent& e);
  InputEvent& at(int i) { return events_[static_cast<std::size_t>((head_ + i) % kCapacity)]; }

  std::array<InputEvent, kCapacity> events_{};
  int head_ = 0;
  int count_ = 0;
  int dropped_ = 0;
  double now_ = 0.0;
};

// ImGui's clock for a frame: `now`, except while events that arrived together are still
// being fed one frame at a time; then it advances only a little past the previous frame's
// time (or to the events' arrival, if later), so that two clicks that arrived in one batch
// stay as close together for ImGui's double-click timing as they were, however long the
// frames take. Always later than `previous` (ImGui needs a positive DeltaTime).
double uiFrameTime(double now, double previous, const DrainResult& drained);

}  // namespace sv::ui
