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
  const std::string* glRenderer = nullptr;  // owned by the renderer; stable
};

// Draws the overlay in the top-right corner; reads only.
void drawStatsOverlay(const FrameStats& stats);
// The same, with its bottom-right corner at `anchor` (pixels).
void drawStatsOverlayAt(const FrameStats& stats, ImVec2 anchor);
// A one-line hint of the camera controls along the bottom edge.
void drawControlsHint();

}  // namespace sv::ui
