#include "anatomy/muscle_groups.h"

#include <array>

namespace sv::anatomy {
namespace {
struct GroupInfo {
  std::string_view id;
  std::string_view label;
  BodyArea area;
};
constexpr std::array<GroupInfo, kMuscleGroupCount> kGroups = {{
    {"hamstrings", "Hamstrings", BodyArea::Legs},
    {"quadriceps", "Quadriceps", BodyArea::Legs},
    {"hip_flexors", "Hip flexors", BodyArea::Hips},
    {"gluteals", "Gluteals", BodyArea::Hips},
    {"piriformis", "Piriformis / deep rotators", BodyArea::Hips},
    {"adductors", "Adductors", BodyArea::Hips},
    {"calves", "Calves", BodyArea::Legs},
    {"tibialis_anterior", "Tibialis anterior", BodyArea::Legs},
    {"pectorals", "Pectorals", BodyArea::NeckShoulders},
    {"latissimus_dorsi", "Latissimus dorsi", BodyArea::Trunk},
    {"upper_trapezius", "Upper trapezius / neck", BodyArea::NeckShoulders},
    {"levator_scapulae", "Levator scapulae", BodyArea::NeckShoulders},
    {"deltoids", "Deltoids", BodyArea::NeckShoulders},
    {"rotator_cuff", "Posterior shoulder / rotator cuff", BodyArea::NeckShoulders},
    {"biceps", "Biceps", BodyArea::Arms},
    {"triceps", "Triceps", BodyArea::Arms},
    {"forearm_flexors", "Forearm flexors", BodyArea::Arms},
    {"forearm_extensors", "Forearm extensors", BodyArea::Arms},
    {"abdominals", "Abdominals / obliques", BodyArea::Trunk},
    {"erector_spinae", "Erector spinae / low back", BodyArea::Trunk},
    {"quadratus_lumborum", "Quadratus lumborum", BodyArea::Trunk},
    {"peroneals", "Peroneals (fibularis)", BodyArea::Legs},
    {"rhomboids", "Rhomboids / middle trapezius", BodyArea::NeckShoulders},
}};
}  // namespace

std::string_view muscleGroupId(MuscleGroup g) {
  return kGroups[static_cast<std::size_t>(g)].id;
}
std::string_view muscleGroupLabel(MuscleGroup g) {
  return kGroups[static_cast<std::size_t>(g)].label;
}
BodyArea bodyAreaOf(MuscleGroup g) {
  return kGroups[static_cast<std::size_t>(g)].area;
}

std::optional<MuscleGroup> muscleGroupFromId(std::string_view id) {
  for (std::size_t i = 0; i < kGroups.size(); ++i) {
    if (kGroups[i].id == id) return static_cast<MuscleGroup>(i);
  }
  return std::nullopt;
}

std::string_view bodyAreaLabel(BodyArea a) {
  switch (a) {
    case BodyArea::NeckShoulders:
      return "Neck and shoulders";
    case BodyArea::Arms:
      return "Arms";
    case BodyArea::Trunk:
      return "Trunk";
    case BodyArea::Hips:
      return "Hips";
    case BodyArea::Legs:
      return "Legs";
  }
  return "";
}

std::optional<MuscleRegion> regionOf(std::uint16_t id) {
  if (id == 0 || id >= kMuscleRegionCount) return std::nullopt;
  const int g = (id - 1) / 2;
  return MuscleRegion{static_cast<MuscleGroup>(g), ((id - 1) % 2) ? Side::Right : Side::Left};
}

}  // namespace sv::anatomy
