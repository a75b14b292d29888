#include "assimp_convert.h"

#include <fstream>
#include <sstream>

#include <assimp/scene.h>
#include <assimp/Exporter.hpp>
#include <assimp/Importer.hpp>

namespace sv::test {

std::string convertWithAssimp(const std::filesystem::path& in, const std::filesystem::path& out,
                              const char* format,
                              const std::vector<std::pair<std::string, std::string>>& edits) {
  Assimp::Importer importer;
  const aiScene* scene = importer.ReadFile(in.string(), 0);
  if (scene == nullptr)
    return "assimp cannot read " + in.string() + ": " + importer.GetErrorString();
  Assimp::Exporter exporter;
  if (exporter.Export(scene, format, out.string()) != AI_SUCCESS) {
    return std::string("assimp cannot export ") + format + ": " + exporter.GetErrorString();
  }
  if (edits.empty()) return {};
  std::string text;
  {
    std::ifstream f(out, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    text = ss.str();
  }
  for (const auto& [from, to] : edits) {
    std::size_t at = text.find(from);
    if (at == std::string::npos) return "edit: '" + from + "' not in " + out.string();
    for (; at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  }
  std::ofstream f(out, std::ios::binary | std::ios::trunc);
  f << text;
  return f ? std::string() : "cannot write " + out.string();
}

}  // namespace sv::test
