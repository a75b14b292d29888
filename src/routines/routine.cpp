#include "routines/routine.h"

#include <algorithm>
#include <cmath>

#include "core/file_io.h"
#include "routines/ids.h"
#include "routines/json_util.h"

namespace sv::routines {

using nlohmann::json;
using stretches::formatNumber;
using stretches::JsonChecker;
namespace an = sv::anatomy;

std::string_view entrySideId(EntrySide s) {
  switch (s) {
    case EntrySide::Left:
      return "left";
    case EntrySide::Right:
      return "right";
    case EntrySide::Both:
      return "both";
  }
  return "both";
}

std::optional<EntrySide> entrySideFromId(std::string_view id) {
  for (auto s : {EntrySide::Left, EntrySide::Right, EntrySide::Both}) {
    if (entrySideId(s) == id) return s;
  }
  return std::nullopt;
}

std::vector<an::Side> sidesOf(EntrySide s) {
  switch (s) {
    case EntrySide::Left:
      return {an::Side::Left};
    case EntrySide::Right:
      return {an::Side::Right};
    case EntrySide::Both:
      return {an::Side::Right, an::Side::Left};
  }
  return {};
}

namespace {

// The first hold phase of the cycle, else of the lead-in or finish: "the" hold of a technique
// when the entry names none (static: the 30 s hold; contract-relax: the hold at the barrier).
const stretches::Phase* firstHold(const stretches::Technique& t) {
  for (const auto* list : {&t.cycle, &t.leadIn, &t.finish}) {
    for (const stretches::Phase& p : *list) {
      if (p.kind == stretches::PhaseKind::Hold) return &p;
    }
  }
  return nullptr;
}

}  // namespace

std::optional<Dose> effectiveDose(const RoutineEntry& entry, const stretches::Stretch& stretch) {
  const stretches::Technique* t = stretch.technique(entry.technique);
  if (!t) return std::nullopt;
  Dose d;
  if (const stretches::Phase* hold = firstHold(*t)) {
    d.holdSeconds = entry.holdSeconds ? *entry.holdSeconds : hold->duration;
  }
  d.repetitions = entry.repetitions ? *entry.repetitions : t->cycles;
  d.sets = entry.sets;
  return d;
}

std::string describeDose(const Dose& dose) {
  std::string out;
  if (dose.holdSeconds) {
    out = "Hold " + formatNumber(std::round(*dose.holdSeconds * 10.0f) / 10.0f) + " s, repeat ";
  } else {
    out = "Repeat ";
  }
  out += dose.repetitions == 1 ? std::string("once") : std::to_string(dose.repetitions) + " times";
  out += ", ";
  const int n = dose.sets.count;
  out += n == 1   ? std::string("once")
         : n == 2 ? std::string("twice")
                  : std::to_string(n) + " times";
  out += dose.sets.per == Period::Day ? " a day" : " a week";
  return out;
}

namespace {

constexpr DoseAdvice kAdvice[] = {
    {"static", 10.0f, 30.0f,
     "ACSM Guidelines for Exercise Testing and Prescription, 11th ed., Table 5.6: 10-30 s for "
     "most adults; 30-60 s may help older adults",
     2, 4, "Garber et al. 2011 (ACSM position stand): repeat each stretch 2-4 times", 60.0f,
     "Garber et al. 2011: accumulate 60 s per stretch"},
    {"contract_relax", 10.0f, 30.0f,
     "McAtee, Facilitated Stretching: hold 10 s before the contraction; assisted contract-relax "
     "holds 20-30 s at the first resistance barrier",
     2, 5,
     "assisted contract-relax: 2-3 repetitions (chest, piriformis), 5 for the quadriceps "
     "(project stretching reference, section 2)",
     0.0f, ""},
};

}  // namespace

const DoseAdvice* doseAdvice(std::string_view technique) {
  for (const DoseAdvice& a : kAdvice) {
    if (a.technique == technique) return &a;
  }
  return nullptr;
}

namespace {

using T = JsonChecker::T;

class RoutineChecker : public JsonChecker {
 public:
  RoutineChecker(std::string_view text, std::string_view file, const stretches::PositionedJson& doc,
                 const RoutineContext& context)
      : JsonChecker(text, file, doc, kMaxErrorsPerFile), doc_(doc), context_(context) {}

  std::vector<std::string> warnings;

  void warn(const std::string& ptr, const std::string& message) {
    warnings.push_back(escapeForTerminal(where(ptr) + ": warning: " + message));
  }

  // An integer member within [lo, hi].
  std::optional<int> integer(const json& obj, const std::string& ptr, std::string_view key, int lo,
                             int hi, bool required) {
    const json* v = get(obj, ptr, key, T::Integer, required);
    if (!v) return std::nullopt;
    const double d = v->get<double>();  // not int64: 1e30 is an integer too
    if (!(d >= lo && d <= hi)) {
      error(child(ptr, key), std::string(key) + " must be between " + std::to_string(lo) + " and " +
                                 std::to_string(hi) + ", got " + formatNumber(d));
      return std::nullopt;
    }
    return static_cast<int>(d);
  }

  std::optional<Sets> sets(const json& e, const std::string& ptr) {
    const json* s = get(e, ptr, "sets", T::Object, false);
    if (!s) return e.contains("sets") ? std::nullopt : std::optional<Sets>(Sets{});
    const std::string sptr = child(ptr, "sets");
    onlyKeys(*s, sptr, {"count", "per"});
    Sets out;
    const std::string per = str(*s, sptr, "per");
    if (per == "day") {
      out.per = Period::Day;
    } else if (per == "week") {
      out.per = Period::Week;
    } else {
      if (!per.empty())
        error(child(sptr, "per"), "unknown period \"" + per + "\" (expected day or week)");
      return std::nullopt;
    }
    const int* lim = out.per == Period::Day ? kSetsPerDayLimits : kSetsPerWeekLimits;
    const auto count = integer(*s, sptr, "count", lim[0], lim[1], true);
    if (!count) return std::nullopt;
    out.count = *count;
    if (out.per == Period::Week && out.count < kMinDaysPerWeek) {
      warn(child(sptr, "count"),
           std::to_string(out.count) +
               " a week is less than ACSM's at least 2-3 days a week (daily is most effective; "
               "ACSM Guidelines, 11th ed., Table 5.6)");
    }
    return out;
  }

  // Checks against the library; `ok` entries only (their fields are known to be valid).
  void againstLibrary(const RoutineEntry& e, const json& ej, const std::string& ptr) {
    const stretches::Stretch* s = context_.library->find(e.stretch);
    if (!s) {
      error(child(ptr, "stretch"), "unknown stretch \"" + e.stretch + "\"");
      return;
    }
    const stretches::Technique* t = s->technique(e.technique);
    if (!t) {
      std::string offered;
      for (const stretches::Technique& o : s->techniques) {
        offered += (offered.empty() ? "" : ", ") + o.id;
      }
      error(child(ptr, "technique"), "\"" + e.stretch + "\" does not offer the technique \"" +
                                         e.technique + "\" (it offers " + offered + ")");
      return;
    }
    if (e.holdSeconds && !firstHold(*t)) {
      error(child(ptr, "hold_s"), "technique \"" + e.technique + "\" of \"" + e.stretch +
                                      "\" has no hold phase to take hold_s");
      return;
    }
    const DoseAdvice* advice = doseAdvice(e.technique);
    if (!advice) return;
    const Dose dose = *effectiveDose(e, *s);
    if (e.holdSeconds && (*e.holdSeconds < advice->holdMin || *e.holdSeconds > advice->holdMax)) {
      warn(child(ptr, "hold_s"), "hold " + formatNumber(*e.holdSeconds) + " s is outside the " +
                                     formatNumber(advice->holdMin) + "-" +
                                     formatNumber(advice->holdMax) + " s recommended (" +
                                     std::string(advice->holdSource) + ")");
    }
    if (e.repetitions &&
        (*e.repetitions < advice->repetitionsMin || *e.repetitions > advice->repetitionsMax)) {
      warn(child(ptr, "repetitions"),
           std::to_string(*e.repetitions) + " repetitions is outside the " +
               std::to_string(advice->repetitionsMin) + "-" +
               std::to_string(advice->repetitionsMax) + " recommended (" +
               std::string(advice->repetitionsSource) + ")");
    }
    if (advice->accumulatedMin > 0.0f && (e.holdSeconds || e.repetitions) && dose.holdSeconds &&
        *dose.holdSeconds * static_cast<float>(dose.repetitions) < advice->accumulatedMin) {
      warn(ej.contains("hold_s") ? child(ptr, "hold_s") : child(ptr, "repetitions"),
           formatNumber(*dose.holdSeconds) + " s x " + std::to_string(dose.repetitions) + " = " +
               formatNumber(*dose.holdSeconds * static_cast<float>(dose.repetitions)) +
               " s of stretching is less than the " + formatNumber(advice->accumulatedMin) +
               " s recommended (" + std::string(advice->accumulatedSource) + ")");
    }
  }

  std::optional<RoutineEntry> entry(const json& e, const std::string& ptr) {
    if (!typed(e, ptr, T::Object)) return std::nullopt;
    onlyKeys(e, ptr, {"stretch", "side", "technique", "hold_s", "repetitions", "sets", "notes"});
    const std::size_t before = errorCount();
    RoutineEntry out;
    out.stretch = str(e, ptr, "stretch");
    if (!out.stretch.empty() && !isValidId(out.stretch)) {
      error(child(ptr, "stretch"), "\"" + out.stretch + "\" is not a stretch id");
    }
    const std::string side = str(e, ptr, "side");
    if (auto s = entrySideFromId(side)) {
      out.side = *s;
    } else if (!side.empty()) {
      error(child(ptr, "side"), "unknown side \"" + side + "\" (expected left, right or both)");
    }
    out.technique = str(e, ptr, "technique");
    if (!out.technique.empty() && out.technique != "static" && out.technique != "contract_relax" &&
        out.technique != "crac") {
      error(child(ptr, "technique"), "unknown technique \"" + out.technique +
                                         "\" (expected static, contract_relax or crac)");
    }
    if (const json* h = get(e, ptr, "hold_s", T::Number, false)) {
      out.holdSeconds =
          bounded(*h, child(ptr, "hold_s"), kHoldSecondsLimits[0], kHoldSecondsLimits[1], "hold_s");
    }
    if (e.contains("repetitions")) {
      out.repetitions =
          integer(e, ptr, "repetitions", kRepetitionLimits[0], kRepetitionLimits[1], false);
    }
    const auto s = sets(e, ptr);
    if (s) out.sets = *s;
    out.notes = str(e, ptr, "notes", false);
    if (errorCount() != before) return std::nullopt;
    if (context_.library) againstLibrary(out, e, ptr);
    if (errorCount() != before) return std::nullopt;
    return out;
  }

  std::optional<Routine> run(std::string_view fileName) {
    const json& doc = doc_.value;
    if (!typed(doc, "", T::Object)) return std::nullopt;
    onlyKeys(doc, "", {"format", "version", "id", "name", "client", "notes", "entries"});
    Routine r;
    detail::checkFormat(*this, doc, kRoutineFormat, kRoutineFormatVersion);
    r.id = detail::checkedId(*this, doc, fileName);
    r.name = str(doc, "", "name");
    r.client = str(doc, "", "client", false);
    if (!r.client.empty()) {
      if (!isValidId(r.client)) {
        error("/client", "\"" + r.client + "\" is not a client id");
      } else if (context_.clientIds &&
                 std::find(context_.clientIds->begin(), context_.clientIds->end(), r.client) ==
                     context_.clientIds->end()) {
        // A warning: the client's own file may be the one that failed to load.
        warn("/client", "no client \"" + r.client + "\" is loaded");
      }
    }
    r.notes = str(doc, "", "notes", false);
    if (const json* es = get(doc, "", "entries", T::Array)) {
      if (es->size() > kMaxEntries) {
        error("/entries", std::to_string(es->size()) + " entries; at most " +
                              std::to_string(kMaxEntries) + " are allowed");
      } else {
        for (std::size_t i = 0; i < es->size(); ++i) {
          if (auto e = entry((*es)[i], child("/entries", i))) r.entries.push_back(std::move(*e));
        }
      }
    }
    if (errorCount() != 0) return std::nullopt;
    return r;
  }

 private:
  const stretches::PositionedJson& doc_;
  const RoutineContext& context_;
};

}  // namespace

Parsed<Routine> parseRoutine(std::string_view text, std::string_view fileName,
                             const RoutineContext& context) {
  return detail::parseUserFile<Routine>(
      text, fileName, kMaxRoutineFileBytes,
      [&](const stretches::PositionedJson& doc, Parsed<Routine>& out) {
        RoutineChecker checker(text, fileName, doc, context);
        detail::finishInto(checker, checker.run(fileName), out);
        out.warnings = std::move(checker.warnings);
      });
}

Parsed<Routine> loadRoutineFile(const std::filesystem::path& path, const RoutineContext& context) {
  return detail::loadUserFile<Routine>(path, kMaxRoutineFileBytes,
                                       [&](std::string_view text, const std::string& name) {
                                         return parseRoutine(text, name, context);
                                       });
}

std::string serializeRoutine(const Routine& r) {
  using oj = nlohmann::ordered_json;
  oj j = oj::object();
  j["format"] = kRoutineFormat;
  j["version"] = kRoutineFormatVersion;
  j["id"] = r.id;
  j["name"] = r.name;
  if (!r.client.empty()) j["client"] = r.client;
  j["notes"] = r.notes;
  oj entries = oj::array();
  for (const RoutineEntry& e : r.entries) {
    oj o = oj::object();
    o["stretch"] = e.stretch;
    o["side"] = entrySideId(e.side);
    o["technique"] = e.technique;
    if (e.holdSeconds) o["hold_s"] = detail::floatJson(*e.holdSeconds);
    if (e.repetitions) o["repetitions"] = *e.repetitions;
    o["sets"] = oj{{"count", e.sets.count}, {"per", e.sets.per == Period::Day ? "day" : "week"}};
    if (!e.notes.empty()) o["notes"] = e.notes;
    entries.push_back(std::move(o));
  }
  j["entries"] = std::move(entries);
  return j.dump(2) + "\n";
}

}  // namespace sv::routines
