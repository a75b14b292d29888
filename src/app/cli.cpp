#include "app/cli.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <tuple>

#include "app/version.h"

namespace sv {

std::optional<std::pair<int, int>> parseSize(const std::string& text) {
  const auto x = text.find('x');
  if (x == std::string::npos) return std::nullopt;
  int w = 0, h = 0;
  const char* b = text.data();
  const char* e = b + text.size();
  auto r1 = std::from_chars(b, b + x, w);
  auto r2 = std::from_chars(b + x + 1, e, h);
  if (r1.ec != std::errc() || r1.ptr != b + x || r2.ec != std::errc() || r2.ptr != e) {
    return std::nullopt;
  }
  if (w < 16 || h < 16 || w > 16384 || h > 16384) return std::nullopt;
  return std::make_pair(w, h);
}

std::optional<float> parseSeconds(const std::string& text, std::string& error) {
  const char* b = text.data();
  const char* e = b + text.size();
  if (b != e && *b == '+') ++b;
  double v = 0.0;
  const auto r = std::from_chars(b, e, v);
  if (text.empty() || r.ptr != e ||
      (r.ec != std::errc() && r.ec != std::errc::result_out_of_range)) {
    error = "expected a number of seconds, got '" + text + "'";
    return std::nullopt;
  }
  if (r.ec == std::errc::result_out_of_range || !std::isfinite(v)) {
    error = "expected a finite number of seconds, got '" + text + "'";
    return std::nullopt;
  }
  if (v < 0.0) {
    error = "must not be negative, got '" + text + "'";
    return std::nullopt;
  }
  if (v > kMaxTimeSeconds) {
    error = "at most " + std::to_string(static_cast<int>(kMaxTimeSeconds)) + " seconds, got '" +
            text + "'";
    return std::nullopt;
  }
  return static_cast<float>(v);
}

std::optional<CameraArgument> parseCamera(const std::string& text, std::string& error) {
  float values[3] = {0.0f, 0.0f, 0.0f};
  int n = 0;
  const char* p = text.data();
  const char* end = p + text.size();
  while (n < 3) {
    double v = 0.0;
    const auto r = std::from_chars(p, end, v);
    if (r.ec != std::errc() || !std::isfinite(v)) break;
    values[n++] = static_cast<float>(v);
    p = r.ptr;
    if (p == end || *p != ',') break;
    ++p;
  }
  if (p != end || n < 2) {
    error = "expected YAW,PITCH or YAW,PITCH,DISTANCE in degrees and metres, got '" + text + "'";
    return std::nullopt;
  }
  CameraArgument c{values[0], values[1], std::nullopt};
  if (!(std::fabs(c.yawDeg) <= 360.0f)) {
    error = "yaw must lie within -360 … 360 degrees, got '" + text + "'";
    return std::nullopt;
  }
  if (!(std::fabs(c.pitchDeg) <= 89.0f)) {
    error = "pitch must lie within -89 … 89 degrees, got '" + text + "'";
    return std::nullopt;
  }
  if (n == 3) {
    if (!(values[2] >= 0.3f && values[2] <= 40.0f)) {
      error = "distance must lie within 0.3 … 40 m, got '" + text + "'";
      return std::nullopt;
    }
    c.distance = values[2];
  }
  return c;
}

CliOutcome parseCommandLine(const std::vector<std::string>& args) {
  CLI::App app{"stretchviz — 3D visualiser of assisted stretches", "stretchviz"};
  Options o;
  std::string size = "1280x720";
  std::string screenshot;
  bool version = false;
  bool noVsync = false;
  bool noStats = false;
  app.add_flag("--version", version, "Print the version and exit");
  app.add_flag("--headless", o.headless,
               "Render without a window or X server (EGL, Mesa surfaceless) into an offscreen "
               "framebuffer; use with --screenshot");
  auto* screenshotOpt =
      app.add_option("--screenshot", screenshot, "Write a PNG of the last rendered frame to PATH")
          ->type_name("PATH");
  auto* sizeOpt =
      app.add_option("--size", size, "Window or image size in pixels (default 1280x720)")
          ->type_name("WxH");
  auto* framesOpt =
      app.add_option("--frames", o.frames,
                     "Render N frames, then exit (default: until closed; 1 with --headless)")
          ->type_name("N")
          ->check(CLI::Range(1, 1000000));
  app.add_flag("--no-vsync", noVsync, "Do not wait for the display's refresh");
  app.add_flag("--no-stats", noStats, "Hide the frame-time overlay");
  auto* stretchOpt =
      app.add_option("--stretch", o.stretchId, "Open the stretch with this id (see --list)")
          ->type_name("ID");
  auto* sideOpt = app.add_option("--side", o.side, "Side to stretch")
                      ->type_name("left|right")
                      ->check(CLI::IsMember({"left", "right"}));
  auto* techniqueOpt =
      app.add_option(
             "--technique", o.technique,
             "Technique to play (with --report --stretch --time: whose timeline is sampled)")
          ->type_name("static|contract_relax|crac");
  // A string, parsed here: CLI11's number check accepts "nan" and reports "-1" against a
  // 309-digit maximum.
  std::string time;
  auto* timeOpt = app.add_option("--time", time, "Seconds into the technique (paused there)")
                      ->type_name("SECONDS");
  std::string select;
  auto* selectOpt = app.add_option("--select", select, "Select muscle groups (comma-separated ids)")
                        ->type_name("GROUP[,GROUP]");
  app.add_flag("--presenter", o.presenter,
               "Presenter mode: a large caption, the countdown and the gauge, for the client");
  app.add_flag("--presenter-window", o.presenterWindow,
               "Open the presenter view in a second window (for a second screen; F11 or a "
               "double-click there: fullscreen on its monitor)");
  std::string presenterShot;
  auto* presenterShotOpt =
      app.add_option("--presenter-screenshot", presenterShot,
                     "With --frames: write the presenter window's last frame here (PNG; opens "
                     "the window)")
          ->type_name("PATH");
  std::string view;
  auto* viewOpt = app.add_option("--view", view,
                                 "Camera preset: stretch (the default), front, back, left, right, "
                                 "top, three-quarter, client, practitioner")
                      ->type_name("NAME");
  std::string camera;
  auto* cameraOpt =
      app.add_option("--camera", camera,
                     "Camera direction in degrees (yaw 0 = from +Z, 90 = from the client's left; "
                     "pitch above the horizon) and optional distance in metres; the figures are "
                     "framed")
          ->type_name("YAW,PITCH[,DISTANCE]");
  float uiScale = 1.0f;
  auto* uiScaleOpt = app.add_option("--ui-scale", uiScale, "UI scale (0.75 … 2; default: saved)")
                         ->type_name("S")
                         ->check(CLI::Range(0.75f, 2.0f));
  std::string model;
  auto* modelOpt =
      app.add_option("--model", model, "Show this rigged model (glTF, FBX, Collada) instead")
          ->type_name("PATH");
  std::string routinePanel;
  auto* routinePanelOpt =
      app.add_option("--routine-panel", routinePanel,
                     "Show the routine panel, with routine ID of your store chosen")
          ->type_name("ID")
          ->expected(0, 1);
  app.add_flag("--play-routine", o.playRoutine,
               "Play the --routine-panel routine in session mode, from its first stretch");
  app.add_flag("--list", o.list, "Print the stretch library as JSON and exit");
  std::string validate;
  auto* validateOpt = app.add_option("--validate", validate,
                                     "Check every stretch file in DIR (default: the library), "
                                     "print every error, exit non-zero if any")
                          ->type_name("DIR")
                          ->expected(0, 1);
  app.add_flag("--report", o.report,
               "Print a JSON report (with --stretch/--side/--time, --pose FILE, or --model PATH "
               "--time T) and exit");
  auto* stagingOpt = app.add_flag(
      "--staging", o.staging,
      "With --report: the staging check (collisions, palms, posture) of every technique on "
      "both sides at 20 Hz, for --stretch ID (and --side, --technique) or the whole library");
  std::string pose;
  auto* poseOpt =
      app.add_option("--pose", pose, "Anatomical pose file for --report")->type_name("FILE");

  std::string routine, client, handout, clip;
  auto* routineOpt = app.add_option("--routine", routine, "A routine file, for --handout or --clip")
                         ->type_name("FILE");
  auto* clientOpt =
      app.add_option("--client", client, "The routine's client file (name, profile, ranges)")
          ->type_name("FILE");
  auto* handoutOpt =
      app.add_option("--handout", handout, "Write the routine's printed handout (PDF) and exit")
          ->type_name("OUT.pdf");
  auto* paperOpt = app.add_option("--paper", o.paper, "Paper of the handout (default a4)")
                       ->type_name("a4|letter")
                       ->check(CLI::IsMember({"a4", "letter"}));
  auto* practitionerOpt =
      app.add_option("--practitioner", o.practitionerName, "The practitioner named on the handout")
          ->type_name("NAME");
  auto* clinicOpt =
      app.add_option("--clinic", o.clinic, "The clinic named on the handout")->type_name("NAME");
  auto* dateOpt = app.add_option("--date", o.date, "The handout's date (default today)")
                      ->type_name("YYYY-MM-DD");
  auto* clipOpt =
      app.add_option("--clip", clip,
                     "Write a 30 fps clip (MP4 or GIF, by the extension) of --stretch's "
                     "technique or the whole --routine, at --size, and exit")
          ->type_name("OUT.mp4|OUT.gif");
  std::string duration;
  auto* durationOpt =
      app.add_option("--duration", duration, "Seconds of --clip, from --time (default: to the end)")
          ->type_name("SECONDS");
  auto* captionsOpt =
      app.add_flag("--captions", o.captions, "Burn the phase, its cue and a countdown into --clip");

  std::vector<std::string> rev(args.rbegin(), args.rend() - (args.empty() ? 0 : 1));
  CliOutcome out;
  try {
    app.parse(rev);
  } catch (const CLI::CallForHelp&) {
    out.message = app.help();
    return out;
  } catch (const CLI::ParseError& e) {
    out.exitCode = 2;
    out.message = std::string(e.what()) + "\nRun with --help for the options.";
    return out;
  }
  if (version) {
    out.message = std::string("stretchviz ") + kVersion;
    return out;
  }
  auto parsed = parseSize(size);
  if (!parsed) {
    out.exitCode = 2;
    out.message =
        "--size: expected WxH with each side 16–16384 (e.g. 1280x720), got '" + size + "'";
    return out;
  }
  o.width = parsed->first;
  o.height = parsed->second;
  auto usage = [&](const std::string& m) {
    out.exitCode = 2;
    out.message = m + "\nRun with --help for the options.";
    return out;
  };
  if (screenshotOpt->count() > 0) {
    if (screenshot.empty()) return usage("--screenshot: the path is empty");
    o.screenshot = screenshot;
  }
  if (presenterShotOpt->count() > 0) {
    if (presenterShot.empty()) return usage("--presenter-screenshot: the path is empty");
    o.presenterScreenshot = presenterShot;
    o.presenterWindow = true;
  }
  if (timeOpt->count() > 0) {
    std::string why;
    o.time = parseSeconds(time, why);
    if (!o.time) return usage("--time: " + why);
  }
  if (validateOpt->count() > 0) o.validateDir = validate;
  if (viewOpt->count() > 0) {
    o.view = viewPresetFromId(view);
    if (!o.view) {
      return usage("--view: unknown view '" + view +
                   "' (known: " + std::string(viewPresetIdList()) + ")");
    }
  }
  if (cameraOpt->count() > 0) {
    std::string why;
    o.camera = parseCamera(camera, why);
    if (!o.camera) return usage("--camera: " + why);
  }
  if (uiScaleOpt->count() > 0) o.uiScale = uiScale;
  if (routinePanelOpt->count() > 0) o.routinePanel = routinePanel;
  if (o.playRoutine && (!o.routinePanel || o.routinePanel->empty())) {
    return usage("--play-routine needs --routine-panel ID");
  }
  if (modelOpt->count() > 0) {
    if (model.empty()) return usage("--model: the path is empty");
    o.model = model;
  }
  if (poseOpt->count() > 0) {
    if (pose.empty()) return usage("--pose: the path is empty");
    o.poseFile = pose;
  }
  for (auto [opt, value, name, target] : {std::tuple{routineOpt, &routine, "--routine", &o.routine},
                                          std::tuple{clientOpt, &client, "--client", &o.client},
                                          std::tuple{handoutOpt, &handout, "--handout", &o.handout},
                                          std::tuple{clipOpt, &clip, "--clip", &o.clip}}) {
    if (opt->count() == 0) continue;
    if (value->empty()) return usage(std::string(name) + ": the path is empty");
    *target = *value;
  }
  if (o.handout && o.clip) return usage("--handout and --clip: one export at a time");
  if (o.handout && !o.routine) return usage("--handout needs --routine FILE");
  if (o.clip) {
    const std::string ext = o.clip->extension().string();
    std::string lower;
    for (char c : ext) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower != ".mp4" && lower != ".gif") {
      return usage("--clip: the file must end in .mp4 or .gif, got '" + o.clip->string() + "'");
    }
    if (!o.routine && o.stretchId.empty())
      return usage("--clip needs --stretch ID or --routine FILE");
    if (o.routine && !o.stretchId.empty()) {
      return usage("--clip: --stretch and --routine name two clips; give one");
    }
  }
  if (durationOpt->count() > 0) {
    std::string why;
    o.duration = parseSeconds(duration, why);
    if (!o.duration) return usage("--duration: " + why);
    if (*o.duration <= 0.0f) return usage("--duration: must be more than 0 seconds");
  }
  if (dateOpt->count() > 0) {
    const bool iso = o.date.size() == 10 && o.date[4] == '-' && o.date[7] == '-' &&
                     std::all_of(o.date.begin(), o.date.end(), [](char c) {
                       return c == '-' || std::isdigit(static_cast<unsigned char>(c));
                     });
    if (!iso) return usage("--date: expected YYYY-MM-DD, got '" + o.date + "'");
  }
  for (std::size_t start = 0; start < select.size();) {
    const auto comma = select.find(',', start);
    const std::string item =
        select.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) o.select.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  o.vsync = !noVsync;
  o.showStats = !noStats;
  if (o.headless && o.frames == 0) o.frames = 1;

  // Options that a combination ignores: said, not silently dropped.
  auto given = [](const CLI::Option* opt) { return opt->count() > 0; };
  auto ignored = [&](const std::string& what, const std::string& why) {
    out.warnings.push_back(what + " " + why);
  };
  const char* command = o.list          ? "--list"
                        : o.validateDir ? "--validate"
                        : o.report      ? "--report"
                                        : nullptr;
  if (o.view && o.camera) ignored("--view", "is ignored: --camera sets the view");
  if (o.list && o.validateDir)
    ignored("--validate", "is ignored: --list runs instead (one command at a time)");
  if (command != nullptr && (o.handout || o.clip)) {
    ignored(o.handout ? "--handout" : "--clip",
            std::string("is ignored: ") + command + " runs instead (one command at a time)");
    o.handout.reset();
    o.clip.reset();
  }
  if (o.handout || o.clip) {
    const char* exportName = o.handout ? "--handout" : "--clip";
    std::vector<std::string> unused;
    if (o.headless) unused.emplace_back("--headless (exports always render headless)");
    if (given(screenshotOpt)) unused.emplace_back("--screenshot");
    if (given(framesOpt)) unused.emplace_back("--frames");
    if (given(selectOpt)) unused.emplace_back("--select");
    if (o.presenter) unused.emplace_back("--presenter");
    if (given(modelOpt)) unused.emplace_back("--model");
    if (o.handout) {
      if (given(timeOpt)) unused.emplace_back("--time");
      if (given(durationOpt)) unused.emplace_back("--duration");
      if (given(sizeOpt)) unused.emplace_back("--size");
      if (given(captionsOpt)) unused.emplace_back("--captions");
      if (given(stretchOpt)) unused.emplace_back("--stretch");
      if (given(sideOpt)) unused.emplace_back("--side");
      if (given(techniqueOpt)) unused.emplace_back("--technique");
    } else {
      for (auto [opt, name] :
           {std::pair{paperOpt, "--paper"}, std::pair{practitionerOpt, "--practitioner"},
            std::pair{clinicOpt, "--clinic"}, std::pair{dateOpt, "--date"}}) {
        if (given(opt)) unused.emplace_back(name);
      }
      if (o.routine) {
        if (given(sideOpt)) unused.emplace_back("--side (the routine says which sides)");
        if (given(techniqueOpt)) unused.emplace_back("--technique (the routine says which)");
      }
    }
    for (const std::string& u : unused) ignored(u, std::string("is ignored by ") + exportName);
  } else {
    for (auto [opt, name] :
         {std::pair{routineOpt, "--routine"}, std::pair{clientOpt, "--client"},
          std::pair{paperOpt, "--paper"}, std::pair{practitionerOpt, "--practitioner"},
          std::pair{clinicOpt, "--clinic"}, std::pair{dateOpt, "--date"},
          std::pair{captionsOpt, "--captions"}, std::pair{durationOpt, "--duration"}}) {
      if (given(opt)) ignored(name, "is only read by --handout and --clip");
    }
  }
  if ((o.list || o.validateDir) && o.report) {
    ignored("--report",
            std::string("is ignored: ") + command + " runs instead (one command at a time)");
  }
  if (command != nullptr) {
    // Window and rendering options mean nothing to a one-shot command.
    std::vector<std::string> unused;
    if (o.headless) unused.emplace_back("--headless");
    if (given(screenshotOpt)) unused.emplace_back("--screenshot");
    if (given(sizeOpt)) unused.emplace_back("--size");
    if (given(framesOpt)) unused.emplace_back("--frames");
    if (noVsync) unused.emplace_back("--no-vsync");
    if (noStats) unused.emplace_back("--no-stats");
    if (given(selectOpt)) unused.emplace_back("--select");
    if (o.presenter) unused.emplace_back("--presenter");
    if (o.presenterWindow) unused.emplace_back("--presenter-window");
    if (given(presenterShotOpt)) unused.emplace_back("--presenter-screenshot");
    if (given(viewOpt)) unused.emplace_back("--view");
    if (given(cameraOpt)) unused.emplace_back("--camera");
    if (given(uiScaleOpt)) unused.emplace_back("--ui-scale");
    for (const std::string& u : unused) ignored(u, std::string("is ignored by ") + command);
  }
  if (o.list || o.validateDir) {
    for (auto [opt, name] : {std::pair{stretchOpt, "--stretch"}, std::pair{sideOpt, "--side"},
                             std::pair{techniqueOpt, "--technique"}, std::pair{timeOpt, "--time"},
                             std::pair{modelOpt, "--model"}, std::pair{poseOpt, "--pose"}}) {
      if (given(opt)) ignored(name, std::string("is ignored by ") + command);
    }
  } else if (o.report && o.staging) {
    for (auto [opt, name] : {std::pair{timeOpt, "--time"}, std::pair{modelOpt, "--model"},
                             std::pair{poseOpt, "--pose"}}) {
      if (given(opt)) ignored(name, "is ignored by --report --staging (it sweeps at 20 Hz)");
    }
  } else if (o.report) {
    if (given(techniqueOpt) && (o.model || o.poseFile || !given(timeOpt))) {
      ignored(
          "--technique",
          "is ignored by --report without --stretch and --time (the end pose has no technique)");
    }
    if (o.model) {
      for (auto [opt, name] : {std::pair{stretchOpt, "--stretch"}, std::pair{sideOpt, "--side"},
                               std::pair{poseOpt, "--pose"}}) {
        if (given(opt)) ignored(name, "is ignored by --report --model");
      }
    } else if (o.poseFile) {
      for (auto [opt, name] : {std::pair{stretchOpt, "--stretch"}, std::pair{sideOpt, "--side"},
                               std::pair{timeOpt, "--time"}}) {
        if (given(opt)) ignored(name, "is ignored by --report --pose");
      }
    } else if (!given(stretchOpt)) {
      if (given(sideOpt)) ignored("--side", "has no effect without --stretch");
      if (given(timeOpt)) ignored("--time", "has no effect without --stretch or --model");
    }
  } else {
    if (given(poseOpt)) ignored("--pose", "is only read by --report");
    if (given(stagingOpt)) ignored("--staging", "is only read by --report");
    // The window restores the last stretch from the settings, so --side, --technique and
    // --time apply to it; a headless run has no settings and no stretch without --stretch.
    if (o.headless && !given(stretchOpt)) {
      if (given(sideOpt)) ignored("--side", "has no effect without --stretch");
      if (given(techniqueOpt)) ignored("--technique", "has no effect without --stretch");
      if (given(timeOpt) && !o.model) {
        ignored("--time", "has no effect without --stretch or --model");
      }
    }
  }
  out.options = o;
  return out;
}

}  // namespace sv
