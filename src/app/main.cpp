#include <cstdio>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/cli.h"
#include "core/log.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  sv::CliOutcome cli = sv::parseCommandLine(args);
  if (!cli.options) {
    std::fputs((cli.message + "\n").c_str(), cli.exitCode == 0 ? stdout : stderr);
    return cli.exitCode;
  }
  auto app = sv::App::create(*cli.options);
  if (!app) {
    sv::log::error(app.error().message);
    return 1;
  }
  return (*app)->run();
}
