// The stretch library: every *.json file of a directory (the extension in any case),
// validated; bad files are skipped and reported, the rest load. Files load in name order so
// results are deterministic. A *.json entry that is not a regular file (a directory, a
// dangling link, a link loop, a FIFO) is an error naming it, never silently skipped.
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "anatomy/rom.h"
#include "stretches/stretch.h"

namespace sv::stretches {

struct LoadReport {
  int filesFound = 0;  // *.json entries (any case), also those that are not regular files
  int filesLoaded = 0;
  std::vector<std::string> errors;  // one line each (per file at most kMaxErrorsPerFile + 1)
  std::size_t errorCount = 0;       // every error, also those past a file's cap
  bool unreadable = false;          // the directory itself could not be read
  bool ok() const { return errors.empty(); }
};

struct Library {
  std::vector<Stretch> stretches;  // file side only; use stretchForSide() for the other
  const Stretch* find(std::string_view id) const;
};

struct LibraryLoad {
  Library library;
  LoadReport report;
};

LibraryLoad loadLibrary(const std::filesystem::path& dir, const anatomy::RomTable& rom);

// Default locations: dataDir()/assets/stretches and dataDir()/assets/anatomy/rom.json.
std::filesystem::path defaultStretchDir();
std::filesystem::path defaultRomPath();

// `stretchviz --validate [DIR]`: validates every file of `dir` against the ROM table at
// `romPath`, prints every error (one line each) to `err` and a summary line to `out`.
// Returns 0 when every file is valid, 1 when any error was found, 2 when the ROM table or
// the directory cannot be read or the directory holds no *.json file.
int runValidate(const std::filesystem::path& dir, const std::filesystem::path& romPath,
                std::ostream& out, std::ostream& err);

// `stretchviz --list`: prints the library of `dir` as a JSON array (id, name, side,
// primary_groups, secondary_groups, position, support, key_motion, techniques) to `out`;
// files that fail validation are left out and their errors go to `err`. Returns 0 when the
// library loaded (even with skipped files), 2 when the ROM table or directory is unreadable.
int runList(const std::filesystem::path& dir, const std::filesystem::path& romPath,
            std::ostream& out, std::ostream& err);

}  // namespace sv::stretches
