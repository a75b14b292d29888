// Body shape from a profile: sex, age band, height and build, as weights of the asset's
// shape targets (MakeHuman's macro modifiers), and the shaped vertices and joint points.
//
// How MakeHuman combines its macro targets (apps/humanmodifier.py; see docs/body.md), with
// each parameter in [0, 1]:
//  - gender: female = 1 - g, male = g;
//  - age (adults): old = a, young = 1 - a  (here `age` is already the adult blend: 0 = a young
//    adult of 25, 1 = an old adult of 90);
//  - muscle and weight: below 0.5 min = 1 - x/0.5 and average = x/0.5; above, average =
//    1 - (x - 0.5)/0.5 and max = (x - 0.5)/0.5;
//  - "macro/<gender>-<age>" (the ethnic average) gets gender × age;
//  - "universal/<gender>-<age>-<muscle>-<weight>" gets gender × age × muscle × weight (the
//    average-average ones are empty in MakeHuman and are not stored);
//  - "height/<gender>-<age>-<min|max>height" gets gender × age × (1 - h/0.5 below 0.5, or
//    (h - 0.5)/0.5 above).
// Height is given in metres here and solved for MakeHuman's h (the standing height is
// piecewise linear in h).
#pragma once

#include <span>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "body/body_asset.h"

namespace sv::body {

struct BodyShape {
  float sex = 0.5f;     // 0 female … 1 male
  float age = 0.0f;     // 0 young adult (25) … 1 old adult (90)
  float muscle = 0.5f;  // 0 minimal … 0.5 average … 1 maximal
  float weight = 0.5f;  // 0 light … 0.5 average … 1 heavy
  float height = 0.0f;  // standing height in metres; 0 = MakeHuman's average for the rest

  bool operator==(const BodyShape&) const = default;
};

// Ranges (inclusive) of BodyShape's fields.
inline constexpr float kMinHeight = 1.40f;
inline constexpr float kMaxHeight = 2.10f;

// Clamps every field into its range; `warning` (when given) gets one line per clamped field,
// naming it, the value and the range.
BodyShape clampShape(const BodyShape& shape, std::string* warning = nullptr);

// The default client (an average adult) and the practitioner (a visibly different build).
BodyShape defaultClientShape();
BodyShape defaultPractitionerShape();

// A shape target's role, parsed from its name once at load time.
struct TargetKey {
  enum class Kind : std::uint8_t { Macro, Universal, Height, Unknown } kind = Kind::Unknown;
  bool male = false;
  bool old = false;
  int muscle = 1;  // 0 min, 1 average, 2 max
  int weight = 1;  // 0 min, 1 average, 2 max
  bool maxHeight = false;
};
TargetKey parseTargetName(std::string_view name);

// Weight of each target for MakeHuman parameters (gender, adult age blend, muscle, weight,
// height h in [0, 1]).
void targetWeights(std::span<const TargetKey> keys, float gender, float age, float muscle,
                   float weight, float heightParam, std::span<float> out);

// The shaped mesh and joint points of an asset for a shape: grounded (lowest vertex on y = 0)
// and centred (the pelvis point at x = z = 0). Normals recomputed (area-weighted).
struct ShapedBody {
  std::vector<glm::vec3> positions;
  std::vector<glm::vec3> normals;
  std::vector<glm::vec3> points;
  float heightParam = 0.5f;     // the MakeHuman h that gives the height
  float standingHeight = 0.0f;  // metres (top of the head above the soles, bind pose)
  // Scratch (kept to avoid reallocating on a reshape).
  std::vector<float> weights;
  std::vector<glm::vec3> heightMin, heightMax, pointMin, pointMax;
};
// `keys` = parseTargetName of each asset target. Allocation-free when `out` is reused with
// the same asset.
void shapeBody(const BodyAsset& asset, std::span<const TargetKey> keys, const BodyShape& shape,
               ShapedBody& out);

// Area-weighted vertex normals of a triangle list (unit; a vertex in no triangle gets +Y).
void computeNormals(std::span<const glm::vec3> positions, std::span<const std::uint32_t> indices,
                    std::span<glm::vec3> normalsOut);

}  // namespace sv::body
