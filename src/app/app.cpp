#include "app/app.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <imgui.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include <glm/gtc/constants.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "anatomy/kinematics.h"
#include "app/routine_desk.h"
#include "camera/framing.h"
#include "core/file_io.h"
#include "core/hash.h"
#include "core/log.h"
#include "core/paths.h"
#include "core/text.h"
#include "model/mesh_data.h"
#include "render/gl_debug.h"
#include "render/imgui_fonts.h"
#include "scene/frame_hash.h"
#include "scene/studio.h"
#include "session/framing.h"
#include "ui/draw_hash.h"
#include "ui/imgui_input.h"
#include "ui/style.h"

namespace sv {

namespace {

using anatomy::Side;

// Checked before rendering so a typo fails in milliseconds, not after the frames: the
// directory exists and takes a new file, and the target (links followed) is absent or a
// regular file (a device node or /proc entry is refused, never replaced).
Status checkWritable(const std::filesystem::path& path) {
  std::error_code ec;
  const auto parent = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  const std::string what = "cannot write screenshot " + path.string() + ": ";
  if (!std::filesystem::is_directory(parent, ec)) {
    return Error{what + "directory " + parent.string() + " does not exist"};
  }
  if (std::filesystem::is_directory(path, ec)) return Error{what + "it is a directory"};
  if (::access(parent.c_str(), W_OK) != 0) {
    return Error{what + "directory " + parent.string() + " is not writable"};
  }
  if (Status st = checkAtomicWritable(path); !st) return Error{what + st.error().message};
  return {};
}

// The output size against the GL's limits, and its targets once allocated.
Status checkTargetSize(Renderer& renderer, int width, int height) {
  const int limit = renderer.info().maxTargetSize;
  if (limit > 0 && (width > limit || height > limit)) {
    return Error{"--size " + std::to_string(width) + "x" + std::to_string(height) +
                 ": larger than this OpenGL implementation allows (" + std::to_string(limit) +
                 " pixels per side)"};
  }
  const int errorsBefore = gldebug::errorCount();
  renderer.resize(width, height);
  Status st = renderer.checkTargets();
  if (!st || gldebug::errorCount() != errorsBefore) {
    return Error{"--size " + std::to_string(width) + "x" + std::to_string(height) + ": " +
                 (st ? std::string("allocating the render targets failed (see the GL errors above)")
                     : st.error().message)};
  }
  return {};
}

const char* sideId(Side s) {
  return s == Side::Left ? "left" : "right";
}

// GLFW's codes of the modifier keys: ImGui 1.86 reads io.KeyCtrl & co.
const ui::ModifierKeys kModifierKeys = {{GLFW_KEY_LEFT_CONTROL, GLFW_KEY_RIGHT_CONTROL},
                                        {GLFW_KEY_LEFT_SHIFT, GLFW_KEY_RIGHT_SHIFT},
                                        {GLFW_KEY_LEFT_ALT, GLFW_KEY_RIGHT_ALT},
                                        {GLFW_KEY_LEFT_SUPER, GLFW_KEY_RIGHT_SUPER}};

// ImGui's navigation and text keys in GLFW's codes, as the GLFW backend maps them (set here
// too for headless runs, whose input comes from the same queue).
void mapImGuiKeys(ImGuiIO& io) {
  const std::pair<ImGuiKey, int> keys[] = {{ImGuiKey_Tab, GLFW_KEY_TAB},
                                           {ImGuiKey_LeftArrow, GLFW_KEY_LEFT},
                                           {ImGuiKey_RightArrow, GLFW_KEY_RIGHT},
                                           {ImGuiKey_UpArrow, GLFW_KEY_UP},
                                           {ImGuiKey_DownArrow, GLFW_KEY_DOWN},
                                           {ImGuiKey_PageUp, GLFW_KEY_PAGE_UP},
                                           {ImGuiKey_PageDown, GLFW_KEY_PAGE_DOWN},
                                           {ImGuiKey_Home, GLFW_KEY_HOME},
                                           {ImGuiKey_End, GLFW_KEY_END},
                                           {ImGuiKey_Insert, GLFW_KEY_INSERT},
                                           {ImGuiKey_Delete, GLFW_KEY_DELETE},
                                           {ImGuiKey_Backspace, GLFW_KEY_BACKSPACE},
                                           {ImGuiKey_Space, GLFW_KEY_SPACE},
                                           {ImGuiKey_Enter, GLFW_KEY_ENTER},
                                           {ImGuiKey_Escape, GLFW_KEY_ESCAPE},
                                           {ImGuiKey_KeyPadEnter, GLFW_KEY_KP_ENTER},
                                           {ImGuiKey_A, GLFW_KEY_A},
                                           {ImGuiKey_C, GLFW_KEY_C},
                                           {ImGuiKey_V, GLFW_KEY_V},
                                           {ImGuiKey_X, GLFW_KEY_X},
                                           {ImGuiKey_Y, GLFW_KEY_Y},
                                           {ImGuiKey_Z, GLFW_KEY_Z}};
  for (const auto& [imguiKey, glfwKey] : keys) io.KeyMap[imguiKey] = glfwKey;
}

}  // namespace

Result<std::unique_ptr<App>> App::create(const Options& options) {
  if (options.screenshot) {
    Status st = checkWritable(*options.screenshot);
    if (!st) return st.error();
  }
  if (options.presenterScreenshot) {
    Status st = checkWritable(*options.presenterScreenshot);
    if (!st) return st.error();
  }
  Result<std::unique_ptr<GlContext>> ctx =
      options.headless ? createHeadlessContext(options.width, options.height)
                       : createWindowContext({options.width, options.height, options.vsync});
  if (!ctx) return ctx.error();

  RendererConfig rc;
  rc.shaderDir = dataDir() / "shaders";
  rc.offscreen = (*ctx)->offscreen();
  auto renderer = Renderer::create((*ctx)->loader(), rc);
  if (!renderer) return renderer.error();
  {
    int w = 0, h = 0;
    (*ctx)->framebufferSize(w, h);
    if (Status st = checkTargetSize(**renderer, w, h); !st) return st.error();
  }

  auto app = std::unique_ptr<App>(new App(options, std::move(*ctx), std::move(*renderer)));
  if (Status st = app->loadContent(); !st) return st.error();
  if (Status st = app->applyOptions(); !st) return st.error();
  if (options.presenterWindow) {
    if (Status st = app->setPresenterWindow(true); !st) return st.error();
  }
  return app;
}

App::App(Options options, std::unique_ptr<GlContext> ctx, std::unique_ptr<Renderer> r)
    : options_(std::move(options)), ctx_(std::move(ctx)), renderer_(std::move(r)) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout persistence belongs to the app's settings, not cwd
  contentScale_ = ctx_->contentScale();
  // The backend installs no callbacks: the window's events go to the app's own queue, which
  // feeds ImGui every frame (ui/input_queue.h). Its caret does not blink, so a still UI
  // needs no frames.
  if (ctx_->window() != nullptr) {
    imguiPlatform_ = ImGui_ImplGlfw_InitForOpenGL(ctx_->window(), false);
  } else {
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    mapImGuiKeys(io);
  }
  io.ConfigInputTextCursorBlink = false;
  ctx_->setInputSink(&input_);
  imguiRendererInit();

  uploader_ = std::make_unique<SceneUploader>(*renderer_);
  drawList_.items.reserve(64);
  drawList_.lines.reserve(1024);

  int w = 0, h = 0;
  ctx_->framebufferSize(w, h);
  camera_.setViewport(w, h);
  OrbitState home;
  home.target = {0.0f, 0.85f, 0.0f};
  home.yawDeg = 30.0f;
  home.pitchDeg = 12.0f;
  home.distance = 4.2f;
  camera_.snapTo(home);
  if (const auto pictures = userPicturesDir(); !pictures.empty()) {
    picturesFolder_ = (pictures / "stretchviz").string();
  }

  stats_.glRenderer = &renderer_->info().glRenderer;
  stats_.msaaSamples = renderer_->info().samples;
  last_ = statStart_ = std::chrono::steady_clock::now();
}

App::~App() {
  desk_.reset();  // a running export is cancelled; its GL objects go while the context lives
  presenterWindow_.reset();  // its ImGui renderer first, while the main one still runs
  ctx_->setInputSink(nullptr);
  if (persistSettings_) saveSettingsNow();
  imguiRendererShutdown();
  if (imguiPlatform_) ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  renderer_.reset();  // GL objects die while the context is still current
}

Status App::loadContent() {
  auto rom = anatomy::loadRomTable(stretches::defaultRomPath());
  if (!rom) return rom.error();  // the ROM table is part of the program, not user data
  rom_ = std::move(*rom);

  // A bad stretch file is reported and skipped; the rest of the library loads.
  auto lib = stretches::loadLibrary(stretches::defaultStretchDir(), rom_);
  library_ = std::move(lib.library);
  for (const std::string& e : lib.report.errors) {
    log::error(e);
    messages_.push_back(e);
  }

  // Scripted runs (headless) neither read nor write the user's settings: their output must
  // depend on the command line alone.
  persistSettings_ = !options_.headless;
  if (persistSettings_) {
    settingsPath_ = ui::defaultSettingsPath();
    ui::LoadedSettings loaded = ui::openSettings(settingsPath_);
    if (loaded.warning) {
      log::warn(*loaded.warning);
      messages_.push_back(*loaded.warning);
    }
    settings_ = loaded.settings;
    // Never write over a file that could not be read (or a bad one that could not be kept).
    persistSettings_ = loaded.mayOverwrite;
  }

  std::string warning;
  Status st = cast_.load(body::defaultBodyPath(), options_.model, settings_.clientBody,
                         settings_.practitionerBody, &warning);
  if (!warning.empty()) {
    log::warn(warning);
    messages_.push_back(warning);
  }
  if (!st) {
    // A model given on the command line must load; without the built-in body the app shows a
    // placeholder and says why.
    if (options_.model) return Error{"cannot load model: " + st.error().message};
    log::error(st.error().message);
    messages_.push_back("Body model: " + st.error().message);
  } else if (options_.model && !cast_.drivable()) {
    const std::string& why = cast_.foreign()->model().humanoidError;
    log::info("model is not a humanoid rig (" + why + "): playing its own animation");
    // One line on screen: the last fallback's reason (the topology's, after the names').
    std::string reason = why.substr(why.rfind("; ") == std::string::npos ? 0 : why.rfind("; ") + 2);
    for (const char* prefix : {"rig mapping: ", "topology: "}) {
      if (reason.rfind(prefix, 0) == 0) reason = reason.substr(std::string(prefix).size());
    }
    messages_.push_back("Not a humanoid rig (" + reason + "): playing its own animation.");
  }
  session_ = std::make_unique<session::Session>(library_, rom_, cast_);
  desk_ = std::make_unique<RoutineDesk>(library_, rom_);

  // Muscle paths: without them the app still works, minus the heatmap and the muscle panel
  // (on stderr too).
  auto set = muscles::loadMuscleSet(muscles::defaultMusclePath());
  if (!set) {
    const std::string why = escapeForTerminal(set.error().message);
    log::error("muscle paths: " + why);
    messages_.push_back("Muscle paths: " + why);
  } else {
    (void)session_->setMuscleSet(std::move(*set));  // a failure is among its problems
  }
  takeSessionProblems();
  syncMeshes();
  if (options_.model) frameModel(true);
  return {};
}

// Problems the session met while rebuilding (already logged) go to the message bar.
void App::takeSessionProblems() {
  for (std::string& m : session_->takeProblems()) messages_.push_back(std::move(m));
}

void App::followRoutine(bool stretchChanged, bool settingsChanged) {
  if (settingsChanged) settingsDirty_ = true;
  if (!stretchChanged) return;
  takeSessionProblems();
  syncMeshes();
  rememberStretch();
  planViews(true);  // each next stretch of a routine starts in its automatic view
}

// What the session changed (bodies, environment) onto the GPU.
void App::syncMeshes() {
  uploader_->sync(*session_);
}

// A new body shape for one figure: mesh, skeleton, muscles and the stretch's staging follow.
void App::reshape(session::Figure figure, const body::BodyShape& shape) {
  std::string warning;
  Status st = session_->reshape(figure, shape, &warning);
  if (!warning.empty()) messages_.push_back(warning);
  takeSessionProblems();
  if (!st) {
    messages_.push_back(st.error().message);
    return;
  }
  if (figure == session::Figure::Practitioner) {
    settings_.practitionerBody = cast_.practitioner()->shape();
  } else {
    settings_.clientBody = cast_.client()->shape();
  }
  settingsDirty_ = true;
}

Status App::applyOptions() {
  // Settings first, then the command line on top.
  for (const std::string& id : settings_.selectedGroups) {
    if (auto g = anatomy::muscleGroupFromId(id)) selection_.set(*g, true);
  }
  selection_.side = settings_.groupSide == "left"    ? ui::SideFilter::Left
                    : settings_.groupSide == "right" ? ui::SideFilter::Right
                                                     : ui::SideFilter::Both;
  session_->setProfile(ui::clientProfile(settings_));  // flexibility, measured range, hold
  followLimb_ = settings_.followLimb;
  director_.setFollow(followLimb_);
  uiScale_ = options_.uiScale.value_or(settings_.uiScale);
  settings_.uiScale = uiScale_;
  animation::Player& player = session_->player();
  player.setSpeed(settings_.speed);
  player.setLoop(settings_.loop);
  player.setRepeatCount(settings_.repetitions);
  options_.showStats = options_.showStats && settings_.showStats;
  settings_.showStats = options_.showStats;

  if (!options_.select.empty()) {
    selection_.groups.reset();
    for (const std::string& id : options_.select) {
      auto g = anatomy::muscleGroupFromId(id);
      if (!g) {
        std::string known;
        for (int i = 0; i < anatomy::kMuscleGroupCount; ++i) {
          known += (i ? ", " : "") +
                   std::string(anatomy::muscleGroupId(static_cast<anatomy::MuscleGroup>(i)));
        }
        return Error{"--select: unknown muscle group '" + id + "' (known: " + known + ")"};
      }
      selection_.set(*g, true);
    }
  }
  presenter_ = options_.presenter;
  ui::applyStyle(contentScale_ * uiScale_);

  std::string id = options_.stretchId.empty() ? settings_.lastStretch : options_.stretchId;
  const std::string sideText = options_.side.empty() ? settings_.side : options_.side;
  const std::string technique = options_.technique.empty() && options_.stretchId.empty()
                                    ? settings_.technique
                                    : options_.technique;
  if (!id.empty()) {
    const stretches::Stretch* s = library_.find(id);
    if (s == nullptr) {
      if (!options_.stretchId.empty()) {
        return Error{"--stretch: no stretch '" + id +
                     "' in the library (stretchviz --list shows them)"};
      }
    } else {
      const int index = static_cast<int>(s - library_.stretches.data());
      Status st = openStretch(index, sideText == "left" ? Side::Left : Side::Right, technique);
      if (!st) {
        if (!options_.technique.empty()) return st;
        // A stale technique in the settings falls back to the stretch's first.
        st = openStretch(index, sideText == "left" ? Side::Left : Side::Right, "");
        if (!st) return st;
      }
      if (options_.time) {
        const auto* tl = session_->timeline();
        const float end = tl ? tl->timeline.duration() : 0.0f;
        if (*options_.time > end) {
          char buf[96];
          std::snprintf(buf, sizeof buf, "--time: %g s is past the end of '%s' (%.1f s)",
                        static_cast<double>(*options_.time), session_->technique().c_str(),
                        static_cast<double>(end));
          return Error{buf};
        }
        session_->player().seek(*options_.time);
        session_->evaluate();
      }
    }
  }
  if (options_.view) director_.choose(*options_.view, *session_);
  cameraArgument_ = options_.camera;
  rebuildBrowser();
  return desk_->applyOptions(options_, settings_);
}

Status App::openStretch(int index, Side side, std::string_view technique) {
  const bool sameStretch = index == session_->stretchIndex();
  Status st = session_->open(index, side, technique);
  takeSessionProblems();
  if (!st) return Error{"--technique: " + st.error().message};
  syncMeshes();
  rememberStretch();
  planViews(!sameStretch);
  return {};
}

// The open stretch, side and technique are what the next start opens.
void App::rememberStretch() {
  if (const stretches::Stretch* s = session_->stretch()) {
    settings_.lastStretch = s->id;
    settings_.side = sideId(session_->side());
    settings_.technique = session_->technique();
    settingsDirty_ = true;
  }
}

namespace {

// The director's exact measure of a view: the session posed at time t, drawn through `view`
// into the renderer's id buffer at a reduced resolution (planning measures a few dozen views):
// the whole divisor that brings the view nearest 360 rows (a 720p view at half resolution, as
// the library test checks it). A gripped hand is a few pixels at a third of 720p and its share
// swings by several per cent from one pixel to the next, so a plan measured at another
// resolution than the check's did not hold there (83 % planned, 77 % checked).
class RendererProbe final : public session::VisibilityProbe {
 public:
  RendererProbe(session::Session& s, Renderer& r, const session::SceneOptions& o,
                const session::SceneMeshes& m, const PixelRect& viewport, DrawList& list)
      : s_(s), r_(r), o_(o), m_(m), viewport_(viewport), list_(list) {
    q_.segmentPickId = session::kClientPickId;
    q_.segmentBones = session::keySegmentBones(s);
    q_.divisor = std::clamp(static_cast<int>(std::lround(viewport.height / 360.0)), 1, 3);
    q_.silhouettes = false;
  }
  float visibleShare(float t, const OrbitState& view, const session::Stage& stage) override {
    s_.player().seek(t);
    s_.evaluate();
    session::buildDrawList(s_, o_, m_, list_);
    OrbitCamera cam;
    cam.setViewport(viewport_.width, viewport_.height);
    cam.setFovY(stage.fovYDeg);
    cam.snapTo(view);
    return r_.measureView(session::buildFrameParams(s_, o_, cam, viewport_), list_, q_)
        .visibleShare();
  }

 private:
  session::Session& s_;
  Renderer& r_;
  const session::SceneOptions& o_;
  const session::SceneMeshes& m_;
  PixelRect viewport_;
  DrawList& list_;
  ViewMeasureQuery q_;
};

}  // namespace

// The views of the open stretch for the current stage (session/framing.h), each checked on
// the id buffer: a new stretch starts in the automatic view; another side, technique,
// profile or body keeps the mode. The session comes back to the moment it was at.
void App::planViews(bool newStretch) {
  animation::Player& player = session_->player();
  const float time = player.time();
  const bool playing = player.playing();
  PixelRect viewport = view_;
  if (viewport.width <= 1 || viewport.height <= 1) {
    viewport = {0, 0, renderer_->width(), renderer_->height()};
  }
  const session::SceneOptions options = sceneOptions();
  RendererProbe probe(*session_, *renderer_, options, uploader_->meshes(), viewport, drawList_);
  director_.plan(*session_, director_.stage(), newStretch,
                 session_->isOpen() && cast_.drivable() ? &probe : nullptr);
  plannedStage_ = director_.stage();
  replanAt_.reset();
  player.seek(time);
  if (playing) player.play();
  session_->evaluate();
}

// The director's goal, when it has a new one: eased to, or jumped to until the first frame is
// drawn (a capture's first frame shows the framed view, not the way there).
void App::moveCamera() {
  // A --model alone keeps frameModel's view until the user picks a preset.
  if (!session_->isOpen() && cast_.foreign() != nullptr &&
      director_.mode() == session::CameraDirector::Mode::Automatic) {
    return;
  }
  // While the user drags, following the limb waits (it would slow the drag to its pace).
  for (const ui::ViewDrag& d : drags_) {
    if (d.dragging()) return;
  }
  if (auto g = director_.update(*session_, camera_.goal())) {
    if (snapCamera_) {
      camera_.snapTo(*g);
    } else {
      camera_.easeTo(*g);
    }
  }
}

// A --model file without a stretch: the whole figure in view (camera/framing.h); the director
// frames stretches only (moveCamera leaves this view alone).
void App::frameModel(bool snap) {
  const Character* foreign = cast_.foreign();
  if (foreign == nullptr) return;
  glm::vec3 lo, hi;
  foreign->skinnedBounds(lo, hi);
  const OrbitState s = frameBounds(lo, hi, camera_.fovY(), camera_.aspect(), camera_.goal());
  if (snap) {
    camera_.snapTo(s);
  } else {
    camera_.easeTo(s);
  }
}

void App::rebuildBrowser() {
  browser_ = ui::filterStretches(library_, selection_, uiState_.stretchSearch.data());
  lastStretchSearch_ = uiState_.stretchSearch.data();
}

void App::handleInput(ui::WorkspaceCommands& cmds) {
  const ImGuiIO& io = ImGui::GetIO();
  const float sx = io.DisplayFramebufferScale.x, sy = io.DisplayFramebufferScale.y;
  // Framebuffer pixels for the renderer's read-backs and the drags, view pixels for the
  // camera. Outside the window the cursor keeps its last position.
  if (ImGui::IsMousePosValid(&io.MousePos)) lastCursor_ = {io.MousePos.x * sx, io.MousePos.y * sy};
  const glm::vec2 window = lastCursor_;
  const glm::vec2 cursor =
      window - glm::vec2(static_cast<float>(view_.x), static_cast<float>(view_.y));
  // A press on a panel belongs to the UI; a drag that began over the view goes on even when
  // the cursor crosses a panel.
  const bool overView = !io.WantCaptureMouse;
  const ImGuiMouseButton buttons[3] = {ImGuiMouseButton_Left, ImGuiMouseButton_Right,
                                       ImGuiMouseButton_Middle};
  glm::vec2 motion[3];
  for (int i = 0; i < 3; ++i) {
    const int b = buttons[i];
    motion[i] = drags_[static_cast<std::size_t>(i)].update(overView && io.MouseClicked[b],
                                                           io.MouseDown[b], window);
  }
  // Any move of the user's own stops the automatic framing (until a preset or the next
  // stretch): the user's view is never taken away while they look at it.
  if (drags_[0].dragging() && motion[0] != glm::vec2(0.0f)) {
    camera_.orbit(motion[0].x, motion[0].y);
    director_.userMoved();
  }
  for (int i = 1; i < 3; ++i) {
    if (drags_[static_cast<std::size_t>(i)].dragging() && motion[i] != glm::vec2(0.0f)) {
      camera_.pan(motion[i].x, motion[i].y);
      director_.userMoved();
    }
  }
  if (overView) {
    if (io.MouseWheel != 0.0f) {
      camera_.zoomAt(io.MouseWheel, cursor);
      director_.userMoved();
    }
    bool dragging = false;
    for (const ui::ViewDrag& d : drags_) dragging = dragging || d.dragging();
    if (!dragging) updateHover(window, cursor);
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
      if (auto d = renderer_->depthAt(static_cast<int>(window.x), static_cast<int>(window.y))) {
        camera_.recentre(camera_.unproject(cursor, *d));
        director_.userMoved();
      }
    } else if (drags_[0].clicked()) {
      // A click (not a drag) on a muscle selects its group.
      const PickResult hit = renderer_->pick(params_, drawList_, static_cast<int>(window.x),
                                             static_cast<int>(window.y));
      if (auto region = anatomy::regionOf(hit.region)) cmds.toggleGroup = region->group;
    }
  }
  if (!io.WantCaptureKeyboard) {
    // 0 (or Home): the stretch's view; 1 … 8: the presets in the Camera menu's order.
    for (int k = 0; k < kViewPresetCount; ++k) {
      if (ImGui::IsKeyPressed(GLFW_KEY_0 + k, false)) cmds.view = static_cast<ViewPreset>(k);
    }
    if (ImGui::IsKeyPressed(GLFW_KEY_HOME, false)) cmds.view = ViewPreset::Stretch;
    if (ImGui::IsKeyPressed(GLFW_KEY_SPACE, false)) cmds.togglePlay = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT, true)) cmds.nextPhase = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_LEFT, true)) cmds.previousPhase = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_F, false)) cmds.toggleFullscreen = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_P, false)) cmds.presenter = !presenter_;
    if (ImGui::IsKeyPressed(GLFW_KEY_W, false)) cmds.presenterWindow = !presenterWindow_;
    if (ImGui::IsKeyPressed(GLFW_KEY_S, false)) cmds.screenshot = ui::ScreenshotRequest{};
    if (ImGui::IsKeyPressed(GLFW_KEY_H, false) || ImGui::IsKeyPressed(GLFW_KEY_F1, false)) {
      cmds.showHelp = !showHelp_;
    }
    if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) {
      if (showHelp_)
        cmds.showHelp = false;
      else if (presenter_)
        cmds.presenter = false;
    }
  }
}

void App::applyCommands(const ui::WorkspaceCommands& c) {
  bool browserDirty = c.selectionChanged;
  if (c.toggleGroup) {
    selection_.toggle(*c.toggleGroup);
    browserDirty = true;
  }
  if (c.clearGroups) {
    selection_.groups.reset();
    browserDirty = true;
  }
  if (c.groupSide) {
    selection_.side = *c.groupSide;
    browserDirty = true;
  }
  if (browserDirty) {
    rebuildBrowser();
    settings_.selectedGroups.clear();
    for (int i = 0; i < anatomy::kMuscleGroupCount; ++i) {
      const auto g = static_cast<anatomy::MuscleGroup>(i);
      if (selection_.has(g)) settings_.selectedGroups.emplace_back(anatomy::muscleGroupId(g));
    }
    settings_.groupSide = selection_.side == ui::SideFilter::Left    ? "left"
                          : selection_.side == ui::SideFilter::Right ? "right"
                                                                     : "both";
    settingsDirty_ = true;
  }
  // Choosing another stretch, side, technique or client profile by hand ends session mode.
  if (c.selectStretch || c.side || c.technique || c.flexibility || c.measuredRange ||
      c.holdSeconds) {
    desk_->commands().stopSession = true;
  }
  if (c.selectStretch) {
    // Picking a stretch while one side is selected in the groups panel opens that side.
    Side side = session_->side();
    if (selection_.side == ui::SideFilter::Left) side = Side::Left;
    if (selection_.side == ui::SideFilter::Right) side = Side::Right;
    (void)openStretch(*c.selectStretch, side, "");
  }
  // Another side or technique keeps the moment and the play state (session.h).
  bool replan = false;
  if (c.side && session_->isOpen()) {
    (void)session_->setSide(*c.side);
    rememberStretch();
    replan = true;
  }
  if (c.technique && session_->isOpen()) {
    (void)session_->setTechnique(*c.technique);
    rememberStretch();
    replan = true;
  }
  stretches::ClientProfile profile = session_->profile();
  bool profileChanged = false;
  if (c.flexibility) {
    profile.flexibility = *c.flexibility;
    settings_.flexibility = c.flexibility == stretches::Flexibility::Stiff      ? "stiff"
                            : c.flexibility == stretches::Flexibility::Flexible ? "flexible"
                                                                                : "average";
    profileChanged = true;
  }
  if (c.measuredRange) {
    profile.measuredKeyRange = *c.measuredRange;
    settings_.measuredRange = *c.measuredRange;
    profileChanged = true;
  }
  if (c.holdSeconds) {
    profile.holdSeconds = *c.holdSeconds;
    settings_.holdSeconds = *c.holdSeconds;
    profileChanged = true;
  }
  if (c.clientBody && cast_.builtIn()) reshape(session::Figure::Client, *c.clientBody);
  if (c.practitionerBody && cast_.practitioner() != nullptr) {
    reshape(session::Figure::Practitioner, *c.practitionerBody);
  }
  if (profileChanged) {
    session_->setProfile(profile);
    settingsDirty_ = true;
  }
  takeSessionProblems();
  syncMeshes();
  if (replan || profileChanged || c.clientBody || c.practitionerBody) planViews(false);
  animation::Player& player = session_->player();
  if (session_->isOpen()) {
    if (c.togglePlay) player.togglePlay();
    if (c.rewind) player.rewind();
    if (c.seek) player.seek(*c.seek);
    if (c.nextPhase) player.nextPhase();
    if (c.previousPhase) player.previousPhase();
  }
  if (c.speed) {
    player.setSpeed(*c.speed);
    settings_.speed = player.speed();
    settingsDirty_ = true;
  }
  if (c.loop) {
    player.setLoop(*c.loop);
    settings_.loop = *c.loop;
    settingsDirty_ = true;
  }
  if (c.repetitions) {
    player.setRepeatCount(*c.repetitions);
    settings_.repetitions = player.repeatCount();
    settingsDirty_ = true;
  }
  if (c.view) director_.choose(*c.view, *session_);
  if (c.presenter) presenter_ = *c.presenter;
  if (c.presenterWindow) {
    if (Status st = setPresenterWindow(*c.presenterWindow); !st) {
      messages_.push_back(st.error().message);
    }
  }
  if (c.showHelp) showHelp_ = *c.showHelp;
  if (c.followLimb) {
    followLimb_ = *c.followLimb;
    director_.setFollow(followLimb_);
    settings_.followLimb = followLimb_;
    settingsDirty_ = true;
  }
  if (c.toggleFullscreen) {
    fullscreen_ = !fullscreen_;
    ctx_->setFullscreen(fullscreen_);
  }
  if (c.dismissMessages) messages_.clear();
  if (c.panels) {
    settings_ = *c.panels;
    options_.showStats = settings_.showStats;
    settingsDirty_ = true;
  }
  if (c.uiScale) pendingUiScale_ = *c.uiScale;
  const RoutineDesk::Effects fx = desk_->apply(*session_, settings_);
  if (fx.clientBody && cast_.builtIn() && cast_.client()->shape() != *fx.clientBody) {
    // Session mode's client (or, after it, the workspace's own): the figure only, the
    // settings keep the workspace's body.
    std::string warning;
    Status st = session_->reshape(session::Figure::Client, *fx.clientBody, &warning);
    if (!warning.empty()) messages_.push_back(warning);
    if (!st) messages_.push_back(st.error().message);
    takeSessionProblems();
    syncMeshes();
    planViews(false);
  }
  followRoutine(fx.stretchChanged, fx.settingsChanged);
  if (c.screenshot) pendingScreenshot_ = *c.screenshot;
}

void App::update(float dt) {
  camera_.update(dt);
  if (!cast_.loaded()) return;
  // A foreign rig that is not humanoid plays its own animation on the app's clock.
  const float own = static_cast<float>(options_.time.value_or(0.0f)) + static_cast<float>(clock_);
  if (desk_->advance(*session_, dt, own)) followRoutine(true, false);
}

// How the View menu and the groups panel show the scene.
session::SceneOptions App::sceneOptions() const {
  session::SceneOptions o;
  o.clothing = settings_.clothing;
  o.practitioner = settings_.practitioner == "hidden"    ? session::PractitionerShow::Hidden
                   : settings_.practitioner == "ghosted" ? session::PractitionerShow::Ghosted
                                                         : session::PractitionerShow::Shown;
  o.forceArrows = settings_.forceArrows;
  o.skeletonOverlay = settings_.skeletonOverlay;
  o.musclePaths = settings_.musclePaths;
  o.heatmap = settings_.heatmap;
  o.wireframe = settings_.wireframe;
  for (int i = 0; i < anatomy::kMuscleGroupCount; ++i) {
    o.selectedGroups.set(static_cast<std::size_t>(i),
                         selection_.has(static_cast<anatomy::MuscleGroup>(i)));
  }
  o.selectLeft = selection_.side != ui::SideFilter::Right;
  o.selectRight = selection_.side != ui::SideFilter::Left;
  return o;
}

// What the workspace (and the presenter window) show this frame.
void App::buildView(ui::WorkspaceView& v) const {
  v.library = &library_;
  v.browser = &browser_;
  v.selection = &selection_;
  const session::Session& ses = *session_;
  v.stretchIndex = ses.stretchIndex();
  v.stretch = ses.stretch();
  v.timeline = ses.timeline();
  v.player = &ses.player();
  v.technique = ses.technique();
  v.side = ses.side();
  v.profile = &ses.profile();
  v.keyValue = ses.keyValue();
  v.secondValue = ses.secondValue().value_or(0.0f);
  v.clientLimit = ses.clientLimit();
  v.settings = &settings_;
  v.presenter = presenter_;
  v.presenterWindow = presenterWindow_ != nullptr;
  v.canOpenWindows = ctx_->window() != nullptr;
  v.showHelp = showHelp_;
  v.followLimb = followLimb_;
  v.view = director_.preset();
  v.stats = &stats_;
  v.messages = &messages_;
  if (clock_ < noticeUntil_) v.notice = notice_;
  v.hovered = hoverLabel_;
  v.screenshotFolder = picturesFolder_;
  v.clientIsModel = cast_.foreign() != nullptr;
  if (const muscles::MuscleModel* mm = ses.muscles()) {
    v.muscles = mm;
    v.muscleValues = ses.muscleValues();
    v.muscleOrder = ses.topMuscles();
    v.targetMuscle = ses.targetMuscle();
    v.targetCurve = ses.targetCurve();
    v.heatOnPaths = !cast_.builtIn();
  }
  if (ses.assist() && settings_.forceArrows) {
    const assist::AssistFrame& f = ses.assistFrame();
    for (int i = 0; i < f.arrowCount; ++i) {
      const auto& a = f.arrows[static_cast<std::size_t>(i)];
      if (a.magnitude > 0.01f) v.arrowsShown = true;
      if (a.magnitude > 0.01f && a.source == assist::ArrowSource::Client) v.clientPushing = true;
    }
  }
}

Status App::setPresenterWindow(bool open) {
  if (!open) {
    presenterWindow_.reset();
    renderer_->releaseOutput(1);
    settleFrames_ = std::max(settleFrames_, 2);  // the menu's tick changes
    return {};
  }
  if (presenterWindow_) return {};
  // The main window's size to start with; the user moves it to the other screen.
  int w = 0, h = 0;
  ctx_->framebufferSize(w, h);
  auto opened = PresenterWindow::open(*ctx_, w, h, kModifierKeys);
  if (!opened) return Error{"presenter window: " + opened.error().message};
  presenterWindow_ = std::move(*opened);
  lastPresenterHash_ = 0;
  settleFrames_ = std::max(settleFrames_, 2);
  return {};
}

void App::presenterFrame(double now, std::uint64_t sceneKey) {
  PresenterWindow& pw = *presenterWindow_;
  if (pw.closeRequested()) {
    // Its close button: the window goes, the workspace stays.
    (void)setPresenterWindow(false);
    return;
  }
  int w = 0, h = 0;
  pw.framebufferSize(w, h);
  if (w <= 0 || h <= 0) return;  // minimised
  pw.beginFrame(now);
  ui::WorkspaceView v;
  buildView(v);
  v.presenter = true;
  v.presenterWindow = true;
  v.inPresenterWindow = true;
  v.showHelp = false;
  ui::WorkspaceCommands ignored;  // the presenter view takes no input
  ui::drawPresenterScreen(v, uiState_, ignored);
  const ui::WorkspaceLayout layout = ui::workspaceLayout(v, uiState_);  // at this window's size
  ImDrawData* drawData = pw.endFrame();
  Hasher key;
  key.u64(sceneKey);
  key.u64(ui::drawDataHash(drawData));
  key.i32(w);
  key.i32(h);
  const bool damaged = pw.takeDamage();
  if (onDemand_ && !damaged && key.value() == lastPresenterHash_) return;
  lastPresenterHash_ = key.value();

  // The camera's direction, framed for this window's stage (the caption above, the gauge and
  // countdown beside), unless the user placed the camera.
  const float sx = drawData->FramebufferScale.x, sy = drawData->FramebufferScale.y;
  OrbitCamera cam = camera_;
  cam.setViewport(w, h);
  if (director_.mode() != session::CameraDirector::Mode::User) {
    session::Stage stage;
    stage.width = static_cast<float>(w);
    stage.height = static_cast<float>(h);
    stage.x0 = layout.stage.x * sx;
    stage.y0 = layout.stage.y * sy;
    stage.x1 = layout.stage.right() * sx;
    stage.y1 = layout.stage.bottom() * sy;
    stage.fovYDeg = camera_.fovY();
    cam.snapTo(director_.reframed(camera_.state(), stage));
  }
  FrameParams p = session::buildFrameParams(*session_, sceneOptions(), cam, {0, 0, w, h});
  p.resolutionScale = sceneScale_;
  p.multisample = sceneMultisample_;
  renderer_->selectOutput(1);
  renderer_->resize(w, h);
  renderer_->renderScene(p, drawList_);
  pw.renderUi(*renderer_, drawData);
  renderer_->selectOutput(0);
  pw.present(*renderer_);
}

void App::drawUi(ui::WorkspaceCommands& cmds) {
  settings_.showStats = options_.showStats;
  ui::WorkspaceView v;
  buildView(v);
  ui::drawWorkspace(v, uiState_, cmds);
  const ui::WorkspaceLayout panels = ui::workspaceLayout(v, uiState_);
  desk_->draw(*session_, settings_, presenter_ ? nullptr : &panels);

  // The 3D view fills what the docked panels leave free, up to their edges (the whole window
  // in presenter mode): only those pixels are rendered. The figures are framed into the part
  // the overlays leave free (the stage).
  const ImGuiIO& io = ImGui::GetIO();
  const float sx = io.DisplayFramebufferScale.x, sy = io.DisplayFramebufferScale.y;
  layout_ = ui::workspaceLayout(v, uiState_);
  const ui::LayoutRect& r = layout_.view;
  view_.x = static_cast<int>(std::lround(r.x * sx));
  view_.y = static_cast<int>(std::lround(r.y * sy));
  view_.width = std::max(static_cast<int>(std::lround(r.w * sx)), 1);
  view_.height = std::max(static_cast<int>(std::lround(r.h * sy)), 1);
  session::Stage stage;
  stage.width = r.w;
  stage.height = r.h;
  stage.x0 = layout_.stage.x - r.x;
  stage.y0 = layout_.stage.y - r.y;
  stage.x1 = layout_.stage.right() - r.x;
  stage.y1 = layout_.stage.bottom() - r.y;
  stage.fovYDeg = camera_.fovY();
  director_.setStage(stage);
  // The views were measured for another stage (a new stretch's caption, a resized window): the
  // fit follows at once, the measure once the stage has been still for a moment (at once in
  // scripted runs).
  const auto differs = [](float a, float b, float size) { return std::fabs(a - b) > 0.02f * size; };
  const session::Stage& p = plannedStage_;
  if (session_->isOpen() && !uiState_.dragging &&
      (differs(stage.width, p.width, p.width) || differs(stage.height, p.height, p.height) ||
       differs(stage.x0, p.x0, p.width) || differs(stage.x1, p.x1, p.width) ||
       differs(stage.y0, p.y0, p.height) || differs(stage.y1, p.y1, p.height))) {
    if (!replanAt_ || options_.headless) replanAt_ = clock_ + (options_.headless ? 0.0 : 0.4);
    plannedStage_ = stage;
  }
}

void App::setUiScale(float scale) {
  uiScale_ = std::clamp(scale, 0.75f, 2.0f);
  settings_.uiScale = uiScale_;
  settingsDirty_ = true;
  ui::applyStyle(contentScale_ * uiScale_);
  imguiRendererReloadFonts();
}

void App::saveSettingsNow() {
  if (!persistSettings_) return;
  Status st = ui::saveSettings(settingsPath_, settings_);
  if (!st) log::warn("settings not saved: " + st.error().message);
  settingsDirty_ = false;
}

void App::runFrame(bool render) {
  frame(render, std::nullopt);
}

void App::runFrameFor(double seconds) {
  frame(true, std::max(seconds, 0.0));
}

void App::frame(bool render, std::optional<double> simulated) {
  using clock = std::chrono::steady_clock;
  const auto frameStart = clock::now();
  // How long the previous frame took, for the adaptive resolution: the time since it began
  // minus any wait for events (a simulated frame says how long it lasted).
  const double sincePrevious = std::chrono::duration<double>(frameStart - last_).count();
  if (presented_) {
    adaptive_.observe(simulated ? *simulated : sincePrevious - waited_, sceneScale_,
                      sceneMultisample_);
  }
  double elapsed = kStep;
  if (simulated) {
    elapsed = *simulated;
  } else if (imguiPlatform_) {
    elapsed = sincePrevious;
  }
  if (!render) elapsed = 0.0;
  last_ = frameStart;
  // Waiting for events is not frame time: the frame-rate window skips it.
  statStart_ += std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(waited_));
  waited_ = 0.0;
  const double now = clock_ + elapsed;

  // Events delivered by this poll are stamped with this frame's time.
  input_.setTime(now);
  ctx_->pollEvents();
  int w = 0, h = 0;
  ctx_->framebufferSize(w, h);
  renderer_->resize(w, h);
  if (pendingUiScale_) {
    setUiScale(*pendingUiScale_);
    pendingUiScale_.reset();
  }

  imguiRendererNewFrame();
  ImGuiIO& io = ImGui::GetIO();
  if (imguiPlatform_) {
    ImGui_ImplGlfw_NewFrame();  // display size and cursor shape; the input comes from below
  } else {
    io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
  }
  const ui::DrainResult drained = input_.drainFrame(inputState_);
  inputThisFrame_ = drained.consumed > 0;
  const double uiTime = ui::uiFrameTime(now, ImGui::GetTime(), drained);
  ui::feedImGui(inputState_, kModifierKeys, uiTime - ImGui::GetTime());
  ImGui::NewFrame();

  // UI first: it records commands against last frame's state; they are applied together.
  ui::WorkspaceCommands cmds;
  drawUi(cmds);
  const float oldAspect = camera_.aspect();
  camera_.setViewport(view_.width, view_.height);
  // The first frame learns the panels' layout: a --model alone is framed again for the view's
  // shape (a stretch's views follow the stage, above).
  if (frames_ == 0 && !session_->isOpen() && std::abs(camera_.aspect() - oldAspect) > 1e-3f) {
    frameModel(true);
  }
  if (cameraArgument_) {
    // --camera: the user's own view, framed once the stage is known.
    camera_.snapTo(director_.userView(cameraArgument_->yawDeg, cameraArgument_->pitchDeg,
                                      cameraArgument_->distance));
    director_.userMoved();
    cameraArgument_.reset();
  }
  handleInput(cmds);
  applyCommands(cmds);
  if (replanAt_ && clock_ >= *replanAt_) planViews(false);
  moveCamera();
  if (render) snapCamera_ = false;

  // The technique clock follows the wall clock exactly: one update by the frame's whole
  // duration, however long (the player crosses every phase boundary in between, and the
  // camera's easing is exact for any step). Nothing here needs fixed sub-steps.
  clock_ = now;
  const auto updateStart = clock::now();
  update(static_cast<float>(elapsed));
  const double updateUs =
      std::chrono::duration<double, std::micro>(clock::now() - updateStart).count();

  // While anything moves, the 3D view is drawn at the resolution that holds the frame
  // budget; a still view gets a full-resolution frame with full MSAA.
  const bool moving = session_->player().playing() || !camera_.settled();
  sceneScale_ = settings_.adaptiveResolution ? adaptive_.scaleFor(moving) : 1.0f;
  sceneMultisample_ = !settings_.adaptiveResolution || adaptive_.multisampleFor(moving);
  const session::SceneOptions sceneOpts = sceneOptions();
  session::buildDrawList(*session_, sceneOpts, uploader_->meshes(), drawList_);
  params_ = session::buildFrameParams(*session_, sceneOpts, camera_, view_);
  // The muscle group under the cursor glows like a selection, fainter.
  if (hoverRegion_ != 0 && hoverRegion_ < params_.regions.size()) {
    params_.regions[hoverRegion_].selected = std::max(params_.regions[hoverRegion_].selected, 0.5f);
  }
  params_.resolutionScale = sceneScale_;
  params_.multisample = sceneMultisample_;
  stats_.width = w;
  stats_.height = h;
  ImGui::Render();
  presented_ = false;
  // The UI draws last frame's state: after input, and after any frame that changed what is
  // shown, run frames until one comes out unchanged.
  if (settleFrames_ > 0) --settleFrames_;
  if (inputThisFrame_) settleFrames_ = std::max(settleFrames_, 2);
  if (!render) return;
  desk_->work(ctx_->loader(), 0.03);  // a slice of an export, between two frames

  if (settingsDirty_ && persistSettings_) {
    if (settingsDirtySince_ == 0.0) settingsDirtySince_ = clock_;
    if (clock_ - settingsDirtySince_ > 2.0) {
      saveSettingsNow();
      settingsDirtySince_ = 0.0;
    }
  }

  // On demand, a frame that would look exactly like the one on screen is not drawn.
  Hasher sceneKey;
  sceneKey.u64(sceneInputHash(params_, drawList_));
  sceneKey.u64(renderer_->meshGeneration());
  const std::uint64_t uiHash = ui::drawDataHash(ImGui::GetDrawData());
  if (presenterWindow_) presenterFrame(now, sceneKey.value());
  const bool damaged = ctx_->takeDamage();
  if (onDemand_ && !damaged && uiHash == lastUiHash_ && sceneKey.value() == lastSceneHash_) {
    return;
  }
  lastUiHash_ = uiHash;
  lastSceneHash_ = sceneKey.value();

  if (pendingScreenshot_ && pendingScreenshot_->viewOnly) {
    // Rendered on its own targets before the frame (the frame then draws every pass anew).
    const auto written = saveScreenshot(*pendingScreenshot_);
    if (!written) messages_.push_back(written.error().message);
    pendingScreenshot_.reset();
  }
  renderer_->renderScene(params_, drawList_);
  renderer_->renderImGui(ImGui::GetDrawData());
  presented_ = true;
  if (pendingScreenshot_) {
    // The whole window as just drawn (before the swap).
    const auto written = saveScreenshot(*pendingScreenshot_);
    if (!written) messages_.push_back(written.error().message);
    pendingScreenshot_.reset();
  }
  settleFrames_ = std::max(settleFrames_, 1);
  ++frames_;
  const SceneFrameInfo& info = renderer_->lastSceneFrame();
  stats_.reduced = info.reduced;
  stats_.resolutionScale = sceneScale_;
  stats_.renderWidth = info.renderWidth;
  stats_.renderHeight = info.renderHeight;

  const double frameMs =
      std::chrono::duration<double, std::milli>(clock::now() - frameStart).count();
  statAccumMs_ += frameMs;
  statAccumUpdateUs_ += updateUs;
  ++statFrames_;
  const double window = std::chrono::duration<double>(clock::now() - statStart_).count();
  if (window >= 0.5 || stats_.fps == 0.0f) {
    stats_.frameMs = static_cast<float>(statAccumMs_ / statFrames_);
    stats_.fps = static_cast<float>(statFrames_ / std::max(window, 1e-6));
    stats_.updateUs = static_cast<float>(statAccumUpdateUs_ / statFrames_);
    if (!imguiPlatform_) stats_.fps = static_cast<float>(1000.0 / std::max(stats_.frameMs, 1e-3f));
    statAccumMs_ = statAccumUpdateUs_ = 0.0;
    statFrames_ = 0;
    statStart_ = clock::now();
  }
}

Status App::writeScreenshot(const std::filesystem::path& path) const {
  return writePng(renderer_->capture(), path);
}

Result<std::filesystem::path> App::saveScreenshot(const ui::ScreenshotRequest& request) {
  if (picturesFolder_.empty()) return Error{"screenshot not saved: no home folder to save it in"};
  const std::filesystem::path dir(picturesFolder_);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error{"screenshot not saved: cannot create " + dir.string() + ": " + ec.message()};
  char stamp[64];
  const std::time_t now = std::time(nullptr);
  std::strftime(stamp, sizeof stamp, "stretchviz-%Y%m%d-%H%M%S", std::localtime(&now));
  const std::string base = std::string(stamp) + (request.viewOnly ? "-view" : "");
  std::filesystem::path path = dir / (base + ".png");
  for (int i = 2; std::filesystem::exists(path, ec) && i < 1000; ++i) {
    path = dir / (base + "-" + std::to_string(i) + ".png");
  }
  Status st;
  if (request.viewOnly) {
    const int w = request.width > 0 ? request.width : view_.width;
    const int h = request.height > 0 ? request.height : view_.height;
    // The view at the image's shape: the same direction, framed for the whole image (no
    // overlays on a screenshot), unless the user placed the camera.
    OrbitCamera cam = camera_;
    cam.setViewport(w, h);
    if (director_.mode() != session::CameraDirector::Mode::User) {
      session::Stage full;
      full.width = full.x1 = static_cast<float>(w);
      full.height = full.y1 = static_cast<float>(h);
      full.fovYDeg = camera_.fovY();
      cam.snapTo(director_.reframed(camera_.state(), full));
    }
    FrameParams p = session::buildFrameParams(*session_, sceneOptions(), cam, {0, 0, w, h});
    p.transparentBackground = request.transparent;
    st = writePng(renderer_->renderViewImage(p, drawList_, w, h), path);
  } else {
    st = writeScreenshot(path);
  }
  if (!st) return Error{"screenshot not saved: " + st.error().message};
  log::info("wrote " + path.string());
  notice_ = "Saved " + path.string();
  noticeUntil_ = clock_ + 6.0;
  settleFrames_ = std::max(settleFrames_, 2);  // the notice shows in the next frames
  return path;
}

ViewMeasure App::measureView(int divisor) {
  ViewMeasureQuery q;
  q.segmentPickId = session::kClientPickId;
  q.segmentBones = session::keySegmentBones(*session_);
  q.divisor = divisor;
  return renderer_->measureView(params_, drawList_, q);
}

// The muscle group under the cursor, for its glow and tooltip: picked when the cursor has
// moved, at most every 0.1 s (a pick draws the figures once more, into one pixel).
void App::updateHover(const glm::vec2& window, const glm::vec2& cursor) {
  if (presenter_ || cursor == lastHoverCursor_ || clock_ - lastHoverPick_ < 0.1) return;
  lastHoverCursor_ = cursor;
  lastHoverPick_ = clock_;
  const PickResult hit =
      renderer_->pick(params_, drawList_, static_cast<int>(window.x), static_cast<int>(window.y));
  if (hit.region == hoverRegion_) return;
  hoverRegion_ = hit.region;
  hoverLabel_.clear();
  if (auto region = anatomy::regionOf(hit.region)) {
    hoverLabel_ = std::string(anatomy::muscleGroupLabel(region->group)) +
                  (region->side == Side::Left ? " (left)" : " (right)");
  }
}

// Reasons to run a frame now rather than wait for the next event.
bool App::wantsFrame() const {
  return !input_.empty() || settleFrames_ > 0 || session_->player().playing() ||
         !camera_.settled() || sceneScale_ < 1.0f || !sceneMultisample_ ||
         pendingUiScale_.has_value() || desk_->busy() ||
         (presenterWindow_ &&
          (!presenterWindow_->input().empty() || presenterWindow_->closeRequested()));
}

// How long to wait for events when no frame is wanted: until a pending settings save is due,
// briefly while a key or button is held (ImGui repeats keys on its own clock), else a while.
double App::waitTimeout() const {
  double t = 1.0;
  if (settingsDirty_ && persistSettings_) {
    const double since = settingsDirtySince_ == 0.0 ? 0.0 : clock_ - settingsDirtySince_;
    t = std::min(t, std::max(2.05 - since, 0.05));
  }
  bool held = inputState_.keysDown.any();
  for (bool b : inputState_.mouseDown) held = held || b;
  if (held) t = std::min(t, 0.05);
  return t;
}

int App::run() {
  return loop(std::nullopt);
}

int App::runFor(double seconds) {
  return loop(seconds);
}

int App::loop(std::optional<double> seconds) {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  const auto remaining = [&]() {
    return seconds ? *seconds - std::chrono::duration<double>(clock::now() - start).count() : 1e9;
  };
  // Two settling passes: the first lays windows out and records the stretch's state, the
  // second draws them with it (see runFrame).
  if (options_.headless) {
    for (int i = 0; i < 2; ++i) runFrame(false);
  }
  const int glErrorsBefore = gldebug::errorCount();
  // Scripted runs (headless, or --frames) draw every frame; an interactive window draws on
  // demand.
  onDemand_ = !options_.headless && options_.frames == 0;
  while (!ctx_->shouldClose() && remaining() > 0.0) {
    if (onDemand_ && !wantsFrame()) {
      const auto w0 = clock::now();
      ctx_->waitEvents(std::min(waitTimeout(), std::max(remaining(), 0.0)));
      waited_ += std::chrono::duration<double>(clock::now() - w0).count();
    }
    if (presenterWindow_ && options_.presenterScreenshot) {
      presenterWindow_->setCaptureNext(options_.frames > 0 && frames_ + 1 >= options_.frames);
    }
    runFrame();
    if (!presented_) continue;
    const bool last = options_.frames > 0 && frames_ >= options_.frames;
    if (last && options_.presenterScreenshot) {
      if (presenterWindow_ == nullptr || presenterWindow_->lastCapture().rgba.empty()) {
        log::error("--presenter-screenshot: the presenter window drew no frame");
        return 1;
      }
      Status st = writePng(presenterWindow_->lastCapture(), *options_.presenterScreenshot);
      if (!st) {
        log::error(st.error().message);
        return 1;
      }
      log::info("wrote " + options_.presenterScreenshot->string());
    }
    if (last && options_.screenshot && gldebug::errorCount() != glErrorsBefore) {
      // A frame the GL failed to draw (out of memory, incomplete target) is not a result.
      log::error("rendering failed with " + std::to_string(gldebug::errorCount() - glErrorsBefore) +
                 " OpenGL error(s) (see above): no screenshot written");
      return 1;
    }
    if (last && options_.screenshot) {
      Status st = writeScreenshot(*options_.screenshot);
      if (!st) {
        log::error(st.error().message);
        return 1;
      }
      log::info("wrote " + options_.screenshot->string());
    }
    ctx_->swapBuffers();
    if (last) break;
  }
  if (options_.screenshot && options_.frames == 0) {
    log::warn("--screenshot without --frames: no frame was captured");
  }
  return 0;
}

}  // namespace sv
