// Frame statistics, shown at the right end of the menu bar.
#pragma once

struct ImVec2;

#include <cstddef>
#include <string>

namespace sv::ui {

struct FrameStats {
  float frameMs = 0.0f;  // average CPU+GPU time per frame over the last second
  float fps = 0.0f;
  float updateUs = 0.0f;  // fixed-step update time per frame, microseconds
  int width = 0;
  int height = 0;
  int msaaSamples = 0;
  // Adaptive resolution: whether the last frame's 3D view took the moving frames' path
  // (single-sample, filtered, upscaled), the share of the view's width and height it was
  // rendered at, and the pixels that made.
  bool reduced = false;
  float resolutionScale = 1.0f;
  int renderWidth = 0;
  int renderHeight = 0;
  const std::string* glRenderer = nullptr;  // owned by the renderer; stable
};

// The one-line read-out ("16.6 ms · 60 fps", with "· 3D 45 %" while the view is reduced)
// into `out`; empty before a frame has been measured. Allocation-free.
void formatStats(const FrameStats& stats, char* out, std::size_t size);
// The details (update time, sizes, renderer) as a tooltip of the last item.
void statsTooltip(const FrameStats& stats);

}  // namespace sv::ui
