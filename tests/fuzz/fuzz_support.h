// Shared pieces of the libFuzzer targets.
#pragma once

#include <cstdlib>

#include "anatomy/rom.h"

// libFuzzer has no assertion macros: a failed check aborts, which the fuzzer reports with the
// input that caused it.
#define FUZZ_CHECK(cond)       \
  do {                         \
    if (!(cond)) std::abort(); \
  } while (false)

namespace sv::fuzz {

// The shipped ROM table (SV_ROM_PATH), loaded once.
inline const anatomy::RomTable& rom() {
  static const anatomy::RomTable table = [] {
    auto r = anatomy::loadRomTable(SV_ROM_PATH);
    if (!r.ok()) std::abort();
    return *r;
  }();
  return table;
}

}  // namespace sv::fuzz
