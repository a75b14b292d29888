#include "model/model_import.h"
#include "model/mesh_lod.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <map>

#include <assimp/commonMetaData.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <assimp/Importer.hpp>

#include <glm/gtc/type_ptr.hpp>

#include "core/file_io.h"
#include "core/log.h"
#include "core/text.h"
#include "model/gltf_io.h"

namespace sv {
namespace {

glm::mat4 toGlm(const aiMatrix4x4& m) {
  // aiMatrix4x4 is row-major (a1..a4 = first row); GLM is column-major.
  return glm::transpose(glm::make_mat4(&m.a1));
}

NodeTransform decompose(const aiMatrix4x4& m) {
  aiVector3D s, p;
  aiQuaternion r;
  m.Decompose(s, r, p);
  NodeTransform t;
  t.translation = {p.x, p.y, p.z};
  t.rotation = glm::normalize(glm::quat(r.w, r.x, r.y, r.z));
  t.scale = {s.x, s.y, s.z};
  return t;
}

// "nodes[12]" -> 12 (assimp's name for an unnamed glTF node), else -1. A number too large for
// an int ("nodes[99999999999]", a node's real name) is no index: -1, never an exception.
int unnamedIndex(const std::string& name) {
  if (name.size() < 8 || name.rfind("nodes[", 0) != 0 || name.back() != ']') return -1;
  const char* first = name.data() + 6;
  const char* last = name.data() + name.size() - 1;
  int index = -1;
  const auto r = std::from_chars(first, last, index);
  if (r.ec != std::errc() || r.ptr != last || index < 0) return -1;
  return index;
}

bool isGltf(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext == ".gltf" || ext == ".glb" || ext == ".vrm";  // a VRM avatar is a GLB
}

// Name assimp gives glTF node i.
std::string assimpNodeName(const nlohmann::json& gltfNodes, std::size_t i) {
  const auto& n = gltfNodes[i];
  if (n.contains("name") && n["name"].is_string() && !n["name"].get<std::string>().empty()) {
    return n["name"].get<std::string>();
  }
  return "nodes[" + std::to_string(i) + "]";
}

// Checks on the raw glTF that assimp does not make: joint names and JOINTS_n ranges.
Status checkGltf(const gltf::Asset& asset, const std::string& file) {
  const auto& j = asset.json;
  if (!j.contains("skins") || j["skins"].empty()) return {};
  const auto& nodes = j.value("nodes", nlohmann::json::array());
  for (const auto& skin : j["skins"]) {
    std::map<std::string, std::size_t> seen;
    const auto& joints = skin.value("joints", nlohmann::json::array());
    for (std::size_t k = 0; k < joints.size(); ++k) {
      const std::size_t node = joints[k].get<std::size_t>();
      if (node >= nodes.size()) {
        return Error{file + ": skin joint " + std::to_string(k) + " refers to node " +
                     std::to_string(node) + ", which does not exist"};
      }
      if (!nodes[node].contains("name")) continue;
      const std::string name = nodes[node]["name"].get<std::string>();
      auto [it, fresh] = seen.emplace(name, k);
      if (!fresh) {
        return Error{file + ": duplicate joint name '" + name + "' (skin joints " +
                     std::to_string(it->second) + " and " + std::to_string(k) + ")"};
      }
    }
  }
  // JOINTS_n of every skinned node's primitives against that skin's joint count.
  for (const auto& node : nodes) {
    if (!node.contains("mesh") || !node.contains("skin")) continue;
    const std::size_t meshIndex = node["mesh"].get<std::size_t>();
    const std::size_t skinIndex = node["skin"].get<std::size_t>();
    if (meshIndex >= j["meshes"].size() || skinIndex >= j["skins"].size()) continue;
    const std::size_t jointCount = j["skins"][skinIndex]["joints"].size();
    for (const auto& prim : j["meshes"][meshIndex]["primitives"]) {
      for (const auto& [key, value] : prim["attributes"].items()) {
        if (key.rfind("JOINTS_", 0) != 0) continue;
        const std::string weightsKey = "WEIGHTS_" + key.substr(7);
        int cc = 0, wc = 0;
        auto joints = gltf::readAccessorFloats(asset, value.get<int>(), cc);
        if (!joints) return Error{file + ": " + joints.error().message};
        std::vector<float> weights;
        if (prim["attributes"].contains(weightsKey)) {
          auto w = gltf::readAccessorFloats(asset, prim["attributes"][weightsKey].get<int>(), wc);
          if (!w) return Error{file + ": " + w.error().message};
          // checkDocument gives both POSITION's count; checked again: weights[e] below.
          if (wc != cc || w->size() != joints->size()) {
            return Error{file + ": " + weightsKey + " and " + key + " differ in length in mesh " +
                         std::to_string(meshIndex)};
          }
          weights = std::move(w.value());
        }
        for (std::size_t e = 0; e < joints->size(); ++e) {
          const float ji = (*joints)[e];
          if (!weights.empty() && weights[e] <= 0.0f) continue;  // unused slot
          if (ji >= static_cast<float>(jointCount)) {
            return Error{file + ": joint index " + std::to_string(static_cast<long>(ji)) +
                         " out of range (skin has " + std::to_string(jointCount) +
                         " joints) in mesh " + std::to_string(meshIndex)};
          }
        }
      }
    }
  }
  return {};
}

std::string lowerExtension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext;
}

template <class T>
bool metaValue(const aiScene& scene, const char* key, T& out) {
  return scene.mMetaData != nullptr && scene.mMetaData->Get(key, out);
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// FBX declares its units and axes in GlobalSettings; assimp 5.2 copies them into the scene's
// metadata without applying them (AI_CONFIG_FBX_CONVERT_TO_M is off, and there is no axis
// conversion at all). UnitScaleFactor is centimetres per unit.
void fbxUnits(const aiScene& scene, SourceUnits& u) {
  float usfF = 0.0f;
  double usf = 0.0;
  if (metaValue(scene, "UnitScaleFactor", usfF)) {
    usf = usfF;
  } else if (!metaValue(scene, "UnitScaleFactor", usf)) {
    usf = 0.0;
  }
  if (std::isfinite(usf) && usf > 0.0) {
    u.metresPerUnit = usf / 100.0;
    const char* name = usf == 1.0     ? " (centimetres)"
                       : usf == 100.0 ? " (metres)"
                       : usf == 0.1   ? " (millimetres)"
                       : usf == 2.54  ? " (inches)"
                                      : "";
    u.unitDeclared = "FBX UnitScaleFactor " + number(usf) + name;
  }
  int up = -1, upSign = 0, front = -1, frontSign = 0, coord = -1, coordSign = 0;
  if (!metaValue(scene, "UpAxis", up) || !metaValue(scene, "UpAxisSign", upSign) ||
      !metaValue(scene, "FrontAxis", front) || !metaValue(scene, "FrontAxisSign", frontSign) ||
      !metaValue(scene, "CoordAxis", coord) || !metaValue(scene, "CoordAxisSign", coordSign)) {
    return;
  }
  auto axis = [](int a, int sign) {
    glm::vec3 v(0.0f);
    if (a >= 0 && a <= 2) v[a] = sign < 0 ? -1.0f : 1.0f;
    return v;
  };
  const glm::vec3 c = axis(coord, coordSign), upV = axis(up, upSign), f = axis(front, frontSign);
  auto name = [](const glm::vec3& v) {
    for (int i = 0; i < 3; ++i) {
      if (v[i] != 0.0f) return std::string(v[i] < 0.0f ? "-" : "+") + "XYZ"[i];
    }
    return std::string("?");
  };
  u.axisDeclared = "FBX UpAxis " + name(upV) + ", FrontAxis " + name(f) + ", CoordAxis " + name(c);
  // The declared axes must be a right-handed frame (coord = right, up, front): then the
  // rotation taking them to +X, +Y, +Z is the transpose of the matrix with those columns.
  if (glm::dot(c, glm::cross(upV, f)) > 0.5f) {
    u.axisToYUp = glm::normalize(glm::quat_cast(glm::transpose(glm::mat3(c, upV, f))));
  } else {
    u.axisDeclared += " (not a right-handed frame: ignored)";
  }
}

// Collada: assimp 5.2 applies <unit meter> (as the root node's scale) and <up_axis> (as its
// rotation) itself; the declared values are read from the file's <asset> header for the
// report only.
void colladaUnits(const std::filesystem::path& path, SourceUnits& u) {
  u.metresPerUnit = 1.0;
  u.axisToYUp = glm::quat(1.0f, 0.0f, 0.0f, 0.0f);
  std::ifstream in(path, std::ios::binary);
  std::string head(64 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  std::string meter = "1 (the default)", upAxis = "Y_UP (the default)";
  if (const auto at = head.find("<unit"); at != std::string::npos) {
    const auto end = head.find('>', at);
    const auto m = head.find("meter=\"", at);
    if (m != std::string::npos && m < end) {
      const auto q = head.find('"', m + 7);
      if (q != std::string::npos && q - (m + 7) < 32) meter = head.substr(m + 7, q - (m + 7));
    }
  }
  if (const auto at = head.find("<up_axis>"); at != std::string::npos) {
    const auto end = head.find("</up_axis>", at);
    if (end != std::string::npos && end - at < 40) upAxis = head.substr(at + 9, end - at - 9);
  }
  u.unitDeclared = "Collada <unit meter=" + meter + "> (applied by assimp)";
  u.axisDeclared = "Collada <up_axis> " + upAxis + " (applied by assimp)";
}

// glTF VRM 0.x (extensions.VRM.humanoid.humanBones: [{bone, node}]) and VRM 1.0
// (extensions.VRMC_vrm.humanoid.humanBones: {name: {node}}) bone maps, as RiggedModel nodes.
void vrmBones(const nlohmann::json& j, const RiggedModel& model, SourceUnits& u) {
  if (!j.contains("extensions") || !j["extensions"].is_object()) return;
  const auto& ext = j["extensions"];
  auto nodeOf = [&](const nlohmann::json& v) {
    if (!v.is_number_integer()) return -1;
    const auto src = v.get<long long>();
    for (std::size_t i = 0; i < model.sourceIndex.size(); ++i) {
      if (model.sourceIndex[i] == src) return static_cast<int>(i);
    }
    return -1;
  };
  auto humanBones = [](const nlohmann::json& e) -> const nlohmann::json* {
    if (!e.is_object() || !e.contains("humanoid") || !e["humanoid"].is_object()) return nullptr;
    const auto& h = e["humanoid"];
    return h.contains("humanBones") ? &h["humanBones"] : nullptr;
  };
  if (ext.contains("VRMC_vrm")) {
    if (const auto* hb = humanBones(ext["VRMC_vrm"]); hb && hb->is_object()) {
      for (const auto& [name, v] : hb->items()) {
        if (v.is_object() && v.contains("node"))
          u.humanoidBones.push_back({name, nodeOf(v["node"])});
      }
    }
  }
  if (ext.contains("VRM")) {
    if (const auto* hb = humanBones(ext["VRM"]); hb && hb->is_array()) {
      for (const auto& v : *hb) {
        if (v.is_object() && v.contains("bone") && v["bone"].is_string() && v.contains("node")) {
          u.humanoidBones.push_back({v["bone"].get<std::string>(), nodeOf(v["node"])});
        }
      }
    }
  }
}

SourceUnits sourceUnits(const aiScene& scene, const std::filesystem::path& path,
                        const nlohmann::json* gltfJson, const RiggedModel& model) {
  SourceUnits u;
  const std::string ext = lowerExtension(path);
  if (gltfJson != nullptr) {
    u.format = "glTF";
    u.metresPerUnit = 1.0;
    u.axisToYUp = glm::quat(1.0f, 0.0f, 0.0f, 0.0f);
    u.unitDeclared = "glTF (metres by definition)";
    u.axisDeclared = "glTF (+Y up by definition)";
    vrmBones(*gltfJson, model, u);
  } else if (ext == ".fbx") {
    u.format = "FBX";
    fbxUnits(scene, u);
  } else if (ext == ".dae") {
    u.format = "Collada";
    colladaUnits(path, u);
  } else {
    aiString f;
    u.format = metaValue(scene, AI_METADATA_SOURCE_FORMAT, f) ? f.C_Str() : ext;
  }
  return u;
}

Result<RiggedModel> importUnchecked(const std::filesystem::path& path,
                                    const ImportOptions& options) {
  const std::string file = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found)
    return Error{file + ": file not found"};
  if (std::filesystem::is_directory(status)) return Error{file + ": is a directory, not a model"};
  if (!std::filesystem::is_regular_file(status)) {
    return Error{file + ": is not a regular file" + (ec ? " (" + ec.message() + ")" : "")};
  }
  if (const auto size = std::filesystem::file_size(path, ec);
      !ec && size > gltf::kMaxModelFileBytes) {
    return Error{file + ": file too large: " + formatBytes(size) + " (the limit is " +
                 formatBytes(gltf::kMaxModelFileBytes) + ")"};
  }

  std::optional<gltf::Asset> asset;
  if (isGltf(path)) {
    // The project's reader checks the whole document (gltf_check.h) before assimp sees it.
    auto a = gltf::loadAsset(path);
    if (!a) return a.error();
    if (Status s = checkGltf(*a, file); !s) return s.error();
    asset = std::move(a.value());
  }

  Assimp::Importer importer;
  constexpr unsigned kSteps = aiProcess_Triangulate | aiProcess_GenSmoothNormals;
  const aiScene* scene = nullptr;
  if (lowerExtension(path) == ".vrm") {
    // assimp 5.2 knows a VRM file by neither its extension nor its content: it is a GLB (its
    // buffers inside), read from memory as one.
    auto bytes = readFile(path, gltf::kMaxModelFileBytes);
    if (!bytes) return bytes.error();
    scene = importer.ReadFileFromMemory(bytes->data(), bytes->size(), kSteps, "glb");
  } else {
    scene = importer.ReadFile(file, kSteps);
  }
  if (scene == nullptr || (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) || !scene->mRootNode) {
    return Error{file + ": not a model: " + importer.GetErrorString()};
  }

  RiggedModel model;
  // Node tree, depth first, parents before children.
  std::vector<const aiNode*> nodes;
  std::map<std::string, int> nodeByName;  // first node of each name
  {
    std::vector<std::pair<const aiNode*, int>> stack{{scene->mRootNode, -1}};
    while (!stack.empty()) {
      auto [n, parent] = stack.back();
      stack.pop_back();
      const int index = static_cast<int>(nodes.size());
      nodes.push_back(n);
      const std::string name = n->mName.C_Str();
      const int unnamed = unnamedIndex(name);
      model.nodeNames.push_back(unnamed >= 0 ? std::string() : name);
      model.sourceIndex.push_back(unnamed);
      model.parents.push_back(parent);
      model.restLocal.push_back(decompose(n->mTransformation));
      nodeByName.emplace(name, index);
      for (unsigned c = n->mNumChildren; c-- > 0;) stack.push_back({n->mChildren[c], index});
    }
  }
  if (asset) {  // source indices of named glTF nodes
    const auto& gn = asset->json.value("nodes", nlohmann::json::array());
    for (std::size_t i = 0; i < gn.size(); ++i) {
      auto it = nodeByName.find(assimpNodeName(gn, i));
      if (it != nodeByName.end())
        model.sourceIndex[static_cast<std::size_t>(it->second)] = static_cast<int>(i);
    }
  }

  // Skin joints (keyed by node and offset matrix) and meshes.
  std::map<int, std::vector<int>> jointsOfNode;  // node -> skin joint indices
  auto jointFor = [&](int node, const glm::mat4& ibm) {
    for (int j : jointsOfNode[node]) {
      if (model.inverseBind[static_cast<std::size_t>(j)] == ibm) return j;
    }
    const int j = static_cast<int>(model.skinJointNode.size());
    model.skinJointNode.push_back(node);
    model.inverseBind.push_back(ibm);
    jointsOfNode[node].push_back(j);
    return j;
  };
  // Which node shows each mesh (for unskinned meshes, attached rigidly).
  std::vector<int> meshNode(scene->mNumMeshes, -1);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    for (unsigned m = 0; m < nodes[i]->mNumMeshes; ++m) {
      const unsigned mesh = nodes[i]->mMeshes[m];
      if (mesh >= scene->mNumMeshes) return Error{file + ": a node refers to a missing mesh"};
      if (meshNode[mesh] < 0) meshNode[mesh] = static_cast<int>(i);
    }
  }
  bool anySkin = false;
  for (unsigned m = 0; m < scene->mNumMeshes; ++m) anySkin |= scene->mMeshes[m]->mNumBones > 0;
  if (!anySkin) return Error{file + ": no skin (no mesh has joint weights)"};

  // glTF: the skin's joint order first, so joint indices follow the file (unweighted joints
  // included, with their inverse bind matrices from the file).
  if (asset && asset->json.contains("skins")) {
    const auto& skin = asset->json["skins"][0];
    const auto& gn = asset->json["nodes"];
    std::vector<float> ibm;
    int cc = 0;
    if (skin.contains("inverseBindMatrices")) {
      auto r = gltf::readAccessorFloats(*asset, skin["inverseBindMatrices"].get<int>(), cc);
      if (r && cc == 16) ibm = std::move(r.value());
    }
    for (std::size_t k = 0; k < skin["joints"].size(); ++k) {
      const auto it = nodeByName.find(assimpNodeName(gn, skin["joints"][k].get<std::size_t>()));
      if (it == nodeByName.end()) continue;
      glm::mat4 m(1.0f);
      if (ibm.size() >= 16 * (k + 1)) m = glm::make_mat4(&ibm[16 * k]);
      jointFor(it->second, m);
    }
  }

  MeshData& mesh = model.mesh;
  for (unsigned mi = 0; mi < scene->mNumMeshes; ++mi) {
    const aiMesh* am = scene->mMeshes[mi];
    if (!(am->mPrimitiveTypes & aiPrimitiveType_TRIANGLE)) continue;
    const auto base = static_cast<std::uint32_t>(mesh.vertices.size());
    std::vector<std::vector<std::pair<float, int>>> influences(am->mNumVertices);
    if (am->mNumBones > 0) {
      for (unsigned b = 0; b < am->mNumBones; ++b) {
        const aiBone* bone = am->mBones[b];
        const auto it = nodeByName.find(bone->mName.C_Str());
        if (it == nodeByName.end()) {
          return Error{file + ": skin joint '" + bone->mName.C_Str() +
                       "' is not a node of the scene"};
        }
        const int joint = jointFor(it->second, toGlm(bone->mOffsetMatrix));
        for (unsigned w = 0; w < bone->mNumWeights; ++w) {
          const aiVertexWeight& vw = bone->mWeights[w];
          if (!(vw.mWeight > 0.0f) || vw.mVertexId >= am->mNumVertices) continue;
          influences[vw.mVertexId].push_back({vw.mWeight, joint});
        }
      }
    } else {
      // Unskinned mesh in a skinned model: rigid on its node.
      const int node = meshNode[mi] >= 0 ? meshNode[mi] : 0;
      std::vector<glm::mat4> rest(model.restLocal.size());
      nodeLocalToModel(model.parents, model.restLocal, rest);
      const int joint = jointFor(node, glm::inverse(rest[static_cast<std::size_t>(node)]));
      for (auto& inf : influences) inf.push_back({1.0f, joint});
      // Positions are in the node's space: bring them to model space at rest.
    }
    glm::mat4 rigid(1.0f);
    if (am->mNumBones == 0) {
      std::vector<glm::mat4> rest(model.restLocal.size());
      nodeLocalToModel(model.parents, model.restLocal, rest);
      rigid = rest[static_cast<std::size_t>(meshNode[mi] >= 0 ? meshNode[mi] : 0)];
    }
    for (unsigned v = 0; v < am->mNumVertices; ++v) {
      Vertex vx;
      const aiVector3D& p = am->mVertices[v];
      vx.position = glm::vec3(rigid * glm::vec4(p.x, p.y, p.z, 1.0f));
      if (am->mNormals) {
        const aiVector3D& n = am->mNormals[v];
        vx.normal = glm::normalize(glm::mat3(rigid) * glm::vec3(n.x, n.y, n.z));
      }
      auto& inf = influences[v];
      std::stable_sort(inf.begin(), inf.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      if (inf.size() > 4) inf.resize(4);
      float sum = 0.0f;
      for (const auto& [w, j] : inf) sum += w;
      for (std::size_t k = 0; k < inf.size(); ++k) {
        vx.joints[k] = static_cast<std::uint16_t>(inf[k].second);
        vx.weights[static_cast<int>(k)] = inf[k].first / sum;
      }
      if (inf.empty()) {  // unweighted vertex: follows the first skin joint
        vx.weights = glm::vec4(1.0f, 0.0f, 0.0f, 0.0f);
      }
      mesh.vertices.push_back(vx);
    }
    for (unsigned f = 0; f < am->mNumFaces; ++f) {
      const aiFace& face = am->mFaces[f];
      if (face.mNumIndices != 3) continue;
      for (unsigned k = 0; k < 3; ++k) {
        if (face.mIndices[k] >= am->mNumVertices) {
          return Error{file + ": face index " + std::to_string(face.mIndices[k]) +
                       " out of range (mesh " + std::to_string(mi) + " has " +
                       std::to_string(am->mNumVertices) + " vertices)"};
        }
        mesh.indices.push_back(base + face.mIndices[k]);
      }
    }
  }
  if (model.skinJointNode.size() > 65535) return Error{file + ": too many skin joints"};

  // Skin joints with duplicate names (any format).
  {
    std::map<std::string, std::size_t> seen;
    for (std::size_t k = 0; k < model.skinJointNode.size(); ++k) {
      const std::string& name = model.nodeNames[static_cast<std::size_t>(model.skinJointNode[k])];
      if (name.empty()) continue;
      auto [it, fresh] = seen.emplace(name, k);
      if (!fresh && model.skinJointNode[it->second] != model.skinJointNode[k]) {
        return Error{file + ": duplicate joint name '" + name + "' (skin joints " +
                     std::to_string(it->second) + " and " + std::to_string(k) + ")"};
      }
    }
    std::map<std::string, int> count;
    for (const std::string& n : model.nodeNames) {
      if (!n.empty()) count[n] += 1;
    }
    for (int node : model.skinJointNode) {
      const std::string& n = model.nodeNames[static_cast<std::size_t>(node)];
      if (!n.empty() && count[n] > 1) {
        return Error{file + ": duplicate joint name '" + n + "' (" + std::to_string(count[n]) +
                     " nodes share it)"};
      }
    }
  }

  // Muscle regions from _MUSCLE (glTF only; assimp does not import custom attributes).
  if (asset) {
    const auto& meshes = asset->json.value("meshes", nlohmann::json::array());
    std::vector<float> regions, positions;
    for (const auto& m : meshes) {
      for (const auto& prim : m["primitives"]) {
        const auto& attr = prim["attributes"];
        int cc = 0;
        auto pos = gltf::readAccessorFloats(*asset, attr.value("POSITION", -1), cc);
        if (!pos) continue;
        positions.insert(positions.end(), pos->begin(), pos->end());
        if (attr.contains("_MUSCLE")) {
          auto r = gltf::readAccessorFloats(*asset, attr["_MUSCLE"].get<int>(), cc);
          if (r && cc == 1 && r->size() * 3 == pos->size()) {
            regions.insert(regions.end(), r->begin(), r->end());
            continue;
          }
        }
        regions.resize(positions.size() / 3, 0.0f);
      }
    }
    bool any = std::any_of(regions.begin(), regions.end(), [](float r) { return r != 0.0f; });
    if (any) {
      bool same = regions.size() == mesh.vertices.size();
      for (std::size_t v = 0; same && v < mesh.vertices.size(); v += 97) {
        same = glm::length(mesh.vertices[v].position - glm::vec3(positions[3 * v],
                                                                 positions[3 * v + 1],
                                                                 positions[3 * v + 2])) < 1e-5f;
      }
      if (same) {
        for (std::size_t v = 0; v < mesh.vertices.size(); ++v) {
          Vertex& vx = mesh.vertices[v];
          vx.region = static_cast<std::uint16_t>(std::lround(std::clamp(regions[v], 0.0f, 255.0f)));
          // One hard region per vertex (the renderer blends the four weighted slots).
          vx.regionIds = {static_cast<std::uint8_t>(vx.region), 0, 0, 0};
          vx.regionWeights = {static_cast<std::uint8_t>(vx.region != 0 ? 255 : 0), 0, 0, 0};
        }
      } else {
        log::warn(file + ": _MUSCLE ignored: assimp's vertex order differs from the file's");
      }
    }
  }

  // Animations.
  for (unsigned a = 0; a < scene->mNumAnimations; ++a) {
    const aiAnimation* an = scene->mAnimations[a];
    const double tps = an->mTicksPerSecond > 0.0 ? an->mTicksPerSecond : 25.0;
    AnimationClip clip;
    clip.name = an->mName.C_Str();
    clip.duration = static_cast<float>(an->mDuration / tps);
    for (unsigned c = 0; c < an->mNumChannels; ++c) {
      const aiNodeAnim* ch = an->mChannels[c];
      const auto it = nodeByName.find(ch->mNodeName.C_Str());
      if (it == nodeByName.end()) {
        log::warn(file + ": animation channel for unknown node '" + ch->mNodeName.C_Str() +
                  "' skipped");
        continue;
      }
      AnimationTrack tr;
      tr.node = it->second;
      for (unsigned k = 0; k < ch->mNumPositionKeys; ++k) {
        const auto& key = ch->mPositionKeys[k];
        tr.translationTimes.push_back(static_cast<float>(key.mTime / tps));
        tr.translations.emplace_back(key.mValue.x, key.mValue.y, key.mValue.z);
      }
      for (unsigned k = 0; k < ch->mNumRotationKeys; ++k) {
        const auto& key = ch->mRotationKeys[k];
        tr.rotationTimes.push_back(static_cast<float>(key.mTime / tps));
        tr.rotations.push_back(
            glm::normalize(glm::quat(key.mValue.w, key.mValue.x, key.mValue.y, key.mValue.z)));
      }
      for (unsigned k = 0; k < ch->mNumScalingKeys; ++k) {
        const auto& key = ch->mScalingKeys[k];
        tr.scaleTimes.push_back(static_cast<float>(key.mTime / tps));
        tr.scales.emplace_back(key.mValue.x, key.mValue.y, key.mValue.z);
      }
      for (float t : tr.translationTimes) clip.duration = std::max(clip.duration, t);
      for (float t : tr.rotationTimes) clip.duration = std::max(clip.duration, t);
      clip.tracks.push_back(std::move(tr));
    }
    std::sort(clip.tracks.begin(), clip.tracks.end(),
              [](const AnimationTrack& x, const AnimationTrack& y) { return x.node < y.node; });
    model.animations.push_back(std::move(clip));
  }

  // Units, axes and the humanoid mapping (foreign_rig.h), before the levels of detail so their
  // errors are in metres.
  SourceUnits units = sourceUnits(*scene, path, asset ? &asset->json : nullptr, model);
  if (options.normalise) {
    normaliseModel(model, units);
  } else {
    model.humanoidError = "not normalised (ImportOptions::normalise is off)";
  }
  if (options.sourceUnits != nullptr) *options.sourceUnits = std::move(units);
  if (options.requireHumanoid && !model.humanoid) return Error{file + ": " + model.humanoidError};
  buildLods(model.mesh);
  return model;
}

}  // namespace

Result<RiggedModel> importModel(const std::filesystem::path& path, const ImportOptions& options) {
  // Every message is escaped (node names, URIs and assimp's reasons come from the file), and
  // nothing escapes as an exception: a hostile file ends in an Error, never in a signal.
  try {
    auto r = importUnchecked(path, options);
    if (!r) return Error{escapeForTerminal(r.error().message)};
    return r;
  } catch (const std::exception& e) {
    return Error{escapeForTerminal(path.string() + ": not a model: " + e.what())};
  }
}

}  // namespace sv
