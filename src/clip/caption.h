// A caption burned into a clip frame: the phase and its cue, what the client does, and the
// seconds left, in a band along the bottom of the picture (cairo draws, pango lays out).
// The band keeps its height for a given frame size and number of lines, so it does not jump
// from phase to phase; text wraps at the frame's width and is never drawn outside the band.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "clip/clip.h"
#include "core/result.h"

namespace sv::clip {

struct Caption {
  std::string headline;  // "Contract — push your heel into my shoulder"
  std::string detail;    // "Lets go and breathes out." (may be empty)
  int countdown = -1;    // whole seconds left in the phase; < 0: none shown
  std::array<std::uint8_t, 3> accent{230, 150, 50};  // sRGB of the headline (the phase)
};

// Draws `caption` over the bottom of the straight-RGBA frame in place (alpha stays opaque).
// The text scales with the frame: the headline is about 1/24 of its height. Errors: an
// empty frame or cairo failing.
Status drawCaption(std::uint8_t* rgba, int width, int height, std::size_t stride,
                   const Caption& caption);

}  // namespace sv::clip
