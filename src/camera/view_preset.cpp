#include "camera/view_preset.h"

#include <array>

namespace sv {

namespace {

struct PresetName {
  std::string_view id, label;
};
constexpr std::array<PresetName, kViewPresetCount> kNames = {{
    {"stretch", "The stretch's view"},
    {"front", "Front"},
    {"back", "Back"},
    {"left", "Left side"},
    {"right", "Right side"},
    {"top", "Top"},
    {"three-quarter", "Three-quarter"},
    {"client", "Client's eyes"},
    {"practitioner", "Practitioner's eyes"},
}};

}  // namespace

std::string_view viewPresetId(ViewPreset p) {
  return kNames[static_cast<std::size_t>(p)].id;
}

std::string_view viewPresetLabel(ViewPreset p) {
  return kNames[static_cast<std::size_t>(p)].label;
}

std::optional<ViewPreset> viewPresetFromId(std::string_view id) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i].id == id) return static_cast<ViewPreset>(i);
  }
  return std::nullopt;
}

std::string_view viewPresetIdList() {
  return "stretch, front, back, left, right, top, three-quarter, client, practitioner";
}

}  // namespace sv
