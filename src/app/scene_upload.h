// A session's meshes on one renderer: the fixed primitives (placeholder, stand-in table and
// stool, arrows) uploaded once, the cast's bodies and the stretch's environment re-uploaded
// when their generation moves. Mesh ids belong to one Renderer, so each renderer (the
// window's, an export's) keeps its own uploader.
#pragma once

#include <array>
#include <cstdint>

#include "render/renderer.h"
#include "session/session.h"
#include "session/stretch_scene.h"

namespace sv {

class SceneUploader {
 public:
  explicit SceneUploader(Renderer& renderer);

  // Uploads what changed since the last call (cheap when nothing did: two comparisons).
  void sync(const session::Session& session);
  const session::SceneMeshes& meshes() const { return meshes_; }

 private:
  Renderer& renderer_;
  session::SceneMeshes meshes_;
  std::array<std::uint32_t, 2> uploaded_{};  // the cast's mesh generations on the GPU
};

}  // namespace sv
