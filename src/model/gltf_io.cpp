#include "model/gltf_io.h"

#include <cstring>
#include <fstream>
#include <sstream>

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
  switch (type) {
    case 5120:
    case 5121:
      return 1;
    case 5122:
    case 5123:
      return 2;
    case 5125:
    case 5126:
      return 4;
    default:
      return 0;
  }
}

int typeCount(const std::string& t) {
  if (t == "SCALAR") return 1;
  if (t == "VEC2") return 2;
  if (t == "VEC3") return 3;
  if (t == "VEC4") return 4;
  if (t == "MAT2") return 4;
  if (t == "MAT3") return 9;
  if (t == "MAT4") return 16;
  return 0;
}

std::string decodeBase64(std::string_view in) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  std::string out;
  out.reserve(in.size() * 3 / 4);
  unsigned acc = 0;
  int bits = 0;
  for (char c : in) {
    const int v = val(c);
    if (v < 0) continue;
    acc = (acc << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFFu));
    }
  }
  return out;
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
    for (const auto& [name, values] : doc.extraArrays) {
      extras["arrays"][name] = addArray(b, values, kFloat, "VEC3", 0);
    }
    for (const auto& [name, values] : doc.extraIndexArrays) {
      extras["arrays"][name] = addArray(b, values, kUnsignedInt, "SCALAR", 0);
    }
    root["extras"] = extras;
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
  if (bytes.size() >= 12 && bytes.substr(0, 4) == "glTF") {
    isGlb = true;
    std::size_t pos = 12;
    bool first = true;
    while (pos + 8 <= bytes.size()) {
      std::uint32_t len = 0, type = 0;
      std::memcpy(&len, bytes.data() + pos, 4);
      std::memcpy(&type, bytes.data() + pos + 4, 4);
      pos += 8;
      if (pos + len > bytes.size()) return Error{"glTF: truncated GLB chunk"};
      if (first && type != 0x4E4F534Au) return Error{"glTF: GLB does not start with JSON"};
      if (type == 0x4E4F534Au) {
        asset.json = nlohmann::json::parse(bytes.substr(pos, len), nullptr, false);
      } else if (type == 0x004E4942u) {
        glbBin = std::string(bytes.substr(pos, len));
      }
      first = false;
      pos += len;
    }
  } else {
    asset.json = nlohmann::json::parse(bytes, nullptr, false);
  }
  if (asset.json.is_discarded() || !asset.json.is_object()) {
    return Error{"glTF: invalid JSON"};
  }
  if (asset.json.contains("buffers")) {
    for (const auto& buf : asset.json["buffers"]) {
      if (!buf.contains("uri")) {
        if (!isGlb) return Error{"glTF: buffer without uri in a .gltf file"};
        asset.buffers.push_back(glbBin);
        continue;
      }
      const std::string uri = buf["uri"].get<std::string>();
      if (uri.rfind("data:", 0) == 0) {
        const std::size_t comma = uri.find(',');
        if (comma == std::string::npos) return Error{"glTF: malformed data URI"};
        asset.buffers.push_back(decodeBase64(std::string_view(uri).substr(comma + 1)));
      } else {
        std::ifstream in(baseDir / uri, std::ios::binary);
        if (!in) return Error{"glTF: cannot open buffer '" + uri + "'"};
        std::ostringstream ss;
        ss << in.rdbuf();
        asset.buffers.push_back(ss.str());
      }
    }
  }
  return asset;
}

Result<Asset> loadAsset(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path.string() + ": cannot open"};
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  return parseAsset(bytes, path.parent_path());
}

Result<std::vector<float>> readAccessorFloats(const Asset& asset, int index, int& componentCount) {
  const auto& j = asset.json;
  if (!j.contains("accessors") || index < 0 ||
      static_cast<std::size_t>(index) >= j["accessors"].size()) {
    return Error{"glTF: accessor " + std::to_string(index) + " out of range"};
  }
  const auto& acc = j["accessors"][static_cast<std::size_t>(index)];
  if (acc.contains("sparse")) return Error{"glTF: sparse accessors are not supported"};
  const int ctype = acc.value("componentType", 0);
  const int csize = componentSize(ctype);
  componentCount = typeCount(acc.value("type", std::string()));
  const std::size_t count = acc.value("count", std::size_t{0});
  const bool normalized = acc.value("normalized", false);
  if (csize == 0 || componentCount == 0) return Error{"glTF: bad accessor type"};
  std::vector<float> out(count * static_cast<std::size_t>(componentCount), 0.0f);
  if (!acc.contains("bufferView")) return out;  // all zeros per the spec
  const std::size_t viewIndex = acc["bufferView"].get<std::size_t>();
  if (viewIndex >= j["bufferViews"].size()) return Error{"glTF: bufferView out of range"};
  const auto& view = j["bufferViews"][viewIndex];
  const std::size_t buffer = view.value("buffer", std::size_t{0});
  if (buffer >= asset.buffers.size()) return Error{"glTF: buffer out of range"};
  const std::string& data = asset.buffers[buffer];
  const std::size_t elemSize = static_cast<std::size_t>(csize * componentCount);
  const std::size_t stride = view.value("byteStride", elemSize);
  const std::size_t base =
      view.value("byteOffset", std::size_t{0}) + acc.value("byteOffset", std::size_t{0});
  if (count > 0 && base + stride * (count - 1) + elemSize > data.size()) {
    return Error{"glTF: accessor " + std::to_string(index) + " exceeds its buffer"};
  }
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
