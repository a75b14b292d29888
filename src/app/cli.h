// Command-line parsing (CLI11), kept free of side effects so it is unit-tested.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "camera/view_preset.h"

namespace sv {

// --camera YAW,PITCH[,DISTANCE]: degrees in the orbit camera's terms (camera/orbit_camera.h),
// metres; without a distance the figures are fitted to the view.
struct CameraArgument {
  float yawDeg = 0.0f;
  float pitchDeg = 0.0f;
  std::optional<float> distance;
};

struct Options {
  bool headless = false;                            // EGL surfaceless, no window, no X server
  std::optional<std::filesystem::path> screenshot;  // PNG written after the last frame
  int width = 1280;                                 // pixels
  int height = 720;
  int frames = 0;  // frames to render before exiting; 0 = until the window closes
  bool vsync = true;
  bool showStats = true;

  // Workspace state (the same states the panels set), so they can be scripted and tested.
  std::string stretchId;            // --stretch ID
  std::string side;                 // --side left|right ("" = the file's side)
  std::string technique;            // --technique static|contract_relax|crac
  std::optional<float> time;        // --time SECONDS into the technique (paused there)
  std::vector<std::string> select;  // --select GROUP[,GROUP] (muscle group ids)
  bool presenter = false;           // --presenter
  bool presenterWindow = false;     // --presenter-window (a second window)
  std::optional<std::filesystem::path> presenterScreenshot;  // --presenter-screenshot PATH
  std::optional<ViewPreset> view;                            // --view NAME (a preset)
  std::optional<CameraArgument> camera;                      // --camera YAW,PITCH[,DISTANCE]
  std::optional<float> uiScale;                              // --ui-scale S (0.75 … 2)
  std::optional<std::filesystem::path> model;  // --model PATH (any rigged glTF/FBX/Collada)
  // --routine-panel [ID]: the routine panel shown, with the store's routine ID chosen ("" =
  // none); --play-routine: session mode from its first stretch (needs an ID).
  std::optional<std::string> routinePanel;
  bool playRoutine = false;

  // One-shot commands that print and exit instead of opening the visualiser.
  bool list = false;                                 // --list
  std::optional<std::filesystem::path> validateDir;  // --validate [DIR] ("" = the library)
  bool report = false;                               // --report
  std::optional<std::filesystem::path> poseFile;     // --pose FILE (with --report)
  bool staging = false;  // --staging (with --report): the staging check of every technique

  // Take-home exports: rendered headless, written atomically, then exit (app/export.h).
  std::optional<std::filesystem::path> routine;  // --routine FILE
  std::optional<std::filesystem::path> client;   // --client FILE (the routine's client)
  std::optional<std::filesystem::path> handout;  // --handout OUT.pdf (needs --routine)
  std::string paper = "a4";                      // --paper a4|letter
  std::string practitionerName;                  // --practitioner NAME (the handout's header)
  std::string clinic;                            // --clinic NAME
  std::string date;                              // --date YYYY-MM-DD ("" = today)
  std::optional<std::filesystem::path> clip;     // --clip OUT.mp4|OUT.gif
  bool captions = false;                         // --captions: burn in the phase and countdown
  std::optional<float> duration;                 // --duration SECONDS of --clip from --time
};

// What parsing decided: run with options, or exit at once (help, version, bad usage) with a
// message for stdout (exitCode 0) or stderr (non-zero).
struct CliOutcome {
  std::optional<Options> options;
  int exitCode = 0;
  std::string message;
  // Options the combination ignores ("--technique is ignored by --report (…)"), one line
  // each, printed as warnings; the run goes on.
  std::vector<std::string> warnings;
};

CliOutcome parseCommandLine(const std::vector<std::string>& args);  // args[0] = program name
// Parses "YAW,PITCH[,DISTANCE]": yaw -360 … 360, pitch -89 … 89, distance 0.3 … 40 m; on
// failure sets `error`.
std::optional<CameraArgument> parseCamera(const std::string& text, std::string& error);
// Parses "WxH" (e.g. "1280x720"); each side 16–16384.
std::optional<std::pair<int, int>> parseSize(const std::string& text);

// The largest --time (a day): beyond it a float second count loses its fractions, and no
// technique lasts that long.
inline constexpr double kMaxTimeSeconds = 86400.0;
// Parses a --time value: a finite decimal number of seconds in [0, kMaxTimeSeconds]; on
// failure sets `error` ("expected a number of seconds, got 'abc'", "must not be negative, got
// '-1'", "expected a finite number of seconds, got 'nan'", "at most 86400 seconds, got
// '1e300'").
std::optional<float> parseSeconds(const std::string& text, std::string& error);

}  // namespace sv
