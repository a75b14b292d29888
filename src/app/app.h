// The application: context + renderer + UI + the stretch session, and one frame of the loop.
//
// Linear lifetime in the manner of Dear ImGui's examples: create() initialises everything in
// order, the destructor shuts down in reverse. runFrame() = poll input → UI (records commands)
// → apply commands at one sync point → fixed-step update (player → pose → skeleton → palette)
// → draw list → render scene → render UI → present.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "anatomy/rom.h"
#include "anatomy/skeleton.h"
#include "animation/player.h"
#include "app/cli.h"
#include "app/context.h"
#include "app/figures.h"
#include "assist/assist.h"
#include "camera/orbit_camera.h"
#include "core/result.h"
#include "muscles/muscle_model.h"
#include "render/renderer.h"
#include "scene/draw_list.h"
#include "stretches/library.h"
#include "stretches/playback.h"
#include "ui/browser.h"
#include "ui/settings.h"
#include "ui/stats_overlay.h"
#include "ui/workspace.h"

namespace sv {

class App {
 public:
  static Result<std::unique_ptr<App>> create(const Options& options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Runs until the window closes or options.frames have been rendered; writes the screenshot
  // if one was asked for. Returns the process exit code.
  int run();
  // One frame. Headless frames advance the simulation by exactly one fixed step, so a given
  // --frames count always yields the same image.
  // render = false runs the UI and the simulation without drawing or advancing time: a
  // scripted (headless) capture settles ImGui's layout (windows auto-fit and tab bars need a
  // frame to measure their contents) and lets the UI see the first update's state.
  void runFrame(bool render = true);
  Status writeScreenshot(const std::filesystem::path& path) const;

  Renderer& renderer() { return *renderer_; }
  OrbitCamera& camera() { return camera_; }
  int framesRendered() const { return frames_; }
  const anatomy::Pose& pose() const { return pose_; }
  const DrawList& drawList() const { return drawList_; }
  const FrameParams& frameParams() const { return params_; }
  const ui::GroupSelection& selection() const { return selection_; }
  const stretches::Stretch* currentStretch() const { return timeline_ ? &sided_ : nullptr; }
  const animation::Player& player() const { return player_; }

  // Opens a stretch (index into the library) on a side with a technique ("" = the first).
  Status openStretch(int index, anatomy::Side side, std::string_view technique);

 private:
  App(Options options, std::unique_ptr<GlContext> ctx, std::unique_ptr<Renderer> r);
  Status loadContent();
  Status applyOptions();
  void handleInput(ui::WorkspaceCommands& cmds);
  void applyCommands(const ui::WorkspaceCommands& cmds);
  void rebuildBrowser();
  void rebuildTimeline(bool keepTime);
  void frameStretch(bool snap);
  // A --model file without a stretch: the whole figure in view (camera/framing.h).
  void frameModel(bool snap);
  void update(float dt);
  void buildDrawList();
  void appendSkeletonOverlay();
  void appendMusclePaths();
  void updateMuscles();
  void rebuildAssist();
  void rebuildMuscles();
  void reshape(bool practitioner, const body::BodyShape& shape);
  void appendArrows();
  std::span<const glm::mat4> clientModel() const;
  void viewFrom(const glm::vec3& eye, const glm::vec3& target);
  void buildFrameParams();
  void drawUi(ui::WorkspaceCommands& cmds);
  void saveSettingsNow();
  void setUiScale(float scale);

  Options options_;
  std::unique_ptr<GlContext> ctx_;
  std::unique_ptr<Renderer> renderer_;
  OrbitCamera camera_;
  DrawList drawList_;
  FrameParams params_;
  MeshId placeholderMesh_ = kNoMesh;
  MeshId tableTopMesh_ = kNoMesh;
  MeshId tableLegMesh_ = kNoMesh;
  MeshId seatMesh_ = kNoMesh;
  bool imguiPlatform_ = false;
  bool fullscreen_ = false;

  // Domain data, loaded once.
  anatomy::RomTable rom_;
  stretches::Library library_;
  Figures figures_;                    // the client (and the practitioner) with their meshes
  std::vector<std::string> messages_;  // load problems, shown until dismissed
  std::optional<muscles::MuscleModel> muscles_;
  std::vector<muscles::MuscleValue> muscleValues_;                // per muscle, this frame
  std::array<float, anatomy::kMuscleRegionCount> regionShare_{};  // per region, this frame
  std::vector<int> muscleOrder_;  // all muscle indices; the first kTopMuscles sorted by share
  static constexpr int kTopMuscles = 10;
  int targetMuscle_ = -1;
  std::vector<float> targetCurve_;  // share of targetMuscle_ over the timeline
  std::array<glm::vec3, 32> pathScratch_{};

  // The assist: practitioner, environment and forces for the open stretch.
  std::optional<assist::AssistScene> assist_;
  std::unique_ptr<assist::AssistFrame> assistFrame_ = std::make_unique<assist::AssistFrame>();
  std::vector<MeshId> envMeshes_;   // GPU slots reused across stretches
  std::vector<DrawItem> envItems_;  // table / mat / stool / props of the open stretch
  MeshId arrowShaftMesh_ = kNoMesh;
  MeshId arrowHeadMesh_ = kNoMesh;

  // The open stretch.
  int stretchIndex_ = -1;
  stretches::Stretch sided_;  // the library entry on the chosen side
  std::optional<stretches::StretchTimeline> timeline_;
  animation::Player player_;
  stretches::ClientProfile profile_;
  std::string technique_;
  anatomy::Side side_ = anatomy::Side::Right;
  anatomy::Pose pose_;
  float clientLimit_ = 0.0f;  // key value of the client's (scaled) end pose
  PixelRect view_;  // the 3D view on the framebuffer (pixels, top-left origin), from the layout
  glm::vec3 focus_{0.0f, 0.9f, 0.0f};  // world point the stretch's view centres on

  // Workspace state.
  ui::Settings settings_;
  std::filesystem::path settingsPath_;
  bool persistSettings_ = false;
  bool settingsDirty_ = false;
  double settingsDirtySince_ = 0.0;
  ui::GroupSelection selection_;
  ui::WorkspaceUiState uiState_;
  std::vector<ui::BrowserEntry> browser_;
  std::string lastStretchSearch_;
  bool presenter_ = false;
  bool showHelp_ = false;
  bool followLimb_ = false;
  float uiScale_ = 1.0f;
  float contentScale_ = 1.0f;
  std::optional<float> pendingUiScale_;

  // Timing (real time for the window, fixed steps headless).
  static constexpr double kStep = 1.0 / 60.0;
  double accumulator_ = 0.0;
  double clock_ = 0.0;  // seconds since start (window: real; headless: frames × step)
  std::chrono::steady_clock::time_point last_;
  int frames_ = 0;
  ui::FrameStats stats_;
  double statAccumMs_ = 0.0;
  double statAccumUpdateUs_ = 0.0;
  int statFrames_ = 0;
  std::chrono::steady_clock::time_point statStart_;
};

}  // namespace sv
