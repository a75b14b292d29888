// Shared fixtures: the muscle set, ROM table and model built once per test run.
#pragma once

#include <catch2/catch.hpp>

#include "anatomy/rom.h"
#include "anatomy/skeleton.h"
#include "muscles/muscle_model.h"
#include "muscles/muscle_set.h"

namespace sv::muscles::test {

inline const anatomy::RomTable& rom() {
  static const anatomy::RomTable table = [] {
    auto r = anatomy::loadRomTable(SV_ROM_PATH);
    if (!r) FAIL(r.error().message);
    return *r;
  }();
  return table;
}

inline const MuscleSet& muscleSet() {
  static const MuscleSet set = [] {
    auto r = loadMuscleSet(SV_MUSCLES_PATH);
    if (!r) FAIL(r.error().message);
    return *r;
  }();
  return set;
}

inline const MuscleModel& model() {
  static const MuscleModel m = [] {
    auto r = MuscleModel::build(muscleSet(), anatomy::makeDefaultSkeleton(1.75f), rom());
    if (!r) FAIL(r.error().message);
    return *r;
  }();
  return m;
}

}  // namespace sv::muscles::test
