#include "scene/frame_hash.h"

#include <glm/gtc/type_ptr.hpp>

#include "core/hash.h"

namespace sv {

namespace {

// Adding a field to these structs changes their size and stops the build here: hash the new
// field below, or a change to it would not redraw the view.
static_assert(sizeof(FrameParams) == 1120, "FrameParams changed: update sceneInputHash");
static_assert(sizeof(DrawItem) == 160, "DrawItem changed: update hashItem");
static_assert(sizeof(LineVertex) == 7 * sizeof(float), "LineVertex must be tightly packed");

void hashVec3(Hasher& h, const glm::vec3& v) {
  h.floats(glm::value_ptr(v), 3);
}
void hashMat4(Hasher& h, const glm::mat4& m) {
  h.floats(glm::value_ptr(m), 16);
}
void hashPalette(Hasher& h, const DrawItem& it) {
  h.u32(it.paletteCount);
  if (it.palette != nullptr) {
    h.bytes(it.palette, static_cast<std::size_t>(it.paletteCount) * sizeof(glm::mat4));
  }
}

void hashItem(Hasher& h, const DrawItem& it) {
  h.u32(it.mesh);
  hashMat4(h, it.model);
  hashVec3(h, it.albedo);
  h.f32(it.roughness);
  h.u32(it.pickId);
  h.u32(it.flags);
  h.f32(it.opacity);
  hashPalette(h, it);
  for (const glm::vec3& c : it.cover) hashVec3(h, c);
}

}  // namespace

std::uint64_t shadowInputHash(const FrameParams& p, const DrawList& list) {
  Hasher h;
  hashVec3(h, p.key.direction);
  hashVec3(h, p.shadowCenter);
  h.f32(p.shadowRadius);
  h.f32(p.lodPixelError);  // enables the casters' levels of detail
  for (const DrawItem& it : list.items) {
    if (!(it.flags & kDrawCastShadow)) continue;
    h.u32(it.mesh);
    hashMat4(h, it.model);
    h.u32(it.flags & kDrawDualQuat);  // the skinning method moves vertices
    hashPalette(h, it);
  }
  return h.value();
}

std::uint64_t sceneInputHash(const FrameParams& p, const DrawList& list) {
  Hasher h;
  h.i32(p.viewport.x);
  h.i32(p.viewport.y);
  h.i32(p.viewport.width);
  h.i32(p.viewport.height);
  hashVec3(h, p.outsideColor);
  hashMat4(h, p.view);
  hashMat4(h, p.projection);
  hashVec3(h, p.eye);
  hashVec3(h, p.key.direction);
  hashVec3(h, p.key.color);
  hashVec3(h, p.fill.direction);
  hashVec3(h, p.fill.color);
  hashVec3(h, p.skyAmbient);
  hashVec3(h, p.groundAmbient);
  hashVec3(h, p.backdropTop);
  hashVec3(h, p.backdropBottom);
  hashVec3(h, p.shadowCenter);
  h.f32(p.shadowRadius);
  h.u32(p.showGrid ? 1u : 0u);
  h.u32(p.wireframe ? 1u : 0u);
  h.f32(p.lodPixelError);
  h.f32(p.resolutionScale);
  h.u32(p.multisample ? 1u : 0u);
  h.f32(p.exposure);
  for (const RegionStyle& r : p.regions) {
    h.f32(r.highlight);
    h.f32(r.selected);
    h.f32(r.heat);
  }
  hashVec3(h, p.highlightColor);
  hashVec3(h, p.selectColor);
  h.u32(p.heatmap ? 1u : 0u);
  hashVec3(h, p.heatLengthened);
  hashVec3(h, p.heatShortened);
  h.u64(list.items.size());
  for (const DrawItem& it : list.items) hashItem(h, it);
  h.u32(list.linesOnTop ? 1u : 0u);
  h.bytes(list.lines.data(), list.lines.size() * sizeof(LineVertex));
  return h.value();
}

}  // namespace sv
