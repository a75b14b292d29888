// The export path chooser's model (the routine panel's *Browse…*): what one folder holds, as
// the chooser lists it, and the folder a typed path points into. Pure C++ and the filesystem;
// no GL, no ImGui. The panel never lists a folder itself: it asks for a listing (a command)
// and the app makes it once per request (app/routine_desk.h), so drawing does no I/O.
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sv::ui {

struct FolderEntry {
  std::string name;  // the entry's own name (no folder part)
  bool folder = false;
  bool operator==(const FolderEntry&) const = default;
};

struct FolderListing {
  std::filesystem::path folder;  // absolute, normalised
  std::vector<FolderEntry> entries;
  bool truncated = false;  // more than the limit: the first ones by name only
  std::string error;       // "" or why the folder could not be read (names it)
};

// Sub-folders first, then the files whose extension is one of `extensions` (".pdf", any
// case; empty span: every file), each group in name order (byte order). Hidden entries
// (a leading '.') are left out; links count as what they point to; entries that cannot be
// inspected are skipped. At most `maxEntries` are kept (`truncated` then says so).
FolderListing listFolder(const std::filesystem::path& folder,
                         std::span<const std::string_view> extensions,
                         std::size_t maxEntries = 1000);

// The folder a typed path points into: the path itself when it names a folder, else its
// parent folder when that exists, else `fallback`. "~" and "~/…" are read as $HOME. The result
// is absolute and normalised.
std::filesystem::path folderOf(std::string_view typed, const std::filesystem::path& fallback);

// The path the chooser proposes for a file in `folder`: `folder/<name>` where name is the typed
// path's file name when it has one with one of the extensions, else `defaultName`.
std::filesystem::path fileIn(const std::filesystem::path& folder, std::string_view typed,
                             std::span<const std::string_view> extensions,
                             std::string_view defaultName);

}  // namespace sv::ui
