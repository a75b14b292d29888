#include <algorithm>
#include <cmath>

#include "model/mesh_data.h"

namespace sv {
namespace {
constexpr float kPi = 3.14159265358979f;

// Surface of revolution around +Y from a profile of (radius, y, normal-radial, normal-y)
// rings; closes the poles when a ring has radius 0.
struct ProfilePoint {
  float r, y, nr, ny;
};

MeshData revolve(const std::vector<ProfilePoint>& profile, int segments) {
  MeshData m;
  const auto cols = static_cast<std::uint32_t>(segments + 1);
  for (ProfilePoint p : profile) {
    // cos(±90°) is not exactly 0 in floats; snap poles so they collapse to one point
    // instead of a tiny inverted ring.
    if (std::abs(p.r) < 1e-6f) p.r = 0.0f;
    for (int s = 0; s <= segments; ++s) {
      const float a = 2.0f * kPi * static_cast<float>(s) / static_cast<float>(segments);
      const float ca = std::cos(a), sa = std::sin(a);
      Vertex v;
      v.position = {p.r * sa, p.y, p.r * ca};
      v.normal = glm::normalize(glm::vec3(p.nr * sa, p.ny, p.nr * ca));
      m.vertices.push_back(v);
    }
  }
  const auto rows = static_cast<std::uint32_t>(profile.size());
  for (std::uint32_t r = 0; r + 1 < rows; ++r) {
    for (std::uint32_t s = 0; s + 1 < cols; ++s) {
      const std::uint32_t a = r * cols + s, b = a + 1, c = a + cols, d = c + 1;
      // Profile runs bottom → top; (a, c, b) winds counter-clockwise seen from outside.
      m.indices.insert(m.indices.end(), {a, b, c, b, d, c});
    }
  }
  return m;
}
}  // namespace

glm::vec3 MeshData::boundsMin() const {
  if (vertices.empty()) return glm::vec3(0.0f);
  glm::vec3 lo = vertices[0].position;
  for (const Vertex& v : vertices) lo = glm::min(lo, v.position);
  return lo;
}

glm::vec3 MeshData::boundsMax() const {
  if (vertices.empty()) return glm::vec3(0.0f);
  glm::vec3 hi = vertices[0].position;
  for (const Vertex& v : vertices) hi = glm::max(hi, v.position);
  return hi;
}

MeshData makeCapsule(float radius, float height, int segments, int rings) {
  const float cylinder = std::max(height - 2.0f * radius, 0.0f);
  std::vector<ProfilePoint> profile;
  for (int i = 0; i <= rings; ++i) {  // bottom cap, pole → equator
    const float t = -0.5f * kPi + 0.5f * kPi * static_cast<float>(i) / static_cast<float>(rings);
    profile.push_back(
        {radius * std::cos(t), radius + radius * std::sin(t), std::cos(t), std::sin(t)});
  }
  for (int i = 0; i <= rings; ++i) {  // top cap, equator → pole
    const float t = 0.5f * kPi * static_cast<float>(i) / static_cast<float>(rings);
    profile.push_back(
        {radius * std::cos(t), radius + cylinder + radius * std::sin(t), std::cos(t), std::sin(t)});
  }
  return revolve(profile, segments);
}

MeshData makeSphere(float radius, int segments, int rings) {
  std::vector<ProfilePoint> profile;
  for (int i = 0; i <= rings; ++i) {
    const float t = -0.5f * kPi + kPi * static_cast<float>(i) / static_cast<float>(rings);
    profile.push_back({radius * std::cos(t), radius * std::sin(t), std::cos(t), std::sin(t)});
  }
  return revolve(profile, segments);
}

MeshData makeCone(float radius, float height, int segments) {
  // Side normals tilt up by the cone's half-angle; the base is a flat disc facing down.
  const float slant = std::sqrt(radius * radius + height * height);
  const float nr = height / slant, ny = radius / slant;
  std::vector<ProfilePoint> profile = {
      {0.0f, 0.0f, 0.0f, -1.0f},
      {radius, 0.0f, 0.0f, -1.0f},  // base disc
      {radius, 0.0f, nr, ny},
      {0.0f, height, nr, ny},  // side
  };
  return revolve(profile, segments);
}

MeshData makeBox(const glm::vec3& size) {
  MeshData m;
  const glm::vec3 h = size * 0.5f;
  const glm::vec3 normals[6] = {{1, 0, 0},  {-1, 0, 0}, {0, 1, 0},
                                {0, -1, 0}, {0, 0, 1},  {0, 0, -1}};
  for (const glm::vec3& n : normals) {
    // Two tangents spanning the face, ordered so (u × v) = n (counter-clockwise outside).
    const glm::vec3 u = std::abs(n.y) > 0.5f ? glm::vec3(0, 0, 1) : glm::vec3(0, 1, 0);
    const glm::vec3 v = glm::cross(n, u);
    const auto base = static_cast<std::uint32_t>(m.vertices.size());
    const glm::vec2 corners[4] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    for (const glm::vec2& c : corners) {
      Vertex vert;
      vert.position = (n + u * c.x + v * c.y) * h;
      vert.normal = n;
      m.vertices.push_back(vert);
    }
    // Corner order runs u → v; u × v = -(n × u) × ... keep outward winding by checking.
    const glm::vec3 e1 = m.vertices[base + 1].position - m.vertices[base].position;
    const glm::vec3 e2 = m.vertices[base + 2].position - m.vertices[base].position;
    if (glm::dot(glm::cross(e1, e2), n) > 0.0f) {
      m.indices.insert(m.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
    } else {
      m.indices.insert(m.indices.end(), {base, base + 2, base + 1, base, base + 3, base + 2});
    }
  }
  return m;
}

}  // namespace sv
