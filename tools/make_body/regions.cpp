#include "surface.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "anatomy/muscle_groups.h"

namespace sv::makebody {
namespace {

using anatomy::Joint;
using anatomy::MuscleGroup;
using anatomy::Side;

glm::vec3 J(const RestMesh& m, Joint j) {
  return glm::vec3(m.skeleton.restModel[static_cast<std::size_t>(anatomy::index(j))][3]);
}

// Neighbours of each vertex over the triangle list, sorted and unique.
std::vector<std::vector<std::uint32_t>> neighbours(const RestMesh& m) {
  std::vector<std::vector<std::uint32_t>> nb(m.positions.size());
  for (std::size_t i = 0; i + 2 < m.indices.size(); i += 3) {
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t a = m.indices[i + static_cast<std::size_t>(k)];
      const std::uint32_t b = m.indices[i + static_cast<std::size_t>((k + 1) % 3)];
      nb[a].push_back(b);
      nb[b].push_back(a);
    }
  }
  for (auto& l : nb) {
    std::sort(l.begin(), l.end());
    l.erase(std::unique(l.begin(), l.end()), l.end());
  }
  return nb;
}

// The mannequin's surface-anatomy rules (written for a 1.75 m figure; positions are scaled to
// it). PROVISIONAL: to be replaced by rules written for this body.
std::uint16_t regionFor(const RestMesh& m, int bone, glm::vec3 p, glm::vec3 n) {
  using anatomy::regionId;
  const float k = 1.75f / m.skeleton.height;
  p *= k;
  const Joint b = static_cast<Joint>(bone);
  const Side boneSide = anatomy::sideOf(b);
  const Side side = boneSide != Side::Center ? boneSide : (p.x >= 0 ? Side::Left : Side::Right);
  if (side == Side::Right) {
    p.x = -p.x;
    n.x = -n.x;
  }
  auto Jk = [&](Joint j) { return J(m, j) * k; };
  auto R = [&](MuscleGroup g) { return regionId(g, side); };
  const float x = p.x, y = p.y, z = p.z;
  switch (anatomy::leftOf(b)) {
    case Joint::HipL: {
      const float dx = x - Jk(Joint::HipL).x;
      const float knee = Jk(Joint::KneeL).y;
      if (y > 0.80f && z < -0.02f) return R(MuscleGroup::Gluteals);
      if (y > 0.82f && z > 0.0f && dx < 0.04f) return R(MuscleGroup::HipFlexors);
      if (y < knee + 0.05f) return 0;
      if (dx < -0.02f && std::fabs(z) < -dx * 1.6f && y > knee + 0.16f)
        return R(MuscleGroup::Adductors);
      if (z < -0.005f) return y < 0.80f ? R(MuscleGroup::Hamstrings) : R(MuscleGroup::Gluteals);
      return R(MuscleGroup::Quadriceps);
    }
    case Joint::KneeL: {
      const float dx = x - Jk(Joint::KneeL).x;
      const float knee = Jk(Joint::KneeL).y, ankle = Jk(Joint::AnkleL).y;
      if (y > knee - 0.04f || y < ankle + 0.07f) return 0;
      if (z < -0.008f) return y > ankle + 0.12f ? R(MuscleGroup::Calves) : 0;
      if (z > 0.0f && dx > -0.006f && n.z > 0.0f) return R(MuscleGroup::TibialisAnterior);
      return 0;
    }
    case Joint::ShoulderL: {
      const float t = (Jk(Joint::ShoulderL).y - y) / (Jk(Joint::ShoulderL).y - Jk(Joint::ElbowL).y);
      const float dx = x - Jk(Joint::ShoulderL).x;
      if (t < 0.36f) return dx > -0.025f ? R(MuscleGroup::Deltoids) : 0;
      if (t > 0.90f) return 0;
      return z > 0.0f ? R(MuscleGroup::Biceps) : R(MuscleGroup::Triceps);
    }
    case Joint::ElbowL:
    case Joint::ForearmL: {
      const float t = (Jk(Joint::ElbowL).y - y) / (Jk(Joint::ElbowL).y - Jk(Joint::WristL).y);
      if (t < 0.06f || t > 0.78f) return 0;
      return z > 0.0f ? R(MuscleGroup::ForearmFlexors) : R(MuscleGroup::ForearmExtensors);
    }
    case Joint::Pelvis:
    case Joint::Lumbar:
    case Joint::Thoracic:
    case Joint::ClavicleL:
    case Joint::Cervical: {
      if (b == Joint::Cervical) {
        if (n.z < -0.55f) return R(MuscleGroup::UpperTrapezius);
        if (x > 0.02f && n.z < 0.35f) return R(MuscleGroup::LevatorScapulae);
        return 0;
      }
      if (y > 1.41f) return (z < 0.035f && x > 0.02f) ? R(MuscleGroup::UpperTrapezius) : 0;
      if (y < 0.985f) {
        if (z < -0.03f && n.z < 0.0f) {
          if (y > 0.895f && y < 0.955f && x > 0.045f && x < 0.115f)
            return R(MuscleGroup::Piriformis);
          if (y > 0.80f) return R(MuscleGroup::Gluteals);
        }
        if (x > 0.13f && y > 0.87f && n.z < 0.3f) return R(MuscleGroup::Gluteals);
        if (z > 0.02f && y > 0.86f && x > 0.035f && x < 0.16f) return R(MuscleGroup::HipFlexors);
        return 0;
      }
      if (n.z > 0.25f) {
        if (y < 1.225f) return x < 0.135f ? R(MuscleGroup::Abdominals) : 0;
        if (x > 0.015f && x < 0.17f) return R(MuscleGroup::Pectorals);
        return 0;
      }
      if (n.z < -0.2f) {
        if (y > 1.29f) return (x > 0.05f && x < 0.175f) ? R(MuscleGroup::RotatorCuff) : 0;
        if (x < 0.05f && y < 1.27f) return R(MuscleGroup::ErectorSpinae);
        if (y < 1.10f && x < 0.15f) return R(MuscleGroup::QuadratusLumborum);
        if (y > 1.10f && x >= 0.05f) return R(MuscleGroup::LatissimusDorsi);
        return 0;
      }
      if (y > 1.10f && y < 1.33f) return R(MuscleGroup::LatissimusDorsi);
      if (y < 1.10f) return R(MuscleGroup::Abdominals);
      return 0;
    }
    default:
      return 0;
  }
}

}  // namespace

std::vector<std::uint16_t> classifyRegions(const RestMesh& m) {
  std::vector<std::uint16_t> out(m.positions.size(), 0);
  for (std::size_t v = 0; v < out.size(); ++v) {
    if (m.eye[v]) continue;
    out[v] = regionFor(m, m.joint[v], m.positions[v], m.normals[v]);
  }
  return out;
}

void smoothRegions(const RestMesh& m, const std::vector<std::uint16_t>& hard, float falloff,
                   std::vector<std::array<std::uint8_t, 4>>& ids,
                   std::vector<std::array<std::uint8_t, 4>>& weights) {
  const std::size_t n = m.positions.size();
  const auto nb = neighbours(m);
  // Mean edge length sets the number of diffusion steps: a random walk of k steps spreads
  // about sqrt(k) edges, so k = (falloff / edge)^2 spreads a border over ~`falloff`.
  double sum = 0.0;
  std::size_t count = 0;
  for (std::size_t v = 0; v < n; ++v) {
    for (std::uint32_t w : nb[v]) {
      sum += glm::distance(m.positions[v], m.positions[w]);
      ++count;
    }
  }
  const float edge = count ? static_cast<float>(sum / static_cast<double>(count)) : 0.01f;
  const int steps =
      std::clamp(static_cast<int>(std::lround((falloff / edge) * (falloff / edge))), 1, 200);
  // Per vertex a sparse distribution over region ids (0 = none), averaged with neighbours.
  using Dist = std::map<std::uint16_t, float>;
  std::vector<Dist> cur(n), next(n);
  for (std::size_t v = 0; v < n; ++v) cur[v][hard[v]] = 1.0f;
  for (int s = 0; s < steps; ++s) {
    for (std::size_t v = 0; v < n; ++v) {
      Dist d;
      // Half the vertex's own share stays (a lazy walk: stable, no oscillation).
      for (const auto& [r, w] : cur[v]) d[r] += 0.5f * w;
      const float share = nb[v].empty() ? 0.0f : 0.5f / static_cast<float>(nb[v].size());
      for (std::uint32_t w : nb[v]) {
        for (const auto& [r, x] : cur[w]) d[r] += share * x;
      }
      if (nb[v].empty()) d = cur[v];
      // Drop negligible tails so the maps stay small.
      for (auto it = d.begin(); it != d.end();)
        it = it->second < 0.004f ? d.erase(it) : std::next(it);
      next[v] = std::move(d);
    }
    std::swap(cur, next);
  }
  ids.assign(n, {0, 0, 0, 0});
  weights.assign(n, {0, 0, 0, 0});
  for (std::size_t v = 0; v < n; ++v) {
    std::vector<std::pair<float, std::uint16_t>> e;
    float total = 0.0f;
    for (const auto& [r, w] : cur[v]) {
      total += w;
      if (r != 0) e.emplace_back(w, r);
    }
    std::sort(e.begin(), e.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (e.size() > 4) e.resize(4);
    int used = 0;
    for (std::size_t k = 0; k < e.size(); ++k) {
      const int q = static_cast<int>(std::lround(e[k].first / std::max(total, 1e-6f) * 255.0f));
      const int clamped = std::min(q, 255 - used);
      ids[v][k] = static_cast<std::uint8_t>(e[k].second);
      weights[v][k] = static_cast<std::uint8_t>(std::max(clamped, 0));
      used += std::max(clamped, 0);
    }
  }
}

}  // namespace sv::makebody
