#include "body/vertex_search.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace sv::body {
namespace {

// Vertices bucketed in cubes of `cell` metres (cells whose keys collide share a bucket, which
// only adds candidates); a query searches growing shells of cells until the best distance
// found is certainly the nearest.
class Grid {
 public:
  Grid(std::span<const glm::vec3> positions, float cell) : p_(positions), cell_(cell) {
    for (std::size_t i = 0; i < p_.size(); ++i) {
      const glm::ivec3 c = cellOf(p_[i]);
      lo_ = i == 0 ? c : glm::min(lo_, c);
      hi_ = i == 0 ? c : glm::max(hi_, c);
      cells_[key(c)].push_back(static_cast<int>(i));
    }
  }

  int nearest(glm::vec3 q) const {
    if (p_.empty()) return -1;
    const glm::ivec3 c = cellOf(q);
    int best = -1;
    float bestD2 = std::numeric_limits<float>::max();
    // Shells nearer than the occupied box are empty: start at its Chebyshev distance.
    const glm::ivec3 out = glm::max(glm::max(lo_ - c, c - hi_), glm::ivec3(0));
    for (int r = std::max({out.x, out.y, out.z});; ++r) {
      // The shell at Chebyshev distance r (the inside was searched before), clipped to the
      // occupied box.
      const glm::ivec3 from = glm::max(c - r, lo_), to = glm::min(c + r, hi_);
      for (int x = from.x; x <= to.x; ++x) {
        for (int y = from.y; y <= to.y; ++y) {
          for (int z = from.z; z <= to.z; ++z) {
            const glm::ivec3 d = glm::abs(glm::ivec3(x, y, z) - c);
            if (std::max({d.x, d.y, d.z}) != r) continue;
            visitCell({x, y, z}, q, best, bestD2);
          }
        }
      }
      // Every point outside the searched cube is farther than r cells from q.
      const float reach = static_cast<float>(r) * cell_;
      if (best >= 0 && bestD2 <= reach * reach) return best;
      // Or the searched cube holds every cell.
      if (glm::all(glm::lessThanEqual(c - r, lo_)) && glm::all(glm::greaterThanEqual(c + r, hi_)))
        return best;
    }
  }

 private:
  void visitCell(glm::ivec3 cell, glm::vec3 q, int& best, float& bestD2) const {
    const auto it = cells_.find(key(cell));
    if (it == cells_.end()) return;
    for (int i : it->second) {
      const glm::vec3 d = p_[static_cast<std::size_t>(i)] - q;
      const float d2 = glm::dot(d, d);
      if (d2 < bestD2 || (d2 == bestD2 && i < best)) {
        bestD2 = d2;
        best = i;
      }
    }
  }
  glm::ivec3 cellOf(glm::vec3 q) const { return glm::ivec3(glm::floor(q / cell_)); }
  static long long key(glm::ivec3 c) {
    return (static_cast<long long>(c.x) * 73856093LL) ^ (static_cast<long long>(c.y) * 19349663LL) ^
           (static_cast<long long>(c.z) * 83492791LL);
  }

  std::span<const glm::vec3> p_;
  float cell_;
  glm::ivec3 lo_{0}, hi_{0};
  std::unordered_map<long long, std::vector<int>> cells_;
};

}  // namespace

int nearestVertex(std::span<const glm::vec3> positions, glm::vec3 p) {
  int best = -1;
  float bestD2 = std::numeric_limits<float>::max();
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const glm::vec3 d = positions[i] - p;
    const float d2 = glm::dot(d, d);
    if (d2 < bestD2) {
      bestD2 = d2;
      best = static_cast<int>(i);
    }
  }
  return best;
}

std::vector<int> mirrorVertices(std::span<const glm::vec3> positions) {
  const Grid grid(positions, 0.01f);
  std::vector<int> out(positions.size());
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const glm::vec3 p = positions[i];
    out[i] = grid.nearest(glm::vec3(-p.x, p.y, p.z));
  }
  return out;
}

}  // namespace sv::body
