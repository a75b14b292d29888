// Dynamic resolution for the 3D view: picks, frame by frame, the share of the view's pixels
// to render while something moves, so that frames hold a time budget (1/24 s by default) on
// any machine; still frames are always rendered at full resolution with 4× MSAA.
//
// Moving frames keep MSAA only while a full-resolution MSAA frame fits the budget (a GPU);
// otherwise they take the single-sample path (a filter instead of MSAA), which on software GL
// costs about half as much at the same size, and the scale is chosen for that path.
//
// Model: a frame drawn at scale s costs about F + S·s² seconds (F: the UI, the simulation and
// anything else that does not scale; S: the per-pixel work of the 3D view at full
// resolution). Neither is known, and both change with the window, the panels and the pose.
// The controller rescales by sqrt(budget / measured time): a fixed-point iteration whose
// fixed point is F + S·s² = budget and which converges geometrically (the error shrinks by
// F / budget per frame); it settles at minScale when even that cannot meet the budget, and at
// 1 when full resolution already does. It reacts to an over-budget frame at once and grows
// back more slowly, and it moves the scale in steps with hysteresis, so measurement noise
// (±20 % on software GL) does not make the image size flicker.
//
// Pure logic: no clock, no GL. The app reports each drawn frame's duration (work only, not
// time spent waiting for events) and the scale it was drawn at.
#pragma once

namespace sv {

struct AdaptiveResolutionConfig {
  double budgetSeconds = 1.0 / 24.0;  // target frame time while something moves
  float minScale = 0.3f;              // never fewer than 9 % of the pixels
  float step = 0.05f;                 // the scale moves in multiples of this
};

class AdaptiveResolution {
 public:
  explicit AdaptiveResolution(AdaptiveResolutionConfig config = {});

  // A drawn frame took `frameSeconds` at `scaleUsed`, multisampled or not (ignored unless
  // both are positive).
  void observe(double frameSeconds, float scaleUsed, bool multisampled);
  // The scale for the next frame: 1 when the view is still (a sharp frame with full MSAA),
  // else the controller's current choice for moving frames, in [minScale, 1].
  float scaleFor(bool moving) const { return moving ? scale_ : 1.0f; }
  // Whether the next frame is multisampled: always when still; when moving, while the last
  // full-resolution MSAA frame met the budget.
  bool multisampleFor(bool moving) const { return !moving || msaaWhileMoving_; }
  // The scale moving frames get now (the same value scaleFor(true) returns).
  float movingScale() const { return scale_; }
  const AdaptiveResolutionConfig& config() const { return config_; }

 private:
  AdaptiveResolutionConfig config_;
  float estimate_ = 1.0f;  // unquantised
  float scale_ = 1.0f;     // quantised, with hysteresis
  bool msaaWhileMoving_ = true;
};

}  // namespace sv
