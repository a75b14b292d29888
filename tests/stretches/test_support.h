// Shared fixtures for the stretches tests.
#pragma once

#include <catch2/catch.hpp>

#include "anatomy/rom.h"
#include "stretches/library.h"

namespace sv::stretches::test {

inline const anatomy::RomTable& rom() {
  static const anatomy::RomTable table = [] {
    auto r = anatomy::loadRomTable(SV_ROM_PATH);
    REQUIRE(r.ok());
    return *r;
  }();
  return table;
}

inline const LibraryLoad& shipped() {
  static const LibraryLoad load = loadLibrary(SV_STRETCH_DIR, rom());
  return load;
}

}  // namespace sv::stretches::test
