// The stretch browser's logic, free of ImGui so it is unit-tested: which stretches match the
// selected muscle groups and the search text, in which order, and why.
//
// Runs when the selection or the search changes (it allocates), never per frame.
#pragma once

#include <bitset>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "anatomy/muscle_groups.h"
#include "stretches/library.h"

namespace sv::ui {

enum class SideFilter : std::uint8_t { Both, Left, Right };

struct GroupSelection {
  std::bitset<anatomy::kMuscleGroupCount> groups;
  SideFilter side = SideFilter::Both;

  bool any() const { return groups.any(); }
  bool has(anatomy::MuscleGroup g) const { return groups.test(static_cast<std::size_t>(g)); }
  void set(anatomy::MuscleGroup g, bool on) { groups.set(static_cast<std::size_t>(g), on); }
  void toggle(anatomy::MuscleGroup g) { groups.flip(static_cast<std::size_t>(g)); }
};

// Case-insensitive match of every whitespace-separated word of `search` against the
// stretch's name, id, muscle group labels and client position. An empty search matches.
bool matchesSearch(const stretches::Stretch& s, std::string_view search);

// Does the muscle group's label or id match the search words (case-insensitive)?
bool groupMatchesSearch(anatomy::MuscleGroup g, std::string_view search);

// The same for a query that is already lower-case, against the groups' lower-case names
// computed once: allocates nothing, so the groups panel can ask every frame.
bool groupMatchesLowerSearch(anatomy::MuscleGroup g, std::string_view lowerSearch);

// Lower-cases `text` (ASCII) into `out`, truncated to fit and always null-terminated: the
// search boxes lower their query once when it is edited, not every frame.
void lowerInto(std::string_view text, std::span<char> out);

struct BrowserEntry {
  int index = 0;         // into Library::stretches
  bool primary = false;  // a selected group is a primary target (listed first)
  std::string why;       // "Primary target: Hamstrings — hip flexion, knee extended"
};

// Stretches targeting any selected group (primary or secondary) and matching the search;
// with no group selected, every stretch matching the search. Primary matches first, then by
// name.
std::vector<BrowserEntry> filterStretches(const stretches::Library& library,
                                          const GroupSelection& selection, std::string_view search);

}  // namespace sv::ui
