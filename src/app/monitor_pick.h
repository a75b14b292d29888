// Which monitor a window goes fullscreen on: the one it overlaps most (the presenter window
// dragged onto the second screen goes fullscreen there), else the one nearest its centre.
// Pure: the platform code passes the window's and the monitors' rectangles (screen
// coordinates).
#pragma once

#include <span>

namespace sv {

struct ScreenRect {
  int x = 0, y = 0, width = 0, height = 0;
};

// Index into `monitors`, or -1 when there is none.
int pickMonitor(const ScreenRect& window, std::span<const ScreenRect> monitors);

}  // namespace sv
