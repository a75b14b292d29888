// make_body: converts the MakeHuman base body (../shared/makehuman, CC0) into the project's
// body asset (assets/models/body.glb; format in docs/body.md).
//
//   make_body [MAKEHUMAN_DIR [OUT.glb]]
//
// Steps: the `body` skin group (quads split along their shorter diagonal) plus the low-poly
// eyes, decimetres -> metres; MakeHuman's 163 bones reduced to the skin bones the project
// drives (face, jaw, tongue and eyes merged into the head, the toes into one toe bone per
// foot), each declared with how it follows the canonical skeleton; weights merged, the four
// strongest kept, quantised to 1/65536 and summing to exactly 1; the macro shape targets (the
// ethnic ones averaged at MakeHuman's default 1/3 each) and every joint point's offset under
// each; then, on the body posed in the anatomical position, muscle regions with smooth borders
// and the clothing/hair/eye cover. Deterministic: same input, same bytes.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "anatomy/kinematics.h"
#include "body/body.h"
#include "mh_files.h"
#include "model/mesh_lod.h"
#include "model/rigged_model.h"
#include "surface.h"
#include "weights.h"

namespace {

using sv::anatomy::Finger;
using sv::anatomy::Joint;
using sv::anatomy::Side;
using sv::body::BoneSpec;
using sv::body::Drive;

constexpr float kScale = 0.1f;  // MakeHuman decimetres -> metres
constexpr int kSmoothIterations = 30;

// A point = sum of coefficients × the mean of MakeHuman joints' helper vertices, plus an
// offset in metres (linear in the vertices, so shape targets move it exactly).
struct PointDef {
  std::string name;
  std::vector<std::pair<std::string, float>> terms;  // MakeHuman joint name, coefficient
  glm::vec3 offset{0.0f};
};

struct BoneDef {
  std::string name;        // MakeHuman bone (or new: "pelvis", "toes.L")
  std::string parent;      // "" = root
  std::string head, tail;  // point names
  Drive drive;
  Joint joint = Joint::Pelvis;
  int level = 0;
  float fraction = 1.0f;
  Finger finger = Finger::Index;
  int segment = 0;
  Side side = Side::Left;
};

std::string sfx(Side s) {
  return s == Side::Left ? ".L" : ".R";
}
Joint sided(Joint left, Side s) {
  return sv::anatomy::onSide(left, s);
}
std::string headOf(const std::string& bone) {
  return bone + "____head";
}
std::string tailOf(const std::string& bone) {
  return bone + "____tail";
}

// The skin bones, parents first, and how each is driven (docs/body.md, "Skin bones").
std::vector<BoneDef> boneTable() {
  std::vector<BoneDef> b;
  auto add = [&](BoneDef d) { b.push_back(std::move(d)); };
  add({"pelvis", "", "pelvis", headOf("spine05"), Drive::Joint, Joint::Pelvis});
  // MakeHuman's spine05 carries the pelvis's skin (buttocks, groin, the lower belly): it moves
  // with the pelvis. The lumbar region is spine04 and spine03, the thoracic spine02 and spine01.
  add({"spine05", "pelvis", headOf("spine05"), tailOf("spine05"), Drive::Joint, Joint::Pelvis});
  const char* spine[] = {"spine04", "spine03", "spine02", "spine01"};
  std::string parent = "spine05";
  for (int i = 0; i < 4; ++i) {
    const bool lumbar = i < 2;
    add({spine[i], parent, headOf(spine[i]), tailOf(spine[i]), Drive::Level,
         lumbar ? Joint::Lumbar : Joint::Thoracic, lumbar ? i : i - 2});
    parent = spine[i];
  }
  const char* neck[] = {"neck01", "neck02", "neck03"};
  for (int i = 0; i < 3; ++i) {
    add({neck[i], parent, headOf(neck[i]), tailOf(neck[i]), Drive::Level, Joint::Cervical, i});
    parent = neck[i];
  }
  add({"head", "neck03", headOf("head"), tailOf("head"), Drive::Joint, Joint::Head});
  for (Side s : {Side::Left, Side::Right}) {
    const std::string x = sfx(s);
    add({"breast" + x, "spine02", headOf("breast" + x), tailOf("breast" + x), Drive::Level,
         Joint::Thoracic, 1});
    add({"clavicle" + x, "spine01", headOf("clavicle" + x), tailOf("clavicle" + x), Drive::Joint,
         sided(Joint::ClavicleL, s)});
    // The shoulder cap takes a share of the arm's swing so the deltoid does not fold.
    add({"shoulder01" + x, "clavicle" + x, headOf("shoulder01" + x), tailOf("shoulder01" + x),
         Drive::Partial, sided(Joint::ShoulderL, s), 0, 0.5f});
    add({"upperarm01" + x, "shoulder01" + x, headOf("upperarm01" + x), tailOf("upperarm01" + x),
         Drive::Twist, sided(Joint::ShoulderL, s), 0, 0.5f});
    add({"upperarm02" + x, "upperarm01" + x, headOf("upperarm02" + x), tailOf("upperarm02" + x),
         Drive::Joint, sided(Joint::ShoulderL, s)});
    add({"lowerarm01" + x, "upperarm02" + x, headOf("lowerarm01" + x), tailOf("lowerarm01" + x),
         Drive::Partial, sided(Joint::ForearmL, s), 0, 0.25f});
    add({"lowerarm02" + x, "lowerarm01" + x, headOf("lowerarm02" + x), tailOf("lowerarm02" + x),
         Drive::Partial, sided(Joint::ForearmL, s), 0, 0.75f});
    add({"wrist" + x, "lowerarm02" + x, headOf("wrist" + x), tailOf("wrist" + x), Drive::Joint,
         sided(Joint::WristL, s)});
    for (int m = 1; m <= 4; ++m) {
      const std::string mc = "metacarpal" + std::to_string(m) + x;
      add({mc, "wrist" + x, headOf(mc), tailOf(mc), Drive::Joint, sided(Joint::WristL, s)});
    }
    const Finger fingers[] = {Finger::Thumb, Finger::Index, Finger::Middle, Finger::Ring,
                              Finger::Little};
    for (int f = 1; f <= 5; ++f) {
      for (int seg = 1; seg <= 3; ++seg) {
        const std::string name = "finger" + std::to_string(f) + "-" + std::to_string(seg) + x;
        std::string par;
        if (seg > 1) {
          par = "finger" + std::to_string(f) + "-" + std::to_string(seg - 1) + x;
        } else {
          par = f == 1 ? "wrist" + x : "metacarpal" + std::to_string(f - 1) + x;
        }
        BoneDef d{name, par, headOf(name), tailOf(name), Drive::Finger};
        d.finger = fingers[f - 1];
        d.segment = seg - 1;
        d.side = s;
        add(d);
      }
    }
  }
  for (Side s : {Side::Left, Side::Right}) {
    const std::string x = sfx(s);
    // The hip cap (buttock and groin) takes a share of the hip's rotation.
    add({"pelvis" + x, "pelvis", headOf("pelvis" + x), tailOf("pelvis" + x), Drive::Partial,
         sided(Joint::HipL, s), 0, 0.25f});
    add({"upperleg01" + x, "pelvis" + x, headOf("upperleg01" + x), tailOf("upperleg01" + x),
         Drive::Twist, sided(Joint::HipL, s), 0, 0.5f});
    add({"upperleg02" + x, "upperleg01" + x, headOf("upperleg02" + x), tailOf("upperleg02" + x),
         Drive::Joint, sided(Joint::HipL, s)});
    add({"lowerleg01" + x, "upperleg02" + x, headOf("lowerleg01" + x), tailOf("lowerleg01" + x),
         Drive::Joint, sided(Joint::KneeL, s)});
    add({"lowerleg02" + x, "lowerleg01" + x, headOf("lowerleg02" + x), tailOf("lowerleg02" + x),
         Drive::Joint, sided(Joint::KneeL, s)});
    add({"foot" + x, "lowerleg02" + x, headOf("foot" + x), tailOf("foot" + x), Drive::Joint,
         sided(Joint::SubtalarL, s)});
    add({"toes" + x, "foot" + x, "toes" + x, tailOf("toe3-1" + x), Drive::Joint,
         sided(Joint::ToesL, s)});
  }
  return b;
}

// The skin bone a MakeHuman bone's weights go to.
std::string mergedBone(const std::string& mhBone, const sv::mh::Skeleton& skel,
                       const std::set<std::string>& kept) {
  if (mhBone.rfind("toe", 0) == 0) return "toes" + mhBone.substr(mhBone.size() - 2);
  if (mhBone == "root") return "pelvis";
  std::string b = mhBone;
  while (!kept.count(b)) {
    auto it = skel.bones.find(b);
    if (it == skel.bones.end() || it->second.parent.empty()) return "pelvis";
    b = it->second.parent;
  }
  return b;
}

const char* const kCanonicalPoints[sv::anatomy::kJointCount] = {
    "pelvis",
    "spine04____head",
    "spine02____head",
    "neck01____head",
    "head____head",
    "clavicle.L____head",
    "upperarm01.L____head",
    "lowerarm01.L____head",
    "lowerarm02.L____head",
    "wrist.L____head",
    "finger3-1.L____head",
    "clavicle.R____head",
    "upperarm01.R____head",
    "lowerarm01.R____head",
    "lowerarm02.R____head",
    "wrist.R____head",
    "finger3-1.R____head",
    "upperleg01.L____head",
    "lowerleg01.L____head",
    "foot.L____head",
    "subtalar.L",
    "toes.L",
    "upperleg01.R____head",
    "lowerleg01.R____head",
    "foot.R____head",
    "subtalar.R",
    "toes.R",
};

int fail(const std::string& message) {
  std::fprintf(stderr, "make_body: error: %s\n", message.c_str());
  return 1;
}

double seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::filesystem::path mhDir =
      argc > 1 ? std::filesystem::path(argv[1])
               : std::filesystem::path(SV_SOURCE_DIR) / ".." / "shared" / "makehuman";
  const std::filesystem::path outPath =
      argc > 2 ? std::filesystem::path(argv[2])
               : std::filesystem::path(SV_SOURCE_DIR) / "assets" / "models" / "body.glb";

  auto obj = sv::mh::readObj(mhDir / "base.obj");
  if (!obj) return fail(obj.error().message);
  auto skel = sv::mh::readSkeleton(mhDir / "rig" / "default.mhskel");
  if (!skel) return fail(skel.error().message);
  auto mhw = sv::mh::readWeights(mhDir / "rig" / "default_weights.mhw");
  if (!mhw) return fail(mhw.error().message);
  auto eyeObj = sv::mh::readObj(mhDir / "eyes" / "low-poly.obj");
  if (!eyeObj) return fail(eyeObj.error().message);
  auto eyeProxy = sv::mh::readRigidProxy(mhDir / "eyes" / "low-poly.mhclo");
  if (!eyeProxy) return fail(eyeProxy.error().message);
  if (eyeProxy->size() != eyeObj->vertices.size()) {
    return fail("eyes: the proxy has " + std::to_string(eyeProxy->size()) + " vertices, the mesh " +
                std::to_string(eyeObj->vertices.size()));
  }
  const std::vector<glm::vec3>& V = obj->vertices;
  const int nv = static_cast<int>(V.size());
  for (int v : *eyeProxy) {
    if (v >= nv) return fail("eyes: proxy vertex " + std::to_string(v) + " is not a base vertex");
  }

  // --- triangles and the vertices they use (body skin + eyes), in base-vertex order ---
  auto bodyGroup = obj->groups.find("body");
  if (bodyGroup == obj->groups.end()) return fail("base.obj has no 'body' group");
  std::vector<std::array<int, 3>> tris;
  for (const std::vector<int>& f : bodyGroup->second) {
    if (f.size() == 3) {
      tris.push_back({f[0], f[1], f[2]});
      continue;
    }
    // Quad: split along the shorter diagonal.
    const float d02 = glm::distance(V[f[0]], V[f[2]]), d13 = glm::distance(V[f[1]], V[f[3]]);
    if (d02 <= d13) {
      tris.push_back({f[0], f[1], f[2]});
      tris.push_back({f[0], f[2], f[3]});
    } else {
      tris.push_back({f[0], f[1], f[3]});
      tris.push_back({f[1], f[2], f[3]});
    }
  }
  std::set<int> eyeVerts(eyeProxy->begin(), eyeProxy->end());
  for (const std::vector<int>& f : eyeObj->faces) {
    std::vector<int> m;
    for (int i : f) m.push_back((*eyeProxy)[static_cast<std::size_t>(i)]);
    tris.push_back({m[0], m[1], m[2]});
    if (m.size() == 4) tris.push_back({m[0], m[2], m[3]});
  }
  std::vector<int> newIndex(static_cast<std::size_t>(nv), -1);
  std::vector<int> used;
  {
    std::vector<bool> u(static_cast<std::size_t>(nv), false);
    for (const auto& t : tris) {
      for (int i : t) u[static_cast<std::size_t>(i)] = true;
    }
    for (int i = 0; i < nv; ++i) {
      if (u[static_cast<std::size_t>(i)]) {
        newIndex[static_cast<std::size_t>(i)] = static_cast<int>(used.size());
        used.push_back(i);
      }
    }
  }

  sv::body::BodyAsset a;
  a.credit =
      "Body: MakeHuman (makehumancommunity.org) base mesh hm08, default skeleton, "
      "weights and macro targets, CC0; converted by stretchviz tools/make_body";
  for (const auto& t : tris) {
    for (int i : t)
      a.indices.push_back(static_cast<std::uint32_t>(newIndex[static_cast<std::size_t>(i)]));
  }
  const std::size_t n = used.size();

  // --- joint points ---
  auto jointMean = [&](const std::string& joint, const std::vector<glm::vec3>& data) -> glm::vec3 {
    const std::vector<int>& vs = skel->joints.at(joint);
    glm::vec3 s(0.0f);
    for (int v : vs) s += data[static_cast<std::size_t>(v)];
    return s / static_cast<float>(vs.size());
  };
  const std::vector<BoneDef> bones = boneTable();
  std::vector<PointDef> pointDefs;
  std::set<std::string> pointSeen;
  auto addPoint = [&](PointDef p) {
    if (pointSeen.insert(p.name).second) pointDefs.push_back(std::move(p));
  };
  for (Side s : {Side::Left, Side::Right}) {
    const std::string x = sfx(s);
    PointDef toes{"toes" + x, {}};
    for (int t = 1; t <= 5; ++t)
      toes.terms.emplace_back(headOf("toe" + std::to_string(t) + "-1" + x), 0.2f);
    addPoint(toes);
    // Subtalar axis point: a little below and in front of the ankle (cf. the default
    // skeleton's, from Winter's proportions): 12% of the way to the toes, 1.5 cm lower.
    PointDef st{"subtalar" + x, {{headOf("foot" + x), 0.88f}}, glm::vec3(0.0f, -0.015f, 0.0f)};
    for (int t = 1; t <= 5; ++t)
      st.terms.emplace_back(headOf("toe" + std::to_string(t) + "-1" + x), 0.024f);
    addPoint(st);
  }
  addPoint({"pelvis", {{headOf("upperleg01.L"), 0.5f}, {headOf("upperleg01.R"), 0.5f}}});
  for (const BoneDef& b : bones) {
    for (const std::string& p : {b.head, b.tail}) {
      if (pointSeen.count(p)) continue;
      if (!skel->joints.count(p)) return fail("no MakeHuman joint '" + p + "'");
      addPoint({p, {{p, 1.0f}}});
    }
  }
  auto evalPoint = [&](const PointDef& p, const std::vector<glm::vec3>& data, bool withOffset) {
    glm::vec3 s = withOffset ? p.offset / kScale : glm::vec3(0.0f);  // data is in decimetres
    for (const auto& [joint, c] : p.terms) s += c * jointMean(joint, data);
    return s * kScale;
  };
  for (const PointDef& p : pointDefs) {
    a.pointNames.push_back(p.name);
    a.points.push_back(evalPoint(p, V, true));
  }
  for (int j = 0; j < sv::anatomy::kJointCount; ++j) {
    a.canonicalPoint[static_cast<std::size_t>(j)] = a.findPoint(kCanonicalPoints[j]);
  }

  // --- bones ---
  std::map<std::string, int> boneIndex;
  std::set<std::string> kept;
  for (const BoneDef& d : bones) {
    BoneSpec s;
    s.name = d.name;
    s.parent = d.parent.empty() ? -1 : boneIndex.at(d.parent);
    s.headPoint = a.findPoint(d.head);
    s.tailPoint = a.findPoint(d.tail);
    s.drive = d.drive;
    s.joint = d.joint;
    s.level = d.level;
    s.fraction = d.fraction;
    s.finger = d.finger;
    s.segment = d.segment;
    s.side = d.side;
    boneIndex[d.name] = static_cast<int>(a.bones.size());
    kept.insert(d.name);
    a.bones.push_back(s);
  }

  // --- weights: merged, four strongest, quantised to 1/65536 summing to exactly 1 ---
  std::vector<std::map<int, double>> perVertex(n);
  for (const auto& [mhBone, list] : *mhw) {
    if (!skel->bones.count(mhBone)) return fail("weights for unknown bone '" + mhBone + "'");
    const int b = boneIndex.at(mergedBone(mhBone, *skel, kept));
    for (const auto& [v, w] : list) {
      if (v < 0 || v >= nv) return fail("weight for vertex " + std::to_string(v) + " out of range");
      const int nvI = newIndex[static_cast<std::size_t>(v)];
      if (nvI >= 0 && w > 0.0f) perVertex[static_cast<std::size_t>(nvI)][b] += w;
    }
  }
  // Spread the weight changes around the hips, the groin, the shoulders, knees and elbows.
  {
    std::vector<glm::vec3> pos(n);
    for (std::size_t v = 0; v < n; ++v) pos[v] = V[static_cast<std::size_t>(used[v])] * kScale;
    std::vector<bool> frozen(n, false);
    for (std::size_t v = 0; v < n; ++v) {
      bool hand = eyeVerts.count(used[v]) > 0;
      for (const auto& [b, w] : perVertex[v]) {
        const BoneSpec& bs = a.bones[static_cast<std::size_t>(b)];
        if (w > 0.05 && (bs.drive == Drive::Finger || bs.name.rfind("metacarpal", 0) == 0))
          hand = true;
      }
      frozen[v] = hand;
    }
    std::vector<sv::makebody::SmoothZone> zones;
    auto at = [&](const std::string& point) {
      return a.points[static_cast<std::size_t>(a.findPoint(point))];
    };
    zones.push_back({at("pelvis"), 0.10f});
    for (const char* x : {".L", ".R"}) {
      zones.push_back({at(headOf(std::string("upperleg01") + x)), 0.16f});
      zones.push_back({at(headOf(std::string("upperarm01") + x)), 0.13f});
      zones.push_back({at(headOf(std::string("lowerleg01") + x)), 0.08f});
      zones.push_back({at(headOf(std::string("lowerarm01") + x)), 0.07f});
    }
    std::vector<std::uint32_t> tri(a.indices.begin(), a.indices.end());
    sv::makebody::smoothWeights(perVertex, pos, tri, zones, frozen, kSmoothIterations);
  }
  const int headBone = boneIndex.at("head");
  a.joints.resize(n);
  a.weights.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    if (eyeVerts.count(used[v])) perVertex[v] = {{headBone, 1.0}};  // eyes move with the head
    std::vector<std::pair<double, int>> w;
    for (const auto& [b, x] : perVertex[v]) w.emplace_back(x, b);
    if (w.empty()) return fail("vertex " + std::to_string(used[v]) + " has no skin weight");
    std::sort(w.begin(), w.end(), [](const auto& p, const auto& q) {
      return p.first != q.first ? p.first > q.first : p.second < q.second;
    });
    w.resize(std::min<std::size_t>(w.size(), 4));
    double sum = 0.0;
    for (const auto& e : w) sum += e.first;
    std::array<int, 4> units{};
    int total = 0;
    for (std::size_t k = 0; k < w.size(); ++k) {
      units[k] = static_cast<int>(std::lround(w[k].first / sum * 65536.0));
      total += units[k];
    }
    units[0] += 65536 - total;
    for (std::size_t k = 0; k < 4; ++k) {
      a.joints[v][k] = k < w.size() && units[k] > 0 ? static_cast<std::uint8_t>(w[k].second) : 0;
      a.weights[v][static_cast<int>(k)] =
          k < w.size() ? static_cast<float>(units[k]) / 65536.0f : 0.0f;
    }
  }

  // --- positions (metres) and shape targets ---
  a.positions.resize(n);
  for (std::size_t v = 0; v < n; ++v)
    a.positions[v] = V[static_cast<std::size_t>(used[v])] * kScale;
  const std::filesystem::path tdir = mhDir / "targets" / "macrodetails";
  auto dense = [&](const sv::mh::Target& t) {
    std::vector<glm::vec3> d(static_cast<std::size_t>(nv), glm::vec3(0.0f));
    for (const auto& [v, off] : t) {
      if (v >= 0 && v < nv) d[static_cast<std::size_t>(v)] += off;
    }
    return d;
  };
  auto addTarget = [&](const std::string& name, const std::vector<glm::vec3>& d) {
    std::vector<glm::vec3> t(n);
    for (std::size_t v = 0; v < n; ++v) t[v] = d[static_cast<std::size_t>(used[v])] * kScale;
    std::vector<glm::vec3> pt;
    for (const PointDef& p : pointDefs) pt.push_back(evalPoint(p, d, false));
    a.targetNames.push_back(name);
    a.targets.push_back(std::move(t));
    a.pointTargets.push_back(std::move(pt));
  };
  for (const char* g : {"female", "male"}) {
    for (const char* age : {"young", "old"}) {
      const std::string ga = std::string(g) + "-" + age;
      // Ethnic targets averaged at MakeHuman's default ethnic weights (1/3 each).
      std::vector<glm::vec3> sum(static_cast<std::size_t>(nv), glm::vec3(0.0f));
      for (const char* eth : {"african", "asian", "caucasian"}) {
        auto t = sv::mh::readTarget(tdir / (std::string(eth) + "-" + ga + ".target"));
        if (!t) return fail(t.error().message);
        const std::vector<glm::vec3> d = dense(*t);
        for (std::size_t v = 0; v < sum.size(); ++v) sum[v] += d[v] / 3.0f;
      }
      addTarget("macro/" + ga, sum);
      for (const char* mu : {"minmuscle", "averagemuscle", "maxmuscle"}) {
        for (const char* we : {"minweight", "averageweight", "maxweight"}) {
          const std::string name = ga + "-" + mu + "-" + we;
          auto t = sv::mh::readTarget(tdir / ("universal-" + name + ".target"));
          if (!t) return fail(t.error().message);
          if (t->empty()) continue;  // the average-average targets are empty
          addTarget("universal/" + name, dense(*t));
        }
      }
      for (const char* h : {"minheight", "maxheight"}) {
        auto t = sv::mh::readTarget(tdir / "height" /
                                    (ga + "-averagemuscle-averageweight-" + h + ".target"));
        if (!t) return fail(t.error().message);
        addTarget("height/" + ga + "-" + h, dense(*t));
      }
    }
  }
  std::fprintf(stderr, "make_body: %zu vertices, %zu triangles, %zu bones, %zu targets: %.2f s\n",
               n, a.indices.size() / 3, a.bones.size(), a.targets.size(), seconds(t0));

  // --- ground and centre the base shape; normals ---
  {
    float minY = 1e9f;
    for (const glm::vec3& p : a.positions) minY = std::min(minY, p.y);
    const glm::vec3 pelvis = a.points[static_cast<std::size_t>(a.findPoint("pelvis"))];
    const glm::vec3 shift(-pelvis.x, -minY, -pelvis.z);
    for (glm::vec3& p : a.positions) p += shift;
    for (glm::vec3& p : a.points) p += shift;
  }
  // Under the fitted top the nipples do not show: their few centimetres of skin are smoothed
  // flat, in the base shape and in every target alike.
  {
    // The nipples: the most forward point of each breast of the young female shape, at chest
    // height (between the breast bone's head and the shoulder, 4–16 cm from the midline).
    const auto& female = a.targets[static_cast<std::size_t>(
        std::find(a.targetNames.begin(), a.targetNames.end(), "macro/female-young") -
        a.targetNames.begin())];
    const float chestLo = a.points[static_cast<std::size_t>(a.findPoint(headOf("spine02")))].y;
    const float chestHi = a.points[static_cast<std::size_t>(a.findPoint(headOf("clavicle.L")))].y;
    std::vector<sv::makebody::SmoothZone> zones;
    for (float side : {1.0f, -1.0f}) {
      std::size_t best = 0;
      float bestZ = -1e9f;
      for (std::size_t v = 0; v < n; ++v) {
        const glm::vec3 p = a.positions[v] + female[v];
        if (eyeVerts.count(used[v]) || p.x * side < 0.04f || p.x * side > 0.16f || p.y < chestLo ||
            p.y > chestHi) {
          continue;
        }
        if (p.z > bestZ) {
          bestZ = p.z;
          best = v;
        }
      }
      zones.push_back({a.positions[best], 0.03f});
    }
    std::vector<std::vector<glm::vec3>*> fields = {&a.positions};
    for (auto& t : a.targets) fields.push_back(&t);
    const std::vector<glm::vec3> basePositions = a.positions;
    sv::makebody::smoothFields(fields, a.indices, basePositions, zones, 60);
  }
  a.normals.resize(n);
  sv::body::computeNormals(a.positions, a.indices, a.normals);
  a.regionIds.assign(n, {0, 0, 0, 0});
  a.regionWeights.assign(n, {0, 0, 0, 0});
  a.cover.assign(n, {0, 0, 0, 0});
  if (sv::Status st = sv::body::validateBodyAsset(a, "make_body"); !st)
    return fail(st.error().message);

  // --- the body in the anatomical position: regions and cover ---
  {
    const auto model = sv::body::makeBodyModel(a, false);
    sv::body::BodyShape neutral{0.5f, 0.0f, 0.5f, 0.5f, 0.0f};
    auto body = sv::body::Body::create(model, neutral);
    if (!body) return fail(body.error().message);
    // The base shape itself (neutral shape = no targets would differ): classify on the
    // asset's own vertices posed at zero angles.
    sv::MeshData mesh = body->mesh();
    for (std::size_t v = 0; v < n; ++v) {
      mesh.vertices[v].position = a.positions[v];
      mesh.vertices[v].normal = a.normals[v];
    }
    auto baseFit = sv::body::fitSkeleton(a, a.points);
    if (!baseFit) return fail(baseFit.error().message);
    const sv::body::BodyRig rig = sv::body::buildRig(a, *baseFit, a.points);
    std::array<sv::anatomy::Transform, sv::anatomy::kJointCount> local{};
    std::array<glm::mat4, sv::anatomy::kJointCount> jm{};
    sv::anatomy::poseToLocal(baseFit->skeleton, sv::anatomy::Pose{}, local);
    sv::anatomy::localToModel(baseFit->skeleton, local, jm);
    const auto& relaxed = sv::anatomy::handShape(sv::anatomy::HandPose::Relaxed);
    std::vector<glm::mat4> palette(a.bones.size());
    sv::body::computeBodyPalette(rig, baseFit->skeleton, local, jm, relaxed, relaxed, palette);
    std::vector<sv::DualQuat> dq(palette.size());
    sv::computeDualQuatPalette(palette, dq);
    sv::makebody::RestMesh rest;
    rest.positions.resize(n);
    rest.normals.resize(n);
    sv::skinVerticesDualQuat(mesh, dq, rest.positions, rest.normals);
    rest.indices = a.indices;
    rest.skeleton = baseFit->skeleton;
    rest.joint.resize(n);
    rest.eye.resize(n);
    for (std::size_t v = 0; v < n; ++v) {
      const BoneSpec& b = a.bones[a.joints[v][0]];
      rest.joint[v] = b.drive == Drive::Finger ? sv::anatomy::index(sided(Joint::HandL, b.side))
                                               : sv::anatomy::index(b.joint);
      rest.eye[v] = eyeVerts.count(used[v]) > 0;
    }
    // Navel height, on the midline: the head of the lumbar region's second level (spine03).
    rest.waist = a.points[static_cast<std::size_t>(a.findPoint(headOf("spine03")))];
    rest.headTop = 0.0f;
    for (const glm::vec3& p : rest.positions) rest.headTop = std::max(rest.headTop, p.y);
    const std::vector<std::uint16_t> hard = sv::makebody::classifyRegions(rest);
    sv::makebody::smoothRegions(rest, hard, 0.035f, a.regionIds, a.regionWeights);
    a.cover = sv::makebody::classifyCover(rest);
  }
  // Levels of detail over the base shape, stored so loading does not simplify.
  {
    sv::MeshData tmp;
    tmp.vertices.resize(n);
    for (std::size_t v = 0; v < n; ++v) {
      tmp.vertices[v].position = a.positions[v];
      tmp.vertices[v].normal = a.normals[v];
    }
    tmp.indices = a.indices;
    sv::buildLods(tmp, sv::body::kBodyLodRatios);
    a.lodIndices = std::move(tmp.lodIndices);
    a.lods = std::move(tmp.lods);
  }
  if (sv::Status st = sv::body::validateBodyAsset(a, "make_body"); !st)
    return fail(st.error().message);

  const std::string bytes = sv::body::writeBodyAsset(a);
  std::ofstream out(outPath, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) return fail("cannot write " + outPath.string());
  std::fprintf(stderr, "make_body: wrote %s (%zu bytes) in %.2f s\n", outPath.string().c_str(),
               bytes.size(), seconds(t0));
  return 0;
}
