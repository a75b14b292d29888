// Minimal glTF 2.0 writing and reading, independent of assimp.
//
// Writer: one skinned triangle mesh, a node tree, one skin and optionally one animation,
// written as a binary .glb. Used by tools/make_mannequin (the shipped asset) and by the tests
// (fixtures built in code). Output is deterministic: same input, same bytes.
//
// Reader: just enough of a glTF document (JSON plus its buffers: GLB BIN chunk, data: URIs or
// files beside the .gltf) to read accessors by hand. The assimp importer uses it for what
// assimp 5.2 does not expose: custom vertex attributes (_MUSCLE) and the raw JOINTS_n values
// (checked against the skin's joint count). See model_import.h.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <nlohmann/json.hpp>

#include "core/result.h"

namespace sv::gltf {

struct Node {
  std::string name;  // empty: the "name" property is omitted (an unnamed node)
  int parent = -1;   // parents precede children
  glm::vec3 translation{0.0f};
  glm::quat rotation{1.0f, 0.0f, 0.0f, 0.0f};
  glm::vec3 scale{1.0f};
};

struct Channel {
  enum class Path { Translation, Rotation, Scale };
  int node = 0;
  Path path = Path::Rotation;
  std::vector<float> times;       // seconds, increasing
  std::vector<glm::vec4> values;  // xyz (translation/scale) or quaternion xyzw (rotation)
};

struct Document {
  std::vector<Node> nodes;
  int meshNode = 0;  // node holding the skinned mesh (should be a root)
  std::vector<glm::vec3> positions;
  std::vector<glm::vec3> normals;  // optional (empty: omitted)
  std::vector<std::array<std::uint16_t, 4>> joints0;
  std::vector<glm::vec4> weights0;
  std::vector<std::array<std::uint16_t, 4>> joints1;  // optional second influence set
  std::vector<glm::vec4> weights1;
  std::vector<float> muscle;  // optional _MUSCLE (region id per vertex, stored as FLOAT)
  // Optional application-specific attributes of 4 unsigned bytes per vertex (`name` starts
  // with '_'; `normalized`: read as [0, 1]).
  struct ByteAttribute {
    std::string name;
    bool normalized = false;
    std::vector<std::array<std::uint8_t, 4>> values;
  };
  std::vector<ByteAttribute> byteAttributes;
  // Optional morph targets: POSITION displacements, one per vertex each; names go to the
  // mesh's extras.targetNames (the common convention), default weights are 0.
  std::vector<std::vector<glm::vec3>> morphTargets;
  std::vector<std::string> targetNames;
  // Optional per-node extras (index = node; null or absent = none).
  std::vector<nlohmann::json> nodeExtras;
  // Optional document extensions (an object, e.g. {"VRMC_vrm": {...}}); each key is also listed
  // in extensionsUsed.
  nlohmann::json extensions;
  // Optional document extras (an object). Each named VEC3 array is written as an accessor and
  // its index is added to extras.arrays[name], so large numeric data stays binary. An empty array
  // is left out (glTF has no empty accessors).
  nlohmann::json extras;
  std::vector<std::pair<std::string, std::vector<glm::vec3>>> extraArrays;
  // The same for index lists (UNSIGNED_INT SCALAR accessors).
  std::vector<std::pair<std::string, std::vector<std::uint32_t>>> extraIndexArrays;
  std::vector<std::uint32_t> indices;
  std::vector<int> skinJoints;         // node indices; empty = no skin
  std::vector<glm::mat4> inverseBind;  // one per skin joint
  int skinSkeleton = -1;               // skin.skeleton, -1 = omitted
  glm::vec4 baseColor{0.8f, 0.8f, 0.8f, 1.0f};
  float roughness = 0.8f;
  std::string meshName = "mesh";
  std::string materialName = "material";
  std::vector<Channel> animation;  // one animation when non-empty
  std::string animationName = "animation";
  std::string generator = "stretchviz";
};

// Serialises `doc` to GLB bytes.
std::string writeGlb(const Document& doc);

// A parsed glTF document with its buffers loaded.
struct Asset {
  nlohmann::json json;
  std::vector<std::string> buffers;
};

// Limits on what a model may make the reader load (docs/input-safety.md).
inline constexpr std::size_t kMaxModelFileBytes = std::size_t{256} << 20;    // .gltf / .glb
inline constexpr std::size_t kMaxBufferBytes = std::size_t{256} << 20;       // one buffer
inline constexpr std::size_t kMaxTotalBufferBytes = std::size_t{512} << 20;  // all buffers
inline constexpr std::size_t kMaxJsonDepth = 64;  // nesting of the JSON document

// Parses .glb or .gltf bytes; `baseDir` resolves relative buffer URIs. Buffers come from the
// GLB BIN chunk, base64 data: URIs, or files: a URI must be a relative path without "..", a
// scheme or a backslash (as written and %-decoded; the file read is the one written, as
// assimp 5.2 opens it), naming a regular file (never a FIFO or a device; links followed) that
// lies inside baseDir once links are resolved, of at most kMaxBufferBytes. The JSON must nest at
// most kMaxJsonDepth levels, and the document must pass checkDocument (gltf_check.h) before it is
// returned, so every index, type and accessor bound that readers rely on holds. Errors are "<JSON
// pointer>: <reason>" (e.g. "/buffers/0/uri: \"..\" in \"../x.bin\" (only files beside the model
// are read)") or "not a model: <reason>"; the caller adds the file.
Result<Asset> parseAsset(std::string_view bytes, const std::filesystem::path& baseDir);
// Reads the file (regular files of at most kMaxModelFileBytes) and parses it; errors start
// with the path and are escaped for the terminal.
Result<Asset> loadAsset(const std::filesystem::path& path);

// Reads accessor `index` as floats (componentCount values per element; normalized integer
// types are mapped to [0,1] / [-1,1], other integers converted as is). Handles byteStride;
// sparse accessors are not supported (error). Safe on any Asset: members of the wrong JSON
// type, missing members and out-of-bounds data are errors ("/accessors/<i>: …"), and nothing
// is allocated before the data is known to hold it.
Result<std::vector<float>> readAccessorFloats(const Asset& asset, int index, int& componentCount);

}  // namespace sv::gltf
