// Client-facing text keeps the words and drops the authors' citations.
#include <catch2/catch.hpp>

#include <array>
#include <string>

#include "support/alloc_count.h"
#include "ui/caption_text.h"

namespace {
std::string clean(std::string_view s) {
  std::array<char, 256> buf{};
  const std::size_t n = sv::ui::withoutCitations(s, buf);
  return std::string(buf.data(), n);
}
}  // namespace

TEST_CASE("caption text: citations in brackets go, plain remarks stay") {
  CHECK(clean("gentle, building to moderate; the practitioner matches the push so nothing moves "
              "(matched partner resistance, McAtee)") ==
        "gentle, building to moderate; the practitioner matches the push so nothing moves");
  CHECK(clean("Holds the forearm; hold 30 s (WJO 2016)") == "Holds the forearm; hold 30 s");
  CHECK(clean("about 10 % of full strength, held 10 s (McAtee, facilitated pectoralis)") ==
        "about 10 % of full strength, held 10 s");
  CHECK(clean("Squeezes the knees together (adductors)") ==
        "Squeezes the knees together (adductors)");
  CHECK(clean("none (relaxed)") == "none (relaxed)");
  CHECK(clean("Pulls the toes up (tibialis anterior) and holds (2 s)") ==
        "Pulls the toes up (tibialis anterior) and holds (2 s)");
  CHECK(clean("An unclosed (bracket stays") == "An unclosed (bracket stays");
  CHECK(clean("") == "");
  CHECK(sv::ui::isCitation("Sharman et al. 2006"));
  CHECK(sv::ui::isCitation("see 1998"));
  CHECK_FALSE(sv::ui::isCitation("held 120 s"));
  CHECK_FALSE(sv::ui::isCitation("hip extension"));
}

TEST_CASE("caption text: a small buffer truncates safely and nothing is allocated") {
  std::array<char, 8> small{};
  sv::test::AllocationCount count;
  const std::size_t n = sv::ui::withoutCitations("Pushes the heel down (McAtee)", small);
  CHECK(n == 7);
  CHECK(std::string(small.data()) == "Pushes ");
  CHECK(count.count() == 0);
}
