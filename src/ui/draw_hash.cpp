#include "ui/draw_hash.h"

#include <imgui.h>

#include <cstring>

#include "core/hash.h"

namespace sv::ui {

std::uint64_t drawDataHash(const ImDrawData* d) {
  if (d == nullptr || !d->Valid) return 0;
  Hasher h;
  h.f32(d->DisplayPos.x);
  h.f32(d->DisplayPos.y);
  h.f32(d->DisplaySize.x);
  h.f32(d->DisplaySize.y);
  h.f32(d->FramebufferScale.x);
  h.f32(d->FramebufferScale.y);
  h.i32(d->CmdListsCount);
  for (int i = 0; i < d->CmdListsCount; ++i) {
    const ImDrawList* l = d->CmdLists[i];
    h.bytes(l->VtxBuffer.Data, static_cast<std::size_t>(l->VtxBuffer.Size) * sizeof(ImDrawVert));
    h.bytes(l->IdxBuffer.Data, static_cast<std::size_t>(l->IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& c : l->CmdBuffer) {
      h.f32(c.ClipRect.x);
      h.f32(c.ClipRect.y);
      h.f32(c.ClipRect.z);
      h.f32(c.ClipRect.w);
      std::uint64_t tex = 0;
      static_assert(sizeof(ImTextureID) <= sizeof tex);
      std::memcpy(&tex, &c.TextureId, sizeof(ImTextureID));
      h.u64(tex);
      h.u32(c.VtxOffset);
      h.u32(c.IdxOffset);
      h.u32(c.ElemCount);
      // A user callback draws something this hash cannot see: never equal.
      if (c.UserCallback != nullptr) h.i32(ImGui::GetFrameCount());
    }
  }
  return h.value();
}

}  // namespace sv::ui
