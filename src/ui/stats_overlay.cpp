#include "ui/stats_overlay.h"

#include <imgui.h>

namespace sv::ui {

namespace {
void statsWindow(const FrameStats& s);
}

void drawStatsOverlay(const FrameStats& s) {
  if (s.frameMs <= 0.0f) return;  // nothing measured yet (a scripted single frame)
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float pad = 10.0f * ImGui::GetStyle().WindowPadding.x / 12.0f;
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x - pad, vp->Pos.y + pad), ImGuiCond_Always,
                          ImVec2(1.0f, 0.0f));
  statsWindow(s);
}

void drawStatsOverlayAt(const FrameStats& s, ImVec2 anchor) {
  if (s.frameMs <= 0.0f) return;
  ImGui::SetNextWindowPos(anchor, ImGuiCond_Always, ImVec2(1.0f, 1.0f));
  statsWindow(s);
}

namespace {
void statsWindow(const FrameStats& s) {
  ImGui::SetNextWindowBgAlpha(0.55f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                 ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav |
                                 ImGuiWindowFlags_NoMove;
  if (ImGui::Begin("##stats", nullptr, flags)) {
    // One short line, so it fits beside the legend in a narrow view; the rest on hover.
    ImGui::Text("%.1f ms · %.0f fps", static_cast<double>(s.frameMs), static_cast<double>(s.fps));
    if (ImGui::IsWindowHovered()) {
      ImGui::BeginTooltip();
      ImGui::Text("update %.0f µs · %d×%d · MSAA %d×", static_cast<double>(s.updateUs), s.width,
                  s.height, s.msaaSamples);
      if (s.glRenderer) ImGui::TextUnformatted(s.glRenderer->c_str());
      ImGui::EndTooltip();
    }
  }
  ImGui::End();
}
}  // namespace

void drawControlsHint() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y - 10.0f),
                          ImGuiCond_Always, ImVec2(0.5f, 1.0f));
  ImGui::SetNextWindowBgAlpha(0.6f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                 ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav |
                                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoInputs;
  if (ImGui::Begin("##hint", nullptr, flags)) {
    ImGui::TextUnformatted(
        "Drag: orbit   Right/middle-drag: pan   Wheel: zoom   Double-click: centre   "
        "1 front  2 side  3 top  4 ¾  0 reset");
  }
  ImGui::End();
}

}  // namespace sv::ui
