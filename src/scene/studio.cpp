#include "scene/studio.h"

namespace sv {

FrameParams studioFrameParams(const OrbitCamera& camera) {
  FrameParams p;
  p.view = camera.view();
  p.projection = camera.projection();
  p.eye = camera.eye();
  // Key light from the viewer's front-left of the default three-quarter view (the body's
  // right-front), about 50° high, so forms are modelled and shadows fall back and to the right.
  p.key.direction = glm::normalize(glm::vec3(0.55f, -0.8f, -0.35f));
  p.key.color = glm::vec3(1.0f, 0.95f, 0.88f) * 1.7f;
  p.fill.direction = glm::normalize(glm::vec3(-0.7f, -0.3f, -0.2f));
  p.fill.color = glm::vec3(0.70f, 0.78f, 1.0f) * 0.40f;
  p.skyAmbient = glm::vec3(0.26f, 0.28f, 0.32f);
  p.groundAmbient = glm::vec3(0.12f, 0.11f, 0.10f);
  p.backdropTop = glm::vec3(0.16f, 0.18f, 0.22f);
  p.backdropBottom = glm::vec3(0.36f, 0.37f, 0.39f);
  return p;
}

}  // namespace sv
