// The routine panel's model: the user's store as loaded, the chosen client and routine, and
// every edit the panel offers (choose or create a client; choose, create or rename a routine;
// add, reorder and remove stretches; edit a dose), each saved through the store (atomic) the
// moment it is made. Pure C++ (no GL, no ImGui): the panel records commands and the app
// applies them here, so the whole command logic is unit-tested.
//
// Consistency: an edit is made on a copy and saved; only when the save succeeds does the
// copy replace what the book holds, so what the panel shows is what is on disk. A refused
// save (a file the store could not read at the target, a full disk) leaves the book as it
// was and returns the reason. Files that did not load are reported in problems() and never
// written over (the store refuses), and every other file stays usable.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "routines/routine.h"
#include "routines/store.h"
#include "stretches/library.h"

namespace sv::routines {

// A dose as the panel edits it (routine.h RoutineEntry's dose fields).
struct DoseEdit {
  std::optional<float> holdSeconds;  // none = the technique's own
  std::optional<int> repetitions;    // none = the technique's own
  Sets sets;
  std::string notes;
  bool operator==(const DoseEdit&) const = default;
};
DoseEdit doseOf(const RoutineEntry& entry);

class RoutineBook {
 public:
  // `library` (may be null) checks routines as they load and save; it must outlive the book.
  RoutineBook(Store store, const stretches::Library* library);

  // Reads the store again; the chosen client and routine stay chosen where they still load.
  void reload();

  const Store& store() const { return store_; }
  const StoreLoad& loaded() const { return loaded_; }
  const std::vector<Client>& clients() const { return loaded_.clients; }
  const std::vector<Routine>& routines() const { return loaded_.routines; }
  // Load errors, then warnings, each one line (escaped): what the panel lists.
  const std::vector<std::string>& problems() const { return problems_; }

  // The chosen client (a file of the store) and routine, or null.
  const Client* client() const;
  const Routine* routine() const;
  int routineIndex() const;  // into routines(), -1 when none
  int clientIndex() const;   // into clients(), -1 when none

  // Choosing: a client id ("" = no client) also becomes the chosen routine's client (saved);
  // choosing a routine chooses its client. Errors: no such id; a refused save.
  Status chooseClient(std::string_view id);
  Status chooseRoutine(std::string_view id);
  // A new client or routine named `name` (trimmed, 1-80 characters), saved and chosen; a new
  // routine belongs to the chosen client. Returns the new id.
  Result<std::string> createClient(std::string_view name);
  Result<std::string> createRoutine(std::string_view name);
  // The chosen routine's display name (its id, and so its file, stays).
  Status renameRoutine(std::string_view name);
  // The chosen client's name (cleanName; the id and file stay) and notes (at most
  // kMaxClientNotesBytes), saved together; body, flexibility and measurements are kept as the
  // file had them. Errors: no client chosen, a bad name, notes too long, a refused save.
  Status setClientDetails(std::string_view name, std::string_view notes);

  // Edits of the chosen routine's entries (errors: no routine chosen, an index out of range,
  // a stretch or technique the library lacks, kMaxEntries reached, a dose outside the
  // format's limits, a refused save).
  Status addEntry(const RoutineEntry& entry);
  // Moves entry `from` to position `to` (the others keep their order).
  Status moveEntry(std::size_t from, std::size_t to);
  Status removeEntry(std::size_t index);
  Status setDose(std::size_t index, const DoseEdit& dose);
  Status setSide(std::size_t index, EntrySide side);

 private:
  // Saves `r` and, when that succeeds, puts it in place of the routine with its id (or adds
  // it), keeping the list in id order, and chooses it.
  Status commit(Routine r);
  Status checkEntry(const RoutineEntry& e) const;
  void rebuildProblems();

  Store store_;
  const stretches::Library* library_ = nullptr;
  StoreLoad loaded_;
  std::vector<std::string> problems_;
  std::string clientId_;
  std::string routineId_;
};

// A display name as the book stores it: surrounding white space trimmed, inner line breaks
// and tabs made spaces. Error: empty, or longer than kMaxNameLength bytes.
inline constexpr std::size_t kMaxNameLength = 80;
// A client's notes as the panel edits them (the file format itself has no limit).
inline constexpr std::size_t kMaxClientNotesBytes = 2000;
Result<std::string> cleanName(std::string_view name);

}  // namespace sv::routines
