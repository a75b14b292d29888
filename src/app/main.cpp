#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/cli.h"
#include "app/commands.h"
#include "app/export.h"
#include "core/log.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  sv::CliOutcome cli = sv::parseCommandLine(args);
  if (!cli.options) {
    std::fputs((cli.message + "\n").c_str(), cli.exitCode == 0 ? stdout : stderr);
    return cli.exitCode;
  }
  for (const std::string& w : cli.warnings) sv::log::warn(w);
  if (auto code = sv::runOneShotCommand(*cli.options, std::cout, std::cerr)) return *code;
  if (auto code = sv::runExportCommand(*cli.options, std::cerr)) return *code;
  auto app = sv::App::create(*cli.options);
  if (!app) {
    sv::log::error(app.error().message);
    return 1;
  }
  return (*app)->run();
}
