// Hostile glTF files that need the file system (FIFOs, links, devices, sizes) or are too big
// to commit (a 20,000-deep node chain); the rest of the hostile corpus is corpus/*.gltf.
#include <sys/stat.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "model/gltf_check.h"
#include "model/gltf_io.h"
#include "model/model_import.h"

using namespace sv;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const char* name) {
  const fs::path d =
      fs::temp_directory_path() / ("sv_test_hostile_" + std::to_string(::getpid())) / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

nlohmann::json baseDocument() {
  auto text = readFile(fs::path(SV_MODEL_CORPUS_DIR) / "ok-base.gltf");
  REQUIRE(text.ok());
  return nlohmann::json::parse(*text);
}

// The base model with its buffer in `bin` beside it, as `uri`.
fs::path writeWithBufferFile(const fs::path& dir, const std::string& uri) {
  nlohmann::json doc = baseDocument();
  doc["buffers"][0]["uri"] = uri;
  const fs::path model = dir / "model.gltf";
  std::ofstream(model) << doc.dump(1);
  return model;
}

std::string importError(const fs::path& p) {
  auto r = importModel(p);
  REQUIRE_FALSE(r.ok());
  return r.error().message;
}

}  // namespace

TEST_CASE("hostile: the corpus base model loads (the tests below change one thing)") {
  const fs::path d = scratch("base");
  nlohmann::json doc = baseDocument();
  std::ofstream(d / "model.gltf") << doc.dump(1);
  auto r = importModel(d / "model.gltf");
  REQUIRE(r.ok());
  CHECK(r->skinJointNode.size() == 1);
}

TEST_CASE("hostile: a buffer file in a folder beside the model loads") {
  const fs::path d = scratch("file");
  auto asset = gltf::parseAsset(baseDocument().dump(), d);  // decodes the data: URI
  REQUIRE(asset.ok());
  fs::create_directories(d / "sub");
  std::ofstream(d / "sub" / "body.bin", std::ios::binary) << asset->buffers[0];
  auto r = importModel(writeWithBufferFile(d, "sub/body.bin"));
  if (!r.ok()) FAIL(r.error().message);
}

TEST_CASE("hostile: a buffer URI naming a FIFO is refused instead of blocking") {
  const fs::path d = scratch("fifo");
  REQUIRE(::mkfifo((d / "pipe.bin").c_str(), 0600) == 0);
  CHECK_THAT(
      importError(writeWithBufferFile(d, "pipe.bin")),
      Contains("model.gltf: /buffers/0/uri: ") && Contains("is not a regular file (a FIFO)"));
}

TEST_CASE("hostile: a buffer URI naming a link to /dev/zero is refused, never read") {
  const fs::path d = scratch("zero");
  fs::create_symlink("/dev/zero", d / "zero.bin");
  CHECK_THAT(
      importError(writeWithBufferFile(d, "zero.bin")),
      Contains("/buffers/0/uri: ") && Contains("is not a regular file (a character device)"));
}

TEST_CASE("hostile: a buffer file linked from outside the model's directory is refused") {
  const fs::path d = scratch("escape");
  fs::create_directories(d / "model");
  std::ofstream(d / "secret.bin") << std::string(220, 'x');
  fs::create_symlink("../secret.bin", d / "model" / "data.bin");
  CHECK_THAT(importError(writeWithBufferFile(d / "model", "data.bin")),
             Contains("/buffers/0/uri: \"data.bin\" resolves outside the model's directory"));
}

TEST_CASE("hostile: a buffer file over the size limit is refused before it is read") {
  const fs::path d = scratch("huge");
  { std::ofstream(d / "huge.bin").flush(); }
  fs::resize_file(d / "huge.bin", gltf::kMaxBufferBytes + 1);  // sparse: no disk used
  CHECK_THAT(importError(writeWithBufferFile(d, "huge.bin")),
             Contains("file too large: 256.0 MiB (the limit is 256 MiB)"));
}

TEST_CASE("hostile: a model that is a FIFO or a directory is refused") {
  const fs::path d = scratch("model-fifo");
  REQUIRE(::mkfifo((d / "pipe.gltf").c_str(), 0600) == 0);
  CHECK_THAT(importError(d / "pipe.gltf"), Contains("pipe.gltf: is not a regular file"));
  fs::create_directories(d / "dir.glb");
  CHECK_THAT(importError(d / "dir.glb"), Contains("dir.glb: is a directory, not a model"));
}

TEST_CASE("hostile: a 20,000-deep node chain is refused before assimp recurses into it") {
  // The mesh node (level 1) with a chain of `n` nodes below it.
  auto chain = [](std::size_t n) {
    nlohmann::json doc = baseDocument();
    const std::size_t first = doc["nodes"].size();
    doc["nodes"][2]["children"] = {first};
    for (std::size_t i = 0; i < n; ++i) {
      nlohmann::json node = {{"name", "n" + std::to_string(i)}};
      if (i + 1 < n) node["children"] = {first + i + 1};
      doc["nodes"].push_back(node);
    }
    return doc.dump();
  };
  const fs::path d = scratch("deep");
  std::ofstream(d / "deep.gltf") << chain(20000);
  const std::string e = importError(d / "deep.gltf");  // a stack overflow in assimp before
  CHECK_THAT(e, Contains("deep.gltf: /nodes/"));
  CHECK_THAT(e, Contains("the node hierarchy is more than 256 levels deep"));
  // The limit: 256 levels load, 257 do not.
  CHECK(gltf::parseAsset(chain(gltf::kMaxNodeDepth - 1), d).ok());
  CHECK_FALSE(gltf::parseAsset(chain(gltf::kMaxNodeDepth), d).ok());
}

TEST_CASE("hostile: readAccessorFloats refuses members of the wrong type instead of throwing") {
  gltf::Asset a;
  a.buffers = {std::string(64, '\0')};
  int cc = 0;
  a.json = nlohmann::json::parse(R"({"accessors": [{"componentType": "5126", "count": 1,
      "type": "VEC3", "bufferView": 0}], "bufferViews": [{"buffer": 0, "byteLength": 64}]})");
  auto r = gltf::readAccessorFloats(a, 0, cc);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().message, Contains("/accessors/0: "));
  a.json = nlohmann::json::parse(R"({"accessors": [{"componentType": 5126, "count": 1,
      "type": "VEC3", "bufferView": "0"}], "bufferViews": [{"buffer": 0, "byteLength": 64}]})");
  CHECK_FALSE(gltf::readAccessorFloats(a, 0, cc).ok());
  a.json = nlohmann::json::parse(R"({"accessors": 7})");
  CHECK_FALSE(gltf::readAccessorFloats(a, 0, cc).ok());
  a.json = nlohmann::json::parse(R"({"accessors": [5]})");
  CHECK_FALSE(gltf::readAccessorFloats(a, 0, cc).ok());
}

TEST_CASE("hostile: readAccessorFloats checks bounds before it allocates, without wrapping") {
  gltf::Asset a;
  a.buffers = {std::string(64, '\0')};
  int cc = 0;
  // 10^12 elements: refused, not allocated (std::bad_alloc before).
  a.json = nlohmann::json::parse(R"({"accessors": [{"componentType": 5126, "count": 1000000000000,
      "type": "VEC4", "bufferView": 0}], "bufferViews": [{"buffer": 0, "byteLength": 64}]})");
  auto huge = gltf::readAccessorFloats(a, 0, cc);
  REQUIRE_FALSE(huge.ok());
  CHECK_THAT(huge.error().message, Contains("exceed its bufferView or buffer"));
  // count x stride wraps to a small number in 64 bits.
  a.json =
      nlohmann::json::parse(R"({"accessors": [{"componentType": 5126, "count": 1152921504606846977,
      "type": "VEC4", "bufferView": 0}], "bufferViews": [{"buffer": 0, "byteLength": 64}]})");
  CHECK_FALSE(gltf::readAccessorFloats(a, 0, cc).ok());
  // A bufferView past its buffer; a zero accessor of 10^12 elements.
  a.json = nlohmann::json::parse(R"({"accessors": [{"componentType": 5126, "count": 1,
      "type": "VEC4", "bufferView": 0}], "bufferViews": [{"buffer": 0, "byteOffset": 60,
      "byteLength": 16}]})");
  CHECK_FALSE(gltf::readAccessorFloats(a, 0, cc).ok());
  a.json = nlohmann::json::parse(
      R"({"accessors": [{"componentType": 5126, "count": 1000000000000, "type": "VEC4"}]})");
  CHECK_FALSE(gltf::readAccessorFloats(a, 0, cc).ok());
}

TEST_CASE("hostile: rangeFits never wraps") {
  const std::uint64_t max = ~std::uint64_t{0};
  CHECK(gltf::rangeFits(0, 16, 4, 16, 64));
  CHECK_FALSE(gltf::rangeFits(0, 16, 5, 16, 64));
  CHECK_FALSE(gltf::rangeFits(max - 8, 16, 1, 16, 64));
  CHECK_FALSE(gltf::rangeFits(0, max, 3, 16, 64));
  CHECK_FALSE(gltf::rangeFits(0, 16, max, 16, 64));
  CHECK_FALSE(gltf::rangeFits(8, 0, 1, max, 64));
  CHECK(gltf::rangeFits(48, 16, 1, 16, 64));
}
