#include "ui/folder_listing.h"

#include <algorithm>
#include <cstdlib>
#include <system_error>

namespace sv::ui {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool wanted(const fs::path& name, std::span<const std::string_view> extensions) {
  if (extensions.empty()) return true;
  const std::string ext = lower(name.extension().string());
  return std::any_of(extensions.begin(), extensions.end(),
                     [&](std::string_view e) { return ext == lower(std::string(e)); });
}

fs::path expandHome(std::string_view typed) {
  if (typed == "~" || typed.rfind("~/", 0) == 0) {
    if (const char* h = std::getenv("HOME"); h && *h) {
      return fs::path(h) / std::string(typed.substr(typed.size() > 1 ? 2 : 1));
    }
  }
  return fs::path(std::string(typed));
}

fs::path absoluteNormal(const fs::path& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec);
  if (ec) a = p;
  a = a.lexically_normal();
  // "/a/b/" normalises to "/a/b/": drop the empty last element so parent_path() works.
  if (!a.has_filename() && a.has_parent_path() && a != a.root_path()) a = a.parent_path();
  return a;
}

}  // namespace

FolderListing listFolder(const fs::path& folder, std::span<const std::string_view> extensions,
                         std::size_t maxEntries) {
  FolderListing out;
  out.folder = absoluteNormal(folder);
  std::error_code ec;
  fs::directory_iterator it(out.folder, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    out.error = out.folder.string() + ": " + ec.message();
    return out;
  }
  std::vector<FolderEntry> folders, files;
  for (const fs::directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      out.error = out.folder.string() + ": " + ec.message();
      break;
    }
    const fs::path name = it->path().filename();
    const std::string s = name.string();
    if (s.empty() || s[0] == '.') continue;
    std::error_code typeEc;
    const fs::file_status st = fs::status(it->path(), typeEc);  // links followed
    if (typeEc) continue;
    if (fs::is_directory(st)) {
      folders.push_back({s, true});
    } else if (fs::is_regular_file(st) && wanted(name, extensions)) {
      files.push_back({s, false});
    }
  }
  const auto byName = [](const FolderEntry& a, const FolderEntry& b) { return a.name < b.name; };
  std::sort(folders.begin(), folders.end(), byName);
  std::sort(files.begin(), files.end(), byName);
  out.entries = std::move(folders);
  out.entries.insert(out.entries.end(), files.begin(), files.end());
  if (out.entries.size() > maxEntries) {
    out.entries.resize(maxEntries);
    out.truncated = true;
  }
  return out;
}

fs::path folderOf(std::string_view typed, const fs::path& fallback) {
  if (!typed.empty()) {
    const fs::path p = absoluteNormal(expandHome(typed));
    std::error_code ec;
    if (fs::is_directory(p, ec)) return p;
    if (p.has_parent_path() && fs::is_directory(p.parent_path(), ec)) return p.parent_path();
  }
  return absoluteNormal(fallback);
}

fs::path fileIn(const fs::path& folder, std::string_view typed,
                std::span<const std::string_view> extensions, std::string_view defaultName) {
  const fs::path name = expandHome(typed).filename();
  if (!name.empty() && name.string()[0] != '.' && wanted(name, extensions) && !extensions.empty()) {
    return folder / name;
  }
  return folder / std::string(defaultName);
}

}  // namespace sv::ui
