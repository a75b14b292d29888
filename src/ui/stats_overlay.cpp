#include "ui/stats_overlay.h"

#include <imgui.h>

namespace sv::ui {

void drawStatsOverlayAt(const FrameStats& s, ImVec2 anchor) {
  if (s.frameMs <= 0.0f) return;  // nothing measured yet (a scripted single frame)
  ImGui::SetNextWindowPos(anchor, ImGuiCond_Always, ImVec2(1.0f, 1.0f));
  ImGui::SetNextWindowBgAlpha(0.55f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                 ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav |
                                 ImGuiWindowFlags_NoMove;
  if (ImGui::Begin("##stats", nullptr, flags)) {
    // One short line, so it fits beside the legend in a narrow view; the rest on hover.
    if (s.reduced) {
      ImGui::Text("%.1f ms · %.0f fps · 3D %.0f %%", static_cast<double>(s.frameMs),
                  static_cast<double>(s.fps), static_cast<double>(s.resolutionScale * 100.0f));
    } else {
      ImGui::Text("%.1f ms · %.0f fps", static_cast<double>(s.frameMs), static_cast<double>(s.fps));
    }
    if (ImGui::IsWindowHovered()) {
      ImGui::BeginTooltip();
      ImGui::Text("update %.0f µs · %d×%d · MSAA %d×", static_cast<double>(s.updateUs), s.width,
                  s.height, s.msaaSamples);
      if (s.reduced) {
        ImGui::Text("3D view rendered at %d×%d (%.0f %%, no MSAA) while it moves", s.renderWidth,
                    s.renderHeight, static_cast<double>(s.resolutionScale * 100.0f));
      }
      if (s.glRenderer) ImGui::TextUnformatted(s.glRenderer->c_str());
      ImGui::EndTooltip();
    }
  }
  ImGui::End();
}

}  // namespace sv::ui
