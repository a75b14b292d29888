#include "routines/store.h"

#include <algorithm>
#include <system_error>

#include "core/file_io.h"
#include "core/paths.h"
#include "core/text.h"
#include "routines/ids.h"
#include "stretches/stretch_loader.h"

namespace sv::routines {

namespace fs = std::filesystem;

const Client* StoreLoad::client(std::string_view id) const {
  for (const Client& c : clients) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const Routine* StoreLoad::routine(std::string_view id) const {
  for (const Routine& r : routines) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

Store::Store(fs::path root) : root_(std::move(root)) {}

Result<Store> Store::openUserStore() {
  fs::path dir = userDataDir();
  if (dir.empty()) {
    return Error{
        "cannot find a folder for clients and routines: neither XDG_DATA_HOME nor HOME "
        "is set to an absolute path"};
  }
  return Store(std::move(dir));
}

fs::path Store::clientPath(std::string_view id) const {
  return clientsDir() / (std::string(id) + ".json");
}

fs::path Store::routinePath(std::string_view id) const {
  return routinesDir() / (std::string(id) + ".json");
}

namespace {

// The *.json entries of a folder (extension in any case), by name; a folder that does not
// exist has none. `error` is set when the folder exists but cannot be listed.
std::vector<fs::path> jsonFiles(const fs::path& dir, std::string& error) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (fs::symlink_status(dir, ec).type() == fs::file_type::not_found) return out;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    error = escapeForTerminal(dir.string() + ": cannot read the folder: " + ec.message());
    return out;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) {
      error = escapeForTerminal(dir.string() + ": cannot read the folder: " + ec.message());
      break;
    }
    if (stretches::hasJsonExtension(it->path().filename().string())) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

template <class T>
void collect(Parsed<T>&& parsed, const fs::path& path, std::vector<T>& into, StoreLoad& out) {
  out.errors.insert(out.errors.end(), parsed.errors.begin(), parsed.errors.end());
  out.warnings.insert(out.warnings.end(), parsed.warnings.begin(), parsed.warnings.end());
  if (parsed.value) {
    into.push_back(std::move(*parsed.value));
  } else {
    out.refused.push_back(path);
  }
}

std::vector<std::string> idsOf(const std::vector<Client>& clients) {
  std::vector<std::string> ids;
  for (const Client& c : clients) ids.push_back(c.id);
  return ids;
}

// Refuses a save over `path` when something is there that `loads` does not accept.
template <class Check>
Status mayReplace(const fs::path& path, Check loads) {
  std::error_code ec;
  if (fs::symlink_status(path, ec).type() == fs::file_type::not_found) return {};
  const std::vector<std::string> problems = loads(path);
  if (problems.empty()) return {};
  std::string msg = escapeForTerminal(path.string()) +
                    ": not replaced: the file there does not load (fix or move it first):";
  for (const std::string& p : problems) msg += "\n  " + p;
  return Error{msg};
}

Status saveChecked(const fs::path& path, const std::string& text,
                   const std::vector<std::string>& readBackErrors) {
  if (!readBackErrors.empty()) {
    std::string msg = escapeForTerminal(path.string()) + ": not saved: it would not load back:";
    for (const std::string& p : readBackErrors) msg += "\n  " + p;
    return Error{msg};
  }
  return writeFileAtomic(path, text);
}

std::string freeId(const fs::path& dir, std::string_view name, const char* fallback) {
  std::string base = idFromName(name);
  if (base.empty()) base = fallback;
  // Room for "-NNN" within the id length.
  if (base.size() > kMaxIdLength - 4) base.resize(kMaxIdLength - 4);
  while (!base.empty() && base.back() == '-') base.pop_back();
  std::string id = base;
  std::error_code ec;
  for (int n = 2; fs::symlink_status(dir / (id + ".json"), ec).type() != fs::file_type::not_found;
       ++n) {
    id = base + "-" + std::to_string(n);
  }
  return id;
}

}  // namespace

StoreLoad Store::load(const stretches::Library* library) const {
  StoreLoad out;
  std::string folderError;
  for (const fs::path& p : jsonFiles(clientsDir(), folderError)) {
    collect(loadClientFile(p), p, out.clients, out);
  }
  if (!folderError.empty()) out.errors.push_back(folderError);
  folderError.clear();
  const std::vector<std::string> clientIds = idsOf(out.clients);
  const RoutineContext context{library, &clientIds};
  for (const fs::path& p : jsonFiles(routinesDir(), folderError)) {
    collect(loadRoutineFile(p, context), p, out.routines, out);
  }
  if (!folderError.empty()) out.errors.push_back(folderError);
  return out;
}

Status Store::saveClient(const Client& client) const {
  if (!isValidId(client.id)) {
    return Error{escapeForTerminal("client id \"" + client.id + "\" is not a valid file id")};
  }
  const fs::path path = clientPath(client.id);
  if (Status s = mayReplace(path, [](const fs::path& p) { return loadClientFile(p).errors; }); !s) {
    return s;
  }
  const std::string text = serializeClient(client);
  return saveChecked(path, text, parseClient(text, path.string()).errors);
}

Status Store::saveRoutine(const Routine& routine, const stretches::Library* library) const {
  if (!isValidId(routine.id)) {
    return Error{escapeForTerminal("routine id \"" + routine.id + "\" is not a valid file id")};
  }
  const fs::path path = routinePath(routine.id);
  const RoutineContext context{library, nullptr};
  if (Status s =
          mayReplace(path, [&](const fs::path& p) { return loadRoutineFile(p, context).errors; });
      !s) {
    return s;
  }
  const std::string text = serializeRoutine(routine);
  return saveChecked(path, text, parseRoutine(text, path.string(), context).errors);
}

std::string Store::newClientId(std::string_view name) const {
  return freeId(clientsDir(), name, "client");
}

std::string Store::newRoutineId(std::string_view name) const {
  return freeId(routinesDir(), name, "routine");
}

}  // namespace sv::routines
