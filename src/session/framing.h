// Where the camera looks at a session: the stretch's own view, the limb to follow, the view
// from a figure's eyes. Pure: orbit states from the session's poses.
#pragma once

#include <optional>

#include "camera/orbit_camera.h"
#include "session/session.h"

namespace sv::session {

struct StretchView {
  OrbitState home;                    // the stretch's view
  glm::vec3 focus{0.0f, 0.9f, 0.0f};  // the world point it centres on
};

// The stretch's own view: centred between the start and the end position of the moving
// limb, seen from the stretched side at three-quarter height, far enough for the whole body
// in a view of `aspect` (width / height). Nothing open: the standing figure.
StretchView stretchView(const Session& session, float aspect);

// World position of the joint the key motion moves, this moment.
glm::vec3 keyJointPosition(const Session& session);

// A viewpoint just behind and above a figure's head looking at what it attends to (the
// practitioner: its hands' contacts; the client: `focus`), as an eye and a target. None
// without a practitioner.
struct Viewpoint {
  glm::vec3 eye{0.0f};
  glm::vec3 target{0.0f};
};
std::optional<Viewpoint> figureViewpoint(const Session& session, Figure figure,
                                         const glm::vec3& focus);

// The orbit state seen from `eye` toward `target`, its yaw unwound to the nearest turn of
// `from`'s (so the camera eases the short way round) and clamped to the camera's limits.
OrbitState orbitFrom(const OrbitState& from, const glm::vec3& eye, const glm::vec3& target);

}  // namespace sv::session
