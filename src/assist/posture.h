// The practitioner's whole-body postures (issue #13): how its legs carry it where it stands —
// square on both feet, a lunge toward the client, half-kneeling or kneeling — as leg angles and
// a pelvis height, for one "squat" parameter that deepens the posture as the reach needs.
//
// Load time: buildPostureTable() poses the legs over the parameter's range and lowers the
// pelvis until the posture's supports (the feet, or the knees) touch the floor, measured with
// the figure's fitted capsules. Per frame: samplePosture() interpolates (no allocation).
// Everything is in the practitioner's own frame (facing +Z, up +Y); the assist turns it.
#pragma once

#include <array>
#include <cstdint>

#include "anatomy/motion.h"
#include "anatomy/skeleton.h"
#include "assist/collision.h"
#include "stretches/stretch.h"

namespace sv::assist {

inline constexpr int kPostureSamples = 9;

// The legs at one depth of a posture: joint angles in degrees per side [Left, Right], and how
// far the pelvis is lowered (from its standing height) and moved forward (along the facing).
struct PostureSample {
  std::array<float, 2> hipFlexion{}, kneeFlexion{}, ankleDorsiflexion{}, toesExtension{};
  float drop = 0.0f;     // metres
  float forward = 0.0f;  // metres
};

struct PostureTable {
  stretches::PractitionerPosture posture = stretches::PractitionerPosture::Standing;
  anatomy::Side lead = anatomy::Side::Right;  // the front leg of a lunge or half-kneeling
  float maxSquat = 0.0f;                      // degrees: the parameter's range (0: a fixed posture)
  std::array<PostureSample, kPostureSamples> samples{};
  // What stands on the floor: per support (two at most), the canonical joints (bits) whose
  // capsules bear on it. Standing: both feet as one (the lower foot); lunge: each foot;
  // half-kneeling: the back knee and shin, the front foot; kneeling: each knee and shin.
  std::array<std::uint32_t, 2> supports{0u, 0u};
  int supportCount = 0;
  // The lowest point of the supports at the standing rest pose above the floor (metres, about
  // 0): the level every sample's supports are brought to.
  float restLowest = 0.0f;
  float thigh = 0.0f, shank = 0.0f;  // the figure's segment lengths (metres)
};

// `fit`: the figure's fitted capsules (fitFigure). `maxSquat`: the standing knee bend's range
// (AssistOptions::maxSquat); a lunge spans the same parameter, the kneeling postures none.
PostureTable buildPostureTable(const anatomy::Skeleton& skeleton, const FigureCapsules& fit,
                               stretches::PractitionerPosture posture, anatomy::Side lead,
                               float maxSquat);

// The legs at `squat` degrees (clamped to the table's range). Standing is exact (hip s, knee 2s,
// ankle s; the pelvis drops and moves so the feet stay planted); the others interpolate the
// table.
PostureSample samplePosture(const PostureTable& table, float squat);

// Writes the sample's leg angles into `pose`, the hips flexed `tilt` degrees more (the pelvis
// tilted forward by as much, so the thighs keep their line).
void applyPosture(const PostureSample& sample, float tilt, anatomy::Pose& pose);

// The lowest point of each support's capsules (world y) for a placed figure; `out` gets
// supportCount values.
void supportLowest(const PostureTable& table, const FigureCapsules& placed,
                   std::array<float, 2>& out);

}  // namespace sv::assist
