// BENCH scene_fps: headless frames per second of the default app at 1280×720 (the studio with
// the mannequin in the view between the panels, shadow map, MSAA resolve, the panels; each
// frame finished with glFinish).
// BENCH mannequin_fps: the skinned mannequin alone (shadow map, floor, backdrop) at 1280×720
// (assets/models/mannequin.glb: the generated body the MakeHuman one replaced, kept for this
// comparison and as a canonical rig for --model).
// BENCH body_fps: the client's body alone in the same view and motion (clothing, levels of
// detail as the renderer picks them).
// BENCH workspace_fps: the full workspace (scene + every panel) with a stretch playing.
// BENCH startup_ms: from spawning `stretchviz --headless --screenshot` to the PNG appearing
// on disk (written atomically, so its appearance is the moment it was complete); median of 5.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <optional>
#include <thread>
#include <vector>

#include "anatomy/kinematics.h"
#include "app/app.h"
#include "app/character.h"
#include "app/figures.h"
#include "body/body.h"
#include "core/paths.h"
#include "scene/studio.h"

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
    item = sv::Figures::bodyItem(r.uploadMesh(body->mesh()), palette, sv::clientLook(), true);
    return [&](const sv::anatomy::Pose& p, sv::DrawItem&) {
      const auto& relaxed = sv::anatomy::handShape(sv::anatomy::HandPose::Relaxed);
      sv::anatomy::poseToLocal(body->skeleton(), p, local);
      sv::anatomy::localToModel(body->skeleton(), local, joints);
      body->palette(local, joints, relaxed, relaxed, palette);
    };
  });
}

double workspaceFps() {
  sv::Options o;
  o.headless = true;
  o.width = 1280;
  o.height = 720;
  o.stretchId = "hamstrings-supine-straight-leg";
  o.technique = "contract_relax";
  o.select = {"hamstrings"};
  auto app = sv::App::create(o);
  if (!app) return -1.0;
  for (int i = 0; i < 10; ++i) (*app)->runFrame();
  const int frames = 120;
  const auto t0 = Clock::now();
  for (int i = 0; i < frames; ++i) {
    (*app)->runFrame();
    (*app)->renderer().finish();
  }
  return frames / std::chrono::duration<double>(Clock::now() - t0).count();
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
}  // namespace

// Optional arguments pick benchmarks by name (scene, mannequin, body, workspace, startup), so one
// figure can be re-measured while experimenting; no arguments runs them all.
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
  if (wanted("workspace")) report("workspace_fps", workspaceFps(), "fps");
  if (wanted("startup")) report("startup_ms", startupMs(), "ms");
  return ok ? 0 : 1;
}
