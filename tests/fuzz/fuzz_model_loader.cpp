// libFuzzer target for the model loader: the project's glTF reader (parseAsset, with
// checkDocument) and the whole importer around assimp (importModel), on .gltf and .glb
// bytes. Any input must give a model or one well-formed error line, and never crash, hang,
// exhaust memory or trip AddressSanitizer.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "model/gltf_io.h"
#include "model/model_import.h"

namespace {

// A private folder for the model file (buffer URIs resolve beside it: nothing else is there).
const std::filesystem::path& folder() {
  static const std::filesystem::path dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "sv-fuzz-model-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
    return std::filesystem::path(tmpl);
  }();
  return dir;
}

void checkError(const std::string& message, const std::string& prefix) {
  FUZZ_CHECK(!message.empty());
  FUZZ_CHECK(message.find('\n') == std::string::npos);  // one line, escaped
  FUZZ_CHECK(message.rfind(prefix, 0) == 0);            // names the file
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // The reader alone (fast: most inputs end here).
  auto asset = sv::gltf::parseAsset(bytes, folder());
  if (asset) {
    int cc = 0;
    const auto& accessors = asset->json.find("accessors");
    if (accessors != asset->json.end()) {
      for (std::size_t i = 0; i < accessors->size() && i < 64; ++i) {
        (void)sv::gltf::readAccessorFloats(*asset, static_cast<int>(i), cc);
      }
    }
  }
  // The importer, through a file as the program gets it.
  const bool glb = bytes.substr(0, 4) == "glTF";
  const std::filesystem::path file = folder() / (glb ? "model.glb" : "model.gltf");
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  auto model = sv::importModel(file);
  if (!model) checkError(model.error().message, file.string() + ":");
  return 0;
}
