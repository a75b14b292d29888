// Frame statistics shown in a corner of the viewport.
#pragma once

struct ImVec2;

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

// Draws the overlay with its bottom-right corner at `anchor` (pixels); reads only. Nothing is
// drawn before a frame has been measured.
void drawStatsOverlayAt(const FrameStats& stats, ImVec2 anchor);

}  // namespace sv::ui
