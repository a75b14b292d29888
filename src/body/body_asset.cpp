#include "body/body_asset.h"

#include <cmath>
#include <unordered_map>

#include <glm/gtc/matrix_transform.hpp>

#include "core/paths.h"
#include "model/gltf_io.h"

namespace sv::body {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 5> kDriveIds = {"joint", "level", "twist", "partial",
                                                       "finger"};
constexpr std::array<std::string_view, anatomy::kFingerCount> kFingerIds = {
    "thumb", "index", "middle", "ring", "little"};

std::string_view driveId(Drive d) {
  return kDriveIds[static_cast<std::size_t>(d)];
}

template <std::size_t N>
int findId(const std::array<std::string_view, N>& ids, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i) {
    if (ids[i] == s) return static_cast<int>(i);
  }
  return -1;
}

// Reads accessor `index` as `n` VEC3s (or VEC4s / byte VEC4s), checking the count.
Result<std::vector<float>> readExact(const gltf::Asset& a, const json& ref, std::size_t count,
                                     int components, const std::string& what) {
  if (ref.is_null() && count == 0) return std::vector<float>();  // the writer omits empty arrays
  if (!ref.is_number_integer()) return Error{what + ": missing"};
  int got = 0;
  auto v = gltf::readAccessorFloats(a, ref.get<int>(), got);
  if (!v) return Error{what + ": " + v.error().message};
  if (got != components || v->size() != count * static_cast<std::size_t>(components)) {
    return Error{what + ": expected " + std::to_string(count) + " × " + std::to_string(components) +
                 " values, found " + std::to_string(v->size())};
  }
  return v;
}

std::vector<glm::vec3> toVec3(const std::vector<float>& f) {
  std::vector<glm::vec3> out(f.size() / 3);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = {f[3 * i], f[3 * i + 1], f[3 * i + 2]};
  return out;
}

std::vector<std::array<std::uint8_t, 4>> toBytes(const std::vector<float>& f, float scale) {
  std::vector<std::array<std::uint8_t, 4>> out(f.size() / 4);
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (std::size_t c = 0; c < 4; ++c) {
      out[i][c] =
          static_cast<std::uint8_t>(std::clamp(std::lround(f[4 * i + c] * scale), 0L, 255L));
    }
  }
  return out;
}

}  // namespace

int BodyAsset::findPoint(std::string_view name) const {
  for (std::size_t i = 0; i < pointNames.size(); ++i) {
    if (pointNames[i] == name) return static_cast<int>(i);
  }
  return -1;
}

std::filesystem::path defaultBodyPath() {
  return dataDir() / "assets" / "models" / "body.glb";
}

Status validateBodyAsset(const BodyAsset& a, const std::string& where) {
  const std::size_t n = a.positions.size();
  auto fail = [&](const std::string& what) { return Error{where + ": " + what}; };
  if (n == 0) return fail("the mesh has no vertices");
  if (a.normals.size() != n || a.joints.size() != n || a.weights.size() != n ||
      a.regionIds.size() != n || a.regionWeights.size() != n || a.cover.size() != n) {
    return fail("vertex attributes differ in length");
  }
  if (a.indices.empty() || a.indices.size() % 3 != 0) return fail("no triangle list");
  for (std::uint32_t i : a.indices) {
    if (i >= n) return fail("triangle index " + std::to_string(i) + " out of range");
  }
  if (a.bones.empty() || a.bones.size() > static_cast<std::size_t>(kMaxBones)) {
    return fail(std::to_string(a.bones.size()) + " bones (1 … " + std::to_string(kMaxBones) +
                " supported)");
  }
  const int points = static_cast<int>(a.points.size());
  if (a.pointNames.size() != a.points.size()) return fail("joint point names and positions differ");
  if (a.targets.size() != a.targetNames.size() || a.pointTargets.size() != a.targets.size()) {
    return fail("shape targets, their names and their joint offsets differ in number");
  }
  for (std::size_t t = 0; t < a.targets.size(); ++t) {
    if (a.targets[t].size() != n || a.pointTargets[t].size() != a.points.size()) {
      return fail("shape target '" + a.targetNames[t] + "' has the wrong size");
    }
  }
  for (int j = 0; j < anatomy::kJointCount; ++j) {
    const int p = a.canonicalPoint[static_cast<std::size_t>(j)];
    if (p < 0 || p >= points) {
      return fail("no joint point for canonical joint '" +
                  std::string(anatomy::jointName(static_cast<anatomy::Joint>(j))) + "'");
    }
  }
  for (std::size_t b = 0; b < a.bones.size(); ++b) {
    const BoneSpec& s = a.bones[b];
    if (s.parent >= static_cast<int>(b)) return fail("bone '" + s.name + "' precedes its parent");
    if (s.headPoint < 0 || s.headPoint >= points || s.tailPoint >= points) {
      return fail("bone '" + s.name + "' has no head point");
    }
    if (s.drive == Drive::Finger &&
        (s.parent < 0 || s.tailPoint < 0 || s.segment < 0 || s.segment > 2)) {
      return fail("finger bone '" + s.name + "' needs a parent, a tail point and segment 0–2");
    }
    if (s.drive == Drive::Level && (s.level < 0 || s.level >= anatomy::kMaxJointLevels)) {
      return fail("bone '" + s.name + "' has level " + std::to_string(s.level));
    }
    if ((s.drive == Drive::Twist || s.drive == Drive::Partial) &&
        !(s.fraction >= 0.0f && s.fraction <= 1.0f)) {
      return fail("bone '" + s.name + "' has a fraction outside 0 … 1");
    }
  }
  for (const MeshLod& l : a.lods) {
    if (l.indexCount % 3 != 0 ||
        l.firstIndex + static_cast<std::size_t>(l.indexCount) > a.lodIndices.size()) {
      return fail("a level of detail lies outside its index list");
    }
  }
  for (std::uint32_t i : a.lodIndices) {
    if (i >= n) return fail("level-of-detail index " + std::to_string(i) + " out of range");
  }
  for (std::size_t v = 0; v < n; ++v) {
    const glm::vec4& w = a.weights[v];
    if (std::fabs(w.x + w.y + w.z + w.w - 1.0f) > 1e-3f || w.x < 0 || w.y < 0 || w.z < 0 ||
        w.w < 0) {
      return fail("vertex " + std::to_string(v) + ": skin weights do not sum to 1");
    }
    for (std::size_t k = 0; k < 4; ++k) {
      if (a.joints[v][k] >= a.bones.size()) {
        return fail("vertex " + std::to_string(v) + ": joint index out of range");
      }
    }
  }
  return {};
}

std::string writeBodyAsset(const BodyAsset& a) {
  gltf::Document doc;
  doc.generator = "stretchviz make_body";
  doc.meshName = "body";
  doc.materialName = "skin";
  doc.baseColor = {0.78f, 0.62f, 0.52f, 1.0f};
  doc.roughness = 0.75f;
  doc.positions = a.positions;
  doc.normals = a.normals;
  doc.indices = a.indices;
  doc.joints0.resize(a.joints.size());
  for (std::size_t v = 0; v < a.joints.size(); ++v) {
    for (std::size_t k = 0; k < 4; ++k) doc.joints0[v][k] = a.joints[v][k];
  }
  doc.weights0 = a.weights;
  doc.byteAttributes.push_back({"_REGION_IDS", false, a.regionIds});
  doc.byteAttributes.push_back({"_REGION_WEIGHTS", true, a.regionWeights});
  doc.byteAttributes.push_back({"_COVER", true, a.cover});
  doc.morphTargets = a.targets;
  doc.targetNames = a.targetNames;

  // Node 0 holds the mesh; node 1 + b is bone b (model-aligned frames: translation only).
  doc.nodes.push_back({"body", -1, glm::vec3(0.0f), glm::quat(1, 0, 0, 0), glm::vec3(1.0f)});
  doc.nodeExtras.emplace_back();
  for (const BoneSpec& s : a.bones) {
    gltf::Node node;
    node.name = s.name;
    node.parent = s.parent < 0 ? -1 : s.parent + 1;
    const glm::vec3 head = a.points[static_cast<std::size_t>(s.headPoint)];
    const glm::vec3 parentHead = s.parent < 0
                                     ? glm::vec3(0.0f)
                                     : a.points[static_cast<std::size_t>(
                                           a.bones[static_cast<std::size_t>(s.parent)].headPoint)];
    node.translation = head - parentHead;
    doc.nodes.push_back(node);
    doc.skinJoints.push_back(static_cast<int>(doc.nodes.size()) - 1);
    doc.inverseBind.push_back(glm::translate(glm::mat4(1.0f), -head));
    json e = {{"drive", driveId(s.drive)},
              {"head", a.pointNames[static_cast<std::size_t>(s.headPoint)]}};
    if (s.tailPoint >= 0) e["tail"] = a.pointNames[static_cast<std::size_t>(s.tailPoint)];
    switch (s.drive) {
      case Drive::Joint:
        e["joint"] = anatomy::jointName(s.joint);
        break;
      case Drive::Level:
        e["joint"] = anatomy::jointName(s.joint);
        e["level"] = s.level;
        break;
      case Drive::Twist:
      case Drive::Partial:
        e["joint"] = anatomy::jointName(s.joint);
        e["fraction"] = s.fraction;
        break;
      case Drive::Finger:
        e["finger"] = kFingerIds[static_cast<std::size_t>(s.finger)];
        e["segment"] = s.segment;
        e["side"] = s.side == anatomy::Side::Right ? "right" : "left";
        break;
    }
    doc.nodeExtras.push_back(e);
  }
  doc.meshNode = 0;
  doc.skinSkeleton = 1;

  json canonical = json::object();
  for (int j = 0; j < anatomy::kJointCount; ++j) {
    canonical[std::string(anatomy::jointName(static_cast<anatomy::Joint>(j)))] =
        a.pointNames[static_cast<std::size_t>(a.canonicalPoint[static_cast<std::size_t>(j)])];
  }
  doc.extras = {{"stretchviz",
                 {{"format", kBodyFormatVersion},
                  {"credit", a.credit},
                  {"points", a.pointNames},
                  {"canonical", canonical}}}};
  doc.extraArrays.emplace_back("points", a.points);
  std::vector<glm::vec3> offsets;
  offsets.reserve(a.pointTargets.size() * a.points.size());
  for (const auto& t : a.pointTargets) offsets.insert(offsets.end(), t.begin(), t.end());
  doc.extraArrays.emplace_back("pointTargets", std::move(offsets));
  if (!a.lods.empty()) {
    json lods = json::array();
    for (const MeshLod& l : a.lods) {
      lods.push_back({{"first", l.firstIndex}, {"count", l.indexCount}, {"error_m", l.error}});
    }
    doc.extras["stretchviz"]["lods"] = lods;
    doc.extraIndexArrays.emplace_back("lodIndices", a.lodIndices);
  }
  return gltf::writeGlb(doc);
}

Result<BodyAsset> loadBodyAsset(const std::filesystem::path& path) {
  const std::string where = path.string();
  const std::string fix =
      " (the body asset ships with the program: reinstall it or regenerate it with "
      "tools/make_body)";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return Error{where + ": file not found" + fix};
  auto asset = gltf::loadAsset(path);
  if (!asset) return Error{asset.error().message + fix};  // the message starts with the path
  const json& j = asset->json;
  auto fail = [&](const std::string& what) { return Error{where + ": " + what + fix}; };

  const json* sv = nullptr;
  if (j.contains("extras") && j["extras"].is_object() && j["extras"].contains("stretchviz")) {
    sv = &j["extras"]["stretchviz"];
  }
  if (sv == nullptr || !sv->is_object())
    return fail("not a stretchviz body asset (no extras.stretchviz)");
  if (sv->value("format", 0) != kBodyFormatVersion) {
    return fail("body format " + std::to_string(sv->value("format", 0)) + ", this program reads " +
                std::to_string(kBodyFormatVersion));
  }
  BodyAsset a;
  a.source = path;
  a.credit = sv->value("credit", std::string());
  if (!sv->contains("points") || !(*sv)["points"].is_array()) return fail("no joint point names");
  for (const json& p : (*sv)["points"]) {
    if (!p.is_string()) return fail("a joint point name is not a string");
    a.pointNames.push_back(p.get<std::string>());
  }

  // Mesh: the first primitive of the first mesh.
  if (!j.contains("meshes") || !j["meshes"].is_array() || j["meshes"].empty())
    return fail("no mesh");
  const json& mesh = j["meshes"][0];
  if (!mesh.contains("primitives") || !mesh["primitives"].is_array() ||
      mesh["primitives"].empty()) {
    return fail("the mesh has no primitive");
  }
  const json& prim = mesh["primitives"][0];
  if (!prim.contains("attributes") || !prim["attributes"].is_object()) return fail("no attributes");
  const json& attr = prim["attributes"];
  int comps = 0;
  if (!attr.contains("POSITION")) return fail("no POSITION");
  auto pos = gltf::readAccessorFloats(*asset, attr["POSITION"].get<int>(), comps);
  if (!pos || comps != 3)
    return fail("POSITION: " + (pos ? std::string("not VEC3") : pos.error().message));
  const std::size_t n = pos->size() / 3;
  a.positions = toVec3(*pos);
  auto take = [&](const char* name, int c) -> Result<std::vector<float>> {
    return readExact(*asset, attr.contains(name) ? attr[name] : json(), n, c, name);
  };
  auto nrm = take("NORMAL", 3);
  if (!nrm) return fail(nrm.error().message);
  a.normals = toVec3(*nrm);
  auto jts = take("JOINTS_0", 4);
  if (!jts) return fail(jts.error().message);
  a.joints = toBytes(*jts, 1.0f);
  auto wts = take("WEIGHTS_0", 4);
  if (!wts) return fail(wts.error().message);
  a.weights.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    a.weights[v] = {(*wts)[4 * v], (*wts)[4 * v + 1], (*wts)[4 * v + 2], (*wts)[4 * v + 3]};
  }
  auto rid = take("_REGION_IDS", 4);
  if (!rid) return fail(rid.error().message);
  a.regionIds = toBytes(*rid, 1.0f);
  auto rw = take("_REGION_WEIGHTS", 4);
  if (!rw) return fail(rw.error().message);
  a.regionWeights = toBytes(*rw, 255.0f);
  auto cov = take("_COVER", 4);
  if (!cov) return fail(cov.error().message);
  a.cover = toBytes(*cov, 255.0f);
  if (!prim.contains("indices")) return fail("no triangle indices");
  auto idx = gltf::readAccessorFloats(*asset, prim["indices"].get<int>(), comps);
  if (!idx || comps != 1)
    return fail("indices: " + (idx ? std::string("not SCALAR") : idx.error().message));
  a.indices.resize(idx->size());
  for (std::size_t i = 0; i < idx->size(); ++i) {
    const float f = (*idx)[i];
    if (!(f >= 0.0f) || f >= static_cast<float>(n)) return fail("triangle index out of range");
    a.indices[i] = static_cast<std::uint32_t>(f);
  }

  // Shape targets.
  if (prim.contains("targets")) {
    if (!prim["targets"].is_array()) return fail("targets is not an array");
    const json names = mesh.contains("extras") && mesh["extras"].is_object()
                           ? mesh["extras"].value("targetNames", json::array())
                           : json::array();
    if (!names.is_array() || names.size() != prim["targets"].size()) {
      return fail("the shape targets need one name each (mesh extras.targetNames)");
    }
    for (std::size_t t = 0; t < prim["targets"].size(); ++t) {
      const json& tj = prim["targets"][t];
      if (!names[t].is_string()) return fail("a shape target name is not a string");
      auto d =
          readExact(*asset, tj.is_object() && tj.contains("POSITION") ? tj["POSITION"] : json(), n,
                    3, "shape target " + names[t].get<std::string>());
      if (!d) return fail(d.error().message);
      a.targetNames.push_back(names[t].get<std::string>());
      a.targets.push_back(toVec3(*d));
    }
  }

  // Joint points and their offsets per target.
  const json arrays = j["extras"].value("arrays", json::object());
  const std::size_t np = a.pointNames.size();
  auto pts =
      readExact(*asset, arrays.is_object() && arrays.contains("points") ? arrays["points"] : json(),
                np, 3, "joint points");
  if (!pts) return fail(pts.error().message);
  a.points = toVec3(*pts);
  auto offs = readExact(
      *asset,
      arrays.is_object() && arrays.contains("pointTargets") ? arrays["pointTargets"] : json(),
      np * a.targets.size(), 3, "joint point offsets");
  if (!offs) return fail(offs.error().message);
  const std::vector<glm::vec3> all = toVec3(*offs);
  for (std::size_t t = 0; t < a.targets.size(); ++t) {
    a.pointTargets.emplace_back(all.begin() + static_cast<std::ptrdiff_t>(t * np),
                                all.begin() + static_cast<std::ptrdiff_t>((t + 1) * np));
  }

  // Levels of detail, when the converter stored them.
  if (sv->contains("lods")) {
    const json& lods = (*sv)["lods"];
    if (!lods.is_array() || !arrays.is_object() || !arrays.contains("lodIndices") ||
        !arrays["lodIndices"].is_number_integer()) {
      return fail("levels of detail without their index list");
    }
    int c = 0;
    auto li = gltf::readAccessorFloats(*asset, arrays["lodIndices"].get<int>(), c);
    if (!li || c != 1)
      return fail("level-of-detail indices: " +
                  (li ? std::string("not SCALAR") : li.error().message));
    a.lodIndices.resize(li->size());
    for (std::size_t i = 0; i < li->size(); ++i) {
      const float f = (*li)[i];
      if (!(f >= 0.0f) || f >= static_cast<float>(n))
        return fail("level-of-detail index out of range");
      a.lodIndices[i] = static_cast<std::uint32_t>(f);
    }
    for (const json& l : lods) {
      if (!l.is_object() || !l.value("first", json()).is_number_unsigned() ||
          !l.value("count", json()).is_number_unsigned() ||
          !l.value("error_m", json()).is_number()) {
        return fail("a level of detail needs first, count and error_m");
      }
      a.lods.push_back({l["first"].get<std::uint32_t>(), l["count"].get<std::uint32_t>(),
                        l["error_m"].get<float>()});
    }
  }

  // Canonical joints → points.
  const json canonical = sv->value("canonical", json::object());
  for (int jt = 0; jt < anatomy::kJointCount; ++jt) {
    const std::string jn(anatomy::jointName(static_cast<anatomy::Joint>(jt)));
    const json& v = canonical.is_object() && canonical.contains(jn) ? canonical[jn] : json();
    a.canonicalPoint[static_cast<std::size_t>(jt)] =
        v.is_string() ? a.findPoint(v.get<std::string>()) : -1;
  }

  // Bones: the skin's joints, in order; their nodes' extras say how they are driven.
  if (!j.contains("skins") || !j["skins"].is_array() || j["skins"].empty()) return fail("no skin");
  const json& skin = j["skins"][0];
  if (!skin.contains("joints") || !skin["joints"].is_array()) return fail("the skin has no joints");
  const json& nodes = j.value("nodes", json::array());
  std::unordered_map<int, int> boneOfNode;
  const json& sj = skin["joints"];
  for (std::size_t b = 0; b < sj.size(); ++b) {
    if (!sj[b].is_number_integer())
      return fail("skin joint " + std::to_string(b) + " is not a node index");
    const int node = sj[b].get<int>();
    if (node < 0 || static_cast<std::size_t>(node) >= nodes.size()) {
      return fail("skin joint " + std::to_string(b) + " is not a node");
    }
    boneOfNode[node] = static_cast<int>(b);
  }
  for (std::size_t b = 0; b < sj.size(); ++b) {
    const json& node = nodes[sj[b].get<std::size_t>()];
    BoneSpec s;
    s.name = node.value("name", std::string());
    const std::string where2 = "bone '" + s.name + "': ";
    const json e = node.value("extras", json::object());
    if (!e.is_object()) return fail(where2 + "no drive (node extras)");
    const int d = findId(kDriveIds, e.value("drive", std::string()));
    if (d < 0) return fail(where2 + "unknown drive '" + e.value("drive", std::string()) + "'");
    s.drive = static_cast<Drive>(d);
    s.headPoint = a.findPoint(e.value("head", std::string()));
    s.tailPoint = e.contains("tail") ? a.findPoint(e.value("tail", std::string())) : -1;
    if (s.headPoint < 0 || (e.contains("tail") && s.tailPoint < 0)) {
      return fail(where2 + "unknown head or tail point");
    }
    if (s.drive == Drive::Finger) {
      const int f = findId(kFingerIds, e.value("finger", std::string()));
      if (f < 0) return fail(where2 + "unknown finger");
      s.finger = static_cast<anatomy::Finger>(f);
      s.segment = e.value("segment", -1);
      s.side =
          e.value("side", std::string()) == "right" ? anatomy::Side::Right : anatomy::Side::Left;
    } else {
      const auto jt = anatomy::jointFromName(e.value("joint", std::string()));
      if (!jt)
        return fail(where2 + "unknown canonical joint '" + e.value("joint", std::string()) + "'");
      s.joint = *jt;
      s.level = e.value("level", 0);
      s.fraction = e.value("fraction", 1.0f);
    }
    a.bones.push_back(std::move(s));
  }
  // Parents from the node tree (children lists).
  for (std::size_t nI = 0; nI < nodes.size(); ++nI) {
    const auto it = boneOfNode.find(static_cast<int>(nI));
    if (it == boneOfNode.end() || !nodes[nI].contains("children")) continue;
    for (const json& c : nodes[nI]["children"]) {
      if (!c.is_number_integer()) continue;
      const auto ct = boneOfNode.find(c.get<int>());
      if (ct != boneOfNode.end()) a.bones[static_cast<std::size_t>(ct->second)].parent = it->second;
    }
  }
  Status st = validateBodyAsset(a, where);
  if (!st) return Error{st.error().message + fix};
  return a;
}

}  // namespace sv::body
