// What reading one user file gives: the value, or the reasons it was refused.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace sv::routines {

// Errors and warnings per file (as the stretch loader: the first 100 lines, then one line
// "<file>: … and N more error(s)").
inline constexpr std::size_t kMaxErrorsPerFile = 100;

template <class T>
struct Parsed {
  std::optional<T> value;             // set only when there are no errors
  std::vector<std::string> errors;    // one line each: "<file>:<line>:<col>: <pointer>: <what>"
  std::size_t errorCount = 0;         // every error, also those past the cap
  std::vector<std::string> warnings;  // advice ("<file>:<line>:<col>: <pointer>: warning: …");
                                      // the file still loads
  bool ok() const { return value.has_value(); }
};

}  // namespace sv::routines
