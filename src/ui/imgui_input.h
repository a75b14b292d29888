// Hands a frame's InputState to Dear ImGui 1.86 (which polls io fields instead of taking
// events): call between the platform backend's NewFrame (display size, cursor shape) and
// ImGui::NewFrame(). It replaces whatever the backend polled for the mouse and keys, so the
// UI sees exactly the events the InputQueue delivered this frame. No GL, no GLFW.
#pragma once

#include "ui/input_queue.h"

namespace sv::ui {

// Key codes of the modifier keys (the platform's, as in the InputQueue): ImGui 1.86 reads
// io.KeyCtrl & co. rather than the keys themselves.
struct ModifierKeys {
  int ctrl[2] = {-1, -1};
  int shift[2] = {-1, -1};
  int alt[2] = {-1, -1};
  int super[2] = {-1, -1};
};

// Writes mouse, keys, modifiers, wheel and text of `state` into the current ImGui context's
// io, and its DeltaTime (seconds, > 0).
void feedImGui(const InputState& state, const ModifierKeys& modifiers, double deltaTime);

}  // namespace sv::ui
