#include "scene/visibility.h"

#include <cmath>
#include <initializer_list>

namespace sv {

bool floorCoversView(const glm::mat4& view, const glm::mat4& projection) {
  const glm::mat4 inv = glm::inverse(projection * view);
  for (const glm::vec2 c :
       {glm::vec2(-1, -1), glm::vec2(1, -1), glm::vec2(-1, 1), glm::vec2(1, 1)}) {
    const glm::vec4 n = inv * glm::vec4(c, -1.0f, 1.0f);
    const glm::vec4 f = inv * glm::vec4(c, 1.0f, 1.0f);
    if (n.w == 0.0f || f.w == 0.0f) return false;
    const glm::vec3 a = glm::vec3(n) / n.w;
    const glm::vec3 b = glm::vec3(f) / f.w;
    if ((a.y > 0.0f) == (b.y > 0.0f)) return false;  // this corner's ray misses the plane
    const float t = a.y / (a.y - b.y);
    const glm::vec3 hit = a + (b - a) * t;
    if (!(std::abs(hit.x) < kFloorHalfSize && std::abs(hit.z) < kFloorHalfSize)) return false;
  }
  return true;
}

}  // namespace sv
