#include "ui/browser.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace sv::ui {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Every word of the search occurs in the haystack (both already lower-case). No allocation.
bool allWordsIn(std::string_view haystack, std::string_view search) {
  std::size_t i = 0;
  while (i < search.size()) {
    while (i < search.size() && std::isspace(static_cast<unsigned char>(search[i]))) ++i;
    std::size_t j = i;
    while (j < search.size() && !std::isspace(static_cast<unsigned char>(search[j]))) ++j;
    if (j > i && haystack.find(search.substr(i, j - i)) == std::string_view::npos) return false;
    i = j;
  }
  return true;
}

// "hamstrings hamstrings", "hip flexors hip_flexors" …: label and id, lower-case, built once.
const std::array<std::string, anatomy::kMuscleGroupCount>& lowerGroupNames() {
  static const auto names = [] {
    std::array<std::string, anatomy::kMuscleGroupCount> out;
    for (int g = 0; g < anatomy::kMuscleGroupCount; ++g) {
      const auto group = static_cast<anatomy::MuscleGroup>(g);
      out[static_cast<std::size_t>(g)] = lower(std::string(anatomy::muscleGroupLabel(group)) + " " +
                                               std::string(anatomy::muscleGroupId(group)));
    }
    return out;
  }();
  return names;
}

std::string motionWords(anatomy::Motion m) {
  std::string id(anatomy::motionId(m));
  std::replace(id.begin(), id.end(), '.', ' ');
  std::replace(id.begin(), id.end(), '_', ' ');
  return id;
}

}  // namespace

bool matchesSearch(const stretches::Stretch& s, std::string_view search) {
  std::string hay = s.name;
  const auto add = [&hay](std::string_view word) {
    hay += ' ';
    hay += word;
  };
  add(s.id);
  add(stretches::clientPositionId(s.clientPosition));
  for (auto g : s.primaryGroups) add(anatomy::muscleGroupLabel(g));
  for (auto g : s.secondaryGroups) add(anatomy::muscleGroupLabel(g));
  add(motionWords(s.key.motion));
  return allWordsIn(lower(hay), lower(search));
}

bool groupMatchesSearch(anatomy::MuscleGroup g, std::string_view search) {
  if (search.find_first_not_of(" \t") == std::string_view::npos) return true;
  return groupMatchesLowerSearch(g, lower(search));
}

bool groupMatchesLowerSearch(anatomy::MuscleGroup g, std::string_view lowerSearch) {
  const auto i = static_cast<std::size_t>(g);
  if (i >= anatomy::kMuscleGroupCount) return false;
  return allWordsIn(lowerGroupNames()[i], lowerSearch);
}

void lowerInto(std::string_view text, std::span<char> out) {
  if (out.empty()) return;
  const std::size_t n = std::min(text.size(), out.size() - 1);
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  }
  out[n] = '\0';
}

std::vector<BrowserEntry> filterStretches(const stretches::Library& library,
                                          const GroupSelection& selection,
                                          std::string_view search) {
  std::vector<BrowserEntry> out;
  for (std::size_t i = 0; i < library.stretches.size(); ++i) {
    const stretches::Stretch& s = library.stretches[i];
    if (!matchesSearch(s, search)) continue;
    BrowserEntry e;
    e.index = static_cast<int>(i);
    const std::string how =
        std::string(anatomy::directionName(s.key.motion, stretches::readsNegative(s.key))) +
        (s.key.condition.empty() ? "" : ", " + s.key.condition);
    if (!selection.any()) {
      e.primary = true;
      std::string targets;
      for (auto g : s.primaryGroups) {
        targets += (targets.empty() ? "" : ", ") + std::string(anatomy::muscleGroupLabel(g));
      }
      e.why = "Targets " + targets + " — " + how;
      out.push_back(std::move(e));
      continue;
    }
    std::string primary, secondary;
    for (auto g : s.primaryGroups) {
      if (selection.has(g))
        primary += (primary.empty() ? "" : ", ") + std::string(anatomy::muscleGroupLabel(g));
    }
    for (auto g : s.secondaryGroups) {
      if (selection.has(g))
        secondary += (secondary.empty() ? "" : ", ") + std::string(anatomy::muscleGroupLabel(g));
    }
    if (primary.empty() && secondary.empty()) continue;
    e.primary = !primary.empty();
    e.why =
        (e.primary ? "Primary target: " + primary : "Also stretches: " + secondary) + " — " + how;
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(), [&](const BrowserEntry& a, const BrowserEntry& b) {
    if (a.primary != b.primary) return a.primary;
    return library.stretches[static_cast<std::size_t>(a.index)].name <
           library.stretches[static_cast<std::size_t>(b.index)].name;
  });
  return out;
}

}  // namespace sv::ui
