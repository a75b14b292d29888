// Shared test data: the ROM table, the stretch library and the two default bodies, loaded
// once per test program. The including target defines SV_ROM_PATH, SV_STRETCH_DIR and
// SV_BODY_PATH (only those it uses need to exist: each loader is a function of its own).
#pragma once

#include <catch2/catch.hpp>

#include "anatomy/rom.h"
#include "body/body.h"
#include "stretches/library.h"

namespace sv::test {

#ifdef SV_ROM_PATH
inline const anatomy::RomTable& rom() {
  static const anatomy::RomTable table = [] {
    auto r = anatomy::loadRomTable(SV_ROM_PATH);
    REQUIRE(r.ok());
    return *r;
  }();
  return table;
}
#endif

#if defined(SV_ROM_PATH) && defined(SV_STRETCH_DIR)
inline const stretches::Library& library() {
  static const stretches::LibraryLoad load = stretches::loadLibrary(SV_STRETCH_DIR, rom());
  return load.library;
}
#endif

#ifdef SV_BODY_PATH
// The client and the practitioner in their default shapes.
struct Bodies {
  body::Body client, practitioner;
};
inline const Bodies& bodies() {
  static const Bodies b = [] {
    auto model = body::loadBodyModel(SV_BODY_PATH);
    REQUIRE(model.ok());
    auto c = body::Body::create(*model, body::defaultClientShape());
    auto p = body::Body::create(*model, body::defaultPractitionerShape());
    REQUIRE(c.ok());
    REQUIRE(p.ok());
    return Bodies{std::move(*c), std::move(*p)};
  }();
  return b;
}
#endif

}  // namespace sv::test
