#include "assist/environment.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace sv::assist {
namespace {

// Grid coordinates along one axis of a rounded box face: dense in the two rounded bands.
std::vector<float> axisCoords(float half, float r, int band) {
  std::vector<float> c;
  const float inner = std::max(half - r, 0.0f);
  for (int i = 0; i <= band; ++i) {
    c.push_back(-half + (half - inner) * static_cast<float>(i) / static_cast<float>(band));
  }
  for (int i = 0; i <= band; ++i) {
    const float v = inner + (half - inner) * static_cast<float>(i) / static_cast<float>(band);
    if (v > c.back() + 1e-7f) c.push_back(v);
  }
  return c;
}

}  // namespace

std::string_view propKindId(PropKind k) {
  switch (k) {
    case PropKind::Table:
      return "table";
    case PropKind::Mat:
      return "mat";
    case PropKind::Stool:
      return "stool";
    case PropKind::Strap:
      return "strap";
    case PropKind::TowelRoll:
      return "towel_roll";
  }
  return "table";
}

MeshData makeRoundedBox(const glm::vec3& size, float radius, int segments) {
  MeshData m;
  const glm::vec3 half = size * 0.5f;
  const float r = std::clamp(radius, 0.0f, std::min({half.x, half.y, half.z}));
  const int band = std::max(segments, 1);
  const glm::vec3 inner = glm::max(half - glm::vec3(r), glm::vec3(0.0f));
  for (int a = 0; a < 3; ++a) {
    for (int s = -1; s <= 1; s += 2) {
      int ua = (a + 1) % 3;
      int va = (a + 2) % 3;
      if (s < 0) std::swap(ua, va);
      const std::vector<float> cu = axisCoords(half[ua], r, band);
      const std::vector<float> cv = axisCoords(half[va], r, band);
      const auto base = static_cast<std::uint32_t>(m.vertices.size());
      for (float v : cv) {
        for (float u : cu) {
          glm::vec3 q(0.0f);
          q[a] = static_cast<float>(s) * half[a];
          q[ua] = u;
          q[va] = v;
          const glm::vec3 in = glm::clamp(q, -inner, inner);
          glm::vec3 d = q - in;
          const float len = glm::length(d);
          glm::vec3 n(0.0f);
          n[a] = static_cast<float>(s);
          if (len > 1e-9f) n = d / len;
          Vertex vx;
          vx.position = r > 0.0f ? in + n * r : q;
          vx.normal = n;
          m.vertices.push_back(vx);
        }
      }
      const auto nu = static_cast<std::uint32_t>(cu.size());
      const auto nv = static_cast<std::uint32_t>(cv.size());
      for (std::uint32_t j = 0; j + 1 < nv; ++j) {
        for (std::uint32_t i = 0; i + 1 < nu; ++i) {
          const std::uint32_t i0 = base + j * nu + i;
          const std::uint32_t i1 = i0 + 1;
          const std::uint32_t i2 = i0 + nu + 1;
          const std::uint32_t i3 = i0 + nu;
          m.indices.insert(m.indices.end(), {i0, i1, i2, i0, i2, i3});
        }
      }
    }
  }
  return m;
}

MeshData makeCylinderX(float radius, float length, int segments) {
  MeshData m;
  const int n = std::max(segments, 3);
  const float hx = length * 0.5f;
  for (int side = 0; side < 2; ++side) {
    for (int i = 0; i <= n; ++i) {
      const float t = 6.2831853f * static_cast<float>(i) / static_cast<float>(n);
      Vertex v;
      v.normal = glm::vec3(0.0f, std::cos(t), std::sin(t));
      v.position = glm::vec3(side == 0 ? -hx : hx, 0.0f, 0.0f) + v.normal * radius;
      m.vertices.push_back(v);
    }
  }
  const auto row = static_cast<std::uint32_t>(n + 1);
  for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(n); ++i) {
    const std::uint32_t a = i, b = i + 1, c = row + i + 1, d = row + i;
    m.indices.insert(m.indices.end(), {a, b, c, a, c, d});
  }
  for (int side = 0; side < 2; ++side) {
    const float sx = side == 0 ? -1.0f : 1.0f;
    const auto centre = static_cast<std::uint32_t>(m.vertices.size());
    Vertex c;
    c.position = glm::vec3(sx * hx, 0.0f, 0.0f);
    c.normal = glm::vec3(sx, 0.0f, 0.0f);
    m.vertices.push_back(c);
    for (int i = 0; i <= n; ++i) {
      const float t = 6.2831853f * static_cast<float>(i) / static_cast<float>(n);
      Vertex v;
      v.position = glm::vec3(sx * hx, std::cos(t) * radius, std::sin(t) * radius);
      v.normal = c.normal;
      m.vertices.push_back(v);
    }
    for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(n); ++i) {
      const std::uint32_t a = centre + 1 + i, b = centre + 2 + i;
      if (side == 1) {
        m.indices.insert(m.indices.end(), {centre, a, b});
      } else {
        m.indices.insert(m.indices.end(), {centre, b, a});
      }
    }
  }
  return m;
}

void appendMesh(MeshData& a, const MeshData& b, const glm::mat4& transform) {
  const auto base = static_cast<std::uint32_t>(a.vertices.size());
  const glm::mat3 nm = glm::transpose(glm::inverse(glm::mat3(transform)));
  for (Vertex v : b.vertices) {
    v.position = glm::vec3(transform * glm::vec4(v.position, 1.0f));
    v.normal = glm::normalize(nm * v.normal);
    a.vertices.push_back(v);
  }
  for (std::uint32_t i : b.indices) a.indices.push_back(base + i);
}

namespace {
glm::mat4 translate(const glm::vec3& t) {
  glm::mat4 m(1.0f);
  m[3] = glm::vec4(t, 1.0f);
  return m;
}
}  // namespace

MeshData makeTableMesh(const TableSpec& s) {
  MeshData m;
  appendMesh(m, makeRoundedBox({s.width, s.padThickness, s.length}, s.padRadius, 6),
             translate({0.0f, s.height - s.padThickness * 0.5f, 0.0f}));
  const float frameH = 0.06f;
  const float frameTop = s.height - s.padThickness;
  appendMesh(m, makeRoundedBox({s.width - 0.08f, frameH, s.length - 0.08f}, 0.01f, 2),
             translate({0.0f, frameTop - frameH * 0.5f, 0.0f}));
  const float legH = frameTop - frameH;
  const float lx = s.width * 0.5f - s.legInset;
  const float lz = s.length * 0.5f - s.legInset;
  const MeshData leg = makeRoundedBox({s.legSize, legH, s.legSize}, 0.012f, 2);
  for (float sx : {-1.0f, 1.0f}) {
    for (float sz : {-1.0f, 1.0f}) {
      appendMesh(m, leg, translate({sx * lx, legH * 0.5f, sz * lz}));
    }
  }
  return m;
}

MeshData makeMatMesh(const MatSpec& s) {
  return [&] {
    MeshData m;
    appendMesh(m, makeRoundedBox({s.width, s.thickness, s.length}, s.thickness * 0.45f, 3),
               translate({0.0f, s.thickness * 0.5f, 0.0f}));
    return m;
  }();
}

MeshData makeStoolMesh(const StoolSpec& s) {
  MeshData m;
  appendMesh(m, makeRoundedBox({s.seatSize, s.seatThickness, s.seatSize}, 0.025f, 4),
             translate({0.0f, s.seatHeight - s.seatThickness * 0.5f, 0.0f}));
  const float legH = s.seatHeight - s.seatThickness;
  const float l = s.seatSize * 0.5f - 0.05f;
  const MeshData leg = makeRoundedBox({s.legSize, legH, s.legSize}, 0.01f, 2);
  for (float sx : {-1.0f, 1.0f}) {
    for (float sz : {-1.0f, 1.0f}) {
      appendMesh(m, leg, translate({sx * l, legH * 0.5f, sz * l}));
    }
  }
  return m;
}

}  // namespace sv::assist
