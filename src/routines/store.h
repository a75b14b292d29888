// The user's clients and routines on disk: <root>/clients/<id>.json and
// <root>/routines/<id>.json, root = core/paths.h userDataDir() ($XDG_DATA_HOME/stretchviz).
//
// Loading reads every *.json file of both folders (in name order); a file that cannot be
// read or has any error is reported — each problem one line with file:line:col — and left
// out, and every other file still loads. Saving writes atomically (core/file_io.h
// writeFileAtomic: a temporary file renamed over the target; links followed, modes kept) and
// never replaces a file the store could not read: before writing, an existing target is read
// and checked as load() would, and a save over a file that does not load is refused, so a
// file the user is about to fix by hand is never lost to a save from the program. What is
// saved is first read back from its own text, so the store never writes a file it would
// refuse to load.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "routines/client.h"
#include "routines/routine.h"

namespace sv::routines {

struct StoreLoad {
  std::vector<Client> clients;        // by file name
  std::vector<Routine> routines;      // by file name
  std::vector<std::string> errors;    // every problem, one line each (escaped)
  std::vector<std::string> warnings;  // advice on files that loaded (doses, missing clients)
  std::vector<std::filesystem::path> refused;  // files left out (never written over)
  bool ok() const { return errors.empty(); }

  const Client* client(std::string_view id) const;
  const Routine* routine(std::string_view id) const;
};

class Store {
 public:
  explicit Store(std::filesystem::path root);
  // The store in userDataDir(); an error when neither XDG_DATA_HOME nor HOME is usable.
  static Result<Store> openUserStore();

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path clientsDir() const { return root_ / "clients"; }
  std::filesystem::path routinesDir() const { return root_ / "routines"; }
  std::filesystem::path clientPath(std::string_view id) const;
  std::filesystem::path routinePath(std::string_view id) const;

  // Reads both folders (missing folders are empty, not errors). Routines are checked against
  // `library` when given, and their "client" against the clients that loaded.
  StoreLoad load(const stretches::Library* library = nullptr) const;

  // Saves one file (the folders are created when missing). Refused, with the reason: an
  // invalid id, content that would not load back, or an existing file at the target that
  // does not load (unreadable, malformed, failing the checks).
  Status saveClient(const Client& client) const;
  Status saveRoutine(const Routine& routine, const stretches::Library* library = nullptr) const;

  // An id for a new file made from `name` (ids.h idFromName; "client"/"routine" when nothing
  // is left), with "-2", "-3" … appended while a file of that name exists in the folder.
  std::string newClientId(std::string_view name) const;
  std::string newRoutineId(std::string_view name) const;

 private:
  std::filesystem::path root_;
};

}  // namespace sv::routines
