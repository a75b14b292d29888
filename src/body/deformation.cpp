#include "body/deformation.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <utility>

#include "anatomy/kinematics.h"
#include "model/rigged_model.h"

namespace sv::body {
namespace {

using anatomy::Joint;

// Radii for a 1.75 m body (scaled by the body's height): where the skin folds or stretches
// by nature when the joint bends fully — the hollow and the front of the knee, the elbow
// pit, the groin (inguinal fold) and the buttock fold around the hip, the perineum, the
// armpit and the front and top of the shoulder, the wrist, the front of the ankle, the
// fingers and the toes, the neck.
constexpr std::array<CreaseBand, 10> kCreases = {{
    {Joint::Pelvis, 0.13f},
    {Joint::KneeL, 0.085f},
    {Joint::ElbowL, 0.07f},
    {Joint::HipL, 0.16f},
    {Joint::ShoulderL, 0.15f},  // the armpit and the side of the chest below it
    {Joint::WristL, 0.04f},
    {Joint::AnkleL, 0.06f},
    {Joint::HandL, 0.10f},
    {Joint::ToesL, 0.06f},     // the toe crease under the ball of the foot
    {Joint::Cervical, 0.09f},  // the sides and front of the neck in a side bend or nod
}};

// Signed volume of the tetrahedron (a, b, c, o).
double coneVolume(const glm::vec3& a, const glm::vec3& b, const glm::vec3& c, const glm::vec3& o) {
  return static_cast<double>(glm::dot(a - o, glm::cross(b - o, c - o))) / 6.0;
}

glm::vec3 jointPos(const SkinnedBody& s, int j) {
  return glm::vec3(s.jointModel[static_cast<std::size_t>(j)][3]);
}

int firstChild(const anatomy::Skeleton& sk, int j) {
  for (int c = j + 1; c < anatomy::kJointCount; ++c) {
    if (sk.parents[static_cast<std::size_t>(c)] == j) return c;
  }
  return -1;
}

int segmentOf(const Body& body, std::size_t v) {
  const std::size_t b = body.mesh().vertices[v].joints[0];
  return b < body.rig().bones.size() ? body.rig().bones[b].segment : 0;
}

// An orthonormal basis (u, w) of the plane with unit normal n.
void planeBasis(const glm::vec3& n, glm::vec3& u, glm::vec3& w) {
  const glm::vec3 a = std::fabs(n.x) < 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
  u = glm::normalize(glm::cross(n, a));
  w = glm::cross(n, u);
}

float hullArea(std::vector<glm::vec2> p) {
  if (p.size() < 3) return 0.0f;
  std::sort(p.begin(), p.end(), [](const glm::vec2& a, const glm::vec2& b) {
    return a.x != b.x ? a.x < b.x : a.y < b.y;
  });
  auto cross = [](const glm::vec2& o, const glm::vec2& a, const glm::vec2& b) {
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  };
  std::vector<glm::vec2> h(2 * p.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0.0f) --k;
    h[k++] = p[i];
  }
  for (std::size_t i = p.size() - 1, t = k + 1; i > 0; --i) {
    while (k >= t && cross(h[k - 2], h[k - 1], p[i - 1]) <= 0.0f) --k;
    h[k++] = p[i - 1];
  }
  h.resize(k - 1);
  float a = 0.0f;
  for (std::size_t i = 0; i < h.size(); ++i) {
    const glm::vec2& q = h[i];
    const glm::vec2& r = h[(i + 1) % h.size()];
    a += q.x * r.y - r.x * q.y;
  }
  return std::fabs(a) * 0.5f;
}

}  // namespace

std::span<const CreaseBand> defaultCreaseBands() {
  return kCreases;
}

void skinBodyWithPalette(const Body& body, std::span<const glm::mat4> palette,
                         std::span<const glm::mat4> jointModel, SkinnedBody& out) {
  if (jointModel.data() != out.jointModel.data()) {
    std::copy(jointModel.begin(), jointModel.begin() + anatomy::kJointCount,
              out.jointModel.begin());
  }
  std::vector<DualQuat> dq(palette.size());
  computeDualQuatPalette(palette, dq);
  const std::size_t n = body.mesh().vertices.size();
  out.positions.resize(n);
  out.normals.resize(n);
  skinVerticesDualQuat(body.mesh(), dq, out.positions, out.normals);
}

void skinBody(const Body& body, const anatomy::Pose& pose, const anatomy::HandShape& left,
              const anatomy::HandShape& right, SkinnedBody& out) {
  std::array<anatomy::Transform, anatomy::kJointCount> local{};
  anatomy::poseToLocal(body.skeleton(), pose, local);
  anatomy::localToModel(body.skeleton(), local, out.jointModel);
  std::vector<glm::mat4> palette(static_cast<std::size_t>(body.boneCount()));
  body.palette(local, out.jointModel, left, right, palette);
  skinBodyWithPalette(body, palette, out.jointModel, out);
}

void bindBody(const Body& body, SkinnedBody& out) {
  const auto& v = body.mesh().vertices;
  out.positions.resize(v.size());
  out.normals.resize(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    out.positions[i] = v[i].position;
    out.normals[i] = v[i].normal;
  }
  out.jointModel = body.fit().bindModel;
}

DeformationReport measureDeformation(const Body& body, const SkinnedBody& ref,
                                     const SkinnedBody& posed,
                                     std::span<const CreaseBand> creases) {
  DeformationReport r;
  const MeshData& mesh = body.mesh();
  const std::size_t n = mesh.vertices.size();
  const auto& idx = mesh.indices;
  // Crease membership in the reference.
  std::vector<char> crease(n, 0);
  const float scale = body.skeleton().height / 1.75f;
  for (const CreaseBand& c : creases) {
    for (anatomy::Side side : {anatomy::Side::Left, anatomy::Side::Right}) {
      const glm::vec3 centre = jointPos(ref, anatomy::index(anatomy::onSide(c.joint, side)));
      for (std::size_t v = 0; v < n; ++v) {
        if (glm::distance(ref.positions[v], centre) < c.radius * scale) crease[v] = 1;
      }
    }
  }
  std::vector<int> segment(n);
  for (std::size_t v = 0; v < n; ++v) segment[v] = segmentOf(body, v);

  std::map<int, std::pair<double, double>> volume;  // segment -> (reference, posed)
  // Boundary edges of each segment's patch (triangles wholly in it), oriented as in their
  // triangle: an edge used once.
  std::map<int, std::map<std::pair<std::uint32_t, std::uint32_t>, int>> edgeUse;
  for (std::size_t t = 0; t + 2 < idx.size(); t += 3) {
    const std::uint32_t a = idx[t], b = idx[t + 1], c = idx[t + 2];
    // Folded triangles.
    const glm::vec3 fn = glm::cross(posed.positions[b] - posed.positions[a],
                                    posed.positions[c] - posed.positions[a]);
    const glm::vec3 vn = posed.normals[a] + posed.normals[b] + posed.normals[c];
    const glm::vec3 fr =
        glm::cross(ref.positions[b] - ref.positions[a], ref.positions[c] - ref.positions[a]);
    const glm::vec3 vr = ref.normals[a] + ref.normals[b] + ref.normals[c];
    const bool wasUpright = glm::dot(fr, vr) > 0.0f;
    const bool inCrease = crease[a] || crease[b] || crease[c];
    if (wasUpright && glm::dot(fn, vn) < -0.1f * glm::length(fn) * glm::length(vn)) {
      ++r.invertedInCreases;
    }
    if (!inCrease && wasUpright && glm::dot(fn, vn) < -0.1f * glm::length(fn) * glm::length(vn)) {
      ++r.invertedTriangles;
      if (r.invertedAt.size() < 64) r.invertedAt.push_back(static_cast<int>(a));
    }
    // Edges (each counted from the triangles that hold it; duplicates do not change extremes).
    const std::uint32_t e[3][2] = {{a, b}, {b, c}, {c, a}};
    for (const auto& ed : e) {
      if (crease[ed[0]] || crease[ed[1]]) continue;
      const float lr = glm::distance(ref.positions[ed[0]], ref.positions[ed[1]]);
      if (lr < 1e-5f) continue;
      const float ratio = glm::distance(posed.positions[ed[0]], posed.positions[ed[1]]) / lr;
      if (ratio < r.minEdgeRatio || ratio > r.maxEdgeRatio) {
        const float worst = std::max(1.0f / r.minEdgeRatio, r.maxEdgeRatio);
        if (std::max(ratio, 1.0f / ratio) > worst) r.worstEdgeVertex = static_cast<int>(ed[0]);
      }
      r.minEdgeRatio = std::min(r.minEdgeRatio, ratio);
      r.maxEdgeRatio = std::max(r.maxEdgeRatio, ratio);
    }
    // Volumes of the patches of triangles wholly in one segment (closed below).
    const int sg = segment[a];
    if (segment[b] == sg && segment[c] == sg) {
      const glm::vec3 cr = jointPos(ref, sg), cp = jointPos(posed, sg);
      volume[sg].first += coneVolume(ref.positions[a], ref.positions[b], ref.positions[c], cr);
      volume[sg].second +=
          coneVolume(posed.positions[a], posed.positions[b], posed.positions[c], cp);
      auto& use = edgeUse[sg];
      for (const auto& ed : e) {
        const auto rev = std::make_pair(ed[1], ed[0]);
        auto it = use.find(rev);
        if (it != use.end()) {
          use.erase(it);  // shared by two triangles of the patch: interior
        } else {
          use[std::make_pair(ed[0], ed[1])] = 1;
        }
      }
    }
  }
  // Close each patch: every boundary loop gets a fan to its centroid (so the volume is what
  // the skin of the segment encloses, not a cone from the joint: the segment's open ends move
  // with the neighbouring segments).
  for (auto& [sg, use] : edgeUse) {
    std::map<std::uint32_t, std::uint32_t> next;
    for (const auto& [ed, one] : use) next[ed.first] = ed.second;
    std::map<std::uint32_t, bool> seen;
    const glm::vec3 cr = jointPos(ref, sg), cp = jointPos(posed, sg);
    for (const auto& [start, unused] : next) {
      if (seen[start]) continue;
      std::vector<std::uint32_t> loop;
      for (std::uint32_t v = start; !seen[v] && next.count(v); v = next[v]) {
        seen[v] = true;
        loop.push_back(v);
      }
      if (loop.size() < 3) continue;
      glm::vec3 mr(0.0f), mp(0.0f);
      for (std::uint32_t v : loop) {
        mr += ref.positions[v];
        mp += posed.positions[v];
      }
      mr /= static_cast<float>(loop.size());
      mp /= static_cast<float>(loop.size());
      for (std::size_t i = 0; i < loop.size(); ++i) {
        const std::uint32_t u = loop[i], w = loop[(i + 1) % loop.size()];
        volume[sg].first += coneVolume(ref.positions[w], ref.positions[u], mr, cr);
        volume[sg].second += coneVolume(posed.positions[w], posed.positions[u], mp, cp);
      }
    }
  }
  for (const auto& [sg, v] : volume) {
    if (std::fabs(v.first) < 1e-5) continue;  // < 10 cm³: too small to judge
    const float change = static_cast<float>(std::fabs(v.second / v.first - 1.0));
    const Joint lj = anatomy::leftOf(static_cast<Joint>(sg));
    const bool trunk = lj == Joint::Pelvis || lj == Joint::Lumbar || lj == Joint::Thoracic ||
                       lj == Joint::Cervical || lj == Joint::Head || lj == Joint::ClavicleL;
    float& worst = trunk ? r.worstTrunkVolumeChange : r.worstVolumeChange;
    int& at = trunk ? r.worstTrunkVolumeSegment : r.worstVolumeSegment;
    if (change > worst) {
      worst = change;
      at = sg;
    }
  }
  return r;
}

float crossSectionAspect(const Body& body, const SkinnedBody& s, Joint joint, float fraction) {
  const int j = anatomy::index(joint);
  const int c = firstChild(body.skeleton(), j);
  if (c < 0) return 0.0f;
  const glm::vec3 a = jointPos(s, j), b = jointPos(s, c);
  const glm::vec3 axis = glm::normalize(b - a);
  const glm::vec3 p0 = glm::mix(a, b, fraction);
  glm::vec3 u, w;
  planeBasis(axis, u, w);
  std::vector<glm::vec2> pts;
  const std::size_t n = s.positions.size();
  for (std::size_t v = 0; v < n; ++v) {
    // The segment's own skin only: a flexed neighbour (the forearm folded onto the upper arm)
    // may cross the plane too.
    if (segmentOf(body, v) != j) continue;
    const glm::vec3 d = s.positions[v] - p0;
    if (std::fabs(glm::dot(d, axis)) > 0.012f || glm::length(d) > 0.15f) continue;
    pts.emplace_back(glm::dot(d, u), glm::dot(d, w));
  }
  if (pts.size() < 6) return 0.0f;
  glm::vec2 mean(0.0f);
  for (const glm::vec2& p : pts) mean += p;
  mean /= static_cast<float>(pts.size());
  float sxx = 0, syy = 0, sxy = 0;
  for (const glm::vec2& p : pts) {
    const glm::vec2 d = p - mean;
    sxx += d.x * d.x;
    syy += d.y * d.y;
    sxy += d.x * d.y;
  }
  const float tr = sxx + syy, det = sxx * syy - sxy * sxy;
  const float disc = std::sqrt(std::max(tr * tr * 0.25f - det, 0.0f));
  const float l1 = tr * 0.5f + disc, l2 = std::max(tr * 0.5f - disc, 1e-12f);
  return std::sqrt(l1 / l2);
}

float ringArea(const Body& body, const SkinnedBody& s, Joint joint) {
  const int j = anatomy::index(joint);
  const int p = body.skeleton().parents[static_cast<std::size_t>(j)];
  if (p < 0) return 0.0f;
  const glm::vec3 centre = jointPos(s, j);
  const glm::vec3 axis = glm::normalize(centre - jointPos(s, p));
  glm::vec3 u, w;
  planeBasis(axis, u, w);
  std::vector<glm::vec2> pts;
  for (std::size_t v = 0; v < s.positions.size(); ++v) {
    const int seg = segmentOf(body, v);
    if (seg != j && seg != p && body.skeleton().parents[static_cast<std::size_t>(seg)] != j)
      continue;
    const glm::vec3 d = s.positions[v] - centre;
    if (std::fabs(glm::dot(d, axis)) > 0.01f || glm::length(d) > 0.10f) continue;
    pts.emplace_back(glm::dot(d, u), glm::dot(d, w));
  }
  return hullArea(std::move(pts));
}

}  // namespace sv::body
