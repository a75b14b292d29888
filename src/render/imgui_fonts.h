// ImGui font-atlas upload (GL), for the UI scale setting: after the UI rebuilds its fonts,
// the atlas texture must be re-created.
#pragma once

namespace sv {

void imguiRendererReloadFonts();

}  // namespace sv
