#include <catch2/catch.hpp>

#include <map>
#include <utility>

#include "model/mesh_data.h"

namespace {
// Every edge of a closed, consistently wound mesh appears once in each direction.
bool closedAndConsistent(const sv::MeshData& m, float weldEps) {
  auto key = [&](std::uint32_t i) {
    const glm::vec3 p = m.vertices[i].position / weldEps;
    return std::make_tuple(static_cast<long>(std::lround(p.x)), static_cast<long>(std::lround(p.y)),
                           static_cast<long>(std::lround(p.z)));
  };
  std::map<std::pair<decltype(key(0)), decltype(key(0))>, int> edges;
  for (std::size_t t = 0; t < m.indices.size(); t += 3) {
    const auto k0 = key(m.indices[t]), k1 = key(m.indices[t + 1]), k2 = key(m.indices[t + 2]);
    if (k0 == k1 || k1 == k2 || k2 == k0) continue;  // zero-area triangles at the poles
    edges[{k0, k1}] += 1;
    edges[{k1, k2}] += 1;
    edges[{k2, k0}] += 1;
  }
  for (const auto& [e, n] : edges) {
    if (n != 1) return false;
    if (edges.count({e.second, e.first}) == 0) return false;
  }
  return true;
}

// Outward winding: the triangle normal points away from the shape's centre.
bool windsOutward(const sv::MeshData& m, const glm::vec3& centre) {
  for (std::size_t t = 0; t < m.indices.size(); t += 3) {
    const glm::vec3 a = m.vertices[m.indices[t]].position;
    const glm::vec3 b = m.vertices[m.indices[t + 1]].position;
    const glm::vec3 c = m.vertices[m.indices[t + 2]].position;
    const glm::vec3 n = glm::cross(b - a, c - a);
    if (glm::length(n) < 1e-9f) continue;
    if (glm::dot(n, (a + b + c) / 3.0f - centre) <= 0.0f) return false;
  }
  return true;
}
}  // namespace

TEST_CASE(
    "primitives: capsule has the requested size, stands on y=0, is closed and wound outward") {
  const sv::MeshData m = sv::makeCapsule(0.2f, 1.75f, 32, 8);
  CHECK(m.boundsMin().y == Approx(0.0f).margin(1e-5));
  CHECK(m.boundsMax().y == Approx(1.75f).margin(1e-5));
  CHECK(m.boundsMax().x == Approx(0.2f).margin(1e-5));
  CHECK(closedAndConsistent(m, 1e-4f));
  CHECK(windsOutward(m, {0.0f, 0.875f, 0.0f}));
  for (const sv::Vertex& v : m.vertices)
    REQUIRE(glm::length(v.normal) == Approx(1.0f).epsilon(1e-4));
}

TEST_CASE("primitives: box and sphere are closed and wound outward") {
  const sv::MeshData box = sv::makeBox({1.0f, 2.0f, 3.0f});
  CHECK(box.indices.size() == 36);
  CHECK(box.boundsMax().z == Approx(1.5f));
  CHECK(windsOutward(box, glm::vec3(0.0f)));
  CHECK(closedAndConsistent(box, 1e-4f));
  const sv::MeshData s = sv::makeSphere(0.5f, 24, 12);
  CHECK(windsOutward(s, glm::vec3(0.0f)));
  CHECK(closedAndConsistent(s, 1e-4f));
}
