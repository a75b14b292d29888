#include "scene/studio.h"

namespace sv {

FrameParams studioFrameParams(const OrbitCamera& camera) {
  FrameParams p;
  p.view = camera.view();
  p.projection = camera.projection();
  p.eye = camera.eye();
  // Key light high at the front-left of the subject (its +X, +Z), so shadows fall back and to
  // the right and read clearly from the default front three-quarter view.
  p.key.direction = glm::normalize(glm::vec3(-0.45f, -1.0f, -0.55f));
  p.key.color = glm::vec3(1.0f, 0.96f, 0.9f) * 2.6f;
  p.fill.direction = glm::normalize(glm::vec3(0.7f, -0.35f, 0.25f));
  p.fill.color = glm::vec3(0.72f, 0.8f, 1.0f) * 0.55f;
  p.skyAmbient = glm::vec3(0.32f, 0.34f, 0.38f);
  p.groundAmbient = glm::vec3(0.16f, 0.15f, 0.14f);
  p.backdropTop = glm::vec3(0.30f, 0.33f, 0.38f);
  p.backdropBottom = glm::vec3(0.62f, 0.63f, 0.65f);
  return p;
}

}  // namespace sv
