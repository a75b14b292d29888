#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <string_view>

#include "anatomy/rom.h"
#include "stretches/library.h"
#include "support/alloc_count.h"
#include "ui/browser.h"

using sv::anatomy::MuscleGroup;
using sv::ui::filterStretches;
using sv::ui::GroupSelection;

namespace {
const sv::stretches::Library& library() {
  static const sv::stretches::Library lib = [] {
    auto rom = sv::anatomy::loadRomTable(sv::stretches::defaultRomPath());
    REQUIRE(rom.ok());
    auto load = sv::stretches::loadLibrary(sv::stretches::defaultStretchDir(), *rom);
    REQUIRE(load.report.ok());
    return load.library;
  }();
  return lib;
}
const sv::stretches::Stretch& at(const sv::ui::BrowserEntry& e) {
  return library().stretches[static_cast<std::size_t>(e.index)];
}
bool targets(const sv::stretches::Stretch& s, MuscleGroup g) {
  return std::count(s.primaryGroups.begin(), s.primaryGroups.end(), g) +
             std::count(s.secondaryGroups.begin(), s.secondaryGroups.end(), g) >
         0;
}
}  // namespace

TEST_CASE("browser: no selection and no search lists the whole library") {
  const auto all = filterStretches(library(), GroupSelection{}, "");
  CHECK(all.size() == library().stretches.size());
}

TEST_CASE("browser: selecting hamstrings lists only stretches that target them, primary first") {
  GroupSelection sel;
  sel.set(MuscleGroup::Hamstrings, true);
  const auto list = filterStretches(library(), sel, "");
  REQUIRE(list.size() >= 2);  // straight-leg and bent-knee at least
  bool seenSecondary = false;
  for (const auto& e : list) {
    CHECK(targets(at(e), MuscleGroup::Hamstrings));
    if (!e.primary) seenSecondary = true;
    if (seenSecondary) CHECK_FALSE(e.primary);  // no primary after a secondary
    CHECK(e.why.find("Hamstrings") != std::string::npos);
  }
  CHECK(std::any_of(list.begin(), list.end(),
                    [](const auto& e) { return at(e).id == "hamstrings-supine-straight-leg"; }));
}

TEST_CASE("browser: multi-select is a union, and deselecting removes") {
  GroupSelection sel;
  sel.set(MuscleGroup::Pectorals, true);
  const auto pecs = filterStretches(library(), sel, "");
  sel.set(MuscleGroup::Calves, true);
  const auto both = filterStretches(library(), sel, "");
  CHECK(both.size() > pecs.size());
  for (const auto& e : both) {
    CHECK((targets(at(e), MuscleGroup::Pectorals) || targets(at(e), MuscleGroup::Calves)));
  }
  sel.toggle(MuscleGroup::Pectorals);
  sel.toggle(MuscleGroup::Calves);
  CHECK_FALSE(sel.any());
}

TEST_CASE("browser: search narrows by name, group and position, case-insensitively") {
  const auto prone = filterStretches(library(), GroupSelection{}, "PRONE");
  REQUIRE_FALSE(prone.empty());
  for (const auto& e : prone) {
    CHECK(at(e).clientPosition == sv::stretches::ClientPosition::Prone);
  }
  // Every word must match: "hamstrings" alone matches many, "90/90" also the shoulder 90/90
  // stretches, both together only this one.
  const auto words = filterStretches(library(), GroupSelection{}, "hamstrings 90/90");
  REQUIRE(words.size() == 1);
  CHECK(at(words[0]).id == "hamstrings-supine-bent-knee");
  CHECK(filterStretches(library(), GroupSelection{}, "no-such-stretch-xyz").empty());
  CHECK(sv::ui::groupMatchesSearch(MuscleGroup::LatissimusDorsi, "lat"));
  CHECK_FALSE(sv::ui::groupMatchesSearch(MuscleGroup::Biceps, "lat"));
}

TEST_CASE("browser: the groups panel's search lowers its query once and then allocates nothing") {
  std::array<char, 16> query{};
  sv::ui::lowerInto("Hip FLEX", query);
  CHECK(std::string_view(query.data()) == "hip flex");
  sv::ui::lowerInto("a query longer than the buffer", query);
  CHECK(std::string_view(query.data()) == "a query longer ");  // truncated, terminated

  sv::ui::lowerInto("HIP flex", query);
  CHECK(sv::ui::groupMatchesLowerSearch(MuscleGroup::HipFlexors, query.data()));
  CHECK(sv::ui::groupMatchesLowerSearch(MuscleGroup::HipFlexors, "hip_flexors"));  // the id
  CHECK_FALSE(sv::ui::groupMatchesLowerSearch(MuscleGroup::Hamstrings, query.data()));
  CHECK(sv::ui::groupMatchesLowerSearch(MuscleGroup::Hamstrings, ""));
  CHECK(sv::ui::groupMatchesLowerSearch(MuscleGroup::Hamstrings, "   "));
  // The case-insensitive entry point agrees.
  CHECK(sv::ui::groupMatchesSearch(MuscleGroup::HipFlexors, "HIP flex"));

  // What the panel does every frame: every group against the lowered query.
  int matches = 0;
  sv::test::AllocationCount allocations;
  for (int frame = 0; frame < 3; ++frame) {
    for (int g = 0; g < sv::anatomy::kMuscleGroupCount; ++g) {
      matches += sv::ui::groupMatchesLowerSearch(static_cast<MuscleGroup>(g), query.data());
      matches += sv::ui::groupMatchesLowerSearch(static_cast<MuscleGroup>(g), "ham str");
    }
  }
  CHECK(allocations.count() == 0);
  CHECK(matches == 3 * 2);
}

TEST_CASE("browser: the reasons name motions, never their ids", "[browser]") {
  GroupSelection none;
  const auto entries = filterStretches(library(), none, "");
  REQUIRE(!entries.empty());
  for (const auto& e : entries) {
    INFO(e.why);
    CHECK(e.why.find('_') == std::string::npos);
    for (int m = 0; m < sv::anatomy::kMotionCount; ++m) {
      CHECK(e.why.find(sv::anatomy::motionId(static_cast<sv::anatomy::Motion>(m))) ==
            std::string::npos);
    }
  }
}
