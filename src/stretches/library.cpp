#include "stretches/library.h"

#include <algorithm>
#include <ostream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "core/paths.h"
#include "stretches/stretch_loader.h"

namespace sv::stretches {

namespace fs = std::filesystem;

const Stretch* Library::find(std::string_view id) const {
  for (const Stretch& s : stretches) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

LibraryLoad loadLibrary(const fs::path& dir, const anatomy::RomTable& rom) {
  LibraryLoad out;
  std::error_code ec;
  std::vector<fs::path> files;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    out.report.errors.push_back(dir.string() +
                                ": cannot read the stretch directory: " + ec.message());
    return out;
  }
  for (const fs::directory_entry& e : it) {
    if (e.path().extension() == ".json" && e.is_regular_file(ec)) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  out.report.filesFound = static_cast<int>(files.size());
  for (const fs::path& f : files) {
    StretchParseResult r = loadStretchFile(f, rom);
    if (r.ok()) {
      out.library.stretches.push_back(std::move(*r.stretch));
      ++out.report.filesLoaded;
    } else {
      out.report.errors.insert(out.report.errors.end(), r.errors.begin(), r.errors.end());
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

bool unreadable(const LibraryLoad& load) {
  return load.report.filesFound == 0 && !load.report.errors.empty();
}

}  // namespace

int runValidate(const fs::path& dir, const fs::path& romPath, std::ostream& out,
                std::ostream& err) {
  anatomy::RomTable rom;
  if (!loadRom(romPath, rom, err)) return 2;
  const LibraryLoad load = loadLibrary(dir, rom);
  for (const std::string& e : load.report.errors) err << e << "\n";
  if (unreadable(load)) return 2;
  out << "validated " << load.report.filesFound << " stretch file(s) in " << dir.string() << ": "
      << load.report.filesLoaded << " valid, " << (load.report.filesFound - load.report.filesLoaded)
      << " invalid, " << load.report.errors.size() << " error(s)\n";
  return load.report.ok() ? 0 : 1;
}

int runList(const fs::path& dir, const fs::path& romPath, std::ostream& out, std::ostream& err) {
  anatomy::RomTable rom;
  if (!loadRom(romPath, rom, err)) return 2;
  const LibraryLoad load = loadLibrary(dir, rom);
  for (const std::string& e : load.report.errors) err << e << "\n";
  if (unreadable(load)) return 2;
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
