// BENCH scene_fps: headless frames per second of the default app at 1280×720 (the studio with
// the mannequin in the view between the panels, shadow map, MSAA resolve, the panels; each
// frame finished with glFinish).
// BENCH mannequin_fps: the skinned mannequin alone (shadow map, floor, backdrop) at 1280×720
// (assets/models/mannequin.glb: the generated body the MakeHuman one replaced, kept for this
// comparison and as a canonical rig for --model).
// BENCH body_fps: the client's body alone in the same view and motion (clothing, levels of
// detail as the renderer picks them).
// BENCH workspace_fps: the full workspace (scene + every panel) at 1280×720 with a stretch
// playing, the 3D view at full resolution with 4× MSAA every frame (adaptive resolution off).
// BENCH workspace_interactive_fps: the same with adaptive resolution on (its default): the 3D
// view rendered at the scale that holds the 1/24 s budget while the stretch plays; also
// BENCH workspace_interactive_scale, the mean scale (% of the view's width and height).
// Both report _cpu_ms_per_frame: process CPU time of all threads (the driver's) per frame.
// BENCH pass_<name>_<scale>_ms: what each pass of the workspace's 3D view costs at 100, 75,
// 50 and 35 % resolution (glFinish between passes; the UI pass is always full resolution);
// writes each scale's last view to $TMPDIR/sv_bench_view_<scale>.png.
// BENCH idle_cpu_percent: process CPU time (all threads, getrusage) of a paused workspace in a
// window over 5 s, as a share of one core, and BENCH idle_frames_drawn in that time; then
// BENCH window_playback_fps (and _scale) once Space starts playback in that window. Runs
// itself under `xvfb-run -a` without a display.
// BENCH clip_fps: frames rendered and encoded per second by `--clip OUT.mp4 --stretch … --size
// 1280x720` (the export path, in process): the difference between a 126- and a 6-frame clip,
// so loading the bodies and the library is not counted. The encoder runs on the clip
// pipeline's worker thread (clip/pipeline.h) beside the rendering; in the 126-frame run:
// BENCH clip_encode_share_percent, the share of the export's wall time the render thread spent
// on the encoder — blocked waiting for a free slot or for the final flush, plus copying frames
// into the slots (none since `--clip` reads back straight into them; still counted); BENCH
// clip_encode_worker_percent, the share of that wall time the worker was busy converting, encoding
// and muxing (how much of the encoding the pipeline hides). BENCH clip_encode_fps: the encoder
// alone, synthetic 1280×720 frames (support/synthetic_pictures.h) through the same pipeline with no
// rendering. Run it with `scene` for scene_fps beside it. BENCH startup_ms: from spawning
// `stretchviz --headless --screenshot` to the PNG appearing on disk (written atomically, so its
// appearance is the moment it was complete); median of 5.
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <GLFW/glfw3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <functional>
#include <memory>

#include "anatomy/kinematics.h"
#include "app/app.h"
#include "app/cli.h"
#include "app/export.h"
#include "body/body.h"
#include "clip/clip.h"
#include "core/paths.h"
#include "model/character.h"
#include "scene/studio.h"
#include "session/cast.h"
#include "session/stretch_scene.h"
#include "support/synthetic_pictures.h"

extern char** environ;

namespace {
using Clock = std::chrono::steady_clock;

double sceneFps() {
  sv::Options o;
  o.headless = true;
  o.width = 1280;
  o.height = 720;
  auto app = sv::App::create(o);
  if (!app) {
    std::fprintf(stderr, "bench_app: %s\n", app.error().message.c_str());
    return -1.0;
  }
  for (int i = 0; i < 10; ++i) (*app)->runFrame();
  (*app)->renderer().finish();
  const int frames = 120;
  const auto t0 = Clock::now();
  for (int i = 0; i < frames; ++i) {
    // The scene is still: without this every frame would reuse the kept view.
    (*app)->renderer().invalidateCaches();
    (*app)->runFrame();
    (*app)->renderer().finish();
  }
  const double s = std::chrono::duration<double>(Clock::now() - t0).count();
  return frames / s;
}

// Frames per second of one skinned figure alone at 1280×720 (shadow map, floor, backdrop),
// its left arm raised a degree per frame. `load` uploads the figure into `item` and returns the
// function that poses it (setting the item's palette); an empty function means it failed.
using PoseFigure = std::function<void(const sv::anatomy::Pose&, sv::DrawItem&)>;
double figureFps(const std::function<PoseFigure(sv::Renderer&, sv::DrawItem&)>& load) {
  auto ctx = sv::createHeadlessContext(1280, 720);
  if (!ctx) return -1.0;
  sv::RendererConfig rc;
  rc.shaderDir = sv::dataDir() / "shaders";
  rc.offscreen = true;
  auto r = sv::Renderer::create((*ctx)->loader(), rc);
  if (!r) return -1.0;
  (*r)->resize(1280, 720);
  sv::DrawList list;
  list.items.emplace_back();
  const PoseFigure pose = load(**r, list.items[0]);
  if (!pose) return -1.0;
  sv::OrbitCamera cam;
  cam.setViewport(1280, 720);
  sv::OrbitState s;
  s.yawDeg = 30.0f;
  s.distance = 3.6f;
  cam.snapTo(s);
  sv::anatomy::Pose p;
  auto frame = [&](int i) {
    p.set(sv::anatomy::Motion::ShoulderFlexion, sv::anatomy::Side::Left,
          static_cast<float>(i % 120));
    pose(p, list.items[0]);
    (*r)->renderScene(sv::studioFrameParams(cam), list);
    (*r)->finish();
  };
  for (int i = 0; i < 10; ++i) frame(i);
  const int frames = 120;
  const auto t0 = Clock::now();
  for (int i = 0; i < frames; ++i) frame(i);
  return frames / std::chrono::duration<double>(Clock::now() - t0).count();
}

double mannequinFps() {
  static const sv::anatomy::Skeleton skeleton = sv::anatomy::makeDefaultSkeleton(1.75f);
  std::optional<sv::Character> body;
  return figureFps([&](sv::Renderer& r, sv::DrawItem& item) -> PoseFigure {
    auto c = sv::Character::load(sv::dataDir() / "assets" / "models" / "mannequin.glb", skeleton);
    if (!c) return {};
    body = std::move(*c);
    item.mesh = r.uploadMesh(body->model().mesh);
    item.flags = sv::kDrawDefault | sv::kDrawDualQuat;
    return [&](const sv::anatomy::Pose& p, sv::DrawItem& it) {
      body->setPose(p);
      it.palette = body->palette().data();
      it.paletteCount = static_cast<std::uint32_t>(body->palette().size());
    };
  });
}

double bodyFps() {
  std::optional<sv::body::Body> body;
  std::array<sv::anatomy::Transform, sv::anatomy::kJointCount> local{};
  std::array<glm::mat4, sv::anatomy::kJointCount> joints{};
  std::vector<glm::mat4> palette;
  return figureFps([&](sv::Renderer& r, sv::DrawItem& item) -> PoseFigure {
    auto model = sv::body::loadBodyModel(sv::body::defaultBodyPath());
    if (!model) return {};
    auto b = sv::body::Body::create(*model, sv::body::defaultClientShape());
    if (!b) return {};
    body = std::move(*b);
    palette.resize(static_cast<std::size_t>(body->boneCount()));
    item =
        sv::session::bodyItem(r.uploadMesh(body->mesh()), palette, sv::session::clientLook(), true);
    return [&](const sv::anatomy::Pose& p, sv::DrawItem&) {
      const auto& relaxed = sv::anatomy::handShape(sv::anatomy::HandPose::Relaxed);
      sv::anatomy::poseToLocal(body->skeleton(), p, local);
      sv::anatomy::localToModel(body->skeleton(), local, joints);
      body->palette(local, joints, relaxed, relaxed, palette);
    };
  });
}

// The workspace with the contract-relax hamstring stretch playing (Space pressed through the
// app's own input queue, as a user would).
std::unique_ptr<sv::App> playingWorkspace(bool adaptive) {
  sv::Options o;
  o.headless = true;
  o.width = 1280;
  o.height = 720;
  o.stretchId = "hamstrings-supine-straight-leg";
  o.technique = "contract_relax";
  o.select = {"hamstrings"};
  auto app = sv::App::create(o);
  if (!app) {
    std::fprintf(stderr, "bench_app: %s\n", app.error().message.c_str());
    return nullptr;
  }
  (*app)->setAdaptiveResolution(adaptive);
  (*app)->input().key(GLFW_KEY_SPACE, true);
  (*app)->input().key(GLFW_KEY_SPACE, false);
  return std::move(*app);
}

struct Fps {
  double fps = -1.0;
  double meanScale = 0.0;
  double cpuMsPerFrame = -1.0;  // process CPU time (all threads) per frame
};

double processCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

// Frames per second of a playing workspace; each frame finished with glFinish. The first 40
// frames let the adaptive resolution find its scale.
Fps workspaceFps(bool adaptive) {
  auto app = playingWorkspace(adaptive);
  if (!app) return {};
  for (int i = 0; i < 40; ++i) {
    app->runFrame();
    app->renderer().finish();
  }
  if (!app->player().playing()) return {};
  const int frames = 120;
  double scaleSum = 0.0;
  const double cpu0 = processCpuSeconds();
  const auto t0 = Clock::now();
  for (int i = 0; i < frames; ++i) {
    app->runFrame();
    app->renderer().finish();
    scaleSum += app->sceneScale();
  }
  Fps r;
  r.fps = frames / std::chrono::duration<double>(Clock::now() - t0).count();
  r.meanScale = scaleSum / frames;
  r.cpuMsPerFrame = 1000.0 * (processCpuSeconds() - cpu0) / frames;
  // The last frame, to look at: $TMPDIR/sv_bench_workspace_{full,adaptive}.png.
  (void)sv::writePng(app->renderer().capture(), std::filesystem::temp_directory_path() /
                                                    (adaptive ? "sv_bench_workspace_adaptive.png"
                                                              : "sv_bench_workspace_full.png"));
  return r;
}

// Per-pass cost of the playing workspace's 3D view at several scales: each measured frame
// runs the app (new pose), then renders its frame again with every pass forced.
void passTimes(const std::function<void(const char*, double, const char*)>& report) {
  auto app = playingWorkspace(false);
  if (!app) {
    report("pass_total_100_ms", -1.0, "ms");
    return;
  }
  for (int i = 0; i < 10; ++i) app->runFrame();
  sv::Renderer& r = app->renderer();
  for (const int pct : {100, 75, 50, 35}) {
    sv::PassTimes sum;
    const int frames = 30;
    for (int i = 0; i < frames; ++i) {
      app->runFrame();
      sv::FrameParams p = app->frameParams();
      p.resolutionScale = static_cast<float>(pct) / 100.0f;
      r.invalidateCaches();
      r.setPassTiming(true);
      r.renderScene(p, app->drawList());
      r.renderImGui(nullptr);
      const sv::PassTimes t = r.passTimes();
      r.setPassTiming(false);
      sum.shadow += t.shadow;
      sum.figures += t.figures;
      sum.floor += t.floor;
      sum.backdrop += t.backdrop;
      sum.overlays += t.overlays;
      sum.resolve += t.resolve;
    }
    // What each scale looks like (the last frame, without the UI).
    (void)sv::writePng(r.capture(), std::filesystem::temp_directory_path() /
                                        ("sv_bench_view_" + std::to_string(pct) + ".png"));
    const auto line = [&](const char* pass, float total) {
      const std::string name = std::string("pass_") + pass + "_" + std::to_string(pct) + "_ms";
      report(name.c_str(), static_cast<double>(total) / frames, "ms");
    };
    line("shadow", sum.shadow);
    line("figures", sum.figures);
    line("floor", sum.floor);
    line("backdrop", sum.backdrop);
    line("overlays", sum.overlays);
    line("resolve", sum.resolve);
    line("view", sum.shadow + sum.figures + sum.floor + sum.backdrop + sum.overlays + sum.resolve);
  }
  // The UI on top, always at full resolution.
  sv::PassTimes ui;
  const int frames = 30;
  for (int i = 0; i < frames; ++i) {
    r.setPassTiming(true);
    app->runFrame();
    ui.ui += r.passTimes().ui;
    r.setPassTiming(false);
  }
  report("pass_ui_ms", static_cast<double>(ui.ui) / frames, "ms");
}

// A workspace in a window (under Xvfb without a display): CPU time while paused over 5 s
// (all threads, the driver's included), then frames per second once Space starts playback.
struct WindowFigures {
  double idleCpuPercent = -1.0;
  int idleFrames = -1;
  double playbackFps = -1.0;
  double playbackScale = 0.0;
};

WindowFigures windowFigures() {
  WindowFigures r;
  // Never touch the user's settings.
  const auto config = std::filesystem::temp_directory_path() / "sv_bench_idle_config";
  std::filesystem::remove_all(config);
  std::filesystem::create_directories(config);
  setenv("XDG_CONFIG_HOME", config.c_str(), 1);
  sv::Options o;
  o.width = 1280;
  o.height = 720;
  o.vsync = false;
  o.stretchId = "hamstrings-supine-straight-leg";
  o.technique = "contract_relax";
  o.time = 20.0f;
  auto created = sv::App::create(o);
  if (!created) {
    std::fprintf(stderr, "bench_app: %s\n", created.error().message.c_str());
    return r;
  }
  sv::App& app = **created;
  app.runFor(1.5);  // first frames: layout, the still full-resolution view
  if (app.framesRendered() == 0) return r;
  const double c0 = processCpuSeconds();
  const int f0 = app.framesRendered();
  auto t0 = Clock::now();
  app.runFor(5.0);
  double wall = std::chrono::duration<double>(Clock::now() - t0).count();
  r.idleCpuPercent = 100.0 * (processCpuSeconds() - c0) / wall;
  r.idleFrames = app.framesRendered() - f0;

  app.input().key(GLFW_KEY_SPACE, true);
  app.input().key(GLFW_KEY_SPACE, false);
  app.runFor(1.0);  // the adaptive resolution finds its scale
  const int f1 = app.framesRendered();
  t0 = Clock::now();
  app.runFor(4.0);
  wall = std::chrono::duration<double>(Clock::now() - t0).count();
  if (app.player().playing()) r.playbackFps = (app.framesRendered() - f1) / wall;
  r.playbackScale = app.sceneScale();
  return r;
}

// Without a display the idle benchmark runs this program again under a virtual X server.
bool idleUnderXvfb(const char* self) {
  const char* argv[] = {"xvfb-run", "-a", "-s", "-screen 0 1280x720x24", self, "idle", nullptr};
  pid_t pid = 0;
  if (posix_spawnp(&pid, "xvfb-run", nullptr, nullptr, const_cast<char**>(argv), environ) != 0) {
    return false;
  }
  int st = 0;
  waitpid(pid, &st, 0);
  return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

double startupMs() {
  const auto out = std::filesystem::temp_directory_path() / "sv_bench_startup.png";
  std::vector<double> runs;
  for (int i = 0; i < 5; ++i) {
    std::filesystem::remove(out);
    const char* argv[] = {SV_STRETCHVIZ_EXE, "--headless", "--screenshot", out.c_str(), nullptr};
    pid_t pid = 0;
    const auto t0 = Clock::now();
    if (posix_spawn(&pid, SV_STRETCHVIZ_EXE, nullptr, nullptr, const_cast<char**>(argv), environ) !=
        0) {
      return -1.0;
    }
    double ms = -1.0;
    while (true) {
      if (std::filesystem::exists(out)) {
        ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        break;
      }
      int st = 0;
      if (waitpid(pid, &st, WNOHANG) == pid) {
        if (std::filesystem::exists(out))
          ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        pid = 0;
        break;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    if (pid != 0) waitpid(pid, nullptr, 0);
    if (ms < 0) return -1.0;
    runs.push_back(ms);
  }
  std::sort(runs.begin(), runs.end());
  return runs[runs.size() / 2];
}
// Seconds `--clip` takes for `frames` frames of the hamstring stretch at 1280×720.
double clipSeconds(const std::filesystem::path& out, int frames,
                   sv::clip::PipelineStats* stats = nullptr) {
  sv::Options o;
  o.headless = true;
  o.width = 1280;
  o.height = 720;
  o.clip = out;
  o.stretchId = "hamstrings-supine-straight-leg";
  o.time = 30.0f;
  o.duration = static_cast<float>(frames) / static_cast<float>(sv::clip::kFramesPerSecond);
  std::ostringstream log;
  const auto t0 = Clock::now();
  const std::optional<int> rc = sv::runExportCommand(o, log, stats);
  const double s = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!rc || *rc != 0) {
    std::fprintf(stderr, "bench_app: clip: %s\n", log.str().c_str());
    return -1.0;
  }
  return s;
}

struct ClipFigures {
  double fps = -1.0;
  double encodeSharePercent = -1.0;
  double workerPercent = -1.0;
  double encodeFps = -1.0;
};

ClipFigures clipFigures() {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("sv_bench_app_clip_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  ClipFigures f;
  const double shortRun = clipSeconds(dir / "short.mp4", 6);
  sv::clip::PipelineStats stats;
  const double longRun = clipSeconds(dir / "long.mp4", 126, &stats);
  if (shortRun > 0.0 && longRun > shortRun && stats.wallSeconds > 0.0) {
    const double perFrame = (longRun - shortRun) / 120.0;
    f.fps = 1.0 / perFrame;
    f.encodeSharePercent = 100.0 * (stats.waitSeconds + stats.copySeconds) / stats.wallSeconds;
    f.workerPercent = 100.0 * stats.encodeSeconds / stats.wallSeconds;
  }
  std::vector<std::vector<std::uint8_t>> pool;
  for (int i = 0; i < 30; ++i) pool.push_back(sv::test::syntheticRgba(1280, 720, i));
  sv::clip::ClipOptions co;
  co.format = sv::clip::Format::Mp4;
  co.width = 1280;
  co.height = 720;
  const auto t0 = Clock::now();
  auto r = sv::clip::exportClip(dir / "encode.mp4", co, 120, [&](int i, sv::clip::FrameView& v) {
    v = {pool[static_cast<std::size_t>(i) % pool.size()].data(), 1280, 720};
    return sv::Status{};
  });
  const double encodeSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
  if (r.ok()) f.encodeFps = 120.0 / encodeSeconds;
  std::error_code ec;
  fs::remove_all(dir, ec);
  return f;
}

}  // namespace

// Optional arguments pick benchmarks by name (scene, mannequin, body, workspace, interactive,
// passes, idle, clip, startup), so one figure can be re-measured while experimenting; no arguments
// runs them all. `interactive` also reports workspace_fps, for comparison in the same run.
int main(int argc, char** argv) {
  auto wanted = [&](const char* name) {
    if (argc < 2) return true;
    for (int i = 1; i < argc; ++i)
      if (std::strcmp(argv[i], name) == 0) return true;
    return false;
  };
  bool ok = true;
  auto report = [&](const char* name, double value, const char* unit) {
    std::printf("BENCH %s %.1f %s\n", name, value, unit);
    std::fflush(stdout);
    ok = ok && value > 0;
  };
  if (wanted("scene")) report("scene_fps", sceneFps(), "fps");
  if (wanted("mannequin")) report("mannequin_fps", mannequinFps(), "fps");
  if (wanted("body")) report("body_fps", bodyFps(), "fps");
  if (wanted("workspace") || wanted("interactive")) {
    const Fps f = workspaceFps(false);
    report("workspace_fps", f.fps, "fps");
    report("workspace_cpu_ms_per_frame", f.cpuMsPerFrame, "ms");
  }
  if (wanted("interactive")) {
    const Fps f = workspaceFps(true);
    report("workspace_interactive_fps", f.fps, "fps");
    report("workspace_interactive_scale", f.meanScale * 100.0, "%");
    report("workspace_interactive_cpu_ms_per_frame", f.cpuMsPerFrame, "ms");
  }
  if (wanted("passes")) {
    // A skipped pass costs 0.
    passTimes([&](const char* name, double value, const char* unit) {
      std::printf("BENCH %s %.2f %s\n", name, value, unit);
      std::fflush(stdout);
      ok = ok && value >= 0;
    });
  }
  if (wanted("idle")) {
    const char* display = std::getenv("DISPLAY");
    if (display != nullptr && *display != '\0') {
      const WindowFigures w = windowFigures();
      std::printf("BENCH idle_cpu_percent %.2f %%\n", w.idleCpuPercent);
      std::printf("BENCH idle_frames_drawn %d frames\n", w.idleFrames);
      report("window_playback_fps", w.playbackFps, "fps");
      report("window_playback_scale", w.playbackScale * 100.0, "%");
      ok = ok && w.idleCpuPercent >= 0.0 && w.idleFrames >= 0;
    } else if (!idleUnderXvfb(argv[0])) {
      std::fprintf(stderr, "bench_app: idle needs a display or xvfb-run\n");
      ok = false;
    }
  }
  if (wanted("clip")) {
    const ClipFigures c = clipFigures();
    report("clip_fps", c.fps, "fps");
    report("clip_encode_share_percent", c.encodeSharePercent, "%");
    report("clip_encode_worker_percent", c.workerPercent, "%");
    report("clip_encode_fps", c.encodeFps, "fps");
  }
  if (wanted("startup")) report("startup_ms", startupMs(), "ms");
  return ok ? 0 : 1;
}
