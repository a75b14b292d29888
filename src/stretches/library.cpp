#include "stretches/library.h"

#include <algorithm>
#include <ostream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "core/paths.h"
#include "core/text.h"
#include "stretches/stretch_loader.h"

namespace sv::stretches {

namespace fs = std::filesystem;

const Stretch* Library::find(std::string_view id) const {
  for (const Stretch& s : stretches) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

namespace {

// Why a *.json entry of the directory cannot be read as a stretch file, or "" when it is a
// regular file (directly or through links). Every such entry is reported: a stretch that
// silently does not load is worse than an error.
std::string notAFile(const fs::directory_entry& e) {
  std::error_code ec;
  const fs::file_status link = e.symlink_status(ec);
  const fs::file_status target = fs::status(e.path(), ec);
  if (ec) {
    if (fs::is_symlink(link)) {
      if (ec == std::errc::too_many_symbolic_link_levels) return "symbolic link loop";
      if (ec == std::errc::no_such_file_or_directory) {
        std::error_code rc;
        const fs::path to = fs::read_symlink(e.path(), rc);
        return "dangling symbolic link" + (rc ? std::string() : " (to " + to.string() + ")");
      }
    }
    return "cannot read: " + ec.message();
  }
  if (fs::is_regular_file(target)) return "";
  if (fs::is_directory(target)) return "is a directory, not a stretch file";
  return "is not a regular file";
}

}  // namespace

LibraryLoad loadLibrary(const fs::path& dir, const anatomy::RomTable& rom) {
  LibraryLoad out;
  std::error_code ec;
  std::vector<fs::path> files;
  std::vector<std::pair<fs::path, std::string>> unreadable;
  auto unreadableDir = [&] {
    out.report.errors.push_back(
        escapeForTerminal(dir.string() + ": cannot read the stretch directory: " + ec.message()));
    out.report.errorCount = 1;
    out.report.unreadable = true;
    return out;
  };
  fs::directory_iterator it(dir, ec);
  if (ec) return unreadableDir();
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    if (!hasJsonExtension(p.filename().string())) continue;
    if (std::string why = notAFile(*it); !why.empty()) {
      unreadable.emplace_back(p, std::move(why));
    } else {
      files.push_back(p);
    }
  }
  if (ec) return unreadableDir();
  std::sort(files.begin(), files.end());
  std::sort(unreadable.begin(), unreadable.end());
  out.report.filesFound = static_cast<int>(files.size() + unreadable.size());
  for (const auto& [p, why] : unreadable) {
    out.report.errors.push_back(escapeForTerminal(p.string() + ": " + why));
    ++out.report.errorCount;
  }
  for (const fs::path& f : files) {
    StretchParseResult r = loadStretchFile(f, rom);
    if (r.ok()) {
      out.library.stretches.push_back(std::move(*r.stretch));
      ++out.report.filesLoaded;
    } else {
      out.report.errors.insert(out.report.errors.end(), r.errors.begin(), r.errors.end());
      out.report.errorCount += r.errorCount;
    }
  }
  return out;
}

fs::path defaultStretchDir() {
  return dataDir() / "assets" / "stretches";
}
fs::path defaultRomPath() {
  return dataDir() / "assets" / "anatomy" / "rom.json";
}

namespace {

bool loadRom(const fs::path& romPath, anatomy::RomTable& rom, std::ostream& err) {
  auto r = anatomy::loadRomTable(romPath);
  if (!r.ok()) {
    err << r.error().message << "\n";
    return false;
  }
  rom = std::move(*r);
  return true;
}

}  // namespace

int runValidate(const fs::path& dir, const fs::path& romPath, std::ostream& out,
                std::ostream& err) {
  anatomy::RomTable rom;
  if (!loadRom(romPath, rom, err)) return 2;
  const LibraryLoad load = loadLibrary(dir, rom);
  for (const std::string& e : load.report.errors) err << e << "\n";
  if (load.report.unreadable) return 2;
  if (load.report.filesFound == 0) {
    // Most likely the wrong directory: nothing validated is not "all valid".
    err << escapeForTerminal(dir.string()) << ": no stretch files (*.json) to validate\n";
    return 2;
  }
  out << "validated " << load.report.filesFound << " stretch file(s) in "
      << escapeForTerminal(dir.string()) << ": " << load.report.filesLoaded << " valid, "
      << (load.report.filesFound - load.report.filesLoaded) << " invalid, "
      << load.report.errorCount << " error(s)\n";
  return load.report.ok() ? 0 : 1;
}

int runList(const fs::path& dir, const fs::path& romPath, std::ostream& out, std::ostream& err) {
  anatomy::RomTable rom;
  if (!loadRom(romPath, rom, err)) return 2;
  const LibraryLoad load = loadLibrary(dir, rom);
  for (const std::string& e : load.report.errors) err << e << "\n";
  if (load.report.unreadable) return 2;
  nlohmann::json list = nlohmann::json::array();
  for (const Stretch& s : load.library.stretches) {
    nlohmann::json j;
    j["id"] = s.id;
    j["name"] = s.name;
    j["side"] = s.side == anatomy::Side::Left ? "left" : "right";
    auto groups = [](const std::vector<anatomy::MuscleGroup>& gs) {
      nlohmann::json a = nlohmann::json::array();
      for (auto g : gs) a.push_back(std::string(anatomy::muscleGroupId(g)));
      return a;
    };
    j["primary_groups"] = groups(s.primaryGroups);
    j["secondary_groups"] = groups(s.secondaryGroups);
    j["position"] = std::string(clientPositionId(s.clientPosition));
    j["support"] = std::string(supportId(s.support));
    j["key_motion"] = std::string(anatomy::motionId(s.key.motion));
    nlohmann::json techs = nlohmann::json::array();
    for (const Technique& t : s.techniques) techs.push_back(t.id);
    j["techniques"] = techs;
    list.push_back(std::move(j));
  }
  out << list.dump(2) << "\n";
  return 0;
}

}  // namespace sv::stretches
