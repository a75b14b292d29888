// BENCH scene_fps: headless frames per second of the default scene at 1280×720 (scene, shadow
// map, MSAA resolve, post pass and the stats overlay; each frame finished with glFinish).
// BENCH startup_ms: from spawning `stretchviz --headless --screenshot` to the PNG appearing
// on disk (written atomically, so its appearance is the moment it was complete); median of 5.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <vector>

#include "app/app.h"

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

double startupMs() {
  const auto out = std::filesystem::temp_directory_path() / "sv_bench_startup.png";
  std::vector<double> runs;
  for (int i = 0; i < 5; ++i) {
    std::filesystem::remove(out);
    const char* argv[] = {SV_STRETCHVIZ_EXE, "--headless", "--screenshot", out.c_str(), nullptr};
    pid_t pid = 0;
    const auto t0 = Clock::now();
    if (posix_spawn(&pid, SV_STRETCHVIZ_EXE, nullptr, nullptr, const_cast<char**>(argv), environ) != 0) {
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
        if (std::filesystem::exists(out)) ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
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

int main() {
  const double fps = sceneFps();
  std::printf("BENCH scene_fps %.1f fps\n", fps);
  const double ms = startupMs();
  std::printf("BENCH startup_ms %.1f ms\n", ms);
  std::fflush(stdout);
  return (fps > 0 && ms > 0) ? 0 : 1;
}
