// Finding vertices by position: the nearest vertex to a point and each vertex's mirror image
// across the body's midline (x → −x). Pure functions over a position list; load time and
// tools only (a uniform grid, built per call).
#pragma once

#include <span>
#include <vector>

#include <glm/glm.hpp>

namespace sv::body {

// Index of the vertex nearest to `p` (ties: the lowest index); -1 for an empty list.
int nearestVertex(std::span<const glm::vec3> positions, glm::vec3 p);

// For each vertex the index of the vertex nearest to its mirror image (−x, y, z). On a
// symmetric mesh this is an involution and midline vertices map to themselves.
std::vector<int> mirrorVertices(std::span<const glm::vec3> positions);

}  // namespace sv::body
