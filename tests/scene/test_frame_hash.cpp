// Frame fingerprints: what would change the image changes the hash; what would not (the
// camera, for the shadow map) does not.
#include <catch2/catch.hpp>

#include <glm/gtc/matrix_transform.hpp>

#include "scene/frame_hash.h"

using sv::DrawList;
using sv::FrameParams;

namespace {
struct Fixture {
  FrameParams p;
  DrawList list;
  std::vector<glm::mat4> palette = std::vector<glm::mat4>(4, glm::mat4(1.0f));
  Fixture() {
    sv::DrawItem body;
    body.mesh = 1;
    body.palette = palette.data();
    body.paletteCount = static_cast<std::uint32_t>(palette.size());
    list.items.push_back(body);
    sv::DrawItem floorProp;
    floorProp.mesh = 2;
    floorProp.flags = sv::kDrawReceiveShadow;  // casts no shadow
    list.items.push_back(floorProp);
  }
};
}  // namespace

TEST_CASE("frame hash: equal input, equal hash") {
  Fixture a, b;
  CHECK(sv::sceneInputHash(a.p, a.list) == sv::sceneInputHash(b.p, b.list));
  CHECK(sv::shadowInputHash(a.p, a.list) == sv::shadowInputHash(b.p, b.list));
}

TEST_CASE("frame hash: a palette rewritten in place changes both hashes") {
  Fixture f;
  const auto scene0 = sv::sceneInputHash(f.p, f.list);
  const auto shadow0 = sv::shadowInputHash(f.p, f.list);
  f.palette[2] = glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, 0.01f, 0.0f));
  CHECK(sv::sceneInputHash(f.p, f.list) != scene0);
  CHECK(sv::shadowInputHash(f.p, f.list) != shadow0);
}

TEST_CASE("frame hash: the camera changes the view, not the shadow map") {
  Fixture f;
  const auto scene0 = sv::sceneInputHash(f.p, f.list);
  const auto shadow0 = sv::shadowInputHash(f.p, f.list);
  f.p.view = glm::lookAt(glm::vec3(1, 2, 3), glm::vec3(0), glm::vec3(0, 1, 0));
  f.p.eye = glm::vec3(1, 2, 3);
  CHECK(sv::sceneInputHash(f.p, f.list) != scene0);
  CHECK(sv::shadowInputHash(f.p, f.list) == shadow0);
}

TEST_CASE("frame hash: an item that casts no shadow moves only the view's hash") {
  Fixture f;
  const auto scene0 = sv::sceneInputHash(f.p, f.list);
  const auto shadow0 = sv::shadowInputHash(f.p, f.list);
  f.list.items[1].model = glm::translate(glm::mat4(1.0f), glm::vec3(1.0f, 0.0f, 0.0f));
  CHECK(sv::sceneInputHash(f.p, f.list) != scene0);
  CHECK(sv::shadowInputHash(f.p, f.list) == shadow0);
  // The key light moves the shadows.
  f.p.key.direction = glm::normalize(glm::vec3(0.3f, -1.0f, 0.1f));
  CHECK(sv::shadowInputHash(f.p, f.list) != shadow0);
}

TEST_CASE(
    "frame hash: resolution scale, region styles, lines, item and clothing colour all count") {
  Fixture f;
  const auto h0 = sv::sceneInputHash(f.p, f.list);
  FrameParams p = f.p;
  p.resolutionScale = 0.5f;
  CHECK(sv::sceneInputHash(p, f.list) != h0);
  p = f.p;
  p.regions[5].heat = 0.25f;
  CHECK(sv::sceneInputHash(p, f.list) != h0);
  DrawList l = f.list;
  l.lines.push_back({glm::vec3(0.0f), glm::vec4(1.0f)});
  CHECK(sv::sceneInputHash(f.p, l) != h0);
  l = f.list;
  l.items[0].albedo.r += 0.01f;
  CHECK(sv::sceneInputHash(f.p, l) != h0);
  // The clothing colours (View ▸ Clothing, a new look) redraw the view.
  l = f.list;
  l.items[0].cover[1].g += 0.01f;
  CHECK(sv::sceneInputHash(f.p, l) != h0);
}
