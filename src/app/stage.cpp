#include "app/stage.h"

#include <algorithm>

#include "core/paths.h"
#include "render/gl_debug.h"
#include "session/framing.h"

namespace sv {

Result<std::unique_ptr<Stage>> Stage::create(GlLoader loader) {
  RendererConfig rc;
  rc.shaderDir = dataDir() / "shaders";
  rc.offscreen = true;
  auto r = Renderer::create(loader, rc);
  if (!r) return r.error();
  return std::unique_ptr<Stage>(new Stage(std::move(*r)));
}

Stage::Stage(std::unique_ptr<Renderer> renderer)
    : renderer_(std::move(renderer)), uploader_(*renderer_) {
  list_.items.reserve(64);
  list_.lines.reserve(1024);
}

Result<Image> Stage::render(const session::Session& session, const session::SceneOptions& options,
                            const OrbitState& view, int width, int height) {
  Image image;
  image.width = width;
  image.height = height;
  if (width > 0 && height > 0) {
    image.rgba.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4u);
  }
  if (Status st = renderInto(session, options, view, width, height, image.rgba.data()); !st) {
    return st.error();
  }
  return image;
}

Status Stage::renderInto(const session::Session& session, const session::SceneOptions& options,
                         const OrbitState& view, int width, int height, std::uint8_t* rgba) {
  const int limit = renderer_->info().maxTargetSize;
  if (width < 1 || height < 1 || (limit > 0 && (width > limit || height > limit))) {
    return Error{"a " + std::to_string(width) + "x" + std::to_string(height) +
                 " picture is outside what this OpenGL implementation allows (1 to " +
                 std::to_string(limit) + " pixels per side)"};
  }
  const int errorsBefore = gldebug::errorCount();
  renderer_->resize(width, height);
  if (Status st = renderer_->checkTargets(); !st) return st.error();
  uploader_.sync(session);
  OrbitCamera camera;
  camera.setViewport(width, height);
  camera.snapTo(view);
  session::buildDrawList(session, options, uploader_.meshes(), list_);
  FrameParams params = session::buildFrameParams(session, options, camera, {0, 0, width, height});
  params.resolutionScale = 1.0f;
  params.multisample = true;
  renderer_->renderScene(params, list_);
  renderer_->captureInto(rgba);
  if (gldebug::errorCount() != errorsBefore) {
    return Error{"rendering the picture failed with " +
                 std::to_string(gldebug::errorCount() - errorsBefore) + " OpenGL error(s)"};
  }
  return {};
}

OrbitState pictureView(const session::Session& session, float aspect) {
  // The director's stretch view for a stage with nothing over it (pictures have no overlays),
  // planned on the capsule estimate alone: no id buffer to measure on here.
  session::CameraDirector director;
  session::Stage stage;
  stage.height = 720.0f;
  stage.width = stage.height * std::max(aspect, 0.01f);
  stage.x1 = stage.width;
  stage.y1 = stage.height;
  director.plan(session, stage, true);
  return director.stretchView();
}

}  // namespace sv
