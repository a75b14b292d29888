// The default studio look: lights and backdrop shared by the app, the tests and benchmarks.
#pragma once

#include "camera/orbit_camera.h"
#include "scene/draw_list.h"

namespace sv {

// Lighting and backdrop of the studio, with the camera's matrices filled in.
FrameParams studioFrameParams(const OrbitCamera& camera);

}  // namespace sv
