// One-shot command-line commands that print and exit instead of opening the visualiser:
// --list, --validate [DIR], --report (…). They need no GL context.
#pragma once

#include <iosfwd>
#include <optional>

#include "app/cli.h"

namespace sv {

// Runs the one-shot command the options ask for and returns its exit code, or nullopt when
// the options ask for the visualiser itself.
std::optional<int> runOneShotCommand(const Options& options, std::ostream& out, std::ostream& err);

}  // namespace sv
