// The words of a phase as the client reads them on the presenter screen: without the
// citations the stretch's authors put in brackets ("… nothing moves (matched partner
// resistance, McAtee)", "hold 30 s (WJO 2016)"), which belong in the details. Pure, no ImGui.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace sv::ui {

// True for a bracketed remark that cites: it holds a capitalised word (a name, an acronym) or
// a year (1900 … 2099). "(hamstrings)" and "(hip extension)" are not citations.
bool isCitation(std::string_view bracketed);

// `text` without its citations (and the space before each), into `out` (NUL-terminated,
// truncated to fit); returns the length written. Allocation-free (drawn every frame).
std::size_t withoutCitations(std::string_view text, std::span<char> out);

}  // namespace sv::ui
