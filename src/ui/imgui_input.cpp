#include "ui/imgui_input.h"

#include <imgui.h>

#include <algorithm>

namespace sv::ui {

namespace {
bool anyDown(const InputState& s, const int (&codes)[2]) {
  for (int c : codes) {
    if (c >= 0 && c < kKeyCount && s.keysDown.test(static_cast<std::size_t>(c))) return true;
  }
  return false;
}
}  // namespace

void feedImGui(const InputState& s, const ModifierKeys& mods, double deltaTime) {
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = static_cast<float>(std::max(deltaTime, 1e-4));
  io.MousePos = ImVec2(s.mouseX, s.mouseY);
  static_assert(kMouseButtons == IM_ARRAYSIZE(io.MouseDown));
  for (int b = 0; b < kMouseButtons; ++b)
    io.MouseDown[b] = s.mouseDown[static_cast<std::size_t>(b)];
  static_assert(kKeyCount == IM_ARRAYSIZE(io.KeysDown));
  for (int k = 0; k < kKeyCount; ++k) io.KeysDown[k] = s.keysDown.test(static_cast<std::size_t>(k));
  io.KeyCtrl = anyDown(s, mods.ctrl);
  io.KeyShift = anyDown(s, mods.shift);
  io.KeyAlt = anyDown(s, mods.alt);
  io.KeySuper = anyDown(s, mods.super);
  io.MouseWheel = s.wheelY;
  io.MouseWheelH = s.wheelX;
  for (int i = 0; i < s.charCount; ++i) io.AddInputCharacter(s.chars[static_cast<std::size_t>(i)]);
  if (s.focusLost) io.AddFocusEvent(false);
}

}  // namespace sv::ui
