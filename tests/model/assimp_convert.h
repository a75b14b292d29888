// Test fixtures in other formats: a model file converted by assimp's own exporter (Collada,
// FBX), then edited as text (the declared unit or up axis), so the importer sees files as
// other tools write them. assimp 5.2's binary FBX exporter writes files its importer cannot
// read back ("block offset is out of range"): FBX fixtures are ASCII ("fbxa").
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace sv::test {

// Reads `in` with assimp and writes `out` in `format` ("collada", "fbxa"); then replaces, in
// the written text, each edit's first string by its second (every edit must match once or
// more). Returns "" or what failed.
std::string convertWithAssimp(const std::filesystem::path& in, const std::filesystem::path& out,
                              const char* format,
                              const std::vector<std::pair<std::string, std::string>>& edits = {});

}  // namespace sv::test
