#include "weights.h"

#include <algorithm>
#include <set>

namespace sv::makebody {
namespace {

// Each vertex's neighbours over a triangle list.
std::vector<std::set<std::uint32_t>> neighbourSets(std::span<const std::uint32_t> indices,
                                                   std::size_t n) {
  std::vector<std::set<std::uint32_t>> nb(n);
  for (std::size_t i = 0; i + 2 < indices.size(); i += 3) {
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t a = indices[i + static_cast<std::size_t>(k)];
      const std::uint32_t b = indices[i + static_cast<std::size_t>((k + 1) % 3)];
      nb[a].insert(b);
      nb[b].insert(a);
    }
  }
  return nb;
}

}  // namespace

void smoothWeights(std::vector<std::map<int, double>>& weights,
                   std::span<const glm::vec3> positions, std::span<const std::uint32_t> indices,
                   std::span<const SmoothZone> zones, const std::vector<bool>& frozen,
                   int iterations) {
  const std::size_t n = weights.size();
  const std::vector<std::set<std::uint32_t>> nb = neighbourSets(indices, n);
  std::vector<double> alpha(n, 0.0);
  for (std::size_t v = 0; v < n; ++v) {
    if (frozen[v]) continue;
    for (const SmoothZone& z : zones) {
      const double t = 1.0 - static_cast<double>(glm::distance(positions[v], z.centre) / z.radius);
      if (t <= 0.0) continue;
      const double s = t * t * (3.0 - 2.0 * t);  // smoothstep
      alpha[v] = std::max(alpha[v], 0.5 * s);
    }
  }
  std::vector<std::map<int, double>> next(n);
  for (int it = 0; it < iterations; ++it) {
    for (std::size_t v = 0; v < n; ++v) {
      if (alpha[v] <= 0.0 || nb[v].empty()) {
        next[v] = weights[v];
        continue;
      }
      std::map<int, double> w;
      for (const auto& [b, x] : weights[v]) w[b] += (1.0 - alpha[v]) * x;
      const double share = alpha[v] / static_cast<double>(nb[v].size());
      for (std::uint32_t u : nb[v]) {
        for (const auto& [b, x] : weights[u]) w[b] += share * x;
      }
      double sum = 0.0;
      for (const auto& [b, x] : w) sum += x;
      for (auto& [b, x] : w) x /= sum;
      next[v] = std::move(w);
    }
    std::swap(weights, next);
  }
}

void smoothFields(std::span<std::vector<glm::vec3>*> fields, std::span<const std::uint32_t> indices,
                  std::span<const glm::vec3> positions, std::span<const SmoothZone> zones,
                  int iterations) {
  const std::size_t n = positions.size();
  const std::vector<std::set<std::uint32_t>> nb = neighbourSets(indices, n);
  std::vector<std::pair<std::uint32_t, float>> moving;  // vertex, step
  for (std::size_t v = 0; v < n; ++v) {
    float alpha = 0.0f;
    for (const SmoothZone& z : zones) {
      const float t = 1.0f - glm::distance(positions[v], z.centre) / z.radius;
      if (t > 0.0f) alpha = std::max(alpha, 0.5f * t * t * (3.0f - 2.0f * t));
    }
    if (alpha > 0.0f && !nb[v].empty()) moving.emplace_back(static_cast<std::uint32_t>(v), alpha);
  }
  std::vector<glm::vec3> next;
  for (std::vector<glm::vec3>* f : fields) {
    for (int it = 0; it < iterations; ++it) {
      next.assign(f->begin(), f->end());
      for (const auto& [v, alpha] : moving) {
        glm::vec3 mean(0.0f);
        for (std::uint32_t u : nb[v]) mean += (*f)[u];
        mean /= static_cast<float>(nb[v].size());
        next[v] = (*f)[v] + alpha * (mean - (*f)[v]);
      }
      f->swap(next);
    }
  }
}

}  // namespace sv::makebody
