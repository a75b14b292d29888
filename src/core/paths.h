// Where the program finds its data (shaders/, assets/).
//
// Order: $STRETCHVIZ_DATA_DIR, the directory the build was configured from (so a build tree
// runs in place), then <exe>/../share/stretchviz. The first that holds shaders/ wins.
#pragma once

#include <filesystem>

namespace sv {

std::filesystem::path dataDir();
// Overrides the search (tests point it at a scratch directory to exercise missing files).
void setDataDir(std::filesystem::path dir);

}  // namespace sv
