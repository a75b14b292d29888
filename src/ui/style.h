// The one visual style of the workspace: fonts and colours, scaled for high-DPI screens.
#pragma once

struct ImFont;

namespace sv::ui {

// Loads the UI font (Inter, then DejaVu Sans from Debian's font packages, then ImGui's
// built-in font) at `scale` × 16 px and applies the colour scheme. Call once after
// ImGui::CreateContext() and before the first frame. Returns the font file used ("" = built-in).
const char* applyStyle(float scale);

// The large font for captions and presenter mode (the default font when none was loaded).
ImFont* largeFont();
ImFont* headingFont();

}  // namespace sv::ui
