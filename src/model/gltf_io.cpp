#include "model/gltf_io.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/file_io.h"
#include "core/text.h"
#include "model/gltf_check.h"

namespace sv::gltf {
namespace {

using nlohmann::json;

constexpr int kFloat = 5126;
constexpr int kUnsignedByte = 5121;
constexpr int kUnsignedShort = 5123;
constexpr int kUnsignedInt = 5125;
constexpr int kArrayBuffer = 34962;
constexpr int kElementArrayBuffer = 34963;

// Accumulates binary data in 4-byte aligned views.
struct BinBuilder {
  std::string bin;
  json views = json::array();
  json accessors = json::array();

  int addView(const void* data, std::size_t bytes, int target) {
    while (bin.size() % 4 != 0) bin.push_back('\0');
    json v = {{"buffer", 0}, {"byteOffset", bin.size()}, {"byteLength", bytes}};
    if (target != 0) v["target"] = target;
    bin.append(static_cast<const char*>(data), bytes);
    views.push_back(v);
    return static_cast<int>(views.size()) - 1;
  }
  int addAccessor(int view, int componentType, std::size_t count, const char* type,
                  const json& minV = nullptr, const json& maxV = nullptr) {
    json a = {
        {"bufferView", view}, {"componentType", componentType}, {"count", count}, {"type", type}};
    if (!minV.is_null()) a["min"] = minV;
    if (!maxV.is_null()) a["max"] = maxV;
    accessors.push_back(a);
    return static_cast<int>(accessors.size()) - 1;
  }
};

template <class T>
int addArray(BinBuilder& b, const std::vector<T>& v, int componentType, const char* type,
             int target, const json& minV = nullptr, const json& maxV = nullptr) {
  const int view = b.addView(v.data(), v.size() * sizeof(T), target);
  return b.addAccessor(view, componentType, v.size(), type, minV, maxV);
}

json vec3Json(const glm::vec3& v) {
  return json::array({v.x, v.y, v.z});
}

void appendU32(std::string& s, std::uint32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);
  s.append(b, 4);
}

int componentSize(int type) {
  return componentBytes(type);
}

int typeCount(const std::string& t) {
  return componentCount(t);
}

// Decodes base64 (also the URL-safe alphabet); false on a character outside it. '=' padding
// and whitespace are skipped.
bool decodeBase64(std::string_view in, std::string& out) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  out.clear();
  out.reserve(in.size() * 3 / 4);
  unsigned acc = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=' || c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    const int v = val(c);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFFu));
    }
  }
  return true;
}

// Depth of the deepest array/object, walked without recursion; stops past `limit`.
std::size_t jsonDepth(const json& root, std::size_t limit) {
  std::vector<std::pair<const json*, std::size_t>> stack{{&root, 1}};
  std::size_t deepest = 0;
  while (!stack.empty()) {
    auto [v, d] = stack.back();
    stack.pop_back();
    if (!v->is_structured()) continue;
    deepest = std::max(deepest, d);
    if (deepest > limit) return deepest;
    for (const json& c : *v) stack.emplace_back(&c, d + 1);
  }
  return deepest;
}

// "%2e%2E" -> ".."; false on a malformed escape.
bool percentDecode(std::string_view in, std::string& out) {
  out.clear();
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out += in[i];
      continue;
    }
    if (i + 2 >= in.size() || hex(in[i + 1]) < 0 || hex(in[i + 2]) < 0) return false;
    out += static_cast<char>(hex(in[i + 1]) * 16 + hex(in[i + 2]));
    i += 2;
  }
  return true;
}

// Why a buffer URI may not be read, or "" when it is a relative path of a file beside the
// model (or below it): no scheme, no absolute path, no "..", no backslash or NUL.
std::string uriProblem(const std::string& path) {
  if (path.empty()) return "empty URI";
  if (path.find('\0') != std::string::npos) return "NUL byte in the URI";
  if (path.find('\\') != std::string::npos) return "backslash in the URI (use '/')";
  if (path.front() == '/') {
    return "absolute path \"" + path + "\" (only files beside the model are read)";
  }
  const auto colon = path.find(':');
  const auto slash = path.find('/');
  if (colon != std::string::npos && (slash == std::string::npos || colon < slash)) {
    return "URI scheme in \"" + path + "\" (only data: URIs and relative file paths)";
  }
  for (std::size_t start = 0; start <= path.size();) {
    const auto end = std::min(path.find('/', start), path.size());
    if (path.substr(start, end - start) == "..") {
      return "\"..\" in \"" + path + "\" (only files beside the model are read)";
    }
    start = end + 1;
  }
  return "";
}

// Reads the buffer file `relative` of a model in `baseDir`: a regular file (never a FIFO or
// device, links followed) that lies, once links are resolved, inside baseDir, within the
// size limit.
Result<std::string> readBufferFile(const std::filesystem::path& baseDir,
                                   const std::string& relative, const std::string& ptr) {
  namespace fs = std::filesystem;
  const fs::path full = (baseDir.empty() ? fs::path(".") : baseDir) / relative;
  auto bytes = readFile(full, kMaxBufferBytes);
  if (!bytes) return Error{ptr + ": " + bytes.error().message};
  std::error_code ec;
  const fs::path dir = fs::canonical(baseDir.empty() ? fs::path(".") : baseDir, ec);
  const fs::path file = ec ? fs::path() : fs::canonical(full, ec);
  const std::string prefix = dir.string() + (dir.string().back() == '/' ? "" : "/");
  if (ec || file.string().rfind(prefix, 0) != 0) {
    return Error{ptr + ": \"" + relative + "\" resolves outside the model's directory"};
  }
  return bytes;
}

}  // namespace

std::string writeGlb(const Document& doc) {
  BinBuilder b;
  json root;
  root["asset"] = {{"version", "2.0"}, {"generator", doc.generator}};
  root["scene"] = 0;

  json nodes = json::array();
  json roots = json::array();
  for (std::size_t i = 0; i < doc.nodes.size(); ++i) {
    const Node& n = doc.nodes[i];
    json jn = json::object();
    if (!n.name.empty()) jn["name"] = n.name;
    if (n.translation != glm::vec3(0.0f)) jn["translation"] = vec3Json(n.translation);
    if (n.rotation != glm::quat(1.0f, 0.0f, 0.0f, 0.0f)) {
      jn["rotation"] = json::array({n.rotation.x, n.rotation.y, n.rotation.z, n.rotation.w});
    }
    if (n.scale != glm::vec3(1.0f)) jn["scale"] = vec3Json(n.scale);
    if (i < doc.nodeExtras.size() && doc.nodeExtras[i].is_object())
      jn["extras"] = doc.nodeExtras[i];
    nodes.push_back(jn);
    if (n.parent < 0) roots.push_back(i);
  }
  for (std::size_t i = 0; i < doc.nodes.size(); ++i) {
    const int p = doc.nodes[i].parent;
    if (p >= 0) nodes[static_cast<std::size_t>(p)]["children"].push_back(i);
  }
  root["scenes"] = json::array({json{{"nodes", roots}}});

  // Mesh.
  json attributes = json::object();
  glm::vec3 lo(0.0f), hi(0.0f);
  if (!doc.positions.empty()) {
    lo = hi = doc.positions[0];
    for (const glm::vec3& p : doc.positions) {
      lo = glm::min(lo, p);
      hi = glm::max(hi, p);
    }
  }
  attributes["POSITION"] =
      addArray(b, doc.positions, kFloat, "VEC3", kArrayBuffer, vec3Json(lo), vec3Json(hi));
  if (!doc.normals.empty()) {
    attributes["NORMAL"] = addArray(b, doc.normals, kFloat, "VEC3", kArrayBuffer);
  }
  if (!doc.joints0.empty()) {
    attributes["JOINTS_0"] = addArray(b, doc.joints0, kUnsignedShort, "VEC4", kArrayBuffer);
    attributes["WEIGHTS_0"] = addArray(b, doc.weights0, kFloat, "VEC4", kArrayBuffer);
  }
  if (!doc.joints1.empty()) {
    attributes["JOINTS_1"] = addArray(b, doc.joints1, kUnsignedShort, "VEC4", kArrayBuffer);
    attributes["WEIGHTS_1"] = addArray(b, doc.weights1, kFloat, "VEC4", kArrayBuffer);
  }
  if (!doc.muscle.empty()) {
    attributes["_MUSCLE"] = addArray(b, doc.muscle, kFloat, "SCALAR", kArrayBuffer);
  }
  for (const Document::ByteAttribute& a : doc.byteAttributes) {
    const int acc = addArray(b, a.values, kUnsignedByte, "VEC4", kArrayBuffer);
    if (a.normalized) b.accessors[static_cast<std::size_t>(acc)]["normalized"] = true;
    attributes[a.name] = acc;
  }
  const int indexAccessor = addArray(b, doc.indices, kUnsignedInt, "SCALAR", kElementArrayBuffer);
  json primitive = {
      {"attributes", attributes}, {"indices", indexAccessor}, {"mode", 4}, {"material", 0}};
  json mesh = {{"name", doc.meshName}};
  if (!doc.morphTargets.empty()) {
    json targets = json::array();
    for (const std::vector<glm::vec3>& t : doc.morphTargets) {
      glm::vec3 tlo(0.0f), thi(0.0f);
      if (!t.empty()) {
        tlo = thi = t[0];
        for (const glm::vec3& d : t) {
          tlo = glm::min(tlo, d);
          thi = glm::max(thi, d);
        }
      }
      targets.push_back({{"POSITION", addArray(b, t, kFloat, "VEC3", kArrayBuffer, vec3Json(tlo),
                                               vec3Json(thi))}});
    }
    primitive["targets"] = targets;
    mesh["weights"] = std::vector<float>(doc.morphTargets.size(), 0.0f);
    if (!doc.targetNames.empty()) mesh["extras"] = {{"targetNames", doc.targetNames}};
  }
  mesh["primitives"] = json::array({primitive});
  root["meshes"] = json::array({mesh});
  root["materials"] = json::array(
      {json{{"name", doc.materialName},
            {"pbrMetallicRoughness",
             {{"baseColorFactor",
               json::array({doc.baseColor.r, doc.baseColor.g, doc.baseColor.b, doc.baseColor.a})},
              {"metallicFactor", 0.0},
              {"roughnessFactor", doc.roughness}}}}});
  if (doc.meshNode >= 0 && static_cast<std::size_t>(doc.meshNode) < nodes.size()) {
    nodes[static_cast<std::size_t>(doc.meshNode)]["mesh"] = 0;
    if (!doc.skinJoints.empty()) nodes[static_cast<std::size_t>(doc.meshNode)]["skin"] = 0;
  }

  if (!doc.skinJoints.empty()) {
    std::vector<float> ibm;
    ibm.reserve(doc.inverseBind.size() * 16);
    for (const glm::mat4& m : doc.inverseBind) {
      for (int c = 0; c < 4; ++c) {
        for (int r = 0; r < 4; ++r) ibm.push_back(m[c][r]);  // column-major, as glTF
      }
    }
    const int view = b.addView(ibm.data(), ibm.size() * sizeof(float), 0);
    const int acc = b.addAccessor(view, kFloat, doc.inverseBind.size(), "MAT4");
    json skin = {{"joints", doc.skinJoints}, {"inverseBindMatrices", acc}};
    if (doc.skinSkeleton >= 0) skin["skeleton"] = doc.skinSkeleton;
    root["skins"] = json::array({skin});
  }
  root["nodes"] = nodes;

  if (!doc.animation.empty()) {
    json samplers = json::array();
    json channels = json::array();
    for (const Channel& c : doc.animation) {
      float tMin = c.times.empty() ? 0.0f : c.times.front();
      float tMax = c.times.empty() ? 0.0f : c.times.back();
      const int input =
          addArray(b, c.times, kFloat, "SCALAR", 0, json::array({tMin}), json::array({tMax}));
      int output = 0;
      if (c.path == Channel::Path::Rotation) {
        output = addArray(b, c.values, kFloat, "VEC4", 0);
      } else {
        std::vector<glm::vec3> v3;
        for (const glm::vec4& v : c.values) v3.emplace_back(v);
        output = addArray(b, v3, kFloat, "VEC3", 0);
      }
      samplers.push_back({{"input", input}, {"output", output}, {"interpolation", "LINEAR"}});
      const char* path = c.path == Channel::Path::Rotation      ? "rotation"
                         : c.path == Channel::Path::Translation ? "translation"
                                                                : "scale";
      channels.push_back(
          {{"sampler", samplers.size() - 1}, {"target", {{"node", c.node}, {"path", path}}}});
    }
    root["animations"] = json::array(
        {json{{"name", doc.animationName}, {"samplers", samplers}, {"channels", channels}}});
  }

  if (doc.extras.is_object() || !doc.extraArrays.empty() || !doc.extraIndexArrays.empty()) {
    json extras = doc.extras.is_object() ? doc.extras : json::object();
    // An empty array is left out: glTF accessors and views cannot be empty (count >= 1).
    for (const auto& [name, values] : doc.extraArrays) {
      if (!values.empty()) extras["arrays"][name] = addArray(b, values, kFloat, "VEC3", 0);
    }
    for (const auto& [name, values] : doc.extraIndexArrays) {
      if (!values.empty()) extras["arrays"][name] = addArray(b, values, kUnsignedInt, "SCALAR", 0);
    }
    root["extras"] = extras;
  }

  if (doc.extensions.is_object() && !doc.extensions.empty()) {
    root["extensions"] = doc.extensions;
    json used = json::array();
    for (const auto& [name, value] : doc.extensions.items()) used.push_back(name);
    root["extensionsUsed"] = used;
  }

  while (b.bin.size() % 4 != 0) b.bin.push_back('\0');
  root["buffers"] = json::array({json{{"byteLength", b.bin.size()}}});
  root["bufferViews"] = b.views;
  root["accessors"] = b.accessors;

  std::string text = root.dump();
  while (text.size() % 4 != 0) text.push_back(' ');
  std::string out;
  const auto total = static_cast<std::uint32_t>(12 + 8 + text.size() + 8 + b.bin.size());
  appendU32(out, 0x46546C67u);  // "glTF"
  appendU32(out, 2u);
  appendU32(out, total);
  appendU32(out, static_cast<std::uint32_t>(text.size()));
  appendU32(out, 0x4E4F534Au);  // "JSON"
  out += text;
  appendU32(out, static_cast<std::uint32_t>(b.bin.size()));
  appendU32(out, 0x004E4942u);  // "BIN\0"
  out += b.bin;
  return out;
}

Result<Asset> parseAsset(std::string_view bytes, const std::filesystem::path& baseDir) {
  Asset asset;
  std::string glbBin;
  bool isGlb = false;
  bool hasBin = false;
  if (bytes.size() >= 4 && bytes.substr(0, 4) == "glTF") {
    isGlb = true;
    if (bytes.size() < 12) return Error{"not a model: truncated GLB header"};
    std::uint32_t version = 0, total = 0;
    std::memcpy(&version, bytes.data() + 4, 4);
    std::memcpy(&total, bytes.data() + 8, 4);
    if (version != 2) {
      return Error{"not a model: GLB container version " + std::to_string(version) +
                   " (this program reads glTF 2.0)"};
    }
    if (total < bytes.size()) bytes = bytes.substr(0, total);  // trailing bytes are not the file's
    std::size_t pos = 12;
    bool haveJson = false;
    while (pos + 8 <= bytes.size()) {
      std::uint32_t len = 0, type = 0;
      std::memcpy(&len, bytes.data() + pos, 4);
      std::memcpy(&type, bytes.data() + pos + 4, 4);
      pos += 8;
      if (len > bytes.size() - pos) return Error{"not a model: truncated GLB chunk"};
      if (!haveJson) {
        if (type != 0x4E4F534Au) return Error{"not a model: GLB does not start with JSON"};
        asset.json = nlohmann::json::parse(bytes.substr(pos, len), nullptr, false);
        haveJson = true;
      } else if (type == 0x004E4942u && !hasBin) {  // the BIN chunk follows the JSON chunk
        glbBin = std::string(bytes.substr(pos, len));
        hasBin = true;
      }
      pos += len;
    }
    if (!haveJson) return Error{"not a model: GLB without a JSON chunk"};
  } else {
    asset.json = nlohmann::json::parse(bytes, nullptr, false);
  }
  if (asset.json.is_discarded()) return Error{"not a model: the glTF JSON is malformed"};
  if (!asset.json.is_object()) return Error{"not a model: the glTF JSON is not an object"};
  // Before anything walks it recursively (nlohmann's copies and dumps, assimp's rapidjson).
  if (jsonDepth(asset.json, kMaxJsonDepth) > kMaxJsonDepth) {
    return Error{"/: JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"};
  }
  if (const auto it = asset.json.find("buffers"); it != asset.json.end()) {
    if (!it->is_array()) return Error{"/buffers: expected an array"};
    std::size_t total = 0;
    for (std::size_t i = 0; i < it->size(); ++i) {
      const auto& buf = (*it)[i];
      const std::string ptr = "/buffers/" + std::to_string(i);
      if (!buf.is_object()) return Error{ptr + ": expected an object"};
      const auto uriIt = buf.find("uri");
      if (uriIt == buf.end()) {
        if (!isGlb || i != 0 || !hasBin) {
          return Error{ptr +
                       ": a buffer without \"uri\" must be the first buffer of a .glb "
                       "file with a BIN chunk"};
        }
        asset.buffers.push_back(glbBin);
      } else if (!uriIt->is_string()) {
        return Error{ptr + "/uri: expected a string"};
      } else {
        const std::string uri = uriIt->get<std::string>();
        std::string data;
        if (uri.rfind("data:", 0) == 0) {
          const std::size_t comma = uri.find(',');
          if (comma == std::string::npos || uri.rfind(";base64", comma) == std::string::npos) {
            return Error{ptr + "/uri: a data URI must be base64 (\"data:…;base64,…\")"};
          }
          if (!decodeBase64(std::string_view(uri).substr(comma + 1), data)) {
            return Error{ptr + "/uri: invalid base64 in the data URI"};
          }
        } else {
          // assimp 5.2 opens the URI as written (no %-decoding), so that is what is read
          // here too; the decoded form must pass the same rules ("%2e%2e/" is "../").
          std::string decoded;
          if (!percentDecode(uri, decoded)) {
            return Error{ptr + "/uri: malformed %-escape in the URI"};
          }
          for (const std::string& path : {uri, decoded}) {
            if (const std::string why = uriProblem(path); !why.empty()) {
              return Error{ptr + "/uri: " + why};
            }
          }
          auto file = readBufferFile(baseDir, uri, ptr + "/uri");
          if (!file) return file.error();
          data = std::move(*file);
        }
        if (data.size() > kMaxBufferBytes) {
          return Error{ptr + ": buffer of " + formatBytes(data.size()) + " (the limit is " +
                       formatBytes(kMaxBufferBytes) + ")"};
        }
        asset.buffers.push_back(std::move(data));
      }
      total += asset.buffers.back().size();
      if (total > kMaxTotalBufferBytes) {
        return Error{ptr + ": the buffers exceed " + formatBytes(kMaxTotalBufferBytes) + " in all"};
      }
    }
  }
  if (Status st = checkDocument(asset); !st) return st.error();
  return asset;
}

Result<Asset> loadAsset(const std::filesystem::path& path) {
  auto bytes = readFile(path, kMaxModelFileBytes);
  if (!bytes) return Error{escapeForTerminal(bytes.error().message)};
  auto asset = parseAsset(*bytes, path.parent_path());
  if (!asset) return Error{escapeForTerminal(path.string() + ": " + asset.error().message)};
  return asset;
}

Result<std::vector<float>> readAccessorFloats(const Asset& asset, int index, int& componentCount) {
  // Every member is type-checked and every bound is checked (overflow-safe) before anything
  // is allocated: the asset may not have passed checkDocument.
  const auto& j = asset.json;
  const std::string ptr = "/accessors/" + std::to_string(index);
  const auto accessors = j.find("accessors");
  if (accessors == j.end() || !accessors->is_array() || index < 0 ||
      static_cast<std::size_t>(index) >= accessors->size()) {
    return Error{ptr + ": accessor " + std::to_string(index) + " does not exist"};
  }
  const auto& acc = (*accessors)[static_cast<std::size_t>(index)];
  auto uintOf = [](const nlohmann::json& obj, const char* key, std::uint64_t fallback,
                   std::uint64_t& out) {
    const auto it = obj.find(key);
    if (it == obj.end()) {
      out = fallback;
      return true;
    }
    if (!it->is_number_unsigned()) return false;
    out = it->get<std::uint64_t>();
    return true;
  };
  if (!acc.is_object()) return Error{ptr + ": expected an object"};
  if (acc.contains("sparse")) return Error{ptr + ": sparse accessors are not supported"};
  std::uint64_t ctypeU = 0, count = 0, accOffset = 0;
  const auto type = acc.find("type");
  if (!uintOf(acc, "componentType", 0, ctypeU) || !uintOf(acc, "count", 0, count) ||
      !uintOf(acc, "byteOffset", 0, accOffset) || type == acc.end() || !type->is_string()) {
    return Error{ptr + ": componentType, count, byteOffset or type of the wrong JSON type"};
  }
  const int ctype = ctypeU <= 0xFFFF ? static_cast<int>(ctypeU) : 0;
  const int csize = componentSize(ctype);
  componentCount = typeCount(type->get<std::string>());
  const auto normalizedIt = acc.find("normalized");
  const bool normalized =
      normalizedIt != acc.end() && normalizedIt->is_boolean() && normalizedIt->get<bool>();
  if (csize == 0 || componentCount == 0) return Error{ptr + ": unknown component type or type"};
  const std::uint64_t elemSize =
      static_cast<std::uint64_t>(csize) * static_cast<std::uint64_t>(componentCount);
  const auto viewIt = acc.find("bufferView");
  if (viewIt == acc.end()) {  // all zeros per the spec
    if (!rangeFits(0, elemSize, count, elemSize, kMaxBufferBytes)) {
      return Error{ptr + ": " + std::to_string(count) + " elements without a bufferView: too many"};
    }
    return std::vector<float>(
        static_cast<std::size_t>(count) * static_cast<std::size_t>(componentCount), 0.0f);
  }
  const auto views = j.find("bufferViews");
  if (!viewIt->is_number_unsigned() || views == j.end() || !views->is_array() ||
      viewIt->get<std::uint64_t>() >= views->size()) {
    return Error{ptr + "/bufferView: not the index of a bufferView"};
  }
  const auto& view = (*views)[static_cast<std::size_t>(viewIt->get<std::uint64_t>())];
  std::uint64_t buffer = 0, viewOffset = 0, viewLength = 0, stride = 0;
  if (!view.is_object() || !uintOf(view, "buffer", 0, buffer) ||
      !uintOf(view, "byteOffset", 0, viewOffset) || !uintOf(view, "byteLength", 0, viewLength) ||
      !uintOf(view, "byteStride", elemSize, stride)) {
    return Error{ptr + ": its bufferView has a member of the wrong JSON type"};
  }
  if (buffer >= asset.buffers.size())
    return Error{ptr + ": its bufferView's buffer does not exist"};
  const std::string& data = asset.buffers[static_cast<std::size_t>(buffer)];
  if (stride < elemSize || !rangeFits(viewOffset, 0, 1, viewLength, data.size()) ||
      !rangeFits(accOffset, stride, count, elemSize, viewLength)) {
    return Error{ptr + ": " + std::to_string(count) + " elements exceed its bufferView or buffer"};
  }
  const std::size_t base = static_cast<std::size_t>(viewOffset + accOffset);
  std::vector<float> out(static_cast<std::size_t>(count) * static_cast<std::size_t>(componentCount),
                         0.0f);
  for (std::size_t e = 0; e < count; ++e) {
    const char* p = data.data() + base + stride * e;
    for (int c = 0; c < componentCount; ++c) {
      const char* q = p + c * csize;
      float v = 0.0f;
      switch (ctype) {
        case 5120: {
          std::int8_t x;
          std::memcpy(&x, q, 1);
          v = normalized ? std::max(static_cast<float>(x) / 127.0f, -1.0f) : x;
          break;
        }
        case 5121: {
          std::uint8_t x;
          std::memcpy(&x, q, 1);
          v = normalized ? static_cast<float>(x) / 255.0f : x;
          break;
        }
        case 5122: {
          std::int16_t x;
          std::memcpy(&x, q, 2);
          v = normalized ? std::max(static_cast<float>(x) / 32767.0f, -1.0f) : x;
          break;
        }
        case 5123: {
          std::uint16_t x;
          std::memcpy(&x, q, 2);
          v = normalized ? static_cast<float>(x) / 65535.0f : x;
          break;
        }
        case 5125: {
          std::uint32_t x;
          std::memcpy(&x, q, 4);
          v = static_cast<float>(x);
          break;
        }
        default:
          std::memcpy(&v, q, 4);
      }
      out[e * static_cast<std::size_t>(componentCount) + static_cast<std::size_t>(c)] = v;
    }
  }
  return out;
}

}  // namespace sv::gltf
