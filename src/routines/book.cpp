#include "routines/book.h"

#include <algorithm>

#include "core/text.h"

namespace sv::routines {

DoseEdit doseOf(const RoutineEntry& entry) {
  return {entry.holdSeconds, entry.repetitions, entry.sets, entry.notes};
}

Result<std::string> cleanName(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  const auto first = out.find_first_not_of(' ');
  if (first == std::string::npos) return Error{"the name is empty"};
  out = out.substr(first, out.find_last_not_of(' ') - first + 1);
  if (out.size() > kMaxNameLength) {
    return Error{"the name is longer than " + std::to_string(kMaxNameLength) + " characters"};
  }
  return out;
}

RoutineBook::RoutineBook(Store store, const stretches::Library* library)
    : store_(std::move(store)), library_(library) {
  reload();
}

void RoutineBook::reload() {
  loaded_ = store_.load(library_);
  if (!loaded_.client(clientId_)) clientId_.clear();
  if (!loaded_.routine(routineId_)) routineId_.clear();
  rebuildProblems();
}

void RoutineBook::rebuildProblems() {
  problems_.clear();
  for (const std::string& e : loaded_.errors) problems_.push_back(escapeForTerminal(e));
  for (const std::string& w : loaded_.warnings) problems_.push_back(escapeForTerminal(w));
}

const Client* RoutineBook::client() const {
  return clientId_.empty() ? nullptr : loaded_.client(clientId_);
}

const Routine* RoutineBook::routine() const {
  return routineId_.empty() ? nullptr : loaded_.routine(routineId_);
}

int RoutineBook::routineIndex() const {
  const Routine* r = routine();
  return r ? static_cast<int>(r - loaded_.routines.data()) : -1;
}

int RoutineBook::clientIndex() const {
  const Client* c = client();
  return c ? static_cast<int>(c - loaded_.clients.data()) : -1;
}

Status RoutineBook::chooseClient(std::string_view id) {
  if (!id.empty() && loaded_.client(id) == nullptr) {
    return Error{escapeForTerminal("no client \"" + std::string(id) + "\" in the store")};
  }
  if (const Routine* r = routine(); r && r->client != id) {
    Routine copy = *r;
    copy.client = std::string(id);
    if (Status st = commit(std::move(copy)); !st) return st;
  }
  clientId_ = std::string(id);
  return {};
}

Status RoutineBook::chooseRoutine(std::string_view id) {
  const Routine* r = loaded_.routine(id);
  if (r == nullptr) {
    return Error{escapeForTerminal("no routine \"" + std::string(id) + "\" in the store")};
  }
  routineId_ = std::string(id);
  // The routine's client, when it names one that loaded.
  clientId_ = loaded_.client(r->client) ? r->client : std::string();
  return {};
}

Result<std::string> RoutineBook::createClient(std::string_view name) {
  auto clean = cleanName(name);
  if (!clean) return clean.error();
  Client c;
  c.id = store_.newClientId(*clean);
  c.name = *clean;
  if (Status st = store_.saveClient(c); !st) return st.error();
  const std::string id = c.id;
  loaded_.clients.push_back(std::move(c));
  std::sort(loaded_.clients.begin(), loaded_.clients.end(),
            [](const Client& a, const Client& b) { return a.id < b.id; });
  if (Status st = chooseClient(id); !st) return st.error();
  return id;
}

Result<std::string> RoutineBook::createRoutine(std::string_view name) {
  auto clean = cleanName(name);
  if (!clean) return clean.error();
  Routine r;
  r.id = store_.newRoutineId(*clean);
  r.name = *clean;
  r.client = clientId_;
  const std::string id = r.id;
  if (Status st = commit(std::move(r)); !st) return st.error();
  return id;
}

Status RoutineBook::renameRoutine(std::string_view name) {
  const Routine* r = routine();
  if (r == nullptr) return Error{"no routine is chosen"};
  auto clean = cleanName(name);
  if (!clean) return clean.error();
  Routine copy = *r;
  copy.name = *clean;
  return commit(std::move(copy));
}

Status RoutineBook::setClientDetails(std::string_view name, std::string_view notes) {
  const Client* c = client();
  if (c == nullptr) return Error{"no client is chosen"};
  auto clean = cleanName(name);
  if (!clean) return clean.error();
  if (notes.size() > kMaxClientNotesBytes) {
    return Error{"the client's notes are " + std::to_string(notes.size()) + " bytes; at most " +
                 std::to_string(kMaxClientNotesBytes) + " are kept"};
  }
  Client copy = *c;
  copy.name = *clean;
  copy.notes = std::string(notes);
  if (Status st = store_.saveClient(copy); !st) return st;
  for (Client& held : loaded_.clients) {
    if (held.id == copy.id) held = std::move(copy);
  }
  return {};
}

Status RoutineBook::checkEntry(const RoutineEntry& e) const {
  if (library_ == nullptr) return {};
  const stretches::Stretch* s = library_->find(e.stretch);
  if (s == nullptr) {
    return Error{escapeForTerminal("no stretch \"" + e.stretch + "\" in the library")};
  }
  const bool known =
      std::any_of(s->techniques.begin(), s->techniques.end(),
                  [&](const stretches::Technique& t) { return t.id == e.technique; });
  if (!known) {
    return Error{
        escapeForTerminal("\"" + e.stretch + "\" has no technique \"" + e.technique + "\"")};
  }
  return {};
}

Status RoutineBook::addEntry(const RoutineEntry& entry) {
  const Routine* r = routine();
  if (r == nullptr) return Error{"no routine is chosen: create or choose one first"};
  if (r->entries.size() >= kMaxEntries) {
    return Error{"a routine holds at most " + std::to_string(kMaxEntries) + " stretches"};
  }
  if (Status st = checkEntry(entry); !st) return st;
  Routine copy = *r;
  copy.entries.push_back(entry);
  return commit(std::move(copy));
}

Status RoutineBook::moveEntry(std::size_t from, std::size_t to) {
  const Routine* r = routine();
  if (r == nullptr) return Error{"no routine is chosen"};
  if (from >= r->entries.size() || to >= r->entries.size()) {
    return Error{"no stretch " + std::to_string(std::max(from, to) + 1) + " in the routine"};
  }
  if (from == to) return {};
  Routine copy = *r;
  RoutineEntry moved = std::move(copy.entries[from]);
  copy.entries.erase(copy.entries.begin() + static_cast<std::ptrdiff_t>(from));
  copy.entries.insert(copy.entries.begin() + static_cast<std::ptrdiff_t>(to), std::move(moved));
  return commit(std::move(copy));
}

Status RoutineBook::removeEntry(std::size_t index) {
  const Routine* r = routine();
  if (r == nullptr) return Error{"no routine is chosen"};
  if (index >= r->entries.size()) {
    return Error{"no stretch " + std::to_string(index + 1) + " in the routine"};
  }
  Routine copy = *r;
  copy.entries.erase(copy.entries.begin() + static_cast<std::ptrdiff_t>(index));
  return commit(std::move(copy));
}

Status RoutineBook::setDose(std::size_t index, const DoseEdit& dose) {
  const Routine* r = routine();
  if (r == nullptr) return Error{"no routine is chosen"};
  if (index >= r->entries.size()) {
    return Error{"no stretch " + std::to_string(index + 1) + " in the routine"};
  }
  const auto outside = [](double v, const auto& lim) { return !(v >= lim[0] && v <= lim[1]); };
  if (dose.holdSeconds && outside(*dose.holdSeconds, kHoldSecondsLimits)) {
    return Error{"the hold must be 5-120 s"};
  }
  if (dose.repetitions && outside(*dose.repetitions, kRepetitionLimits)) {
    return Error{"repetitions must be 1-10"};
  }
  const auto& setLimits = dose.sets.per == Period::Day ? kSetsPerDayLimits : kSetsPerWeekLimits;
  if (outside(dose.sets.count, setLimits)) {
    return Error{dose.sets.per == Period::Day ? "sets must be 1-10 a day"
                                              : "sets must be 1-21 a week"};
  }
  Routine copy = *r;
  RoutineEntry& e = copy.entries[index];
  e.holdSeconds = dose.holdSeconds;
  e.repetitions = dose.repetitions;
  e.sets = dose.sets;
  e.notes = dose.notes;
  return commit(std::move(copy));
}

Status RoutineBook::setSide(std::size_t index, EntrySide side) {
  const Routine* r = routine();
  if (r == nullptr) return Error{"no routine is chosen"};
  if (index >= r->entries.size()) {
    return Error{"no stretch " + std::to_string(index + 1) + " in the routine"};
  }
  Routine copy = *r;
  copy.entries[index].side = side;
  return commit(std::move(copy));
}

Status RoutineBook::commit(Routine r) {
  if (Status st = store_.saveRoutine(r, library_); !st) return st;
  auto it = std::find_if(loaded_.routines.begin(), loaded_.routines.end(),
                         [&](const Routine& x) { return x.id == r.id; });
  routineId_ = r.id;
  if (it != loaded_.routines.end()) {
    *it = std::move(r);
  } else {
    loaded_.routines.push_back(std::move(r));
    std::sort(loaded_.routines.begin(), loaded_.routines.end(),
              [](const Routine& a, const Routine& b) { return a.id < b.id; });
  }
  return {};
}

}  // namespace sv::routines
