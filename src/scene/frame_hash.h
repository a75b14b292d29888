// Fingerprints of a frame's input, so the renderer can skip work whose result would be the
// same as last time (docs/architecture.md, "Rendering decisions"):
// - the shadow map depends only on the shadow casters (mesh, placement, skinning palette
//   contents) and the key light's frustum, not on the camera;
// - the 3D view depends on everything in FrameParams and the draw list.
// Palettes are hashed by content, not by pointer: the app rewrites the same buffers every frame.
// Pure and allocation-free. Mesh geometry is identified by MeshId only: the renderer mixes in
// its own count of uploads, since replaceMesh() changes a mesh under the same id.
#pragma once

#include <cstdint>

#include "scene/draw_list.h"

namespace sv {

std::uint64_t shadowInputHash(const FrameParams& params, const DrawList& list);
std::uint64_t sceneInputHash(const FrameParams& params, const DrawList& list);

}  // namespace sv
