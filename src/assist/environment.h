// The treatment environment as plain meshes generated in code (no GL): a padded treatment
// table, a floor mat, a stool, and props (strap, towel roll). Model space as everywhere:
// metres, +Y up, floor at y = 0.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "model/mesh_data.h"

namespace sv::assist {

enum class PropKind : std::uint8_t { Table, Mat, Stool, Strap, TowelRoll };
std::string_view propKindId(PropKind k);

// Table dimensions (standard treatment table: 0.65-0.75 m high, ~0.7 m wide, ~1.9 m long).
struct TableSpec {
  float height = 0.70f;  // top of the padding above the floor
  float width = 0.70f;
  float length = 1.90f;
  float padThickness = 0.07f;
  float padRadius = 0.035f;  // rounded edges of the padded top
  float legSize = 0.06f;
  float legInset = 0.10f;  // leg centre from the top's edge
};

struct MatSpec {
  float thickness = 0.015f;
  float width = 1.0f;
  float length = 2.0f;
};

struct StoolSpec {
  float seatHeight = 0.45f;  // top of the seat cushion
  float seatSize = 0.42f;
  float seatThickness = 0.06f;
  float legSize = 0.04f;
};

// A box with rounded edges and corners (radius r <= half the smallest extent), centred at the
// origin; smooth normals, `segments` subdivisions per face edge.
MeshData makeRoundedBox(const glm::vec3& size, float radius, int segments = 8);
// A cylinder of radius r along +X, length `length`, centred at the origin, capped.
MeshData makeCylinderX(float radius, float length, int segments = 32);

// Each mesh is built in its own frame: the table and the mat with the top surface at their
// origin's height given by the spec (floor at y = 0), long axis along +Z, centred on x = z = 0;
// the stool likewise with the seat centred on x = z = 0.
MeshData makeTableMesh(const TableSpec& spec);
MeshData makeMatMesh(const MatSpec& spec);
MeshData makeStoolMesh(const StoolSpec& spec);

// Appends b to a (indices rebased).
void appendMesh(MeshData& a, const MeshData& b, const glm::mat4& transform = glm::mat4(1.0f));

struct EnvironmentItem {
  PropKind kind = PropKind::Table;
  MeshData mesh;                      // in the item's own frame
  glm::mat4 transform{1.0f};          // item frame -> model (world) space
  glm::vec3 color{0.5f, 0.5f, 0.5f};  // suggested base colour (linear RGB)
};

}  // namespace sv::assist
