// Muscle path data (assets/muscles/muscles.json): per muscle, its group and its path of
// attachment points (origin, via points, insertion) fixed to bones of the canonical skeleton.
// Format and sources: docs/muscles.md. Points are written for the RIGHT side on the default
// 1.75 m skeleton (metres, in the bone's frame: model-aligned axes X = the character's left,
// Y up, Z anterior); the left side is the mirror image and everything scales with height.
// Load time only (strings, vectors); the per-pose path is MuscleModel (muscle_model.h).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "anatomy/motion.h"
#include "anatomy/muscle_groups.h"
#include "anatomy/skeleton.h"
#include "core/result.h"
#include "muscles/spline.h"

namespace sv::muscles {

inline constexpr std::string_view kMuscleFormat = "stretchviz-muscles";
inline constexpr int kMuscleFormatVersion = 1;

// A point is used only while `coordinate` (an anatomical angle on the muscle's side, degrees)
// lies in [min, max] (OpenSim's ConditionalPathPoint).
struct ActiveRange {
  anatomy::Motion coordinate = anatomy::Motion::KneeFlexion;
  float min = 0.0f;
  float max = 0.0f;
};

// A point whose position in its bone's frame is a function of one coordinate (OpenSim's
// MovingPathPoint): one spline per axis (a constant is a one-knot spline). Knots in degrees.
struct MovingLocation {
  anatomy::Motion coordinate = anatomy::Motion::KneeFlexion;
  Spline axis[3];
};

struct PathPointDef {
  anatomy::Joint bone = anatomy::Joint::Pelvis;  // right-side (or midline) joint
  glm::vec3 position{0.0f};                      // metres at the reference height
  // Optional: the joint `position` is measured from (in `bone`'s frame) instead of `bone`'s
  // own joint, so a point placed by a neighbouring joint (a scapula via point by the humeral
  // head) keeps its place beside it on skeletons of other proportions. Right side or midline.
  std::optional<anatomy::Joint> anchor;
  std::optional<ActiveRange> active;
  std::optional<MovingLocation> moving;  // overrides `position`
  std::string ref;                       // e.g. the gait2392 point name (may be empty)
};

struct MuscleDef {
  std::string id;  // "semimembranosus"
  std::string name;
  anatomy::MuscleGroup group = anatomy::MuscleGroup::Hamstrings;
  std::string source;
  std::vector<PathPointDef> points;  // >= 2
};

// gait2392's moving knee centre: the tibia's origin moves in the femur (hip) frame as a
// function of knee flexion. Offsets (metres at the reference height, right side, hip frame)
// from the knee joint's rest position; applied to every point on the knee's subtree.
struct KneeTranslation {
  Spline anterior;  // along +Z
  Spline vertical;  // along +Y
};

struct MuscleSet {
  float referenceHeight = 1.75f;
  std::string credit;
  std::optional<KneeTranslation> knee;
  std::vector<MuscleDef> muscles;

  const MuscleDef* find(std::string_view id) const;
};

// Errors are one line: "<file>:<line>:<col>: <entry>: <problem>" (entry = muscle id and
// point index, e.g. `muscle "soleus" point 2: unknown bone "calf_r"`), or
// "<file>:<line>:<col>: malformed JSON: ...". The first error found is returned.
Result<MuscleSet> parseMuscleSet(std::string_view json, std::string_view fileName);
Result<MuscleSet> loadMuscleSet(const std::filesystem::path& path);
// dataDir()/assets/muscles/muscles.json
std::filesystem::path defaultMusclePath();

}  // namespace sv::muscles
