#include "routines/client.h"

#include <algorithm>

#include "core/file_io.h"
#include "routines/ids.h"
#include "routines/json_util.h"
#include "stretches/stretch_loader.h"

namespace sv::routines {

using nlohmann::json;
using stretches::JsonChecker;
namespace an = sv::anatomy;

namespace detail {

std::string checkedId(JsonChecker& c, const json& doc, std::string_view fileName) {
  std::string id = c.str(doc, "", "id");
  if (id.empty()) return id;
  if (!isValidId(id)) {
    c.error("/id", "id \"" + id + "\" may only contain a-z, 0-9 and '-' (at most " +
                       std::to_string(kMaxIdLength) + ", not starting with '-')");
    return id;
  }
  if (stretches::hasJsonExtension(fileName)) {
    const std::string stem = std::filesystem::path(std::string(fileName)).stem().string();
    if (stem != id) {
      c.error("/id", "id \"" + id + "\" does not match the file name \"" + stem + ".json\"");
    }
  }
  return id;
}

}  // namespace detail

std::string_view flexibilityId(stretches::Flexibility f) {
  switch (f) {
    case stretches::Flexibility::Stiff:
      return "stiff";
    case stretches::Flexibility::Average:
      return "average";
    case stretches::Flexibility::Flexible:
      return "flexible";
  }
  return "average";
}

std::optional<stretches::Flexibility> flexibilityFromId(std::string_view id) {
  for (auto f : {stretches::Flexibility::Stiff, stretches::Flexibility::Average,
                 stretches::Flexibility::Flexible}) {
    if (flexibilityId(f) == id) return f;
  }
  return std::nullopt;
}

const MeasuredRange* latestMeasurement(const Client& client, an::Motion motion, an::Side side,
                                       std::string_view stretchId) {
  const MeasuredRange* specific = nullptr;
  const MeasuredRange* general = nullptr;
  for (const MeasuredRange& m : client.measurements) {
    if (m.motion != motion) continue;
    if (an::isBilateral(motion) && m.side != side) continue;
    const MeasuredRange*& best = m.stretch.empty() ? general : specific;
    if (!m.stretch.empty() && m.stretch != stretchId) continue;
    // ISO dates compare as strings; ">=" keeps the later line of one day.
    if (!best || m.date >= best->date) best = &m;
  }
  return specific ? specific : general;
}

namespace {

using T = JsonChecker::T;

class ClientChecker : public JsonChecker {
 public:
  ClientChecker(std::string_view text, std::string_view file, const stretches::PositionedJson& doc)
      : JsonChecker(text, file, doc, kMaxErrorsPerFile), doc_(doc) {}

  void bodyShape(const json& obj, body::BodyShape& out) {
    const json* b = get(obj, "", "body", T::Object, false);
    if (!b) return;
    onlyKeys(*b, "/body", {"sex", "age", "muscle", "weight", "height_m"});
    for (const auto& [key, field] :
         {std::pair{"sex", &out.sex}, std::pair{"age", &out.age}, std::pair{"muscle", &out.muscle},
          std::pair{"weight", &out.weight}}) {
      if (const json* v = get(*b, "/body", key, T::Number, false)) {
        if (auto f = bounded(*v, child("/body", key), 0.0, 1.0, key)) *field = *f;
      }
    }
    if (const json* v = get(*b, "/body", "height_m", T::Number, false)) {
      // 0 means "MakeHuman's average height" (body_shape.h); anything else is a real adult.
      const double h = v->get<double>();
      if (h != 0.0 && !(h >= body::kMinHeight && h <= body::kMaxHeight)) {
        error("/body/height_m", "height_m " + stretches::formatNumber(h) +
                                    " is neither 0 (average) nor within [" +
                                    stretches::formatNumber(body::kMinHeight) + ", " +
                                    stretches::formatNumber(body::kMaxHeight) + "] m");
      } else {
        out.height = static_cast<float>(h);
      }
    }
  }

  std::optional<MeasuredRange> measurement(const json& m, const std::string& ptr) {
    if (!typed(m, ptr, T::Object)) return std::nullopt;
    onlyKeys(m, ptr, {"motion", "side", "degrees", "date", "stretch", "note"});
    const std::size_t before = errorCount();
    MeasuredRange out;
    const std::string motion = str(m, ptr, "motion");
    std::optional<an::Motion> mo;
    if (!motion.empty()) {
      mo = an::motionFromId(motion);
      if (!mo) error(child(ptr, "motion"), "unknown motion \"" + motion + "\"");
    }
    const std::string side = str(m, ptr, "side", false);
    if (mo) {
      out.motion = *mo;
      if (an::isBilateral(*mo)) {
        if (side == "left") {
          out.side = an::Side::Left;
        } else if (side == "right") {
          out.side = an::Side::Right;
        } else if (!m.contains("side")) {
          error(ptr, "missing required field \"side\" (" + motion + " is measured per side)");
        } else {
          error(child(ptr, "side"), "unknown side \"" + side + "\" (expected left or right)");
        }
      } else {
        out.side = an::Side::Center;
        if (m.contains("side")) {
          error(child(ptr, "side"),
                "a midline motion (" + motion + ") has no side; its sign gives the direction");
        }
      }
    }
    if (const json* d = get(m, ptr, "degrees", T::Number)) {
      if (auto f = bounded(*d, child(ptr, "degrees"), -180.0, 180.0, "degrees")) out.degrees = *f;
    }
    out.date = str(m, ptr, "date");
    if (!out.date.empty() && !isCalendarDate(out.date)) {
      error(child(ptr, "date"), "\"" + out.date + "\" is not a date written YYYY-MM-DD");
    }
    out.stretch = str(m, ptr, "stretch", false);
    if (!out.stretch.empty() && !isValidId(out.stretch)) {
      error(child(ptr, "stretch"), "\"" + out.stretch + "\" is not a stretch id");
    }
    out.note = str(m, ptr, "note", false);
    if (errorCount() != before) return std::nullopt;
    return out;
  }

  std::optional<Client> run(std::string_view fileName) {
    const json& doc = doc_.value;
    if (!typed(doc, "", T::Object)) return std::nullopt;
    onlyKeys(doc, "",
             {"format", "version", "id", "name", "notes", "body", "flexibility", "measurements"});
    Client c;
    detail::checkFormat(*this, doc, kClientFormat, kClientFormatVersion);
    c.id = detail::checkedId(*this, doc, fileName);
    c.name = str(doc, "", "name");
    c.notes = str(doc, "", "notes", false);
    bodyShape(doc, c.body);
    const std::string flex = str(doc, "", "flexibility", false);
    if (doc.contains("flexibility") && doc["flexibility"].is_string()) {
      if (auto f = flexibilityFromId(flex)) {
        c.flexibility = *f;
      } else {
        error("/flexibility",
              "unknown flexibility \"" + flex + "\" (expected stiff, average or flexible)");
      }
    }
    if (const json* ms = get(doc, "", "measurements", T::Array, false)) {
      if (ms->size() > kMaxMeasurements) {
        error("/measurements", std::to_string(ms->size()) + " measurements; at most " +
                                   std::to_string(kMaxMeasurements) + " are allowed");
      } else {
        for (std::size_t i = 0; i < ms->size(); ++i) {
          if (auto m = measurement((*ms)[i], child("/measurements", i)))
            c.measurements.push_back(*m);
        }
      }
    }
    if (errorCount() != 0) return std::nullopt;
    return c;
  }

 private:
  const stretches::PositionedJson& doc_;
};

}  // namespace

Parsed<Client> parseClient(std::string_view text, std::string_view fileName) {
  return detail::parseUserFile<Client>(
      text, fileName, kMaxClientFileBytes,
      [&](const stretches::PositionedJson& doc, Parsed<Client>& out) {
        ClientChecker checker(text, fileName, doc);
        detail::finishInto(checker, checker.run(fileName), out);
      });
}

Parsed<Client> loadClientFile(const std::filesystem::path& path) {
  return detail::loadUserFile<Client>(
      path, kMaxClientFileBytes,
      [](std::string_view text, const std::string& name) { return parseClient(text, name); });
}

std::string serializeClient(const Client& c) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["format"] = kClientFormat;
  j["version"] = kClientFormatVersion;
  j["id"] = c.id;
  j["name"] = c.name;
  j["notes"] = c.notes;
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  body["sex"] = detail::floatJson(c.body.sex);
  body["age"] = detail::floatJson(c.body.age);
  body["muscle"] = detail::floatJson(c.body.muscle);
  body["weight"] = detail::floatJson(c.body.weight);
  body["height_m"] = detail::floatJson(c.body.height);
  j["body"] = std::move(body);
  j["flexibility"] = flexibilityId(c.flexibility);
  nlohmann::ordered_json ms = nlohmann::ordered_json::array();
  for (const MeasuredRange& m : c.measurements) {
    nlohmann::ordered_json e = nlohmann::ordered_json::object();
    e["motion"] = an::motionId(m.motion);
    if (an::isBilateral(m.motion)) e["side"] = m.side == an::Side::Left ? "left" : "right";
    e["degrees"] = detail::floatJson(m.degrees);
    e["date"] = m.date;
    if (!m.stretch.empty()) e["stretch"] = m.stretch;
    if (!m.note.empty()) e["note"] = m.note;
    ms.push_back(std::move(e));
  }
  j["measurements"] = std::move(ms);
  return j.dump(2) + "\n";
}

}  // namespace sv::routines
