// Shared helpers of the routines tests: the shipped library, scratch folders, positions.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "core/text.h"
#include "routines/client.h"
#include "routines/routine.h"
#include "support/fixtures.h"
#include "support/scratch.h"

namespace sv::routines::test {

namespace fs = std::filesystem;

inline fs::path scratch(const std::string& name) {
  return sv::test::scratchDir("routines", name);
}
using sv::test::filesIn;
using sv::test::readText;
using sv::test::writeText;

// "<line>:<col>" of the first occurrence of `needle` in `text` (+ `skip` bytes): the place a
// message must name, found in the text itself rather than written down by hand.
inline std::string placeOf(std::string_view text, std::string_view needle, std::size_t skip = 0) {
  const std::size_t at = text.find(needle);
  REQUIRE(at != std::string_view::npos);
  const TextPosition p = positionOfOffset(text, at + skip);
  return std::to_string(p.line) + ":" + std::to_string(p.column);
}

// An empty routine or client with an id and a name (moved in: assigning short literals to
// the members trips GCC 12's false -Wrestrict, PR 105329).
template <class T>
T named(std::string id, std::string name) {
  T v;
  v.id = std::move(id);
  v.name = std::move(name);
  return v;
}

inline const stretches::Library& library() {
  return sv::test::library();
}

inline Routine exampleRoutine() {
  auto r = loadRoutineFile(fs::path(SV_ROUTINE_DIR) / "after-a-run.json", {&library(), nullptr});
  INFO((r.errors.empty() ? std::string() : r.errors.front()));
  REQUIRE(r.ok());
  return *r.value;
}

// A client with every field set (round trips must keep each one).
inline Client fullClient() {
  Client c;
  c.id = "sam-rivera";
  c.name = "Sam Rivera";
  c.notes = "Half-marathon training, 4 runs a week.\nLeft hamstring strain in 2022.";
  c.body = {0.1f, 0.2f, 0.65f, 0.4f, 1.68f};
  c.flexibility = stretches::Flexibility::Stiff;
  c.measurements = {
      {anatomy::Motion::HipFlexion, anatomy::Side::Right, 62.5f, "2024-03-01",
       "hamstrings-supine-straight-leg", "SLR, no pain"},
      {anatomy::Motion::HipFlexion, anatomy::Side::Left, 58.0f, "2024-03-01", "", ""},
      {anatomy::Motion::LumbarFlexion, anatomy::Side::Center, 41.0f, "2024-04-12", "", "sitting"},
  };
  return c;
}

}  // namespace sv::routines::test
