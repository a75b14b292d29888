#include <catch2/catch.hpp>

#include "assist/environment.h"

using namespace sv;
using namespace sv::assist;

TEST_CASE("environment meshes: table top at its height, valid indices, unit normals") {
  const TableSpec spec;
  const MeshData table = makeTableMesh(spec);
  REQUIRE(!table.vertices.empty());
  REQUIRE(table.indices.size() % 3 == 0);
  for (std::uint32_t i : table.indices) REQUIRE(i < table.vertices.size());
  for (const Vertex& v : table.vertices)
    REQUIRE(glm::length(v.normal) == Approx(1.0f).margin(1e-3));
  REQUIRE(table.boundsMax().y == Approx(spec.height).margin(1e-4));
  REQUIRE(table.boundsMin().y == Approx(0.0f).margin(1e-4));
  REQUIRE(table.boundsMax().z - table.boundsMin().z == Approx(spec.length).margin(1e-4));
  REQUIRE(table.boundsMax().x - table.boundsMin().x == Approx(spec.width).margin(1e-4));
  const MeshData mat = makeMatMesh({});
  REQUIRE(mat.boundsMax().y == Approx(MatSpec{}.thickness).margin(1e-5));
  const StoolSpec st;
  const MeshData stool = makeStoolMesh(st);
  REQUIRE(stool.boundsMax().y == Approx(st.seatHeight).margin(1e-4));
}

TEST_CASE("rounded box: outward normals and counter-clockwise faces") {
  const MeshData m = makeRoundedBox({1.0f, 0.2f, 0.6f}, 0.05f, 4);
  for (std::size_t t = 0; t < m.indices.size(); t += 3) {
    const glm::vec3 a = m.vertices[m.indices[t]].position;
    const glm::vec3 b = m.vertices[m.indices[t + 1]].position;
    const glm::vec3 c = m.vertices[m.indices[t + 2]].position;
    const glm::vec3 n = glm::cross(b - a, c - a);
    if (glm::length(n) < 1e-10f) continue;
    REQUIRE(glm::dot(n, (a + b + c) / 3.0f) > 0.0f);  // convex, centred: faces point out
  }
}
