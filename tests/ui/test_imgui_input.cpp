// The input state reaches ImGui 1.86's io as the frame's only source of mouse and keys.
#include <imgui.h>
#include <catch2/catch.hpp>

#include "ui/imgui_input.h"

TEST_CASE("imgui input: mouse, keys, modifiers, wheel and text go into io") {
  ImGui::CreateContext();
  sv::ui::InputState s;
  s.mouseX = 12.0f;
  s.mouseY = 34.0f;
  s.mouseDown[1] = true;
  s.keysDown.set(341);  // GLFW's left control
  s.keysDown.set(65);
  s.wheelY = -1.0f;
  s.chars[0] = 'x';
  s.charCount = 1;
  sv::ui::ModifierKeys mods;
  mods.ctrl[0] = 341;
  sv::ui::feedImGui(s, mods, 0.0);
  const ImGuiIO& io = ImGui::GetIO();
  CHECK(io.MousePos.x == 12.0f);
  CHECK(io.MousePos.y == 34.0f);
  CHECK_FALSE(io.MouseDown[0]);
  CHECK(io.MouseDown[1]);
  CHECK(io.KeysDown[65]);
  CHECK_FALSE(io.KeysDown[66]);
  CHECK(io.KeyCtrl);
  CHECK_FALSE(io.KeyShift);
  CHECK(io.MouseWheel == -1.0f);
  REQUIRE(io.InputQueueCharacters.Size == 1);
  CHECK(io.InputQueueCharacters[0] == 'x');
  CHECK(io.DeltaTime > 0.0f);  // ImGui asserts a positive step
  ImGui::DestroyContext();
}
