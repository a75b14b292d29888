// The stretch library: every *.json file of a directory, validated; bad files are skipped
// and reported, the rest load. Files load in name order so results are deterministic.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "anatomy/rom.h"
#include "stretches/stretch.h"

namespace sv::stretches {

struct LoadReport {
  int filesFound = 0;
  int filesLoaded = 0;
  std::vector<std::string> errors;  // one line each, every error of every skipped file
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
// the directory cannot be read.
int runValidate(const std::filesystem::path& dir, const std::filesystem::path& romPath,
                std::ostream& out, std::ostream& err);

// `stretchviz --list`: prints the library of `dir` as a JSON array (id, name, side,
// primary_groups, secondary_groups, position, support, key_motion, techniques) to `out`;
// files that fail validation are left out and their errors go to `err`. Returns 0 when the
// library loaded (even with skipped files), 2 when the ROM table or directory is unreadable.
int runList(const std::filesystem::path& dir, const std::filesystem::path& romPath,
            std::ostream& out, std::ostream& err);

}  // namespace sv::stretches
