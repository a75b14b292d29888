#include "ui/stats_overlay.h"

#include <imgui.h>

#include <cstdio>

namespace sv::ui {

void formatStats(const FrameStats& s, char* out, std::size_t size) {
  if (size == 0) return;
  out[0] = '\0';
  if (s.frameMs <= 0.0f) return;  // nothing measured yet (a scripted single frame)
  if (s.reduced) {
    std::snprintf(out, size, "%.1f ms · %.0f fps · 3D %.0f %%", static_cast<double>(s.frameMs),
                  static_cast<double>(s.fps), static_cast<double>(s.resolutionScale * 100.0f));
  } else {
    std::snprintf(out, size, "%.1f ms · %.0f fps", static_cast<double>(s.frameMs),
                  static_cast<double>(s.fps));
  }
}

void statsTooltip(const FrameStats& s) {
  if (!ImGui::IsItemHovered()) return;
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

}  // namespace sv::ui
