// The named views of the 3D view (the Camera menu, the number keys and --view). Each is framed
// to the figures by session/framing.h; here only their names.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sv {

enum class ViewPreset : std::uint8_t {
  Stretch,  // the stretch's own view: the author's, else chosen per phase (automatic)
  Front,    // from +Z (a standing or seated client's front; a supine client's feet)
  Back,
  Left,  // from the client's left (+X)
  Right,
  Top,
  ThreeQuarter,      // in front of the stretched side, 25° up
  ClientEyes,        // from beside and above the client's head, toward the key segment
  PractitionerEyes,  // … the practitioner's head
};
inline constexpr int kViewPresetCount = 9;

// "stretch", "front", "back", "left", "right", "top", "three-quarter", "client",
// "practitioner" (the --view names; also saved nowhere, so free to change with the CLI).
std::string_view viewPresetId(ViewPreset p);
std::optional<ViewPreset> viewPresetFromId(std::string_view id);
// "The stretch's view", "Front", "Client's eyes" … (menus).
std::string_view viewPresetLabel(ViewPreset p);
// "stretch, front, back, …" for messages.
std::string_view viewPresetIdList();

}  // namespace sv
