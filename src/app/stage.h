// Offscreen pictures of a session: the 3D view alone (no panels) at any size, from any orbit,
// through the same scene builder as the window (session/stretch_scene.h). Handouts and clips
// render through here; it owns its renderer (an offscreen target in the current GL context)
// and its copies of the session's meshes.
#pragma once

#include <memory>

#include "app/scene_upload.h"
#include "camera/orbit_camera.h"
#include "core/result.h"
#include "render/image.h"
#include "render/renderer.h"
#include "session/session.h"
#include "session/stretch_scene.h"

namespace sv {

class Stage {
 public:
  // Needs a current GL context (the window's, or a headless one).
  static Result<std::unique_ptr<Stage>> create(GlLoader loader);

  // The session's current moment seen from `view`, width × height pixels, still-frame quality
  // (full resolution, 4× MSAA). Errors: a size the GL cannot allocate.
  Result<Image> render(const session::Session& session, const session::SceneOptions& options,
                       const OrbitState& view, int width, int height);
  // The same into the caller's width × height × 4 bytes (a clip pipeline's slot): nothing
  // allocated per picture once the targets have that size.
  Status renderInto(const session::Session& session, const session::SceneOptions& options,
                    const OrbitState& view, int width, int height, std::uint8_t* rgba);

 private:
  explicit Stage(std::unique_ptr<Renderer> renderer);
  std::unique_ptr<Renderer> renderer_;
  SceneUploader uploader_;
  DrawList list_;
};

// The stretch's own view of `session` for a picture of `aspect` (width / height).
OrbitState pictureView(const session::Session& session, float aspect);

}  // namespace sv
