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
#include "camera/framing.h"
#include "core/file_io.h"
#include "core/log.h"
#include "core/paths.h"
#include "core/text.h"
#include "model/mesh_data.h"
#include "render/gl_debug.h"
#include "render/imgui_fonts.h"
#include "scene/studio.h"
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

// Treatment-table geometry (metres). The stretch data's root placements assume a table top
// about 0.7 m high (docs/stretch-format.md).
constexpr float kTableTop = 0.70f;
constexpr float kTableThickness = 0.09f;
constexpr glm::vec3 kTableSize{0.70f, kTableThickness, 1.95f};
constexpr float kSeatHeight = 0.47f;

}  // namespace

Result<std::unique_ptr<App>> App::create(const Options& options) {
  if (options.screenshot) {
    Status st = checkWritable(*options.screenshot);
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
  return app;
}

App::App(Options options, std::unique_ptr<GlContext> ctx, std::unique_ptr<Renderer> r)
    : options_(std::move(options)), ctx_(std::move(ctx)), renderer_(std::move(r)) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout persistence belongs to the app's settings, not cwd
  contentScale_ = ctx_->contentScale();
  if (ctx_->window() != nullptr) {
    imguiPlatform_ = ImGui_ImplGlfw_InitForOpenGL(ctx_->window(), true);
  } else {
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  }
  imguiRendererInit();

  placeholderMesh_ = renderer_->uploadMesh(makeCapsule(0.2f, 1.75f, 64, 24));
  tableTopMesh_ = renderer_->uploadMesh(makeBox(kTableSize));
  tableLegMesh_ = renderer_->uploadMesh(makeBox({0.05f, kTableTop - kTableThickness, 0.05f}));
  seatMesh_ = renderer_->uploadMesh(makeBox({0.45f, 0.06f, 0.42f}));
  arrowShaftMesh_ = renderer_->uploadMesh(makeCapsule(0.009f, 1.0f, 16, 4));
  arrowHeadMesh_ = renderer_->uploadMesh(makeCone(0.028f, 0.07f, 24));
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
  camera_.setHome(home);
  camera_.snapTo(home);

  stats_.glRenderer = &renderer_->info().glRenderer;
  stats_.msaaSamples = renderer_->info().samples;
  last_ = statStart_ = std::chrono::steady_clock::now();
}

App::~App() {
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
  Status st = figures_.load(*renderer_, options_.model, settings_.clientBody,
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
  } else if (options_.model && !figures_.drivable()) {
    const std::string& why = figures_.foreign()->model().humanoidError;
    log::info("model is not a humanoid rig (" + why + "): playing its own animation");
    // One line on screen: the last fallback's reason (the topology's, after the names').
    std::string reason = why.substr(why.rfind("; ") == std::string::npos ? 0 : why.rfind("; ") + 2);
    for (const char* prefix : {"rig mapping: ", "topology: "}) {
      if (reason.rfind(prefix, 0) == 0) reason = reason.substr(std::string(prefix).size());
    }
    messages_.push_back("Not a humanoid rig (" + reason + "): playing its own animation.");
  }
  if (options_.model) frameModel(true);
  rebuildMuscles();
  return {};
}

// Muscle paths scaled to the client's skeleton: without them the app still works, minus the
// heatmap and the muscle panel.
void App::rebuildMuscles() {
  muscles_.reset();
  auto set = muscles::loadMuscleSet(muscles::defaultMusclePath());
  if (!set) {
    // On stderr too: the heatmap and muscle panel are missing.
    const std::string why = escapeForTerminal(set.error().message);
    log::error("muscle paths: " + why);
    messages_.push_back("Muscle paths: " + why);
    return;
  }
  auto mm = muscles::MuscleModel::build(*set, figures_.skeleton(), rom_);
  if (!mm) {
    const std::string why = escapeForTerminal(mm.error().message);
    log::error("muscle model: " + why);
    messages_.push_back("Muscle model: " + why);
    return;
  }
  muscles_ = std::move(*mm);
  muscleValues_.resize(static_cast<std::size_t>(muscles_->count()));
  muscleOrder_.resize(static_cast<std::size_t>(muscles_->count()));
}

// A new body shape for one figure: mesh, skeleton, muscles and the stretch's staging follow.
void App::reshape(bool practitioner, const body::BodyShape& shape) {
  std::string warning;
  Status st = figures_.reshape(practitioner, shape, *renderer_, &warning);
  if (!warning.empty()) messages_.push_back(warning);
  if (!st) {
    messages_.push_back(st.error().message);
    return;
  }
  (practitioner ? settings_.practitionerBody : settings_.clientBody) =
      practitioner ? figures_.practitioner()->shape() : figures_.client()->shape();
  settingsDirty_ = true;
  if (!practitioner) rebuildMuscles();
  if (timeline_) rebuildTimeline(true);
}

Status App::applyOptions() {
  // Settings first, then the command line on top.
  for (const std::string& id : settings_.selectedGroups) {
    if (auto g = anatomy::muscleGroupFromId(id)) selection_.set(*g, true);
  }
  selection_.side = settings_.groupSide == "left"    ? ui::SideFilter::Left
                    : settings_.groupSide == "right" ? ui::SideFilter::Right
                                                     : ui::SideFilter::Both;
  profile_ = ui::clientProfile(settings_);  // flexibility, measured range, hold time
  followLimb_ = settings_.followLimb;
  uiScale_ = settings_.uiScale;
  player_.setSpeed(settings_.speed);
  player_.setLoop(settings_.loop);
  player_.setRepeatCount(settings_.repetitions);
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
        const float end = timeline_ ? timeline_->timeline.duration() : 0.0f;
        if (*options_.time > end) {
          char buf[96];
          std::snprintf(buf, sizeof buf, "--time: %g s is past the end of '%s' (%.1f s)",
                        static_cast<double>(*options_.time), technique_.c_str(),
                        static_cast<double>(end));
          return Error{buf};
        }
        player_.seek(*options_.time);
      }
    }
  }
  rebuildBrowser();
  return {};
}

Status App::openStretch(int index, Side side, std::string_view technique) {
  if (index < 0 || index >= static_cast<int>(library_.stretches.size())) {
    return Error{"no such stretch"};
  }
  const stretches::Stretch& base = library_.stretches[static_cast<std::size_t>(index)];
  std::string tech(technique.empty() ? base.techniques.front().id : technique);
  if (base.technique(tech) == nullptr) {
    std::string known;
    for (const auto& t : base.techniques) known += (known.empty() ? "" : ", ") + t.id;
    return Error{"--technique: stretch '" + base.id + "' has no technique '" + tech +
                 "' (it has: " + known + ")"};
  }
  const bool sameStretch = index == stretchIndex_;
  stretchIndex_ = index;
  side_ = side;
  technique_ = tech;
  sided_ = stretches::stretchForSide(base, side);
  rebuildTimeline(false);
  settings_.lastStretch = base.id;
  settings_.side = sideId(side);
  settings_.technique = technique_;
  settingsDirty_ = true;
  frameStretch(!sameStretch && frames_ == 0);
  return {};
}

void App::rebuildTimeline(bool keepTime) {
  const float t = player_.time();
  auto tl = stretches::buildTimeline(sided_, technique_, side_, profile_, rom_);
  if (!tl) {
    log::error(tl.error().message);
    messages_.push_back(tl.error().message);
    timeline_.reset();
    player_.setTimeline(nullptr);
    return;
  }
  timeline_ = std::move(*tl);
  player_.setTimeline(&timeline_->timeline);
  if (keepTime) player_.seek(std::min(t, timeline_->timeline.duration()));
  // The client's limit: the key value of the last (deepest) key pose of the timeline.
  clientLimit_ = timeline_->key.start;
  for (int i = 0; i < timeline_->timeline.keyPoseCount(); ++i) {
    const float v = timeline_->key.value(timeline_->timeline.keyPose(i));
    if ((v - clientLimit_) * timeline_->key.direction > 0.0f) clientLimit_ = v;
  }
  player_.sample(pose_);

  // The leading target muscle (largest end share among the primary groups' members on the
  // stretched side) and its share over the whole timeline, for the muscle panel's plot.
  targetMuscle_ = -1;
  targetCurve_.clear();
  if (muscles_ && !sided_.primaryGroups.empty()) {
    anatomy::Pose end = timeline_->timeline.keyPose(timeline_->timeline.keyPoseCount() - 1);
    for (int k = 0; k < timeline_->timeline.keyPoseCount(); ++k) {
      const anatomy::Pose& kp = timeline_->timeline.keyPose(k);
      if ((timeline_->key.value(kp) - timeline_->key.value(end)) * timeline_->key.direction > 0.0f)
        end = kp;
    }
    muscles_->evaluate(end, muscleValues_);
    float best = -1e9f;
    for (auto g : sided_.primaryGroups) {
      const int leader = muscles_->regionLeader(muscleValues_, anatomy::regionId(g, side_));
      if (leader >= 0 && muscleValues_[static_cast<std::size_t>(leader)].share > best) {
        best = muscleValues_[static_cast<std::size_t>(leader)].share;
        targetMuscle_ = leader;
      }
    }
    if (targetMuscle_ >= 0) {
      constexpr int kSamples = 160;
      anatomy::Pose p;
      const float d = timeline_->timeline.duration();
      for (int i = 0; i < kSamples; ++i) {
        timeline_->timeline.sample(d * static_cast<float>(i) / (kSamples - 1), p);
        muscles_->evaluate(p, muscleValues_);
        targetCurve_.push_back(muscleValues_[static_cast<std::size_t>(targetMuscle_)].share);
      }
    }
  }
  rebuildAssist();
}

// The practitioner, the support and the props for the open stretch. Without the canonical
// mannequin (a foreign --model) the client is shown alone.
void App::rebuildAssist() {
  assist_.reset();
  envItems_.clear();
  if (!timeline_ || !figures_.builtIn()) return;
  auto scene =
      assist::AssistScene::create(sided_, *timeline_, *figures_.client(), *figures_.practitioner());
  if (!scene) {
    log::warn("practitioner: " + scene.error().message);
    messages_.push_back("Practitioner: " + scene.error().message);
    return;
  }
  assist_ = std::move(*scene);
  const auto& env = assist_->environment();
  for (std::size_t i = 0; i < env.size(); ++i) {
    if (i < envMeshes_.size()) {
      renderer_->replaceMesh(envMeshes_[i], env[i].mesh);
    } else {
      envMeshes_.push_back(renderer_->uploadMesh(env[i].mesh));
    }
    DrawItem item;
    item.mesh = envMeshes_[i];
    item.model = env[i].transform;
    item.albedo = env[i].color;
    item.roughness = 0.7f;
    envItems_.push_back(item);
  }
  assist_->update(player_.time(), *assistFrame_);
}

std::span<const glm::mat4> App::clientModel() const {
  if (assist_) return assistFrame_->clientModel;
  return figures_.clientModel();
}

void App::viewFrom(const glm::vec3& eye, const glm::vec3& target) {
  const glm::vec3 d = eye - target;
  const float dist = glm::length(d);
  if (dist < 1e-3f) return;
  OrbitState s = camera_.goal();
  s.target = target;
  s.distance = std::clamp(dist, OrbitCamera::kMinDistance, OrbitCamera::kMaxDistance);
  s.yawDeg = s.yawDeg + std::remainder(glm::degrees(std::atan2(d.x, d.z)) - s.yawDeg, 360.0f);
  s.pitchDeg = std::clamp(glm::degrees(std::asin(d.y / dist)), OrbitCamera::kMinPitch,
                          OrbitCamera::kMaxPitch);
  camera_.setGoal(s);
}

// The stretch's own view: centred between the start and the end position of the moving
// limb, seen from the stretched side at three-quarter height, far enough for the whole body.
void App::frameModel(bool snap) {
  const Character* foreign = figures_.foreign();
  if (foreign == nullptr) return;
  glm::vec3 lo, hi;
  foreign->skinnedBounds(lo, hi);
  const OrbitState s = frameBounds(lo, hi, camera_.fovY(), camera_.aspect(), camera_.goal());
  camera_.setHome(s);
  if (snap) {
    camera_.snapTo(s);
  } else {
    camera_.setGoal(s);
  }
}

void App::frameStretch(bool snap) {
  if (!timeline_) {
    frameModel(snap);
    return;
  }
  std::vector<anatomy::Transform> local(anatomy::kJointCount);
  std::vector<glm::mat4> model(anatomy::kJointCount);
  glm::vec3 lo(1e9f), hi(-1e9f);
  const anatomy::Joint keyJoint =
      anatomy::jointOfMotion(timeline_->key.motion, timeline_->key.side);
  glm::vec3 keyMid(0.0f);
  int keyCount = 0;
  for (int k = 0; k < timeline_->timeline.keyPoseCount(); ++k) {
    anatomy::poseToLocal(figures_.skeleton(), timeline_->timeline.keyPose(k), local);
    anatomy::localToModel(figures_.skeleton(), local, model);
    for (const glm::mat4& m : model) {
      lo = glm::min(lo, glm::vec3(m[3]));
      hi = glm::max(hi, glm::vec3(m[3]));
    }
    // The moving segment: the key joint and its child chain's midpoint.
    keyMid += glm::vec3(model[static_cast<std::size_t>(keyJoint)][3]);
    ++keyCount;
  }
  keyMid /= static_cast<float>(std::max(keyCount, 1));
  const glm::vec3 centre = (lo + hi) * 0.5f;
  focus_ = glm::mix(centre, keyMid, 0.45f);
  const float radius = glm::length(hi - lo) * 0.5f + 0.25f;
  OrbitState s;
  s.target = focus_;
  // The camera looks across the client toward the practitioner (never through them): from
  // the side opposite the practitioner, turned 35° for a three-quarter view. Without a
  // practitioner, from the side opposite the stretched one (the body's right is −X).
  float yaw = side_ == Side::Right ? 90.0f : -90.0f;
  if (assist_) {
    const glm::vec3 away = focus_ - assist_->placement().pelvis;
    if (away.x * away.x + away.z * away.z > 1e-4f) yaw = glm::degrees(std::atan2(away.x, away.z));
  }
  s.yawDeg = yaw + (side_ == Side::Right ? -35.0f : 35.0f);
  s.pitchDeg = 22.0f;
  // Fit the narrower of the view's two angles (a tall view between the panels is narrow).
  const float halfV = glm::radians(17.5f);
  const float half = std::min(halfV, std::atan(std::tan(halfV) * camera_.aspect()));
  s.distance = std::clamp(radius / std::tan(half) * 0.85f, 1.5f, 8.0f);
  camera_.setHome(s);
  if (snap) {
    camera_.snapTo(s);
  } else {
    camera_.applyPreset(ViewPreset::Reset);
  }
}

void App::rebuildBrowser() {
  browser_ = ui::filterStretches(library_, selection_, uiState_.stretchSearch.data());
  lastStretchSearch_ = uiState_.stretchSearch.data();
}

void App::handleInput(ui::WorkspaceCommands& cmds) {
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantCaptureMouse) {
    const float sx = io.DisplayFramebufferScale.x, sy = io.DisplayFramebufferScale.y;
    // Window pixels for the renderer's read-backs, view pixels for the camera.
    const glm::vec2 window(io.MousePos.x * sx, io.MousePos.y * sy);
    const glm::vec2 cursor =
        window - glm::vec2(static_cast<float>(view_.x), static_cast<float>(view_.y));
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) {
      camera_.orbit(io.MouseDelta.x * sx, io.MouseDelta.y * sy);
    }
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Right, 0.0f) ||
        ImGui::IsMouseDragging(ImGuiMouseButton_Middle, 0.0f)) {
      camera_.pan(io.MouseDelta.x * sx, io.MouseDelta.y * sy);
    }
    if (io.MouseWheel != 0.0f) camera_.zoomAt(io.MouseWheel, cursor);
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
      if (auto d = renderer_->depthAt(static_cast<int>(window.x), static_cast<int>(window.y))) {
        camera_.recentre(camera_.unproject(cursor, *d));
      }
    } else if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
               io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] < 9.0f) {
      // A click (not a drag) on a muscle selects its group.
      const PickResult hit = renderer_->pick(params_, drawList_, static_cast<int>(window.x),
                                             static_cast<int>(window.y));
      if (auto region = anatomy::regionOf(hit.region)) cmds.toggleGroup = region->group;
    }
  }
  if (!io.WantCaptureKeyboard) {
    if (ImGui::IsKeyPressed(GLFW_KEY_1, false)) cmds.view = ui::CameraView::Front;
    if (ImGui::IsKeyPressed(GLFW_KEY_2, false)) cmds.view = ui::CameraView::Side;
    if (ImGui::IsKeyPressed(GLFW_KEY_3, false)) cmds.view = ui::CameraView::Top;
    if (ImGui::IsKeyPressed(GLFW_KEY_4, false)) cmds.view = ui::CameraView::ThreeQuarter;
    if (ImGui::IsKeyPressed(GLFW_KEY_5, false)) cmds.view = ui::CameraView::Stretch;
    if (ImGui::IsKeyPressed(GLFW_KEY_6, false)) cmds.view = ui::CameraView::Client;
    if (ImGui::IsKeyPressed(GLFW_KEY_7, false)) cmds.view = ui::CameraView::Practitioner;
    if (ImGui::IsKeyPressed(GLFW_KEY_0, false) || ImGui::IsKeyPressed(GLFW_KEY_HOME, false)) {
      cmds.view = ui::CameraView::Reset;
    }
    if (ImGui::IsKeyPressed(GLFW_KEY_SPACE, false)) cmds.togglePlay = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT, true)) cmds.nextPhase = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_LEFT, true)) cmds.previousPhase = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_F, false)) cmds.toggleFullscreen = true;
    if (ImGui::IsKeyPressed(GLFW_KEY_P, false)) cmds.presenter = !presenter_;
    if (ImGui::IsKeyPressed(GLFW_KEY_S, false)) cmds.screenshot = true;
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
  if (c.selectStretch) {
    // Picking a stretch while one side is selected in the groups panel opens that side.
    Side side = side_;
    if (selection_.side == ui::SideFilter::Left) side = Side::Left;
    if (selection_.side == ui::SideFilter::Right) side = Side::Right;
    (void)openStretch(*c.selectStretch, side, "");
  }
  if (c.side && stretchIndex_ >= 0) (void)openStretch(stretchIndex_, *c.side, technique_);
  if (c.technique && stretchIndex_ >= 0) (void)openStretch(stretchIndex_, side_, *c.technique);
  bool profileChanged = false;
  if (c.flexibility) {
    profile_.flexibility = *c.flexibility;
    settings_.flexibility = c.flexibility == stretches::Flexibility::Stiff      ? "stiff"
                            : c.flexibility == stretches::Flexibility::Flexible ? "flexible"
                                                                                : "average";
    profileChanged = true;
  }
  if (c.measuredRange) {
    profile_.measuredKeyRange = *c.measuredRange;
    settings_.measuredRange = *c.measuredRange;
    profileChanged = true;
  }
  if (c.holdSeconds) {
    profile_.holdSeconds = *c.holdSeconds;
    settings_.holdSeconds = *c.holdSeconds;
    profileChanged = true;
  }
  if (c.clientBody && figures_.builtIn()) reshape(false, *c.clientBody);
  if (c.practitionerBody && figures_.builtIn()) reshape(true, *c.practitionerBody);
  if (profileChanged && timeline_) {
    rebuildTimeline(true);
    settingsDirty_ = true;
  }
  if (timeline_) {
    if (c.togglePlay) player_.togglePlay();
    if (c.seek) player_.seek(*c.seek);
    if (c.nextPhase) player_.nextPhase();
    if (c.previousPhase) player_.previousPhase();
  }
  if (c.speed) {
    player_.setSpeed(*c.speed);
    settings_.speed = player_.speed();
    settingsDirty_ = true;
  }
  if (c.loop) {
    player_.setLoop(*c.loop);
    settings_.loop = *c.loop;
    settingsDirty_ = true;
  }
  if (c.repetitions) {
    player_.setRepeatCount(*c.repetitions);
    settings_.repetitions = player_.repeatCount();
    settingsDirty_ = true;
  }
  if (c.view) {
    switch (*c.view) {
      case ui::CameraView::Front:
        camera_.applyPreset(ViewPreset::Front);
        break;
      case ui::CameraView::Side:
        camera_.applyPreset(ViewPreset::Side);
        break;
      case ui::CameraView::Top:
        camera_.applyPreset(ViewPreset::Top);
        break;
      case ui::CameraView::ThreeQuarter:
        camera_.applyPreset(ViewPreset::ThreeQuarter);
        break;
      case ui::CameraView::Client:
      case ui::CameraView::Practitioner:
        if (assist_) {
          // From just behind and above the figure's head toward the contact points (or the
          // stretch's focus), so the view shows what that person sees.
          const bool client = *c.view == ui::CameraView::Client;
          const auto& model = client ? assistFrame_->clientModel : assistFrame_->practitionerModel;
          const glm::mat4& head = model[static_cast<std::size_t>(anatomy::Joint::Head)];
          glm::vec3 target = focus_;
          if (!client && assistFrame_->contactCount > 0) {
            target = glm::vec3(0.0f);
            for (int i = 0; i < assistFrame_->contactCount; ++i) {
              target += assistFrame_->contacts[static_cast<std::size_t>(i)].skinPoint;
            }
            target /= static_cast<float>(assistFrame_->contactCount);
          }
          const glm::vec3 headPos(head[3]);
          const glm::vec3 back = glm::normalize(headPos - target);
          viewFrom(headPos + back * 0.35f + glm::vec3(0.0f, 0.12f, 0.0f), target);
        }
        break;
      case ui::CameraView::Stretch:
      case ui::CameraView::Reset:
        camera_.applyPreset(ViewPreset::Reset);
        break;
    }
  }
  if (c.presenter) presenter_ = *c.presenter;
  if (c.showHelp) showHelp_ = *c.showHelp;
  if (c.followLimb) {
    followLimb_ = *c.followLimb;
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
  if (c.screenshot) {
    char name[64];
    const std::time_t now = std::time(nullptr);
    std::strftime(name, sizeof name, "stretchviz-%Y%m%d-%H%M%S.png", std::localtime(&now));
    Status st = writeScreenshot(name);
    if (st) {
      log::info(std::string("wrote ") + name);
    } else {
      messages_.push_back(st.error().message);
    }
  }
}

void App::update(float dt) {
  camera_.update(dt);
  if (!timeline_ || !figures_.loaded()) return;
  player_.update(dt);
  animation::PhaseEvent ev;
  while (player_.pollEvent(ev)) {
    // Phase-begin events: the caption reads the current phase directly; nothing else
    // subscribes yet.
  }
  if (followLimb_ && figures_.drivable()) {
    const anatomy::Joint j = anatomy::jointOfMotion(timeline_->key.motion, timeline_->key.side);
    const glm::vec3 p(clientModel()[static_cast<std::size_t>(j)][3]);
    OrbitState g = camera_.goal();
    g.target = glm::mix(focus_, p, 0.6f);
    camera_.setGoal(g);
  }
}

// Lengths of every muscle for this frame's pose, per-region shares for the heatmap, and the
// most lengthened muscles for the panel. Allocation-free (buffers sized at load).
void App::updateMuscles() {
  if (!muscles_ || !figures_.builtIn()) return;
  muscles_->evaluate(pose_, clientModel(), muscleValues_);
  muscles_->regionShares(muscleValues_, regionShare_);
  for (std::size_t i = 0; i < muscleOrder_.size(); ++i) muscleOrder_[i] = static_cast<int>(i);
  const auto top = std::min<std::size_t>(kTopMuscles, muscleOrder_.size());
  std::partial_sort(muscleOrder_.begin(), muscleOrder_.begin() + static_cast<std::ptrdiff_t>(top),
                    muscleOrder_.end(), [&](int a, int b) {
                      return muscleValues_[static_cast<std::size_t>(a)].share >
                             muscleValues_[static_cast<std::size_t>(b)].share;
                    });
}

// Path lines through the attachment points of the muscles of the stretch's target groups on
// the stretched side, coloured from rest (grey) to fully lengthened (violet).
void App::appendMusclePaths() {
  for (auto g : sided_.primaryGroups) {
    for (int m : muscles_->regionMembers(anatomy::regionId(g, side_))) {
      const int n = muscles_->path(m, pose_, clientModel(), pathScratch_);
      const float t = std::clamp(muscleValues_[static_cast<std::size_t>(m)].share, 0.0f, 1.0f);
      const glm::vec4 c =
          glm::mix(glm::vec4(0.85f, 0.85f, 0.85f, 1.0f), glm::vec4(0.62f, 0.45f, 0.95f, 1.0f), t);
      for (int i = 0; i + 1 < n; ++i) {
        drawList_.lines.push_back({pathScratch_[static_cast<std::size_t>(i)], c});
        drawList_.lines.push_back({pathScratch_[static_cast<std::size_t>(i + 1)], c});
      }
    }
  }
}

// Force arrows as lit shaft + head meshes: blue where the practitioner moves the limb, grey
// where a hand stabilises, amber for the client's isometric push in contract phases.
void App::appendArrows() {
  for (int i = 0; i < assistFrame_->arrowCount; ++i) {
    const assist::ForceArrow& a = assistFrame_->arrows[static_cast<std::size_t>(i)];
    if (a.magnitude <= 0.01f) continue;
    const glm::vec3 d = a.head - a.tail;
    const float len = glm::length(d);
    if (len < 1e-3f) continue;
    const glm::vec3 dir = d / len;
    const glm::vec3 color = a.source == assist::ArrowSource::Client ? glm::vec3(0.90f, 0.38f, 0.04f)
                            : a.role == stretches::ContactRole::Move
                                ? glm::vec3(0.05f, 0.32f, 0.85f)
                                : glm::vec3(0.36f, 0.40f, 0.46f);
    // Rotation taking +Y to the arrow's direction.
    const glm::vec3 up(0.0f, 1.0f, 0.0f);
    glm::mat4 rot(1.0f);
    const glm::vec3 axis = glm::cross(up, dir);
    const float s = glm::length(axis), c = glm::dot(up, dir);
    if (s > 1e-5f) {
      rot = glm::rotate(glm::mat4(1.0f), std::atan2(s, c), axis / s);
    } else if (c < 0.0f) {
      rot = glm::rotate(glm::mat4(1.0f), glm::pi<float>(), glm::vec3(1.0f, 0.0f, 0.0f));
    }
    const float headLen = 0.07f;
    DrawItem shaft;
    shaft.mesh = arrowShaftMesh_;
    shaft.model =
        glm::translate(glm::mat4(1.0f), a.tail) * rot *
        glm::scale(glm::mat4(1.0f), glm::vec3(1.0f, std::max(len - headLen, 0.01f), 1.0f));
    shaft.albedo = color;
    shaft.roughness = 0.5f;
    shaft.flags = kDrawReceiveShadow;
    drawList_.items.push_back(shaft);
    DrawItem head = shaft;
    head.mesh = arrowHeadMesh_;
    head.model = glm::translate(glm::mat4(1.0f), a.head - dir * headLen) * rot;
    drawList_.items.push_back(head);
  }
}

void App::buildFrameParams() {
  params_ = studioFrameParams(camera_);
  params_.viewport = view_;
  // Shadows cover the client and the table, not the whole studio: a tight fit keeps detail.
  params_.shadowCenter = glm::vec3(0.0f, 0.75f, 0.0f);
  params_.shadowRadius = 1.6f;
  params_.wireframe = settings_.wireframe;
  for (RegionStyle& r : params_.regions) r = RegionStyle{};
  auto mark = [&](anatomy::MuscleGroup g, Side s, float highlight, float selected) {
    RegionStyle& r = params_.regions[anatomy::regionId(g, s)];
    r.highlight = std::max(r.highlight, highlight);
    r.selected = std::max(r.selected, selected);
  };
  for (int i = 0; i < anatomy::kMuscleGroupCount; ++i) {
    const auto g = static_cast<anatomy::MuscleGroup>(i);
    if (!selection_.has(g)) continue;
    if (selection_.side != ui::SideFilter::Right) mark(g, Side::Left, 0.0f, 1.0f);
    if (selection_.side != ui::SideFilter::Left) mark(g, Side::Right, 0.0f, 1.0f);
  }
  if (timeline_) {
    for (auto g : sided_.primaryGroups) mark(g, side_, 0.75f, 0.0f);
    for (auto g : sided_.secondaryGroups) mark(g, side_, 0.35f, 0.0f);
  }
  params_.heatmap = settings_.heatmap && muscles_ && timeline_ && figures_.builtIn();
  if (params_.heatmap) {
    // The stretch's target groups are the loudest thing on the body: primary groups at full
    // strength, secondary ones at 60 %, every other muscle faint (30 %) and only where its
    // share of stretch or shortening passes 15 % (sitting lengthens the gluteals and shortens
    // the hip flexors in every seated stretch; at full strength they drowned the target).
    std::array<float, anatomy::kMuscleRegionCount> gain;
    gain.fill(0.3f);
    for (auto g : sided_.secondaryGroups) gain[anatomy::regionId(g, side_)] = 0.6f;
    for (auto g : sided_.primaryGroups) gain[anatomy::regionId(g, side_)] = 1.0f;
    for (std::uint16_t r = 1; r < anatomy::kMuscleRegionCount; ++r) {
      float h = muscles_->hasMuscles(r) ? std::clamp(regionShare_[r], -1.0f, 1.0f) : 0.0f;
      if (gain[r] < 0.5f && std::fabs(h) < 0.15f) h = 0.0f;
      params_.regions[r].heat = h * gain[r];
    }
  }
}

void App::buildDrawList() {
  drawList_.clear();
  if (figures_.builtIn()) {
    const std::span<const glm::mat4> palette =
        assist_ ? std::span<const glm::mat4>(assistFrame_->clientPalette)
                      .first(static_cast<std::size_t>(assistFrame_->clientBones))
                : figures_.clientPalette();
    DrawItem body =
        Figures::bodyItem(figures_.clientMesh(), palette, clientLook(), settings_.clothing);
    body.pickId = 1;
    body.flags |= kDrawMuscleRegions;
    drawList_.items.push_back(body);
    if (assist_ && settings_.practitioner != "hidden") {
      DrawItem prac =
          Figures::bodyItem(figures_.practitionerMesh(),
                            std::span<const glm::mat4>(assistFrame_->practitionerPalette)
                                .first(static_cast<std::size_t>(assistFrame_->practitionerBones)),
                            practitionerLook(), settings_.clothing);
      prac.pickId = 2;
      if (settings_.practitioner == "ghosted") {
        prac.flags = (prac.flags & ~kDrawDefault) | kDrawGhost;
        prac.opacity = 0.35f;
      }
      drawList_.items.push_back(prac);
    }
  } else if (const Character* foreign = figures_.foreign()) {
    DrawItem body;
    body.mesh = figures_.clientMesh();
    body.albedo = glm::vec3(0.70f, 0.66f, 0.62f);
    body.roughness = 0.8f;
    body.pickId = 1;
    body.flags = kDrawDefault | kDrawMuscleRegions;
    if (foreign->canonical()) body.flags |= kDrawDualQuat;
    body.palette = foreign->palette().data();
    body.paletteCount = static_cast<std::uint32_t>(foreign->palette().size());
    drawList_.items.push_back(body);
  } else {
    DrawItem capsule;
    capsule.mesh = placeholderMesh_;
    capsule.albedo = glm::vec3(0.62f, 0.58f, 0.54f);
    capsule.roughness = 0.75f;
    drawList_.items.push_back(capsule);
  }
  if (settings_.skeletonOverlay && figures_.drivable()) appendSkeletonOverlay();
  if (settings_.musclePaths && muscles_ && timeline_ && figures_.builtIn()) {
    appendMusclePaths();
  }
  if (!timeline_) return;
  if (assist_) {
    for (const DrawItem& e : envItems_) drawList_.items.push_back(e);
    if (settings_.forceArrows) appendArrows();
    return;
  }
  const glm::vec3 wood(0.36f, 0.28f, 0.22f);
  if (sided_.support == stretches::Support::Table) {
    DrawItem top;
    top.mesh = tableTopMesh_;
    top.model = glm::translate(glm::mat4(1.0f), {0.0f, kTableTop - kTableThickness * 0.5f, -0.15f});
    top.albedo = glm::vec3(0.20f, 0.32f, 0.36f);  // padded vinyl top
    top.roughness = 0.6f;
    drawList_.items.push_back(top);
    for (float x : {-0.30f, 0.30f}) {
      for (float z : {-1.0f, 0.7f}) {
        DrawItem leg;
        leg.mesh = tableLegMesh_;
        leg.model = glm::translate(glm::mat4(1.0f), {x, (kTableTop - kTableThickness) * 0.5f, z});
        leg.albedo = wood;
        drawList_.items.push_back(leg);
      }
    }
  } else if (sided_.support == stretches::Support::Chair) {
    DrawItem seat;
    seat.mesh = seatMesh_;
    seat.model = glm::translate(glm::mat4(1.0f), {0.0f, kSeatHeight - 0.03f, -0.05f});
    seat.albedo = wood;
    drawList_.items.push_back(seat);
    for (float x : {-0.19f, 0.19f}) {
      for (float z : {-0.23f, 0.13f}) {
        DrawItem leg;
        leg.mesh = tableLegMesh_;
        leg.model =
            glm::translate(glm::mat4(1.0f), {x, 0.0f, z}) *
            glm::scale(glm::mat4(1.0f),
                       {0.8f, (kSeatHeight - 0.06f) / (kTableTop - kTableThickness), 0.8f}) *
            glm::translate(glm::mat4(1.0f), {0.0f, (kTableTop - kTableThickness) * 0.5f, 0.0f});
        leg.albedo = wood;
        drawList_.items.push_back(leg);
      }
    }
  }
}

// Bones as lines from each joint to its parent, and each joint's anatomical axes (X red,
// Y green, Z blue, 6 cm), so the rig can be checked against the skin.
void App::appendSkeletonOverlay() {
  const auto model = clientModel();
  const glm::vec4 bone(1.0f, 0.92f, 0.35f, 0.95f);
  for (std::size_t i = 0; i < model.size(); ++i) {
    const glm::vec3 p(model[i][3]);
    const int parent = figures_.skeleton().parents[i];
    if (parent >= 0) {
      drawList_.lines.push_back({glm::vec3(model[static_cast<std::size_t>(parent)][3]), bone});
      drawList_.lines.push_back({p, bone});
    }
    const glm::vec4 axisColor[3] = {
        {0.95f, 0.3f, 0.3f, 1.0f}, {0.3f, 0.9f, 0.4f, 1.0f}, {0.35f, 0.55f, 1.0f, 1.0f}};
    for (int a = 0; a < 3; ++a) {
      drawList_.lines.push_back({p, axisColor[a]});
      drawList_.lines.push_back({p + glm::normalize(glm::vec3(model[i][a])) * 0.06f, axisColor[a]});
    }
  }
}

void App::drawUi(ui::WorkspaceCommands& cmds) {
  ui::WorkspaceView v;
  v.library = &library_;
  v.browser = &browser_;
  v.selection = &selection_;
  v.stretchIndex = stretchIndex_;
  v.stretch = timeline_ ? &sided_ : nullptr;
  v.timeline = timeline_ ? &*timeline_ : nullptr;
  v.player = &player_;
  v.technique = technique_;
  v.side = side_;
  v.profile = &profile_;
  if (timeline_) {
    v.keyValue = timeline_->key.value(pose_);
    if (timeline_->second) v.secondValue = timeline_->second->value(pose_);
  }
  v.clientLimit = clientLimit_;
  settings_.showStats = options_.showStats;
  v.settings = &settings_;
  v.presenter = presenter_;
  v.showHelp = showHelp_;
  v.followLimb = followLimb_;
  v.stats = &stats_;
  v.messages = &messages_;
  if (muscles_) {
    v.muscles = &*muscles_;
    v.muscleValues = muscleValues_;
    v.muscleOrder = std::span<const int>(muscleOrder_)
                        .first(std::min<std::size_t>(kTopMuscles, muscleOrder_.size()));
    v.targetMuscle = targetMuscle_;
    v.targetCurve = targetCurve_;
  }
  if (assist_ && settings_.forceArrows) {
    for (int i = 0; i < assistFrame_->arrowCount; ++i) {
      const auto& a = assistFrame_->arrows[static_cast<std::size_t>(i)];
      if (a.magnitude > 0.01f) v.arrowsShown = true;
      if (a.magnitude > 0.01f && a.source == assist::ArrowSource::Client) v.clientPushing = true;
    }
  }
  ui::drawWorkspace(v, uiState_, cmds);

  // The 3D view fills what the docked panels leave free, up to their edges (the whole window
  // in presenter mode): only those pixels are rendered.
  const ImGuiIO& io = ImGui::GetIO();
  const float sx = io.DisplayFramebufferScale.x, sy = io.DisplayFramebufferScale.y;
  const float W = io.DisplaySize.x, H = io.DisplaySize.y;
  float x0 = 0.0f, y0 = 0.0f, x1 = W, y1 = H;
  if (!presenter_) {
    const ui::WorkspaceLayout lay = ui::workspaceLayout(v, uiState_);
    if (!lay.centre.empty()) {
      x0 = std::max(lay.centre.x - lay.gap, 0.0f);
      x1 = std::min(lay.centre.right() + lay.gap, W);
      y0 = std::max(lay.top - lay.gap, 0.0f);
    }
  }
  view_.x = static_cast<int>(std::lround(x0 * sx));
  view_.y = static_cast<int>(std::lround(y0 * sy));
  view_.width = std::max(static_cast<int>(std::lround((x1 - x0) * sx)), 1);
  view_.height = std::max(static_cast<int>(std::lround((y1 - y0) * sy)), 1);
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
  using clock = std::chrono::steady_clock;
  const auto frameStart = clock::now();
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
  double elapsed = kStep;
  if (imguiPlatform_) {
    ImGui_ImplGlfw_NewFrame();
    elapsed = std::chrono::duration<double>(frameStart - last_).count();
  } else {
    io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
    io.DeltaTime = static_cast<float>(kStep);
  }
  last_ = frameStart;
  if (!render) elapsed = 0.0;
  ImGui::NewFrame();

  // UI first: it records commands against last frame's state; they are applied together.
  ui::WorkspaceCommands cmds;
  drawUi(cmds);
  const float oldAspect = camera_.aspect();
  camera_.setViewport(view_.width, view_.height);
  // The first frame learns the panels' layout: frame the stretch again for the view's shape.
  if (frames_ == 0 && std::abs(camera_.aspect() - oldAspect) > 1e-3f) frameStretch(true);
  handleInput(cmds);
  applyCommands(cmds);

  // Fixed-step simulation: the visible state depends on time, not on frame rate. Long
  // stalls (debugger, window drag) are capped so the loop never spirals.
  accumulator_ += std::min(elapsed, 0.25);
  clock_ += elapsed;
  const auto updateStart = clock::now();
  while (accumulator_ >= kStep) {
    update(static_cast<float>(kStep));
    accumulator_ -= kStep;
  }
  if (assist_) {
    assist_->update(player_.time(), *assistFrame_);
    pose_ = assistFrame_->clientPose;
    updateMuscles();
  } else if (timeline_ && figures_.drivable()) {
    player_.sample(pose_);
    figures_.poseClient(pose_);
    updateMuscles();
  } else if (figures_.foreign() && !figures_.drivable()) {
    figures_.foreign()->setAnimationTime(static_cast<float>(options_.time.value_or(0.0f)) +
                                         static_cast<float>(clock_));
  }
  const double updateUs =
      std::chrono::duration<double, std::micro>(clock::now() - updateStart).count();

  buildDrawList();
  buildFrameParams();
  if (!render) {
    ImGui::Render();  // ends the frame; nothing is drawn
    return;
  }
  renderer_->renderScene(params_, drawList_);
  stats_.width = w;
  stats_.height = h;
  ImGui::Render();
  renderer_->renderImGui(ImGui::GetDrawData());
  ++frames_;

  if (settingsDirty_ && persistSettings_) {
    if (settingsDirtySince_ == 0.0) settingsDirtySince_ = clock_;
    if (clock_ - settingsDirtySince_ > 2.0) {
      saveSettingsNow();
      settingsDirtySince_ = 0.0;
    }
  }

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

int App::run() {
  // Two settling passes: the first lays windows out and records the stretch's state, the
  // second draws them with it (see runFrame).
  if (options_.headless) {
    for (int i = 0; i < 2; ++i) runFrame(false);
  }
  const int glErrorsBefore = gldebug::errorCount();
  while (!ctx_->shouldClose()) {
    runFrame();
    const bool last = options_.frames > 0 && frames_ >= options_.frames;
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
