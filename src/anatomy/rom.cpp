#include "anatomy/rom.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/file_io.h"

namespace sv::anatomy {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 12> kJointWords = {
    "hip",   "knee",    "ankle", "toes",   "scapula",  "shoulder",
    "elbow", "forearm", "wrist", "lumbar", "thoracic", "cervical"};

std::string fmt(float v) {
  std::ostringstream ss;
  ss << v;
  return ss.str();
}

// "file:line:col" of the first occurrence of `needle` in the text, else just "file".
std::string where(std::string_view text, std::string_view file, std::string_view needle) {
  const std::size_t at = text.find(needle);
  std::ostringstream out;
  out << file;
  if (at != std::string_view::npos) {
    const TextPosition p = positionOfOffset(text, at);
    out << ':' << p.line << ':' << p.column;
  }
  return out.str();
}

}  // namespace

Result<RomTable> parseRomTable(std::string_view text, std::string_view fileName) {
  const std::string file(fileName);
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    const TextPosition p = positionOfOffset(text, offset);
    std::string what = e.what();
    const std::size_t colon = what.find(": ", what.find("column"));
    if (colon != std::string::npos) what = what.substr(colon + 2);
    std::ostringstream msg;
    msg << file << ':' << p.line << ':' << p.column << ": malformed JSON: " << what;
    return Error{msg.str()};
  }
  if (!doc.is_object()) return Error{file + ": top level must be an object"};

  RomTable table;
  for (std::size_t i = 0; i < table.entries.size(); ++i) {
    table.entries[i].motion = static_cast<Motion>(i);
  }

  const auto srcIt = doc.find("sources");
  if (srcIt == doc.end() || !srcIt->is_object()) {
    return Error{file + ": missing \"sources\" object (source id -> citation)"};
  }
  for (auto it = srcIt->begin(); it != srcIt->end(); ++it) {
    if (!it.value().is_string() || it.value().get<std::string>().empty()) {
      return Error{where(text, file, "\"" + it.key() + "\"") + ": sources." + it.key() +
                   ": citation must be a non-empty string"};
    }
    table.sources[it.key()] = it.value().get<std::string>();
  }
  // Optional: the short names screens show instead of the ids (docs/anatomy.md).
  if (const auto labIt = doc.find("source_labels"); labIt != doc.end()) {
    if (!labIt->is_object()) return Error{file + ": \"source_labels\" must be an object"};
    for (auto it = labIt->begin(); it != labIt->end(); ++it) {
      if (!table.sources.count(it.key())) {
        return Error{where(text, file, "\"" + it.key() + "\"") + ": source_labels." + it.key() +
                     ": not listed in \"sources\""};
      }
      if (!it.value().is_string() || it.value().get<std::string>().empty()) {
        return Error{where(text, file, "\"" + it.key() + "\"") + ": source_labels." + it.key() +
                     ": label must be a non-empty string"};
      }
      table.sourceLabels[it.key()] = it.value().get<std::string>();
    }
  }

  const auto motIt = doc.find("motions");
  if (motIt == doc.end() || !motIt->is_object()) {
    return Error{file + ": missing \"motions\" object"};
  }
  for (auto it = motIt->begin(); it != motIt->end(); ++it) {
    const std::string& id = it.key();
    const std::string at = where(text, file, "\"" + id + "\"");
    const std::string entryName = "motion \"" + id + "\"";
    const std::optional<Motion> motion = motionFromId(id);
    if (!motion) {
      const std::string jointWord = id.substr(0, id.find('.'));
      bool jointKnown = false;
      for (std::string_view w : kJointWords) jointKnown = jointKnown || w == jointWord;
      if (!jointKnown) {
        return Error{at + ": " + entryName + ": unknown joint \"" + jointWord + "\""};
      }
      return Error{
          at + ": " + entryName + ": unknown motion \"" +
          (id.find('.') == std::string::npos ? std::string() : id.substr(id.find('.') + 1)) +
          "\" for joint \"" + jointWord + "\""};
    }
    RomEntry& entry = table.entries[static_cast<std::size_t>(*motion)];
    if (entry.present) return Error{at + ": " + entryName + ": listed twice"};
    const json& body = it.value();
    if (!body.is_object()) return Error{at + ": " + entryName + ": must be an object"};
    const auto rangesIt = body.find("ranges");
    if (rangesIt == body.end() || !rangesIt->is_array() || rangesIt->empty()) {
      return Error{at + ": " + entryName + ": needs a non-empty \"ranges\" array"};
    }
    int n = 0;
    for (const json& r : *rangesIt) {
      ++n;
      const std::string rangeName = entryName + " range " + std::to_string(n);
      if (!r.is_object()) return Error{at + ": " + rangeName + ": must be an object"};
      RomRange range;
      auto str = [&](const char* key) -> std::string {
        const auto f = r.find(key);
        return (f != r.end() && f->is_string()) ? f->get<std::string>() : std::string();
      };
      range.source = str("source");
      range.minSource = str("min_source");
      range.maxSource = str("max_source");
      range.note = str("note");
      if (range.minSource.empty()) range.minSource = range.source;
      if (range.maxSource.empty()) range.maxSource = range.source;
      if (range.source.empty()) range.source = range.maxSource;
      if (range.minSource.empty() || range.maxSource.empty()) {
        return Error{at + ": " + rangeName + ": missing source (give \"source\", or both " +
                     "\"min_source\" and \"max_source\")"};
      }
      for (const std::string* s : {&range.source, &range.minSource, &range.maxSource}) {
        if (!table.sources.count(*s)) {
          return Error{at + ": " + rangeName + ": source \"" + *s +
                       "\" is not listed in \"sources\""};
        }
      }
      const auto mn = r.find("min");
      const auto mx = r.find("max");
      if (mn == r.end() || !mn->is_number() || mx == r.end() || !mx->is_number()) {
        return Error{at + ": " + rangeName + " (source \"" + range.source +
                     "\"): \"min\" and \"max\" must be numbers (degrees)"};
      }
      range.min = mn->get<float>();
      range.max = mx->get<float>();
      if (!std::isfinite(range.min) || !std::isfinite(range.max)) {
        return Error{at + ": " + rangeName + ": min and max must be finite"};
      }
      if (range.min > range.max) {
        return Error{at + ": " + rangeName + " (source \"" + range.source + "\"): min " +
                     fmt(range.min) + " is greater than max " + fmt(range.max)};
      }
      entry.alternatives.push_back(std::move(range));
    }
    const auto defIt = body.find("default_source");
    std::string def;
    if (defIt != body.end()) {
      if (!defIt->is_string())
        return Error{at + ": " + entryName + ": default_source must be a string"};
      def = defIt->get<std::string>();
    } else if (entry.alternatives.size() == 1) {
      def = entry.alternatives.front().source;
    } else {
      return Error{at + ": " + entryName +
                   ": several ranges but no \"default_source\" saying which one the app uses"};
    }
    const RomRange* chosen = nullptr;
    for (const RomRange& r : entry.alternatives) {
      if (r.source == def) chosen = &r;
    }
    if (!chosen) {
      return Error{at + ": " + entryName + ": default_source \"" + def +
                   "\" is not one of its ranges"};
    }
    entry.present = true;
    entry.source = def;
    entry.min = chosen->min;
    entry.max = chosen->max;
  }
  return table;
}

Result<RomTable> loadRomTable(const std::filesystem::path& path) {
  Result<std::string> text = readFile(path);
  if (!text.ok()) return text.error();
  return parseRomTable(text.value(), path.string());
}

ClampReport clampToRom(Pose& pose, const RomTable& table, float flexibilityFactor) {
  ClampReport report;
  for (int c = 0; c < kCoordinateCount; ++c) {
    const CoordinateKey key = coordinateKey(c);
    const RomEntry& e = table.entries[static_cast<std::size_t>(key.motion)];
    if (!e.present) continue;
    const float lo = e.min * flexibilityFactor;
    const float hi = e.max * flexibilityFactor;
    float& v = pose.angles[static_cast<std::size_t>(c)];
    // NaN (a broken upstream computation) is reported and replaced by the nearest limit to 0.
    const float clamped = std::isnan(v) ? (lo > 0.0f ? lo : (hi < 0.0f ? hi : 0.0f))
                                        : (v < lo ? lo : (v > hi ? hi : v));
    if (clamped != v || std::isnan(v)) {
      report.entries[static_cast<std::size_t>(report.count++)] = {key.motion, key.side, v, clamped};
      v = clamped;
    }
  }
  return report;
}

}  // namespace sv::anatomy
