// Measures how a skinned body deforms (pure; for the tests and docs/body.md's table).
//
// All measures compare the posed skin (CPU dual-quaternion skinning, the GPU's method) with a
// reference skinning of the same body:
//  - inverted triangles: the posed face normal points against the posed vertex normals (which
//    turn with the skin), i.e. the triangle folded over — counted outside the crease bands and
//    everywhere;
//  - edge stretch: posed / reference edge length, outside the crease bands (the skin in the
//    hollow of a flexed knee, elbow, hip, shoulder, wrist or ankle folds by design);
//  - segment volume: the cone volume from each canonical segment's joint centre to the
//    triangles the segment dominates (unchanged by a rigid motion, so it measures squash);
//  - cross-section aspect: the elongation (ratio of principal axes) of the skin where a plane
//    across a segment cuts it (a ribbon or a candy-wrapper twist flattens it);
//  - ring area: the area a plane across a joint cuts from the skin (a collapsing twist shrinks
//    it).
#pragma once

#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "anatomy/hand_pose.h"
#include "anatomy/motion.h"
#include "body/body.h"

namespace sv::body {

// Skinned positions and normals of a body for an anatomical pose and hand shapes.
struct SkinnedBody {
  std::vector<glm::vec3> positions, normals;
  std::array<glm::mat4, anatomy::kJointCount> jointModel{};  // canonical joints, posed
};
void skinBody(const Body& body, const anatomy::Pose& pose, const anatomy::HandShape& left,
              const anatomy::HandShape& right, SkinnedBody& out);
// Skinned with a given palette (e.g. the assist's, whose IK arms are no anatomical pose).
void skinBodyWithPalette(const Body& body, std::span<const glm::mat4> palette,
                         std::span<const glm::mat4> jointModel, SkinnedBody& out);
// The mesh as modelled (bind pose): identity palette.
void bindBody(const Body& body, SkinnedBody& out);

// A crease band: vertices within `radius` of a canonical joint's centre (in the reference).
struct CreaseBand {
  anatomy::Joint joint;
  float radius;
};
// The bands docs/body.md declares: knees, elbows, hips, shoulders, wrists, ankles, the hands.
std::span<const CreaseBand> defaultCreaseBands();

struct DeformationReport {
  int invertedTriangles = 0;  // outside the crease bands
  int invertedInCreases = 0;  // everywhere (skin in a deep crease folds onto itself)
  float minEdgeRatio = 1.0f, maxEdgeRatio = 1.0f;  // outside the crease bands
  float worstVolumeChange = 0.0f;  // max |posed / reference - 1| over the limb segments
  int worstVolumeSegment = -1;     // canonical joint
  // The same over the trunk and neck segments (pelvis, lumbar, thoracic, cervical, clavicles,
  // head): their skin spans several spine levels and the hip and shoulder caps, so the volume
  // it encloses changes with the posture more than a limb's.
  float worstTrunkVolumeChange = 0.0f;
  int worstTrunkVolumeSegment = -1;
  // Where (for finding the cause): a vertex of the worst edge, and the first folded triangles.
  int worstEdgeVertex = -1;
  std::vector<int> invertedAt;  // first vertex of each folded triangle (up to 64)
};
DeformationReport measureDeformation(const Body& body, const SkinnedBody& reference,
                                     const SkinnedBody& posed,
                                     std::span<const CreaseBand> creases = defaultCreaseBands());

// Elongation of the section of `joint`'s segment at `fraction` (0 = the joint, 1 = its child
// joint) of its length: sqrt(λmax / λmin) of the section points' covariance in the plane.
float crossSectionAspect(const Body& body, const SkinnedBody& skinned, anatomy::Joint joint,
                         float fraction);
// Area (m²) of the convex outline of the skin cut by the plane through `joint` perpendicular
// to its parent segment (the elbow: the upper arm's axis; the wrist: the forearm's).
float ringArea(const Body& body, const SkinnedBody& skinned, anatomy::Joint joint);

}  // namespace sv::body
