// What the camera can see of the studio, decided on the CPU so the renderer can skip passes
// whose pixels would all be covered. Pure maths.
#pragma once

#include <glm/glm.hpp>

namespace sv {

// The studio floor: a square of this half-size (metres) centred on the origin in the y = 0
// plane, drawn from both sides (the renderer's floor quad).
inline constexpr float kFloorHalfSize = 60.0f;

// True when the floor covers every pixel of the view (the horizon is above the top edge, as
// in a view from above), so the backdrop behind it need not be drawn. The view has no roll
// (an orbit camera), but the test does not rely on it: it checks that each corner's visible
// ray segment, from the near to the far plane, crosses the floor inside the square, and the
// frustum's section by a plane is convex, so every pixel between the corners is covered too.
bool floorCoversView(const glm::mat4& view, const glm::mat4& projection);

}  // namespace sv
