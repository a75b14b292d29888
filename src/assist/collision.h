// The two figures as capsules fitted to their skin, the props as boxes, and the depth by which
// one pierces another: what the practitioner's placement is solved against and what the
// staging check measures (docs/assist.md, "Collision").
//
// Load time: fitFigure() reads a body's bind-pose mesh (allocates). Per frame: placeFigure()
// moves the fitted capsules with the figure's canonical model matrices and the queries below
// compare them — fixed-size arrays, no allocation.
//
// The capsules stand inside the skin (their radius is a low percentile of the segment's
// vertices' distance from its axis), so a depth measured between two of them is a lower bound
// of the skin's: it never reports a penetration that is not there, and it misses up to about a
// centimetre where a segment's cross-section is far from round (the chest, the pelvis).
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include <glm/glm.hpp>

#include "anatomy/skeleton.h"
#include "body/body.h"

namespace sv::assist {

inline constexpr int kMaxFigureCapsules = 56;

// One capsule of a figure, in its canonical joint's bind frame (fitFigure) or in world space
// (placeFigure).
struct BodyCapsule {
  glm::vec3 a{0.0f}, b{0.0f};  // axis ends (metres)
  float radius = 0.0f;
  std::uint8_t joint = 0;  // the canonical joint whose segment it stands for
};

struct FigureCapsules {
  std::array<BodyCapsule, kMaxFigureCapsules> capsules{};
  int count = 0;
};

// Capsules fitted to a body's skin at its bind pose, in each joint's bind frame, for every
// canonical segment that owns at least 12 vertices (those whose strongest influence is one of
// the segment's bones), along the segment's principal axis: a long segment (a limb) gets two,
// its proximal and distal halves, so a tapering thigh is not one cylinder; a segment much wider
// one way than the other across its axis (the chest, the pelvis) gets two side by side.
FigureCapsules fitFigure(const body::Body& body);

// The fitted capsules carried by a posed figure: `model` = the figure's canonical model
// matrices (kJointCount; each carries its joint's capsules from the bind frame, as the skin's
// bones carry the skin). `out` gets world-space capsules.
void placeFigure(const FigureCapsules& fitted, std::span<const glm::mat4> model,
                 FigureCapsules& out);

// An oriented box (a prop): `toLocal` maps world points into its frame, where it spans
// lo..hi.
struct CollisionBox {
  glm::mat4 toLocal{1.0f};
  glm::mat4 toWorld{1.0f};
  glm::vec3 lo{0.0f}, hi{0.0f};
};

// Closest points of segments p0-p1 and q0-q1: s, t in [0, 1] along each.
void closestSegmentPoints(const glm::vec3& p0, const glm::vec3& p1, const glm::vec3& q0,
                          const glm::vec3& q1, float& s, float& t);

// How far two capsules overlap (r1 + r2 − the distance between their axes; negative: the gap
// between them). `from` and `to` get the axis points that realise it (from on `a`, to on `b`).
float capsuleOverlap(const BodyCapsule& a, const BodyCapsule& b, glm::vec3* from = nullptr,
                     glm::vec3* to = nullptr);

// How deep a capsule enters a box (0 outside, metres), with the direction that gets it out.
float capsuleBoxDepth(const BodyCapsule& c, const CollisionBox& box, glm::vec3* out = nullptr);

}  // namespace sv::assist
