#include <catch2/catch.hpp>

#include <random>

#include "body/vertex_search.h"

using sv::body::mirrorVertices;
using sv::body::nearestVertex;

TEST_CASE("nearestVertex finds the closest point, the lowest index on ties") {
  const std::vector<glm::vec3> p = {{0, 0, 0}, {1, 0, 0}, {0, 2, 0}, {1, 0, 0}};
  CHECK(nearestVertex(p, {0.9f, 0.1f, 0.0f}) == 1);
  CHECK(nearestVertex(p, {0.1f, 1.6f, 0.0f}) == 2);
  CHECK(nearestVertex(p, {-5.0f, 0.0f, 0.0f}) == 0);
  CHECK(nearestVertex({}, {0.0f, 0.0f, 0.0f}) == -1);
}

TEST_CASE("mirrorVertices agrees with a brute-force search, symmetric or not") {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> u(-0.3f, 0.3f);
  std::vector<glm::vec3> p;
  // A symmetric cloud (pairs, plus points on the midline) and then a few loose points.
  for (int i = 0; i < 300; ++i) {
    const glm::vec3 q(std::abs(u(rng)), u(rng) * 3.0f, u(rng));
    p.push_back(q);
    p.emplace_back(-q.x, q.y, q.z);
  }
  for (int i = 0; i < 20; ++i) p.emplace_back(0.0f, u(rng), u(rng));
  const std::size_t symmetric = p.size();
  for (int i = 0; i < 40; ++i) p.emplace_back(u(rng) + 1.0f, u(rng), u(rng));
  const std::vector<int> m = mirrorVertices(p);
  REQUIRE(m.size() == p.size());
  for (std::size_t i = 0; i < p.size(); ++i) {
    const int brute = nearestVertex(p, {-p[i].x, p[i].y, p[i].z});
    INFO("vertex " << i);
    CHECK(glm::distance(p[static_cast<std::size_t>(m[i])], p[static_cast<std::size_t>(brute)]) ==
          Approx(0.0f).margin(1e-6));
  }
  for (std::size_t i = 0; i < symmetric; ++i) CHECK(m[static_cast<std::size_t>(m[i])] == int(i));
}
