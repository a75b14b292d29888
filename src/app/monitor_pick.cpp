#include "app/monitor_pick.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace sv {

int pickMonitor(const ScreenRect& w, std::span<const ScreenRect> monitors) {
  int best = -1;
  std::int64_t bestArea = 0;
  for (std::size_t i = 0; i < monitors.size(); ++i) {
    const ScreenRect& m = monitors[i];
    const std::int64_t ox =
        std::max(0, std::min(w.x + w.width, m.x + m.width) - std::max(w.x, m.x));
    const std::int64_t oy =
        std::max(0, std::min(w.y + w.height, m.y + m.height) - std::max(w.y, m.y));
    if (ox * oy > bestArea) {
      bestArea = ox * oy;
      best = static_cast<int>(i);
    }
  }
  if (best >= 0) return best;
  // Off every screen: the monitor whose rectangle is nearest the window's centre.
  const std::int64_t cx = w.x + w.width / 2, cy = w.y + w.height / 2;
  std::int64_t bestDist = std::numeric_limits<std::int64_t>::max();
  for (std::size_t i = 0; i < monitors.size(); ++i) {
    const ScreenRect& m = monitors[i];
    const std::int64_t dx = std::max<std::int64_t>({m.x - cx, 0, cx - (m.x + m.width)});
    const std::int64_t dy = std::max<std::int64_t>({m.y - cy, 0, cy - (m.y + m.height)});
    if (dx * dx + dy * dy < bestDist) {
      bestDist = dx * dx + dy * dy;
      best = static_cast<int>(i);
    }
  }
  return best;
}

}  // namespace sv
