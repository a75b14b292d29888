#include "ui/style.h"

#include <imgui.h>

#include <filesystem>

namespace sv::ui {

namespace {
ImFont* g_large = nullptr;
ImFont* g_heading = nullptr;
ImFont* g_presenterHead = nullptr;
ImFont* g_presenterBody = nullptr;
ImFont* g_countdown = nullptr;
// Latin-1, general punctuation (– — ’ “ ” …), arrows and maths (≤ ≥ ±): the stretch texts use
// them.
const ImWchar kRanges[] = {0x0020, 0x00FF, 0x2010, 0x205E, 0x2190, 0x21FF, 0x2200, 0x22FF, 0};
// The countdown shows "12 s" and "1:05": digits, the space, "s" and ":" only.
const ImWchar kCountdownRanges[] = {0x0020, 0x0020, 0x0030, 0x003A, 0x0073, 0x0073, 0};
}  // namespace

ImFont* largeFont() {
  return g_large ? g_large : ImGui::GetFont();
}
ImFont* headingFont() {
  return g_heading ? g_heading : ImGui::GetFont();
}
ImFont* presenterHeadFont() {
  return g_presenterHead ? g_presenterHead : largeFont();
}
ImFont* presenterBodyFont() {
  return g_presenterBody ? g_presenterBody : largeFont();
}
ImFont* countdownFont() {
  return g_countdown ? g_countdown : largeFont();
}

const char* applyStyle(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  static const char* const kFonts[] = {
      "/usr/share/fonts/opentype/inter/Inter-Regular.otf",
      "/usr/share/fonts/truetype/inter/Inter-Regular.ttf",
      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  };
  const char* used = "";
  io.Fonts->Clear();
  g_large = g_heading = g_presenterHead = g_presenterBody = g_countdown = nullptr;
  std::error_code ec;
  for (const char* f : kFonts) {
    if (std::filesystem::exists(f, ec)) {
      ImFontConfig cfg;
      cfg.OversampleH = 2;
      cfg.OversampleV = 2;
      if (io.Fonts->AddFontFromFileTTF(f, 16.0f * scale, &cfg, kRanges) != nullptr) {
        g_heading = io.Fonts->AddFontFromFileTTF(f, 19.0f * scale, &cfg, kRanges);
        g_large = io.Fonts->AddFontFromFileTTF(f, 30.0f * scale, &cfg, kRanges);
        // The presenter's sizes are large enough to need no oversampling (a smaller atlas).
        ImFontConfig big;
        big.OversampleH = big.OversampleV = 1;
        g_presenterHead = io.Fonts->AddFontFromFileTTF(f, 38.0f * scale, &big, kRanges);
        g_presenterBody = io.Fonts->AddFontFromFileTTF(f, 32.0f * scale, &big, kRanges);
        g_countdown = io.Fonts->AddFontFromFileTTF(f, 64.0f * scale, &big, kCountdownRanges);
        used = f;
        break;
      }
    }
  }
  if (*used == '\0') {
    ImFontConfig cfg;
    cfg.SizePixels = 13.0f * scale;
    io.Fonts->AddFontDefault(&cfg);
  }

  ImGuiStyle& s = ImGui::GetStyle();
  s = ImGuiStyle();  // start from the defaults so a re-scale does not compound
  ImGui::StyleColorsDark(&s);
  s.WindowRounding = 8.0f;
  s.ChildRounding = 6.0f;
  s.FrameRounding = 5.0f;
  s.PopupRounding = 6.0f;
  s.GrabRounding = 5.0f;
  s.TabRounding = 5.0f;
  s.ScrollbarRounding = 6.0f;
  s.WindowBorderSize = 0.0f;
  s.FrameBorderSize = 0.0f;
  s.WindowPadding = ImVec2(12, 10);
  s.FramePadding = ImVec2(8, 5);
  s.ItemSpacing = ImVec2(8, 6);
  ImVec4* c = s.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.14f, 0.92f);
  c[ImGuiCol_ChildBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
  c[ImGuiCol_PopupBg] = ImVec4(0.12f, 0.13f, 0.15f, 0.97f);
  c[ImGuiCol_Text] = ImVec4(0.93f, 0.94f, 0.95f, 1.0f);
  c[ImGuiCol_TextDisabled] = ImVec4(0.58f, 0.61f, 0.66f, 1.0f);
  c[ImGuiCol_FrameBg] = ImVec4(0.19f, 0.21f, 0.24f, 1.0f);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.24f, 0.27f, 0.31f, 1.0f);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.27f, 0.31f, 0.36f, 1.0f);
  c[ImGuiCol_TitleBg] = ImVec4(0.11f, 0.12f, 0.14f, 1.0f);
  c[ImGuiCol_TitleBgActive] = ImVec4(0.14f, 0.16f, 0.19f, 1.0f);
  const ImVec4 accent(0.27f, 0.62f, 0.70f, 1.0f);  // calm teal
  c[ImGuiCol_CheckMark] = accent;
  c[ImGuiCol_SliderGrab] = accent;
  c[ImGuiCol_SliderGrabActive] = ImVec4(0.35f, 0.72f, 0.80f, 1.0f);
  c[ImGuiCol_Button] = ImVec4(0.21f, 0.24f, 0.28f, 1.0f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.25f, 0.44f, 0.50f, 1.0f);
  c[ImGuiCol_ButtonActive] = accent;
  c[ImGuiCol_Header] = ImVec4(0.22f, 0.36f, 0.41f, 1.0f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.25f, 0.44f, 0.50f, 1.0f);
  c[ImGuiCol_HeaderActive] = accent;
  c[ImGuiCol_Separator] = ImVec4(0.25f, 0.27f, 0.31f, 1.0f);
  c[ImGuiCol_PlotHistogram] = accent;
  s.ScaleAllSizes(scale);
  return used;
}

}  // namespace sv::ui
