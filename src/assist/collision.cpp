#include "assist/collision.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace sv::assist {
namespace {

using anatomy::kJointCount;

// Fraction of a piece's vertices farther from its axis than the radius: the capsule sits
// inside the skin (see the header).
constexpr float kRadiusPercentile = 0.2f;
// A segment longer than this many radii is split into two halves along its axis.
constexpr float kSplitLength = 3.0f;
// A cross-section wider than this ratio is split in two side by side.
constexpr float kSplitBreadth = 1.3f;
constexpr std::size_t kMinVertices = 12;

float percentile(std::vector<float>& v, float q) {
  if (v.empty()) return 0.0f;
  const auto k = static_cast<std::size_t>(q * static_cast<float>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

// Eigenvectors of a symmetric 3x3 matrix by Jacobi rotations; columns of `vec`, sorted by
// decreasing eigenvalue.
void symmetricEigen(glm::mat3 a, glm::mat3& vec, glm::vec3& val) {
  glm::mat3 v(1.0f);
  for (int sweep = 0; sweep < 24; ++sweep) {
    const float off = a[1][0] * a[1][0] + a[2][0] * a[2][0] + a[2][1] * a[2][1];
    if (off < 1e-14f) break;
    for (int p = 0; p < 2; ++p) {
      for (int q = p + 1; q < 3; ++q) {
        if (std::fabs(a[q][p]) < 1e-12f) continue;
        const float theta = 0.5f * (a[q][q] - a[p][p]) / a[q][p];
        const float t =
            (theta >= 0.0f ? 1.0f : -1.0f) / (std::fabs(theta) + std::sqrt(theta * theta + 1.0f));
        const float c = 1.0f / std::sqrt(t * t + 1.0f), s = t * c;
        glm::mat3 r(1.0f);
        r[p][p] = c;
        r[q][q] = c;
        r[q][p] = s;   // row p, column q
        r[p][q] = -s;  // row q, column p
        a = glm::transpose(r) * a * r;
        v = v * r;
      }
    }
  }
  std::array<int, 3> order = {0, 1, 2};
  std::sort(order.begin(), order.end(), [&](int i, int j) { return a[i][i] > a[j][j]; });
  for (int k = 0; k < 3; ++k) {
    vec[k] = v[order[static_cast<std::size_t>(k)]];
    val[k] = a[order[static_cast<std::size_t>(k)]][order[static_cast<std::size_t>(k)]];
  }
}

// One capsule along `axis` through the points' centroid: the length from the 3rd to the 97th
// percentile of their projections, the radius the kRadiusPercentile of their distances from
// the axis line.
BodyCapsule fitPiece(const std::vector<glm::vec3>& pts, const glm::vec3& axis, int joint) {
  glm::vec3 c(0.0f);
  for (const glm::vec3& p : pts) c += p;
  c /= static_cast<float>(pts.size());
  std::vector<float> along, across;
  along.reserve(pts.size());
  across.reserve(pts.size());
  for (const glm::vec3& p : pts) {
    const glm::vec3 d = p - c;
    const float t = glm::dot(d, axis);
    along.push_back(t);
    across.push_back(glm::length(d - axis * t));
  }
  const float r = percentile(across, kRadiusPercentile);
  const float t0 = percentile(along, 0.03f), t1 = percentile(along, 0.97f);
  float a = t0 + r, b = t1 - r;
  if (a > b) a = b = 0.5f * (t0 + t1);
  BodyCapsule cap;
  cap.a = c + axis * a;
  cap.b = c + axis * b;
  cap.radius = r;
  cap.joint = static_cast<std::uint8_t>(joint);
  return cap;
}

glm::vec3 transformPoint(const glm::mat4& m, const glm::vec3& p) {
  return glm::vec3(m * glm::vec4(p, 1.0f));
}

}  // namespace

FigureCapsules fitFigure(const body::Body& body) {
  const MeshData& mesh = body.mesh();
  const body::BodyRig& rig = body.rig();
  std::array<std::vector<glm::vec3>, kJointCount> byJoint;
  for (const Vertex& v : mesh.vertices) {
    const std::size_t b = v.joints[0];
    if (b >= rig.bones.size()) continue;
    const int seg = rig.bones[b].segment;
    if (seg < 0 || seg >= kJointCount) continue;
    const glm::mat4 inv = glm::inverse(body.fit().bindModel[static_cast<std::size_t>(seg)]);
    byJoint[static_cast<std::size_t>(seg)].push_back(transformPoint(inv, v.position));
  }
  FigureCapsules out;
  auto add = [&](const BodyCapsule& c) {
    if (out.count < kMaxFigureCapsules) out.capsules[static_cast<std::size_t>(out.count++)] = c;
  };
  for (int j = 0; j < kJointCount; ++j) {
    const std::vector<glm::vec3>& pts = byJoint[static_cast<std::size_t>(j)];
    if (pts.size() < kMinVertices) continue;
    glm::vec3 c(0.0f);
    for (const glm::vec3& p : pts) c += p;
    c /= static_cast<float>(pts.size());
    glm::mat3 cov(0.0f);
    for (const glm::vec3& p : pts) cov += glm::outerProduct(p - c, p - c);
    glm::mat3 axes;
    glm::vec3 var;
    symmetricEigen(cov / static_cast<float>(pts.size()), axes, var);
    const glm::vec3 axis = glm::normalize(axes[0]);
    const float breadth = std::sqrt(std::max(var[1], 1e-10f) / std::max(var[2], 1e-10f));
    const BodyCapsule whole = fitPiece(pts, axis, j);
    const float length = glm::length(whole.b - whole.a) + 2.0f * whole.radius;
    std::vector<glm::vec3> lo, hi;
    if (breadth > kSplitBreadth) {
      const glm::vec3 side = glm::normalize(axes[1]);
      for (const glm::vec3& p : pts) (glm::dot(p - c, side) < 0.0f ? lo : hi).push_back(p);
    } else if (length > kSplitLength * whole.radius) {
      for (const glm::vec3& p : pts) (glm::dot(p - c, axis) < 0.0f ? lo : hi).push_back(p);
    }
    if (lo.size() >= kMinVertices && hi.size() >= kMinVertices) {
      add(fitPiece(lo, axis, j));
      add(fitPiece(hi, axis, j));
    } else {
      add(whole);
    }
  }
  return out;
}

void placeFigure(const FigureCapsules& fitted, std::span<const glm::mat4> model,
                 FigureCapsules& out) {
  out.count = fitted.count;
  for (int i = 0; i < fitted.count; ++i) {
    const BodyCapsule& f = fitted.capsules[static_cast<std::size_t>(i)];
    BodyCapsule& o = out.capsules[static_cast<std::size_t>(i)];
    const glm::mat4& m = model[f.joint];
    o.a = transformPoint(m, f.a);
    o.b = transformPoint(m, f.b);
    o.radius = f.radius;
    o.joint = f.joint;
  }
}

void closestSegmentPoints(const glm::vec3& p0, const glm::vec3& p1, const glm::vec3& q0,
                          const glm::vec3& q1, float& s, float& t) {
  const glm::vec3 d1 = p1 - p0, d2 = q1 - q0, r = p0 - q0;
  const float a = glm::dot(d1, d1), e = glm::dot(d2, d2), f = glm::dot(d2, r);
  constexpr float kEps = 1e-12f;
  if (a <= kEps && e <= kEps) {
    s = t = 0.0f;
    return;
  }
  if (a <= kEps) {
    s = 0.0f;
    t = std::clamp(f / e, 0.0f, 1.0f);
    return;
  }
  const float c = glm::dot(d1, r);
  if (e <= kEps) {
    t = 0.0f;
    s = std::clamp(-c / a, 0.0f, 1.0f);
    return;
  }
  const float b = glm::dot(d1, d2);
  const float denom = a * e - b * b;
  s = denom > kEps ? std::clamp((b * f - c * e) / denom, 0.0f, 1.0f) : 0.0f;
  t = (b * s + f) / e;
  if (t < 0.0f) {
    t = 0.0f;
    s = std::clamp(-c / a, 0.0f, 1.0f);
  } else if (t > 1.0f) {
    t = 1.0f;
    s = std::clamp((b - c) / a, 0.0f, 1.0f);
  }
}

float capsuleOverlap(const BodyCapsule& a, const BodyCapsule& b, glm::vec3* from, glm::vec3* to) {
  float s = 0.0f, t = 0.0f;
  closestSegmentPoints(a.a, a.b, b.a, b.b, s, t);
  const glm::vec3 pa = a.a + (a.b - a.a) * s;
  const glm::vec3 pb = b.a + (b.b - b.a) * t;
  if (from) *from = pa;
  if (to) *to = pb;
  return a.radius + b.radius - glm::length(pa - pb);
}

float capsuleBoxDepth(const BodyCapsule& c, const CollisionBox& box, glm::vec3* outDir) {
  // Samples along the axis (exact at the ends and, for a box, good to a few millimetres in
  // between at the capsules' lengths here).
  constexpr int kSamples = 9;
  const glm::vec3 a = transformPoint(box.toLocal, c.a);
  const glm::vec3 b = transformPoint(box.toLocal, c.b);
  float best = 0.0f;
  glm::vec3 bestDir(0.0f, 1.0f, 0.0f);
  for (int i = 0; i < kSamples; ++i) {
    const glm::vec3 p = glm::mix(a, b, static_cast<float>(i) / (kSamples - 1));
    const glm::vec3 q = glm::clamp(p, box.lo, box.hi);
    const glm::vec3 d = p - q;
    const float dist = glm::length(d);
    float depth = 0.0f;
    glm::vec3 dir(0.0f, 1.0f, 0.0f);
    if (dist > 1e-6f) {
      depth = c.radius - dist;
      dir = d / dist;
    } else {
      // Inside: out through the nearest face.
      const glm::vec3 toLo = p - box.lo, toHi = box.hi - p;
      float m = toHi.y;
      dir = {0.0f, 1.0f, 0.0f};
      const std::array<std::pair<float, glm::vec3>, 5> faces = {{{toLo.y, {0, -1, 0}},
                                                                 {toLo.x, {-1, 0, 0}},
                                                                 {toHi.x, {1, 0, 0}},
                                                                 {toLo.z, {0, 0, -1}},
                                                                 {toHi.z, {0, 0, 1}}}};
      for (const auto& [f, n] : faces) {
        if (f < m) {
          m = f;
          dir = n;
        }
      }
      depth = c.radius + m;
    }
    if (depth > best) {
      best = depth;
      bestDir = dir;
    }
  }
  if (outDir) *outDir = glm::normalize(glm::mat3(box.toWorld) * bestDir);
  return best;
}

}  // namespace sv::assist
