// The stand-in that stages a humanoid foreign rig as the client: what the assist needs of a
// client body (a skin surface, its segments, bind frames of the canonical skeleton) made from
// the rig's own mesh. The rig itself is still drawn by its own palette (model/character.h);
// this Body is never drawn.
//
// Load time only (skins every vertex once, allocates).
#pragma once

#include <vector>

#include "body/body.h"
#include "core/result.h"
#include "model/rigged_model.h"

namespace sv::body {

// Per skin joint of `model`: the canonical joint whose segment it moves with — its own
// canonical joint where the rig mapping names it, else its nearest mapped ancestor's (a twist
// or finger bone follows its limb); the pelvis for bones above the pelvis. Empty when the
// model is not a humanoid rig.
std::vector<int> rigSkinSegments(const RiggedModel& model);

// The rig's mesh skinned into the anatomical position of its fitted canonical skeleton
// (RiggedModel::rig), each vertex's weights summed per canonical segment (the four strongest
// kept): a Body whose skin joints are the canonical joints (Body::fromSegmentMesh). Errors:
// not a humanoid rig, no vertices.
Result<Body> bodyFromRig(const RiggedModel& model);

}  // namespace sv::body
