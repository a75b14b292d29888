#include "mh_files.h"

#include <charconv>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace sv::mh {
namespace {

Error lineError(const std::filesystem::path& p, int line, const std::string& what) {
  return Error{p.string() + ":" + std::to_string(line) + ": " + what};
}

Result<nlohmann::json> readJson(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Error{path.string() + ": cannot open"};
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error{path.string() + ": not a JSON object"};
  return j;
}

}  // namespace

Result<Obj> readObj(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Error{path.string() + ": cannot open"};
  Obj obj;
  std::string line, group = "default";
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.size() < 2) continue;
    if (line[0] == 'v' && line[1] == ' ') {
      std::istringstream ss(line.substr(2));
      glm::vec3 v;
      if (!(ss >> v.x >> v.y >> v.z)) return lineError(path, n, "bad vertex");
      obj.vertices.push_back(v);
    } else if (line[0] == 'g' && line[1] == ' ') {
      group = line.substr(2);
      while (!group.empty() && (group.back() == '\r' || group.back() == ' ')) group.pop_back();
    } else if (line[0] == 'f' && line[1] == ' ') {
      std::istringstream ss(line.substr(2));
      std::vector<int> face;
      std::string tok;
      while (ss >> tok) {
        int idx = 0;
        const auto r = std::from_chars(tok.data(), tok.data() + tok.size(), idx);
        if (r.ec != std::errc() || idx < 1 || idx > static_cast<int>(obj.vertices.size())) {
          return lineError(path, n, "bad face index '" + tok + "'");
        }
        face.push_back(idx - 1);
      }
      if (face.size() < 3 || face.size() > 4)
        return lineError(path, n, "faces must have 3 or 4 vertices");
      obj.groups[group].push_back(face);
      obj.faces.push_back(face);
    }
  }
  if (obj.vertices.empty()) return Error{path.string() + ": no vertices"};
  return obj;
}

Result<Skeleton> readSkeleton(const std::filesystem::path& path) {
  auto j = readJson(path);
  if (!j) return j.error();
  Skeleton s;
  if (!j->contains("joints") || !(*j)["joints"].is_object() || !j->contains("bones") ||
      !(*j)["bones"].is_object()) {
    return Error{path.string() + ": needs 'joints' and 'bones' objects"};
  }
  for (const auto& [name, verts] : (*j)["joints"].items()) {
    if (!verts.is_array() || verts.empty())
      return Error{path.string() + ": joint '" + name + "' has no vertices"};
    for (const auto& v : verts) {
      if (!v.is_number_integer())
        return Error{path.string() + ": joint '" + name + "': not a vertex index"};
      s.joints[name].push_back(v.get<int>());
    }
  }
  for (const auto& [name, b] : (*j)["bones"].items()) {
    if (!b.is_object()) return Error{path.string() + ": bone '" + name + "' is not an object"};
    SkelBone bone;
    if (b.contains("parent") && b["parent"].is_string())
      bone.parent = b["parent"].get<std::string>();
    bone.head = b.value("head", std::string());
    bone.tail = b.value("tail", std::string());
    if (!s.joints.count(bone.head) || !s.joints.count(bone.tail)) {
      return Error{path.string() + ": bone '" + name + "' names a joint that does not exist"};
    }
    s.bones[name] = bone;
  }
  return s;
}

Result<Weights> readWeights(const std::filesystem::path& path) {
  auto j = readJson(path);
  if (!j) return j.error();
  if (!j->contains("weights") || !(*j)["weights"].is_object()) {
    return Error{path.string() + ": needs a 'weights' object"};
  }
  Weights w;
  for (const auto& [bone, list] : (*j)["weights"].items()) {
    if (!list.is_array())
      return Error{path.string() + ": weights of '" + bone + "' are not a list"};
    for (const auto& e : list) {
      if (!e.is_array() || e.size() != 2 || !e[0].is_number_integer() || !e[1].is_number()) {
        return Error{path.string() + ": weights of '" + bone + "': expected [vertex, weight]"};
      }
      w[bone].emplace_back(e[0].get<int>(), e[1].get<float>());
    }
  }
  return w;
}

Result<Target> readTarget(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Error{path.string() + ": cannot open"};
  Target t;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ss(line);
    int v = 0;
    glm::vec3 d;
    if (!(ss >> v >> d.x >> d.y >> d.z)) return lineError(path, n, "expected 'vertex dx dy dz'");
    t.emplace_back(v, d);
  }
  return t;
}

Result<std::vector<int>> readRigidProxy(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Error{path.string() + ": cannot open"};
  std::vector<int> out;
  std::string line;
  int n = 0;
  bool inVerts = false;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("verts", 0) == 0) {
      inVerts = true;
      continue;
    }
    if (!inVerts) continue;
    std::istringstream ss(line);
    std::vector<std::string> tok;
    std::string s;
    while (ss >> s) tok.push_back(s);
    if (tok.size() != 1)
      return lineError(path, n, "only rigid proxy vertices (one base index) are supported");
    int v = 0;
    const auto r = std::from_chars(tok[0].data(), tok[0].data() + tok[0].size(), v);
    if (r.ec != std::errc() || v < 0)
      return lineError(path, n, "bad vertex index '" + tok[0] + "'");
    out.push_back(v);
  }
  if (out.empty()) return Error{path.string() + ": no proxy vertices"};
  return out;
}

}  // namespace sv::mh
