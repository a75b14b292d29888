// File reading and atomic writing.
//
// Paths are std::filesystem paths; errors name the path and the OS reason.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"

namespace sv {

// Reads a whole file as bytes.
Result<std::string> readFile(const std::filesystem::path& path);

// Writes `bytes` to `path` atomically: a temporary file in the same directory is written,
// flushed (fsync) and renamed over the target, so readers see the old or the new content,
// never a torn file. Parent directories are created when missing.
Status writeFileAtomic(const std::filesystem::path& path, std::string_view bytes);

// 1-based line and column of a byte offset in `text` (for error messages).
struct TextPosition {
  int line = 1;
  int column = 1;
};
TextPosition positionOfOffset(std::string_view text, std::size_t offset);

}  // namespace sv
