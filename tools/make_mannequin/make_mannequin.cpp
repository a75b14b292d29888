// make_mannequin: generates assets/models/mannequin.glb (see docs/mannequin.md).
//
// Usage: make_mannequin [OUTPUT.glb]   (default: <source>/assets/models/mannequin.glb)
//
// Pipeline: body SDF (body_sdf.h) -> field on a 6 mm grid, evaluated only in blocks near the
// surface -> marching tetrahedra (Kuhn split; closed 2-manifold by construction) -> Newton
// projection onto the surface -> meshoptimizer simplification -> tangential smoothing with
// re-projection -> normals from the SDF gradient -> skin weights (primitive tags, diffusion
// over the mesh graph restricted to the tree neighbourhood of each vertex's bone, top 4,
// quantised to 1/65536) -> muscle regions from surface anatomy -> GLB.
//
// Deterministic: no unordered iteration, fixed evaluation order; the two worker threads
// write disjoint slices of the field and the result does not depend on scheduling.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <numeric>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <meshoptimizer.h>

#include "anatomy/muscle_groups.h"
#include "anatomy/skeleton.h"
#include "body_sdf.h"
#include "model/gltf_io.h"

namespace {

using sv::anatomy::Joint;
using sv::anatomy::kJointCount;
using sv::anatomy::MuscleGroup;
using sv::anatomy::Side;
using sv::mannequin::BodySdf;

constexpr float kVoxel = 0.006f;
constexpr int kBlock = 8;
// The hands' separate fingers take ~2.5k triangles; with the old 48k target the simplifier took
// them from the body, and the coarser crotch folded under the standing pose (a dark "hem"
// across the thighs in the level-of-detail meshes). 52k keeps the body's density.
constexpr std::size_t kTargetTriangles = 52000;

struct Grid {
  glm::vec3 origin{-0.48f, -0.02f, -0.16f};
  int nx = 0, ny = 0, nz = 0;
  std::vector<float> f;
  std::size_t at(int i, int j, int k) const {
    return (static_cast<std::size_t>(k) * static_cast<std::size_t>(ny) +
            static_cast<std::size_t>(j)) *
               static_cast<std::size_t>(nx) +
           static_cast<std::size_t>(i);
  }
  glm::vec3 pos(int i, int j, int k) const {
    return origin +
           kVoxel * glm::vec3(static_cast<float>(i), static_cast<float>(j), static_cast<float>(k));
  }
};

double seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

Grid sampleField(const BodySdf& sdf) {
  Grid g;
  const glm::vec3 extent(0.96f, 1.80f, 0.42f);
  g.nx = static_cast<int>(extent.x / kVoxel) + 1;
  g.ny = static_cast<int>(extent.y / kVoxel) + 1;
  g.nz = static_cast<int>(extent.z / kVoxel) + 1;
  g.f.assign(static_cast<std::size_t>(g.nx) * static_cast<std::size_t>(g.ny) *
                 static_cast<std::size_t>(g.nz),
             0.0f);
  const int bx = (g.nx + kBlock - 1) / kBlock, by = (g.ny + kBlock - 1) / kBlock,
            bz = (g.nz + kBlock - 1) / kBlock;
  // Pre-pass: one evaluation per block; a block is skipped when its centre is farther from
  // the surface than the block's half-diagonal (with a margin for the approximate SDFs).
  std::vector<float> blockD(static_cast<std::size_t>(bx * by * bz));
  std::vector<unsigned char> active(blockD.size());
  const float halfDiag = std::sqrt(3.0f) * 0.5f * kBlock * kVoxel;
  for (int k = 0; k < bz; ++k) {
    for (int j = 0; j < by; ++j) {
      for (int i = 0; i < bx; ++i) {
        const glm::vec3 c =
            g.pos(i * kBlock, j * kBlock, k * kBlock) + glm::vec3(0.5f * kBlock * kVoxel);
        const float d = sdf.distance(c);
        const auto bi = static_cast<std::size_t>((k * by + j) * bx + i);
        blockD[bi] = d;
        active[bi] = std::fabs(d) < halfDiag * 1.5f + 2.0f * kVoxel ? 1 : 0;
      }
    }
  }
  auto work = [&](int k0, int k1) {
    for (int k = k0; k < k1; ++k) {
      for (int j = 0; j < g.ny; ++j) {
        for (int i = 0; i < g.nx; ++i) {
          // A point is evaluated when any block touching it is active.
          bool act = false;
          float fallback = 1.0f;
          for (int dk = 0; dk <= 1 && !act; ++dk) {
            for (int dj = 0; dj <= 1 && !act; ++dj) {
              for (int di = 0; di <= 1 && !act; ++di) {
                const int ii = i / kBlock - (di && i % kBlock == 0 ? 1 : 0);
                const int jj = j / kBlock - (dj && j % kBlock == 0 ? 1 : 0);
                const int kk = k / kBlock - (dk && k % kBlock == 0 ? 1 : 0);
                if (ii < 0 || jj < 0 || kk < 0 || ii >= bx || jj >= by || kk >= bz) continue;
                const auto bi = static_cast<std::size_t>((kk * by + jj) * bx + ii);
                if (active[bi]) act = true;
                fallback = blockD[bi];
              }
            }
          }
          float v = act ? sdf.distance(g.pos(i, j, k)) : fallback;
          if (v == 0.0f) v = 1e-7f;  // no vertex exactly on a grid point
          g.f[g.at(i, j, k)] = v;
        }
      }
    }
  };
  const int mid = g.nz / 2;
  std::thread t(work, 0, mid);
  work(mid, g.nz);
  t.join();
  return g;
}

struct Mesh {
  std::vector<glm::vec3> pos;
  std::vector<std::uint32_t> tri;
};

// Marching tetrahedra over the Kuhn decomposition of each cell (6 tetrahedra sharing the
// main diagonal; consistent across neighbouring cells), one vertex per crossed grid edge.
Mesh extract(const Grid& g) {
  Mesh m;
  std::unordered_map<std::uint64_t, std::uint32_t> edgeVertex;  // looked up, never iterated
  static constexpr int kPerm[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2},
                                      {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
  auto vertexOn = [&](int ci, int cj, int ck, int ca, int cb) -> std::uint32_t {
    // Corners given as bitmasks relative to cell (ci,cj,ck); ca < cb component-wise.
    const int lo = ca & cb;  // Kuhn edges are positive: lower corner = ca
    const int dir = cb ^ ca;
    const int i = ci + (lo & 1), j = cj + ((lo >> 1) & 1), k = ck + ((lo >> 2) & 1);
    const std::uint64_t key =
        static_cast<std::uint64_t>(g.at(i, j, k)) * 8u + static_cast<std::uint64_t>(dir);
    auto it = edgeVertex.find(key);
    if (it != edgeVertex.end()) return it->second;
    const float fa = g.f[g.at(i, j, k)];
    const int i2 = i + (dir & 1), j2 = j + ((dir >> 1) & 1), k2 = k + ((dir >> 2) & 1);
    const float fb = g.f[g.at(i2, j2, k2)];
    // Kept off the grid points: coincident vertices from different edges would be taken for
    // attribute seams by meshoptimizer, which then pinches the surface there.
    const float t = std::clamp(fa / (fa - fb), 0.02f, 0.98f);
    const glm::vec3 p = g.pos(i, j, k) + t * (g.pos(i2, j2, k2) - g.pos(i, j, k));
    const auto id = static_cast<std::uint32_t>(m.pos.size());
    m.pos.push_back(p);
    edgeVertex.emplace(key, id);
    return id;
  };
  for (int k = 0; k + 1 < g.nz; ++k) {
    for (int j = 0; j + 1 < g.ny; ++j) {
      for (int i = 0; i + 1 < g.nx; ++i) {
        float cf[8];
        bool anyIn = false, anyOut = false;
        for (int c = 0; c < 8; ++c) {
          cf[c] = g.f[g.at(i + (c & 1), j + ((c >> 1) & 1), k + ((c >> 2) & 1))];
          (cf[c] < 0 ? anyIn : anyOut) = true;
        }
        if (!anyIn || !anyOut) continue;
        for (const auto& perm : kPerm) {
          int corner[4];
          corner[0] = 0;
          corner[1] = 1 << perm[0];
          corner[2] = corner[1] | (1 << perm[1]);
          corner[3] = 7;
          int in[4], out[4], nin = 0, nout = 0;
          for (int c : corner) (cf[c] < 0 ? in[nin++] : out[nout++]) = c;
          if (nin == 0 || nout == 0) continue;
          auto edge = [&](int a, int b) {
            return vertexOn(i, j, k, std::min(a, b) == (a & b) ? a : b,
                            std::min(a, b) == (a & b) ? b : a);
          };
          glm::vec3 cin(0.0f), cout(0.0f);
          for (int q = 0; q < nin; ++q) {
            cin += glm::vec3(in[q] & 1, (in[q] >> 1) & 1, (in[q] >> 2) & 1);
          }
          for (int q = 0; q < nout; ++q) {
            cout += glm::vec3(out[q] & 1, (out[q] >> 1) & 1, (out[q] >> 2) & 1);
          }
          const glm::vec3 outward = cout / static_cast<float>(nout) - cin / static_cast<float>(nin);
          // Orientation from the edge midpoints in cell coordinates (exact, never degenerate),
          // not from the interpolated positions.
          auto corner3 = [](int c) { return glm::vec3(c & 1, (c >> 1) & 1, (c >> 2) & 1); };
          auto mid = [&](int a, int b) { return 0.5f * (corner3(a) + corner3(b)); };
          auto emit = [&](std::uint32_t a, std::uint32_t b, std::uint32_t c, glm::vec3 ma,
                          glm::vec3 mb, glm::vec3 mc) {
            const glm::vec3 n = glm::cross(mb - ma, mc - ma);
            if (glm::dot(n, outward) < 0) std::swap(b, c);
            m.tri.insert(m.tri.end(), {a, b, c});
          };
          if (nin == 1 || nout == 1) {
            const int apex = nin == 1 ? in[0] : out[0];
            const int* others = nin == 1 ? out : in;
            emit(edge(apex, others[0]), edge(apex, others[1]), edge(apex, others[2]),
                 mid(apex, others[0]), mid(apex, others[1]), mid(apex, others[2]));
          } else {
            const std::uint32_t a = edge(in[0], out[0]), b = edge(in[0], out[1]),
                                c = edge(in[1], out[1]), d = edge(in[1], out[0]);
            const glm::vec3 ma = mid(in[0], out[0]), mb = mid(in[0], out[1]),
                            mc = mid(in[1], out[1]), md = mid(in[1], out[0]);
            emit(a, b, c, ma, mb, mc);
            emit(a, c, d, ma, mc, md);
          }
        }
      }
    }
  }
  return m;
}

void project(const BodySdf& sdf, glm::vec3& p, int steps) {
  for (int s = 0; s < steps; ++s) {
    const float d = sdf.distance(p);
    p -= d * sdf.gradient(p);
  }
}

std::vector<std::vector<std::uint32_t>> neighbours(const Mesh& m) {
  std::vector<std::vector<std::uint32_t>> nb(m.pos.size());
  for (std::size_t t = 0; t < m.tri.size(); t += 3) {
    for (int e = 0; e < 3; ++e) {
      const std::uint32_t a = m.tri[t + static_cast<std::size_t>(e)];
      const std::uint32_t b = m.tri[t + static_cast<std::size_t>((e + 1) % 3)];
      nb[a].push_back(b);
      nb[b].push_back(a);
    }
  }
  for (auto& v : nb) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  }
  return nb;
}

// Counts edges not shared by exactly two triangles (with opposite orientation).
std::size_t nonManifoldEdges(const Mesh& m) {
  std::map<std::pair<std::uint32_t, std::uint32_t>, int> count;
  for (std::size_t t = 0; t < m.tri.size(); t += 3) {
    for (int e = 0; e < 3; ++e) {
      const std::uint32_t a = m.tri[t + static_cast<std::size_t>(e)];
      const std::uint32_t b = m.tri[t + static_cast<std::size_t>((e + 1) % 3)];
      count[{a, b}] += 1;
    }
  }
  std::size_t bad = 0;
  for (const auto& [e, c] : count) {
    if (c != 1 || count.count({e.second, e.first}) == 0 || count.at({e.second, e.first}) != 1) {
      ++bad;
    }
  }
  return bad;
}

Mesh simplify(const Mesh& in, std::size_t targetTriangles) {
  std::vector<std::uint32_t> out(in.tri.size());
  float err = 0.0f;
  const std::size_t n =
      meshopt_simplify(out.data(), in.tri.data(), in.tri.size(), &in.pos[0].x, in.pos.size(),
                       sizeof(glm::vec3), targetTriangles * 3, 0.01f, 0, &err);
  out.resize(n);
  std::vector<std::uint32_t> remap(in.pos.size());
  const std::size_t vcount =
      meshopt_optimizeVertexFetchRemap(remap.data(), out.data(), out.size(), in.pos.size());
  Mesh m;
  m.pos.resize(vcount);
  meshopt_remapVertexBuffer(m.pos.data(), in.pos.data(), in.pos.size(), sizeof(glm::vec3),
                            remap.data());
  m.tri.resize(out.size());
  meshopt_remapIndexBuffer(m.tri.data(), out.data(), out.size(), remap.data());
  return m;
}

// meshoptimizer can leave a few "fins": pairs of coincident triangles with opposite
// orientation where two sheets of a thin part were collapsed together. Removing both copies
// restores a closed 2-manifold (every edge shared by exactly two triangles).
void removeFins(Mesh& m) {
  for (int iter = 0; iter < 8; ++iter) {
    std::map<std::array<std::uint32_t, 3>, std::vector<std::size_t>> byKey;
    for (std::size_t t = 0; t < m.tri.size(); t += 3) {
      std::array<std::uint32_t, 3> k{m.tri[t], m.tri[t + 1], m.tri[t + 2]};
      std::sort(k.begin(), k.end());
      byKey[k].push_back(t / 3);
    }
    std::vector<unsigned char> drop(m.tri.size() / 3, 0);
    bool any = false;
    for (const auto& [k, list] : byKey) {
      if (list.size() < 2) continue;
      for (std::size_t t : list) drop[t] = 1;
      any = true;
    }
    if (!any) break;
    std::vector<std::uint32_t> kept;
    for (std::size_t t = 0; t < drop.size(); ++t) {
      if (!drop[t]) kept.insert(kept.end(), {m.tri[3 * t], m.tri[3 * t + 1], m.tri[3 * t + 2]});
    }
    m.tri.swap(kept);
  }
  std::vector<std::uint32_t> remap(m.pos.size());
  const std::size_t vcount =
      meshopt_optimizeVertexFetchRemap(remap.data(), m.tri.data(), m.tri.size(), m.pos.size());
  std::vector<glm::vec3> pos(vcount);
  meshopt_remapVertexBuffer(pos.data(), m.pos.data(), m.pos.size(), sizeof(glm::vec3),
                            remap.data());
  meshopt_remapIndexBuffer(m.tri.data(), m.tri.data(), m.tri.size(), remap.data());
  m.pos.swap(pos);
}

// Connected components (by shared vertices), sizes in triangles, largest first.
std::vector<std::size_t> componentLabels(const Mesh& m, std::vector<std::size_t>* sizes) {
  std::vector<std::size_t> parent(m.pos.size());
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  auto find = [&](std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (std::size_t t = 0; t < m.tri.size(); t += 3) {
    const std::size_t a = find(m.tri[t]);
    parent[find(m.tri[t + 1])] = a;
    parent[find(m.tri[t + 2])] = a;
  }
  std::vector<std::size_t> label(m.pos.size());
  std::map<std::size_t, std::size_t> count;
  for (std::size_t v = 0; v < m.pos.size(); ++v) label[v] = find(v);
  for (std::size_t t = 0; t < m.tri.size(); t += 3) count[label[m.tri[t]]] += 1;
  if (sizes) {
    sizes->clear();
    for (const auto& [l, c] : count) sizes->push_back(c);
    std::sort(sizes->rbegin(), sizes->rend());
  }
  return label;
}

void smoothTangential(const BodySdf& sdf, Mesh& m, int passes) {
  const auto nb = neighbours(m);
  for (int pass = 0; pass < passes; ++pass) {
    std::vector<glm::vec3> next = m.pos;
    for (std::size_t v = 0; v < m.pos.size(); ++v) {
      if (nb[v].empty()) continue;
      glm::vec3 c(0.0f);
      for (std::uint32_t n : nb[v]) c += m.pos[n];
      c /= static_cast<float>(nb[v].size());
      const glm::vec3 nrm = sdf.gradient(m.pos[v]);
      glm::vec3 delta = c - m.pos[v];
      delta -= nrm * glm::dot(delta, nrm);
      next[v] = m.pos[v] + 0.6f * delta;
      project(sdf, next[v], 1);
    }
    m.pos.swap(next);
  }
}

// ---- skin weights ----

using Weights = std::array<float, kJointCount>;

std::array<std::vector<int>, kJointCount> allowedBones() {
  // Each vertex may take weights from its own bone's ancestors and descendants up to two
  // levels (never from siblings or the other limbs).
  std::array<std::vector<int>, kJointCount> allowed;
  auto parent = [](int j) { return sv::anatomy::parentOf(static_cast<Joint>(j)); };
  for (int j = 0; j < kJointCount; ++j) {
    std::vector<int>& a = allowed[static_cast<std::size_t>(j)];
    a.push_back(j);
    const int p = parent(j);
    if (p >= 0) {
      a.push_back(p);
      if (parent(p) >= 0) a.push_back(parent(p));
    }
    for (int c = 0; c < kJointCount; ++c) {
      if (parent(c) == j) {
        a.push_back(c);
        for (int gc = 0; gc < kJointCount; ++gc) {
          if (parent(gc) == c) a.push_back(gc);
        }
      }
    }
    std::sort(a.begin(), a.end());
  }
  return allowed;
}

struct Skin {
  std::vector<std::array<std::uint16_t, 4>> joints;
  std::vector<glm::vec4> weights;
  std::vector<int> dominant;  // bone with the nearest primitive (before diffusion)
};

// Harmonic blend zones (radius around the shoulder and hip centres, Gauss-Seidel sweeps).
constexpr float kShoulderZone = 0.22f;
constexpr float kHipZone = 0.33f;
constexpr float kKneeZone = 0.10f;
constexpr int kHarmonicPasses = 800;
constexpr float kCrotchHalfWidth = 0.015f;

Skin computeWeights(const BodySdf& sdf, const sv::anatomy::Skeleton& skel, const Mesh& m) {
  const auto allowed = allowedBones();
  const auto nb = neighbours(m);
  const std::size_t n = m.pos.size();
  std::vector<Weights> w(n);
  Skin skin;
  skin.dominant.resize(n);
  constexpr float kSigma = BodySdf::kTagSigma;
  for (std::size_t v = 0; v < n; ++v) {
    std::array<float, kJointCount> d{};
    sdf.boneDistances(m.pos[v], d);
    int best = 0;
    for (int j = 1; j < kJointCount; ++j) {
      if (d[static_cast<std::size_t>(j)] < d[static_cast<std::size_t>(best)]) best = j;
    }
    skin.dominant[v] = best;
    w[v].fill(0.0f);
    for (int j : allowed[static_cast<std::size_t>(best)]) {
      w[v][static_cast<std::size_t>(j)] =
          std::exp(-(d[static_cast<std::size_t>(j)] - d[static_cast<std::size_t>(best)]) / kSigma);
    }
  }
  auto normaliseMasked = [&](std::size_t v, Weights& x) {
    float s = 0.0f;
    Weights masked{};
    for (int j : allowed[static_cast<std::size_t>(skin.dominant[v])]) {
      masked[static_cast<std::size_t>(j)] = x[static_cast<std::size_t>(j)];
      s += x[static_cast<std::size_t>(j)];
    }
    for (float& e : masked) e /= s;
    x = masked;
  };
  for (std::size_t v = 0; v < n; ++v) normaliseMasked(v, w[v]);

  // Diffusion widens the blend zones: everywhere a little, around the shoulders, hips and
  // the spine (large rotations) much more.
  const glm::vec3 shoulderL(
      sdf.bindModel()[static_cast<std::size_t>(sv::anatomy::index(Joint::ShoulderL))][3]);
  const glm::vec3 hipL(
      skel.restModel[static_cast<std::size_t>(sv::anatomy::index(Joint::HipL))][3]);
  const glm::vec3 kneeL(
      skel.restModel[static_cast<std::size_t>(sv::anatomy::index(Joint::KneeL))][3]);
  std::vector<unsigned char> wide(n);
  for (std::size_t v = 0; v < n; ++v) {
    const glm::vec3 p = m.pos[v];
    const glm::vec3 pm(std::fabs(p.x), p.y, p.z);
    // The hip and knee zones take no arm vertices (the hanging hand is near the hip).
    const Joint dom = sv::anatomy::leftOf(static_cast<Joint>(skin.dominant[v]));
    const bool arm = dom == Joint::ShoulderL || dom == Joint::ElbowL || dom == Joint::ForearmL ||
                     dom == Joint::WristL || dom == Joint::HandL;
    wide[v] = (glm::length(pm - shoulderL) < kShoulderZone ||
               (!arm && (glm::length(pm - hipL) < kHipZone || glm::length(pm - kneeL) < kKneeZone)))
                  ? 1
                  : 0;
  }
  auto diffuse = [&](int passes, bool onlyWide) {
    for (int pass = 0; pass < passes; ++pass) {
      std::vector<Weights> next = w;
      for (std::size_t v = 0; v < n; ++v) {
        if ((onlyWide && !wide[v]) || nb[v].empty()) continue;
        // Neighbours weighted by inverse edge length (floored at 2 mm): short edges, which
        // the simplifier leaves in creases (armpit, crotch), are evened out first, so the
        // weight gradient per metre -- what stretches skin under a rotation -- stays bounded.
        Weights acc{};
        float ksum = 0.0f;
        for (std::uint32_t u : nb[v]) {
          const float k = 1.0f / std::max(glm::length(m.pos[u] - m.pos[v]), 0.002f);
          ksum += k;
          for (std::size_t j = 0; j < acc.size(); ++j) acc[j] += k * w[u][j];
        }
        const float inv = 1.0f / ksum;
        for (std::size_t j = 0; j < acc.size(); ++j) acc[j] = 0.5f * w[v][j] + 0.5f * acc[j] * inv;
        normaliseMasked(v, acc);
        next[v] = acc;
      }
      w.swap(next);
    }
  };
  diffuse(12, false);
  // Around the shoulders and hips (rotations up to 170° and 120°) the blend zone is made
  // HARMONIC: Gauss-Seidel sweeps (in place, fixed order: deterministic) of the same
  // inverse-edge-length average, with the zone's boundary held, converge to the smoothest
  // interpolation between the trunk's and the limb's weights. That spreads the blend over the
  // whole zone (the armpit and crotch creases included) so the weight gradient -- and with it
  // the skin stretch under dual-quaternion skinning, about 1 + angle x lever x |grad w| --
  // stays bounded.
  // The crotch (midline below the hip centres) is held at the pelvis: otherwise the harmonic
  // zone mixes both thighs there and one hip's flexion tears the midline apart.
  const std::size_t pelvis = static_cast<std::size_t>(sv::anatomy::index(Joint::Pelvis));
  for (std::size_t v = 0; v < n; ++v) {
    if (wide[v] && std::fabs(m.pos[v].x) < kCrotchHalfWidth && m.pos[v].y < hipL.y) {
      w[v].fill(0.0f);
      w[v][pelvis] = 1.0f;
      wide[v] = 0;
    }
  }
  for (int pass = 0; pass < kHarmonicPasses; ++pass) {
    for (std::size_t v = 0; v < n; ++v) {
      if (!wide[v] || nb[v].empty()) continue;
      Weights acc{};
      float ksum = 0.0f;
      for (std::uint32_t u : nb[v]) {
        const float k = 1.0f / std::max(glm::length(m.pos[u] - m.pos[v]), 0.002f);
        ksum += k;
        for (std::size_t j = 0; j < acc.size(); ++j) acc[j] += k * w[u][j];
      }
      for (float& e : acc) e /= ksum;
      normaliseMasked(v, acc);
      w[v] = acc;
    }
  }

  skin.joints.resize(n);
  skin.weights.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    std::array<int, kJointCount> order{};
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return w[v][static_cast<std::size_t>(a)] > w[v][static_cast<std::size_t>(b)];
    });
    // Top 4, quantised to multiples of 1/65536 summing to exactly 1 (exact in float, so the
    // glTF validator's normalisation check passes).
    float s = 0.0f;
    for (int q = 0; q < 4; ++q)
      s += w[v][static_cast<std::size_t>(order[static_cast<std::size_t>(q)])];
    std::array<int, 4> units{};
    int total = 0;
    for (int q = 0; q < 4; ++q) {
      units[static_cast<std::size_t>(q)] = static_cast<int>(std::floor(
          w[v][static_cast<std::size_t>(order[static_cast<std::size_t>(q)])] / s * 65536.0f));
      total += units[static_cast<std::size_t>(q)];
    }
    units[0] += 65536 - total;
    for (int q = 0; q < 4; ++q) {
      const int u = units[static_cast<std::size_t>(q)];
      skin.joints[v][static_cast<std::size_t>(q)] =
          u > 0 ? static_cast<std::uint16_t>(order[static_cast<std::size_t>(q)]) : 0;
      skin.weights[v][q] = static_cast<float>(u) / 65536.0f;
    }
  }
  return skin;
}

// ---- muscle regions from surface anatomy ----

std::uint16_t regionFor(const sv::anatomy::Skeleton& skel, int bone, glm::vec3 p, glm::vec3 n) {
  using sv::anatomy::regionId;
  const Joint b = static_cast<Joint>(bone);
  const Side boneSide = sv::anatomy::sideOf(b);
  const Side side = boneSide != Side::Center ? boneSide : (p.x >= 0 ? Side::Left : Side::Right);
  if (side == Side::Right) {
    p.x = -p.x;
    n.x = -n.x;
  }
  auto J = [&](Joint j) {
    return glm::vec3(skel.restModel[static_cast<std::size_t>(sv::anatomy::index(j))][3]);
  };
  auto R = [&](MuscleGroup g) { return regionId(g, side); };
  const float x = p.x, y = p.y, z = p.z;
  switch (sv::anatomy::leftOf(b)) {
    case Joint::HipL: {
      const float dx = x - J(Joint::HipL).x;  // + lateral
      const float knee = J(Joint::KneeL).y;
      if (y > 0.80f && z < -0.02f) return R(MuscleGroup::Gluteals);
      if (y > 0.82f && z > 0.0f && dx < 0.04f) return R(MuscleGroup::HipFlexors);
      if (y < knee + 0.05f) return 0;
      if (dx < -0.02f && std::fabs(z) < -dx * 1.6f && y > knee + 0.16f) {
        return R(MuscleGroup::Adductors);
      }
      if (z < -0.005f) return y < 0.80f ? R(MuscleGroup::Hamstrings) : R(MuscleGroup::Gluteals);
      return R(MuscleGroup::Quadriceps);
    }
    case Joint::KneeL: {
      const float dx = x - J(Joint::KneeL).x;
      const float knee = J(Joint::KneeL).y, ankle = J(Joint::AnkleL).y;
      if (y > knee - 0.04f || y < ankle + 0.07f) return 0;
      if (z < -0.008f) return y > ankle + 0.12f ? R(MuscleGroup::Calves) : 0;
      if (z > 0.0f && dx > -0.006f && n.z > 0.0f) return R(MuscleGroup::TibialisAnterior);
      return 0;
    }
    case Joint::ShoulderL: {
      const float t = (J(Joint::ShoulderL).y - y) / (J(Joint::ShoulderL).y - J(Joint::ElbowL).y);
      const float dx = x - J(Joint::ShoulderL).x;
      if (t < 0.36f) return dx > -0.025f ? R(MuscleGroup::Deltoids) : 0;
      if (t > 0.90f) return 0;
      return z > 0.0f ? R(MuscleGroup::Biceps) : R(MuscleGroup::Triceps);
    }
    case Joint::ElbowL:
    case Joint::ForearmL: {
      const float t = (J(Joint::ElbowL).y - y) / (J(Joint::ElbowL).y - J(Joint::WristL).y);
      if (t < 0.06f || t > 0.78f) return 0;
      return z > 0.0f ? R(MuscleGroup::ForearmFlexors) : R(MuscleGroup::ForearmExtensors);
    }
    case Joint::Pelvis:
    case Joint::Lumbar:
    case Joint::Thoracic:
    case Joint::ClavicleL:
    case Joint::Cervical: {
      if (b == Joint::Cervical) {
        if (y > 1.54f || y < 1.43f) return 0;
        if (n.z < -0.55f) return R(MuscleGroup::UpperTrapezius);
        if (x > 0.02f && n.z < 0.35f) return R(MuscleGroup::LevatorScapulae);
        return 0;
      }
      if (y > 1.41f) {
        return (z < 0.035f && x > 0.02f) ? R(MuscleGroup::UpperTrapezius) : 0;
      }
      if (y < 0.985f) {
        if (z < -0.03f && n.z < 0.0f) {
          if (y > 0.895f && y < 0.955f && x > 0.045f && x < 0.115f) {
            return R(MuscleGroup::Piriformis);
          }
          if (y > 0.80f) return R(MuscleGroup::Gluteals);
        }
        if (x > 0.13f && y > 0.87f && n.z < 0.3f) return R(MuscleGroup::Gluteals);
        if (z > 0.02f && y > 0.86f && x > 0.035f && x < 0.16f) return R(MuscleGroup::HipFlexors);
        return 0;
      }
      if (n.z > 0.25f) {  // front
        if (y < 1.225f) return x < 0.135f ? R(MuscleGroup::Abdominals) : 0;
        if (x > 0.015f && x < 0.17f) return R(MuscleGroup::Pectorals);
        return 0;
      }
      if (n.z < -0.2f) {  // back
        if (y > 1.29f) return (x > 0.05f && x < 0.175f) ? R(MuscleGroup::RotatorCuff) : 0;
        if (x < 0.05f && y < 1.27f) return R(MuscleGroup::ErectorSpinae);
        if (y < 1.10f && x < 0.15f) return R(MuscleGroup::QuadratusLumborum);
        if (y > 1.10f && x >= 0.05f) return R(MuscleGroup::LatissimusDorsi);
        return 0;
      }
      // flank
      if (y > 1.10f && y < 1.33f) return R(MuscleGroup::LatissimusDorsi);
      if (y < 1.10f) return R(MuscleGroup::Abdominals);  // obliques
      return 0;
    }
    default:
      return 0;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string outPath =
      argc > 1 ? argv[1] : std::string(SV_SOURCE_DIR) + "/assets/models/mannequin.glb";
  const sv::anatomy::Skeleton skel = sv::anatomy::makeDefaultSkeleton(1.75f);
  const BodySdf sdf(skel);

  const Grid grid = sampleField(sdf);
  std::fprintf(stderr, "field %dx%dx%d: %.2f s\n", grid.nx, grid.ny, grid.nz, seconds(t0));
  Mesh mesh = extract(grid);
  std::fprintf(stderr, "extracted %zu tris, %zu verts: %.2f s\n", mesh.tri.size() / 3,
               mesh.pos.size(), seconds(t0));
  {
    std::vector<std::size_t> sizes;
    componentLabels(mesh, &sizes);
    if (sizes.size() != 1) {
      std::fprintf(stderr, "error: the surface has %zu components, expected 1\n", sizes.size());
      return 1;
    }
  }
  // (projection onto the surface happens after simplification, in smoothTangential)
  // meshoptimizer occasionally pinches two sheets together along an edge; such results are
  // rejected and the next (deterministic) target tried.
  {
    const Mesh full = mesh;
    for (int attempt = 0;; ++attempt) {
      mesh = simplify(full, kTargetTriangles - static_cast<std::size_t>(attempt) * 500);
      removeFins(mesh);
      const std::size_t badEdges = nonManifoldEdges(mesh);
      if (badEdges == 0) break;
      if (attempt == 20) {
        std::fprintf(stderr, "error: simplification keeps producing non-manifold edges\n");
        return 1;
      }
    }
  }
  std::fprintf(stderr, "simplified %zu tris: %.2f s\n", mesh.tri.size() / 3, seconds(t0));
  smoothTangential(sdf, mesh, 4);
  const std::size_t bad = nonManifoldEdges(mesh);
  std::fprintf(stderr, "smoothed; non-manifold edges: %zu: %.2f s\n", bad, seconds(t0));
  if (bad != 0) {
    std::fprintf(stderr, "error: mesh is not a closed manifold\n");
    return 1;
  }

  sv::gltf::Document doc;
  doc.generator = "stretchviz make_mannequin";
  doc.meshName = "mannequin";
  doc.materialName = "mannequin_matte";
  doc.baseColor = {0.80f, 0.78f, 0.74f, 1.0f};
  doc.roughness = 0.85f;
  doc.positions = mesh.pos;
  doc.indices = mesh.tri;
  doc.normals.resize(mesh.pos.size());
  for (std::size_t v = 0; v < mesh.pos.size(); ++v) doc.normals[v] = sdf.gradient(mesh.pos[v]);

  const Skin skin = computeWeights(sdf, skel, mesh);
  doc.joints0 = skin.joints;
  doc.weights0 = skin.weights;
  std::fprintf(stderr, "weights: %.2f s\n", seconds(t0));

  doc.muscle.resize(mesh.pos.size());
  for (std::size_t v = 0; v < mesh.pos.size(); ++v) {
    const int b = skin.dominant[v];
    // Classify in the anatomical position: carry the vertex from the bind pose to the rest.
    const glm::mat4 toRest = skel.restModel[static_cast<std::size_t>(b)] *
                             glm::inverse(sdf.bindModel()[static_cast<std::size_t>(b)]);
    const glm::vec3 pr(toRest * glm::vec4(mesh.pos[v], 1.0f));
    const glm::vec3 nr = glm::normalize(glm::mat3(toRest) * doc.normals[v]);
    doc.muscle[v] = static_cast<float>(regionFor(skel, b, pr, nr));
  }

  // Nodes: 0 = "mannequin" (holds the skinned mesh; identity), 1 + j = canonical joint j with
  // its rest local transform (anatomical position). Inverse bind matrices: bind pose.
  doc.nodes.push_back({"mannequin", -1, glm::vec3(0.0f), glm::quat(1, 0, 0, 0), glm::vec3(1.0f)});
  for (int j = 0; j < kJointCount; ++j) {
    sv::gltf::Node node;
    node.name = std::string(skel.names[static_cast<std::size_t>(j)]);
    node.parent = skel.parents[static_cast<std::size_t>(j)] + 1;
    node.translation = skel.restLocal[static_cast<std::size_t>(j)].translation;
    node.rotation = skel.restLocal[static_cast<std::size_t>(j)].rotation;
    doc.nodes.push_back(node);
    doc.skinJoints.push_back(j + 1);
    doc.inverseBind.push_back(glm::inverse(sdf.bindModel()[static_cast<std::size_t>(j)]));
  }
  doc.meshNode = 0;
  doc.skinSkeleton = 1;

  const std::string bytes = sv::gltf::writeGlb(doc);
  std::ofstream out(outPath, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    std::fprintf(stderr, "error: cannot write %s\n", outPath.c_str());
    return 1;
  }
  std::fprintf(stderr, "wrote %s: %zu vertices, %zu triangles, %zu bytes in %.2f s\n",
               outPath.c_str(), mesh.pos.size(), mesh.tri.size() / 3, bytes.size(), seconds(t0));
  return 0;
}
