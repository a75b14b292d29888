// The application: context + renderer + UI + the stretch session, and one frame of the loop.
//
// Linear lifetime in the manner of Dear ImGui's examples: create() initialises everything in
// order, the destructor shuts down in reverse. runFrame() = poll input into the event queue →
// feed this frame's events to ImGui → UI (records commands) → apply commands at one sync point
// → update by the frame's real duration (camera, player → pose → skeleton → palette) → draw
// list → render scene (at the adaptive resolution while something moves) → render UI →
// present. In a window with no --frames, frames are drawn on demand: nothing is drawn while
// nothing moves and no input arrives (docs/architecture.md, "Frame loop").
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
#include "app/presenter_window.h"
#include "app/scene_upload.h"
#include "camera/orbit_camera.h"
#include "core/result.h"
#include "render/renderer.h"
#include "scene/adaptive_resolution.h"
#include "scene/draw_list.h"
#include "session/framing.h"
#include "session/session.h"
#include "session/stretch_scene.h"
#include "stretches/library.h"
#include "ui/browser.h"
#include "ui/input_queue.h"
#include "ui/settings.h"
#include "ui/stats_overlay.h"
#include "ui/view_drag.h"
#include "ui/workspace.h"

namespace sv {

class RoutineDesk;

class App {
 public:
  static Result<std::unique_ptr<App>> create(const Options& options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Runs until the window closes or options.frames have been rendered; writes the screenshot
  // if one was asked for. Returns the process exit code.
  int run();
  // The interactive loop for `seconds` of wall time, then returns (benchmarks of a window).
  int runFor(double seconds);
  // One frame. Window frames advance everything by the real time since the previous frame
  // (however long); headless frames by exactly one fixed step, so a given --frames count
  // always yields the same image.
  // render = false runs the UI and the simulation without drawing or advancing time: a
  // scripted (headless) capture settles ImGui's layout (windows auto-fit and tab bars need a
  // frame to measure their contents) and lets the UI see the first update's state.
  void runFrame(bool render = true);
  // One frame that lasted `seconds` of wall time (tests and benchmarks simulate slow or
  // uneven frames): the technique clock, the camera, ImGui and the adaptive resolution see
  // that duration as they would a real frame's.
  void runFrameFor(double seconds);
  // Where the window's events land; tests push events here to simulate input. Each frame
  // takes the events it may see (ui/input_queue.h).
  ui::InputQueue& input() { return input_; }
  // Whether the last frame was drawn (an on-demand frame identical to the one before is not).
  bool presentedLastFrame() const { return presented_; }
  // The 3D view's resolution scale of the last frame (1: full resolution, full MSAA).
  float sceneScale() const { return sceneScale_; }
  // The View menu's "Adaptive resolution" (on by default); benchmarks compare both.
  void setAdaptiveResolution(bool on) { settings_.adaptiveResolution = on; }
  // On-demand drawing (an interactive window's default): a frame identical to the one before
  // is not drawn. run() decides it; tests of the rule set it directly.
  void setOnDemand(bool on) { onDemand_ = on; }
  Status writeScreenshot(const std::filesystem::path& path) const;

  Renderer& renderer() { return *renderer_; }
  OrbitCamera& camera() { return camera_; }
  int framesRendered() const { return frames_; }
  const anatomy::Pose& pose() const { return session_->pose(); }
  const DrawList& drawList() const { return drawList_; }
  const FrameParams& frameParams() const { return params_; }
  const ui::GroupSelection& selection() const { return selection_; }
  const stretches::Stretch* currentStretch() const { return session_->stretch(); }
  const animation::Player& player() const { return session_->player(); }
  const session::Session& session() const { return *session_; }
  const ui::Settings& settings() const { return settings_; }
  // The presenter's second window (app/presenter_window.h), null while it is closed.
  PresenterWindow* presenterWindow() { return presenterWindow_.get(); }
  // Opens (or closes) it, as the Presenter menu does; an error says why it could not open.
  Status setPresenterWindow(bool open);
  // The routine panel's state and commands (app/routine_desk.h).
  RoutineDesk& routineDesk() { return *desk_; }

  // Opens a stretch (index into the library) on a side with a technique ("" = the first).
  Status openStretch(int index, anatomy::Side side, std::string_view technique);
  // Who moves the camera (the automatic view, a preset, the user) and the plan of views.
  session::CameraDirector& director() { return director_; }
  // The workspace's layout of the last frame (panels, overlays, the stage for the figures).
  const ui::WorkspaceLayout& layout() const { return layout_; }
  // The id buffer's measure of this frame's view: the key segment's visible share and each
  // figure's silhouette bounds (window pixels); call after a rendered frame.
  ViewMeasure measureView(int divisor = 2);
  // Saves a screenshot under the user's pictures folder (XDG), as the Screenshot menu does;
  // returns the file written.
  Result<std::filesystem::path> saveScreenshot(const ui::ScreenshotRequest& request);
  // The menu bar's notice while it shows (a saved screenshot's path), else empty.
  std::string_view notice() const {
    return clock_ < noticeUntil_ ? std::string_view(notice_) : std::string_view();
  }

 private:
  App(Options options, std::unique_ptr<GlContext> ctx, std::unique_ptr<Renderer> r);
  Status loadContent();
  Status applyOptions();
  void frame(bool render, std::optional<double> simulatedSeconds);
  int loop(std::optional<double> seconds);
  bool wantsFrame() const;
  double waitTimeout() const;
  void handleInput(ui::WorkspaceCommands& cmds);
  void applyCommands(const ui::WorkspaceCommands& cmds);
  void rebuildBrowser();
  void planViews(bool newStretch);
  void moveCamera();
  void updateHover(const glm::vec2& window, const glm::vec2& cursor);
  // A --model file without a stretch: the whole figure in view (camera/framing.h).
  void frameModel(bool snap);
  void update(float dt);
  void takeSessionProblems();
  // Session mode opened another stretch, or the routine panel changed the settings.
  void followRoutine(bool stretchChanged, bool settingsChanged);
  void syncMeshes();
  void reshape(session::Figure figure, const body::BodyShape& shape);
  void rememberStretch();
  session::SceneOptions sceneOptions() const;
  void drawUi(ui::WorkspaceCommands& cmds);
  void buildView(ui::WorkspaceView& v) const;
  // The presenter window's frame: its UI, and when anything it shows changed, the presenter
  // view rendered into the renderer's output 1 and shown in that window.
  void presenterFrame(double now, std::uint64_t sceneKey);
  void saveSettingsNow();
  void setUiScale(float scale);

  Options options_;
  std::unique_ptr<GlContext> ctx_;
  std::unique_ptr<Renderer> renderer_;
  OrbitCamera camera_;
  DrawList drawList_;
  FrameParams params_;
  std::unique_ptr<SceneUploader> uploader_;  // the session's meshes on renderer_
  bool imguiPlatform_ = false;
  bool fullscreen_ = false;

  // Domain data, loaded once, and the session on it.
  anatomy::RomTable rom_;
  stretches::Library library_;
  session::Cast cast_;  // the client (and the practitioner)
  std::unique_ptr<session::Session> session_;
  std::vector<std::string> messages_;  // load problems, shown until dismissed
  std::unique_ptr<RoutineDesk> desk_;  // the routine panel, session mode and its exports

  PixelRect view_;  // the 3D view on the framebuffer (pixels, top-left origin), from the layout
  ui::WorkspaceLayout layout_;
  session::CameraDirector director_;
  session::Stage plannedStage_;     // the stage the plan's views were measured for
  std::optional<double> replanAt_;  // when to measure them again for a new stage
  bool snapCamera_ = true;          // the next framing is jumped to, not eased (the first frame)
  std::optional<CameraArgument> cameraArgument_;  // --camera, applied once the stage is known
  // Screenshots: one asked for this frame (taken after drawing), the notice in the menu bar.
  std::optional<ui::ScreenshotRequest> pendingScreenshot_;
  std::string notice_;
  double noticeUntil_ = 0.0;
  // The muscle region under the cursor (hover highlight and tooltip), picked while the mouse
  // moves over the view at most every kHoverInterval seconds.
  std::uint16_t hoverRegion_ = 0;
  std::string hoverLabel_;
  double lastHoverPick_ = -1.0;
  glm::vec2 lastHoverCursor_{-1.0f};
  std::string picturesFolder_;

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
  std::unique_ptr<PresenterWindow> presenterWindow_;
  std::uint64_t lastPresenterHash_ = 0;
  bool showHelp_ = false;
  bool followLimb_ = false;
  float uiScale_ = 1.0f;
  float contentScale_ = 1.0f;
  std::optional<float> pendingUiScale_;

  // Input: events from the window (or a test), this frame's state, the view's drags (left:
  // orbit; right, middle: pan).
  ui::InputQueue input_;
  ui::InputState inputState_;
  std::array<ui::ViewDrag, 3> drags_;
  glm::vec2 lastCursor_{0.0f};
  bool inputThisFrame_ = false;

  // Timing (real time for the window, fixed steps headless, given durations when simulated).
  static constexpr double kStep = 1.0 / 60.0;
  double clock_ = 0.0;  // seconds since start (window: real; headless: frames × step)
  std::chrono::steady_clock::time_point last_;
  double waited_ = 0.0;  // seconds the loop spent waiting for events since the last frame
  int frames_ = 0;

  // Adaptive resolution and on-demand drawing.
  AdaptiveResolution adaptive_;
  float sceneScale_ = 1.0f;       // the scale this frame's 3D view is drawn at
  bool sceneMultisample_ = true;  // … and whether with MSAA (still frames)
  bool presented_ = false;        // the last frame was drawn
  bool onDemand_ = false;         // interactive window: draw only what changed
  int settleFrames_ = 0;          // frames still to run after input (ImGui settles in two)
  std::uint64_t lastUiHash_ = 0;
  std::uint64_t lastSceneHash_ = 0;
  ui::FrameStats stats_;
  double statAccumMs_ = 0.0;
  double statAccumUpdateUs_ = 0.0;
  int statFrames_ = 0;
  std::chrono::steady_clock::time_point statStart_;
};

}  // namespace sv
