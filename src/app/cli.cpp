#include "app/cli.h"

#include <CLI/CLI.hpp>

#include <charconv>

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
  app.add_option("--screenshot", screenshot, "Write a PNG of the last rendered frame to PATH")
      ->type_name("PATH");
  app.add_option("--size", size, "Window or image size in pixels (default 1280x720)")
      ->type_name("WxH");
  app.add_option("--frames", o.frames,
                 "Render N frames, then exit (default: until closed; 1 with --headless)")
      ->type_name("N")
      ->check(CLI::Range(1, 1000000));
  app.add_flag("--no-vsync", noVsync, "Do not wait for the display's refresh");
  app.add_flag("--no-stats", noStats, "Hide the frame-time overlay");
  app.add_option("--stretch", o.stretchId, "Open the stretch with this id (see --list)")
      ->type_name("ID");
  app.add_option("--side", o.side, "Side to stretch")
      ->type_name("left|right")
      ->check(CLI::IsMember({"left", "right"}));
  app.add_option("--technique", o.technique, "Technique to play")
      ->type_name("static|contract_relax|crac");
  float time = -1.0f;
  auto* timeOpt = app.add_option("--time", time, "Seconds into the technique (paused there)")
                      ->type_name("SECONDS")
                      ->check(CLI::NonNegativeNumber);
  std::string select;
  app.add_option("--select", select, "Select muscle groups (comma-separated ids)")
      ->type_name("GROUP[,GROUP]");
  app.add_flag("--presenter", o.presenter, "Presenter mode: one large caption and the gauge");
  std::string model;
  app.add_option("--model", model, "Show this rigged model (glTF, FBX, Collada) instead")
      ->type_name("PATH");
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
  std::string pose;
  app.add_option("--pose", pose, "Anatomical pose file for --report")->type_name("FILE");

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
  if (!screenshot.empty()) o.screenshot = screenshot;
  if (timeOpt->count() > 0) o.time = time;
  if (validateOpt->count() > 0) o.validateDir = validate;
  if (!model.empty()) o.model = model;
  if (!pose.empty()) o.poseFile = pose;
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
  out.options = o;
  return out;
}

}  // namespace sv
