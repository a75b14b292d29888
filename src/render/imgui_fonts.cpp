#include "render/imgui_fonts.h"

#include <backends/imgui_impl_opengl3.h>

namespace sv {

void imguiRendererReloadFonts() {
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

}  // namespace sv
