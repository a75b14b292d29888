// File ids and calendar dates of the user's files (clients, routines).
#pragma once

#include <string>
#include <string_view>

namespace sv::routines {

// An id names a file (`<id>.json`): 1 to 64 characters of a-z, 0-9 and '-', starting with a
// letter or digit, the same alphabet as stretch ids. Ids never hold '/', '.', or upper case,
// so an id from a file or a name cannot reach another folder or clash on a case-insensitive
// file system.
inline constexpr std::size_t kMaxIdLength = 64;
bool isValidId(std::string_view id);

// An id made from a display name: ASCII letters lowered, every other run of characters one
// '-', trimmed to kMaxIdLength; "" when nothing is left (a name of only symbols or non-ASCII
// letters: the caller picks a fallback such as "client").
std::string idFromName(std::string_view name);

// Whether `date` is an ISO 8601 calendar date "YYYY-MM-DD" that exists (2024-02-29 does,
// 2023-02-29 does not), year 1900 … 2999.
bool isCalendarDate(std::string_view date);

// Today's local date as "YYYY-MM-DD" (handouts, new measurements).
std::string todayIsoDate();

}  // namespace sv::routines
