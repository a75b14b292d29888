// Muscle groups: the vocabulary shared by the mannequin's per-vertex region ids, the stretch
// data's target groups, the UI's group list and the muscle-length model.
//
// A *region* is a group on one side: region id = 1 + 2 * group + (side == Right), and 0
// means "no muscle region" (head, hands, feet …). Region ids are what the mesh stores in its
// _MUSCLE attribute and what GPU picking returns. String ids are the file format; the enum
// position is not (never save it).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "anatomy/skeleton.h"

namespace sv::anatomy {

enum class MuscleGroup : uint8_t {
  Hamstrings,
  Quadriceps,
  HipFlexors,
  Gluteals,
  Piriformis,  // deep hip external rotators
  Adductors,
  Calves,  // gastrocnemius and soleus
  TibialisAnterior,
  Pectorals,
  LatissimusDorsi,
  UpperTrapezius,  // upper trapezius and neck extensors
  LevatorScapulae,
  Deltoids,
  RotatorCuff,  // posterior shoulder: infraspinatus, teres minor, posterior capsule
  Biceps,
  Triceps,
  ForearmFlexors,
  ForearmExtensors,
  Abdominals,     // rectus abdominis and obliques
  ErectorSpinae,  // erector spinae / low back
  QuadratusLumborum,
  Peroneals,  // peroneus (fibularis) longus and brevis, the lateral compartment of the leg
  Rhomboids,  // rhomboid major and minor with the middle trapezius, between the scapulae
};
inline constexpr int kMuscleGroupCount = 23;
inline constexpr int kMuscleRegionCount = 1 + 2 * kMuscleGroupCount;  // including 0 = none

// Where the UI lists a group.
enum class BodyArea : uint8_t { NeckShoulders, Arms, Trunk, Hips, Legs };
inline constexpr int kBodyAreaCount = 5;

std::string_view muscleGroupId(MuscleGroup g);     // "hamstrings", "hip_flexors" …
std::string_view muscleGroupLabel(MuscleGroup g);  // "Hamstrings", "Hip flexors" …
std::optional<MuscleGroup> muscleGroupFromId(std::string_view id);
BodyArea bodyAreaOf(MuscleGroup g);
std::string_view bodyAreaLabel(BodyArea a);

constexpr std::uint16_t regionId(MuscleGroup g, Side side) {
  return static_cast<std::uint16_t>(1 + 2 * static_cast<int>(g) + (side == Side::Right ? 1 : 0));
}
// The group and side of a region id; nullopt for 0 or out of range.
struct MuscleRegion {
  MuscleGroup group;
  Side side;
};
std::optional<MuscleRegion> regionOf(std::uint16_t regionId);

}  // namespace sv::anatomy
