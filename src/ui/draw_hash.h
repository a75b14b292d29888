// Fingerprint of what ImGui drew this frame (vertices, indices, commands), so the app can tell
// a frame whose UI looks exactly like the last one's and skip drawing it. No GL.
#pragma once

#include <cstdint>

struct ImDrawData;

namespace sv::ui {

// 0 for null draw data. Allocation-free; about a tenth of a millisecond for a full workspace.
std::uint64_t drawDataHash(const ImDrawData* data);

}  // namespace sv::ui
