#include "body/body_shape.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace sv::body {
namespace {

float clampField(float v, float lo, float hi, const char* name, std::string* warning) {
  if (v >= lo && v <= hi) return v;
  const float c = std::isfinite(v) ? std::clamp(v, lo, hi) : (lo + hi) * 0.5f;
  if (warning != nullptr) {
    char line[160];
    std::snprintf(line, sizeof line, "body shape: %s %g is outside %g … %g; using %g\n", name,
                  static_cast<double>(v), static_cast<double>(lo), static_cast<double>(hi),
                  static_cast<double>(c));
    *warning += line;
  }
  return c;
}

// MakeHuman's split of a [0, 1] build parameter into min / average / max weights.
std::array<float, 3> buildWeights(float x) {
  if (x < 0.5f) return {1.0f - x / 0.5f, x / 0.5f, 0.0f};
  return {0.0f, 1.0f - (x - 0.5f) / 0.5f, (x - 0.5f) / 0.5f};
}

float standing(std::span<const glm::vec3> p) {
  float lo = std::numeric_limits<float>::max(), hi = -lo;
  for (const glm::vec3& v : p) {
    lo = std::min(lo, v.y);
    hi = std::max(hi, v.y);
  }
  return hi - lo;
}

// Height of base + s × d (s ≥ 0), without storing the sum.
float standingWith(std::span<const glm::vec3> base, std::span<const glm::vec3> d, float s) {
  float lo = std::numeric_limits<float>::max(), hi = -lo;
  for (std::size_t i = 0; i < base.size(); ++i) {
    const float y = base[i].y + s * d[i].y;
    lo = std::min(lo, y);
    hi = std::max(hi, y);
  }
  return hi - lo;
}

}  // namespace

BodyShape clampShape(const BodyShape& s, std::string* warning) {
  BodyShape c = s;
  c.sex = clampField(s.sex, 0.0f, 1.0f, "sex", warning);
  c.age = clampField(s.age, 0.0f, 1.0f, "age", warning);
  c.muscle = clampField(s.muscle, 0.0f, 1.0f, "muscle", warning);
  c.weight = clampField(s.weight, 0.0f, 1.0f, "weight", warning);
  if (s.height != 0.0f) c.height = clampField(s.height, kMinHeight, kMaxHeight, "height", warning);
  return c;
}

BodyShape defaultClientShape() {
  // An average adult woman: 1.65 m (the adult female mean in most European surveys is
  // 1.62–1.67 m, NCD-RisC, eLife 2016), average muscle and weight.
  return BodyShape{0.0f, 0.15f, 0.5f, 0.5f, 1.65f};
}

BodyShape defaultPractitionerShape() {
  // Visibly different from the client: a tall, muscular man.
  return BodyShape{1.0f, 0.25f, 0.68f, 0.55f, 1.80f};
}

TargetKey parseTargetName(std::string_view name) {
  TargetKey k;
  auto has = [&](std::string_view s) { return name.find(s) != std::string_view::npos; };
  if (name.rfind("macro/", 0) == 0) {
    k.kind = TargetKey::Kind::Macro;
  } else if (name.rfind("universal/", 0) == 0) {
    k.kind = TargetKey::Kind::Universal;
  } else if (name.rfind("height/", 0) == 0) {
    k.kind = TargetKey::Kind::Height;
  } else {
    return k;
  }
  k.male = has("/male-");
  if (!k.male && !has("/female-")) k.kind = TargetKey::Kind::Unknown;
  k.old = has("-old");
  if (!k.old && !has("-young")) k.kind = TargetKey::Kind::Unknown;
  k.muscle = has("-minmuscle") ? 0 : has("-maxmuscle") ? 2 : 1;
  k.weight = has("-minweight") ? 0 : has("-maxweight") ? 2 : 1;
  k.maxHeight = has("-maxheight");
  if (k.kind == TargetKey::Kind::Height && !k.maxHeight && !has("-minheight")) {
    k.kind = TargetKey::Kind::Unknown;
  }
  return k;
}

void targetWeights(std::span<const TargetKey> keys, float gender, float age, float muscle,
                   float weight, float heightParam, std::span<float> out) {
  const auto mw = buildWeights(muscle);
  const auto ww = buildWeights(weight);
  const float hMin = heightParam < 0.5f ? 1.0f - heightParam / 0.5f : 0.0f;
  const float hMax = heightParam > 0.5f ? (heightParam - 0.5f) / 0.5f : 0.0f;
  for (std::size_t t = 0; t < keys.size() && t < out.size(); ++t) {
    const TargetKey& k = keys[t];
    const float ga = (k.male ? gender : 1.0f - gender) * (k.old ? age : 1.0f - age);
    switch (k.kind) {
      case TargetKey::Kind::Macro:
        out[t] = ga;
        break;
      case TargetKey::Kind::Universal:
        out[t] =
            ga * mw[static_cast<std::size_t>(k.muscle)] * ww[static_cast<std::size_t>(k.weight)];
        break;
      case TargetKey::Kind::Height:
        out[t] = ga * (k.maxHeight ? hMax : hMin);
        break;
      case TargetKey::Kind::Unknown:
        out[t] = 0.0f;
        break;
    }
  }
}

void computeNormals(std::span<const glm::vec3> p, std::span<const std::uint32_t> idx,
                    std::span<glm::vec3> n) {
  std::fill(n.begin(), n.end(), glm::vec3(0.0f));
  for (std::size_t i = 0; i + 2 < idx.size(); i += 3) {
    const glm::vec3& a = p[idx[i]];
    const glm::vec3 fn = glm::cross(p[idx[i + 1]] - a, p[idx[i + 2]] - a);  // |fn| = 2 × area
    n[idx[i]] += fn;
    n[idx[i + 1]] += fn;
    n[idx[i + 2]] += fn;
  }
  for (glm::vec3& v : n) {
    const float l = glm::length(v);
    v = l > 0.0f ? v / l : glm::vec3(0.0f, 1.0f, 0.0f);
  }
}

void shapeBody(const BodyAsset& a, std::span<const TargetKey> keys, const BodyShape& shapeIn,
               ShapedBody& out) {
  const BodyShape s = clampShape(shapeIn);
  const std::size_t n = a.positions.size(), np = a.points.size(), nt = a.targets.size();
  out.weights.assign(nt, 0.0f);
  // Everything but height at h = 0.5 (no height target), then the two height directions.
  targetWeights(keys, s.sex, s.age, s.muscle, s.weight, 0.5f, out.weights);
  out.positions.assign(a.positions.begin(), a.positions.end());
  out.points.assign(a.points.begin(), a.points.end());
  out.heightMin.assign(n, glm::vec3(0.0f));
  out.heightMax.assign(n, glm::vec3(0.0f));
  out.pointMin.assign(np, glm::vec3(0.0f));
  out.pointMax.assign(np, glm::vec3(0.0f));
  for (std::size_t t = 0; t < nt && t < keys.size(); ++t) {
    float w = out.weights[t];
    std::vector<glm::vec3>* dst = &out.positions;
    std::vector<glm::vec3>* pdst = &out.points;
    if (keys[t].kind == TargetKey::Kind::Height) {
      // Its gender × age share; the height share is applied below.
      w = (keys[t].male ? s.sex : 1.0f - s.sex) * (keys[t].old ? s.age : 1.0f - s.age);
      dst = keys[t].maxHeight ? &out.heightMax : &out.heightMin;
      pdst = keys[t].maxHeight ? &out.pointMax : &out.pointMin;
    }
    if (w == 0.0f) continue;
    const std::vector<glm::vec3>& d = a.targets[t];
    for (std::size_t i = 0; i < n; ++i) (*dst)[i] += w * d[i];
    const std::vector<glm::vec3>& pd = a.pointTargets[t];
    for (std::size_t i = 0; i < np; ++i) (*pdst)[i] += w * pd[i];
  }

  // Height: H(h) is linear in the min share below h = 0.5 and in the max share above.
  float h = 0.5f;
  if (s.height > 0.0f) {
    const float mid = standing(out.positions);
    const float lo = standingWith(out.positions, out.heightMin, 1.0f);
    const float hi = standingWith(out.positions, out.heightMax, 1.0f);
    if (s.height <= mid) {
      // share in [0, 1] of heightMin: mid → lo; h = 0.5 (1 - share).
      float share = lo < mid ? (mid - s.height) / (mid - lo) : 0.0f;
      share = std::clamp(share, 0.0f, 1.0f);
      // One secant step on the exact height (the top vertex may change along the way).
      const float got = standingWith(out.positions, out.heightMin, share);
      const float slope = (lo - mid);
      if (std::fabs(slope) > 1e-6f)
        share = std::clamp(share + (s.height - got) / slope, 0.0f, 1.0f);
      h = 0.5f * (1.0f - share);
    } else {
      float share = hi > mid ? (s.height - mid) / (hi - mid) : 0.0f;
      share = std::clamp(share, 0.0f, 1.0f);
      const float got = standingWith(out.positions, out.heightMax, share);
      const float slope = (hi - mid);
      if (std::fabs(slope) > 1e-6f)
        share = std::clamp(share + (s.height - got) / slope, 0.0f, 1.0f);
      h = 0.5f + 0.5f * share;
    }
  }
  out.heightParam = h;
  const float sMin = h < 0.5f ? 1.0f - h / 0.5f : 0.0f;
  const float sMax = h > 0.5f ? (h - 0.5f) / 0.5f : 0.0f;
  for (std::size_t i = 0; i < n; ++i)
    out.positions[i] += sMin * out.heightMin[i] + sMax * out.heightMax[i];
  for (std::size_t i = 0; i < np; ++i)
    out.points[i] += sMin * out.pointMin[i] + sMax * out.pointMax[i];

  // Ground and centre: lowest vertex on y = 0, the pelvis point at x = z = 0.
  float minY = std::numeric_limits<float>::max(), maxY = -minY;
  for (const glm::vec3& v : out.positions) {
    minY = std::min(minY, v.y);
    maxY = std::max(maxY, v.y);
  }
  const glm::vec3 pelvis = out.points[static_cast<std::size_t>(
      a.canonicalPoint[anatomy::index(anatomy::Joint::Pelvis)])];
  const glm::vec3 shift(-pelvis.x, -minY, -pelvis.z);
  for (glm::vec3& v : out.positions) v += shift;
  for (glm::vec3& v : out.points) v += shift;
  out.standingHeight = maxY - minY;
  out.normals.resize(n);
  computeNormals(out.positions, a.indices, out.normals);
}

}  // namespace sv::body
