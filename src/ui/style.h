// The one visual style of the workspace: fonts and colours, scaled for high-DPI screens.
#pragma once

struct ImFont;

namespace sv::ui {

// Loads the UI font (Inter, then DejaVu Sans from Debian's font packages, then ImGui's
// built-in font) at `scale` × 16 px and applies the colour scheme. Call once after
// ImGui::CreateContext() and before the first frame. Returns the font file used ("" = built-in).
const char* applyStyle(float scale);

// Fonts beside the 16 px body font (× scale; the default font when none was loaded): the
// heading (19 px: panel headings, the workspace caption's first line), the large read-outs
// (30 px: the gauge's angle), and presenter mode's, twice the workspace caption's sizes: its
// first line (38 px), its text (32 px) and the countdown (64 px, digits only).
ImFont* headingFont();
ImFont* largeFont();
ImFont* presenterHeadFont();
ImFont* presenterBodyFont();
ImFont* countdownFont();

}  // namespace sv::ui
