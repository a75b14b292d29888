#include "muscles/muscle_set.h"

#include <cmath>
#include <set>
#include <utility>

#include "core/file_io.h"
#include "core/paths.h"
#include "stretches/json_reader.h"

namespace sv::muscles {

using nlohmann::json;
namespace an = sv::anatomy;

const MuscleDef* MuscleSet::find(std::string_view id) const {
  for (const MuscleDef& m : muscles) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

namespace {

// Thrown inside the parser only; turned into Result at the API boundary.
struct ParseFailure {
  std::string message;
};

class Parser {
 public:
  Parser(std::string_view text, std::string_view file, const stretches::PositionedJson& doc)
      : text_(text), file_(file), doc_(doc) {}

  [[noreturn]] void fail(const std::string& pointer, const std::string& entry,
                         const std::string& what) const {
    const TextPosition p = positionOfOffset(text_, doc_.offsetOf(pointer));
    throw ParseFailure{std::string(file_) + ":" + std::to_string(p.line) + ":" +
                       std::to_string(p.column) + ": " + (entry.empty() ? "" : entry + ": ") +
                       what};
  }

  const json& member(const json& obj, const std::string& ptr, const char* key,
                     const std::string& entry) const {
    if (!obj.is_object()) fail(ptr, entry, "expected an object");
    auto it = obj.find(key);
    if (it == obj.end()) fail(ptr, entry, std::string("missing \"") + key + "\"");
    return *it;
  }
  std::string str(const json& v, const std::string& ptr, const std::string& entry) const {
    if (!v.is_string()) fail(ptr, entry, "expected a string");
    return v.get<std::string>();
  }
  double num(const json& v, const std::string& ptr, const std::string& entry) const {
    if (!v.is_number()) fail(ptr, entry, "expected a number");
    const double d = v.get<double>();
    if (!std::isfinite(d)) fail(ptr, entry, "expected a finite number");
    return d;
  }
  glm::vec3 vec3(const json& v, const std::string& ptr, const std::string& entry) const {
    if (!v.is_array() || v.size() != 3) fail(ptr, entry, "expected an array of 3 numbers");
    glm::vec3 out;
    for (int i = 0; i < 3; ++i) {
      const double d = num(v[static_cast<std::size_t>(i)], ptr + "/" + std::to_string(i), entry);
      if (std::fabs(d) > 2.0) fail(ptr + "/" + std::to_string(i), entry, "position beyond 2 m");
      out[i] = static_cast<float>(d);
    }
    return out;
  }
  an::Motion motion(const json& v, const std::string& ptr, const std::string& entry) const {
    const std::string id = str(v, ptr, entry);
    const auto m = an::motionFromId(id);
    if (!m)
      fail(ptr, entry,
           "unknown coordinate \"" + id + "\" (expected a motion id such as \"knee.flexion\")");
    return *m;
  }
  Spline spline(const json& v, const std::string& ptr, const std::string& entry) const {
    if (v.is_number()) return Spline::constant(num(v, ptr, entry));
    const json& kn = member(v, ptr, "knots", entry);
    const json& va = member(v, ptr, "values", entry);
    if (!kn.is_array() || !va.is_array() || kn.size() != va.size() || kn.size() < 2) {
      fail(ptr, entry, "\"knots\" and \"values\" must be arrays of the same length (>= 2)");
    }
    std::vector<double> x, y;
    for (std::size_t i = 0; i < kn.size(); ++i) {
      x.push_back(num(kn[i], ptr + "/knots/" + std::to_string(i), entry));
      y.push_back(num(va[i], ptr + "/values/" + std::to_string(i), entry));
      if (i > 0 && x[i] <= x[i - 1]) {
        fail(ptr + "/knots/" + std::to_string(i), entry, "knots must be strictly increasing");
      }
    }
    return Spline(std::move(x), std::move(y));
  }

  MuscleSet parse() {
    const json& root = doc_.value;
    const std::string r;
    if (!root.is_object()) fail(r, "", "expected a JSON object");
    if (str(member(root, r, "format", ""), "/format", "") != kMuscleFormat) {
      fail("/format", "", "format must be \"" + std::string(kMuscleFormat) + "\"");
    }
    const json& ver = member(root, r, "version", "");
    if (!ver.is_number_integer() || ver.get<int>() != kMuscleFormatVersion) {
      fail("/version", "",
           "unsupported version (expected " + std::to_string(kMuscleFormatVersion) + ")");
    }
    MuscleSet set;
    const double h = num(member(root, r, "reference_height_m", ""), "/reference_height_m", "");
    if (h < 0.5 || h > 2.5) fail("/reference_height_m", "", "reference height out of range");
    set.referenceHeight = static_cast<float>(h);
    if (str(member(root, r, "side", ""), "/side", "") != "right") {
      fail("/side", "", "points must be written for the \"right\" side");
    }
    if (root.contains("credit")) set.credit = str(root["credit"], "/credit", "");
    if (root.contains("knee_translation")) {
      const std::string p = "/knee_translation";
      const std::string e = "knee_translation";
      const json& k = root["knee_translation"];
      if (motion(member(k, p, "coordinate", e), p + "/coordinate", e) != an::Motion::KneeFlexion) {
        fail(p + "/coordinate", e, "the knee translation must follow \"knee.flexion\"");
      }
      KneeTranslation kt;
      kt.anterior = spline(member(k, p, "anterior", e), p + "/anterior", e);
      kt.vertical = spline(member(k, p, "vertical", e), p + "/vertical", e);
      set.knee = std::move(kt);
    }
    const json& ms = member(root, r, "muscles", "");
    if (!ms.is_array() || ms.empty()) fail("/muscles", "", "expected a non-empty array");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < ms.size(); ++i) {
      const std::string mp = "/muscles/" + std::to_string(i);
      const json& m = ms[i];
      std::string entry = "muscle " + std::to_string(i);
      MuscleDef def;
      def.id = str(member(m, mp, "id", entry), mp + "/id", entry);
      entry = "muscle \"" + def.id + "\"";
      if (def.id.empty()) fail(mp + "/id", entry, "empty id");
      if (!ids.insert(def.id).second) fail(mp + "/id", entry, "duplicate id");
      def.name = str(member(m, mp, "name", entry), mp + "/name", entry);
      const std::string g = str(member(m, mp, "group", entry), mp + "/group", entry);
      const auto group = an::muscleGroupFromId(g);
      if (!group) fail(mp + "/group", entry, "unknown muscle group \"" + g + "\"");
      def.group = *group;
      def.source = str(member(m, mp, "source", entry), mp + "/source", entry);
      if (def.source.empty()) fail(mp + "/source", entry, "empty source");
      const json& pts = member(m, mp, "points", entry);
      if (!pts.is_array() || pts.size() < 2) {
        fail(mp + "/points", entry, "expected an array of at least 2 points");
      }
      int fixedPoints = 0;
      for (std::size_t k = 0; k < pts.size(); ++k) {
        const std::string pp = mp + "/points/" + std::to_string(k);
        const std::string pe = entry + " point " + std::to_string(k);
        const json& pj = pts[k];
        PathPointDef pd;
        const std::string bone = str(member(pj, pp, "bone", pe), pp + "/bone", pe);
        const auto joint = an::jointFromName(bone);
        if (!joint) fail(pp + "/bone", pe, "unknown bone \"" + bone + "\"");
        if (an::sideOf(*joint) == an::Side::Left) {
          fail(pp + "/bone", pe, "bone \"" + bone + "\" is on the left; write the right side");
        }
        pd.bone = *joint;
        const bool hasPos = pj.contains("position");
        const bool hasMoving = pj.contains("moving");
        if (hasPos == hasMoving) {
          fail(pp, pe, "a point needs exactly one of \"position\" and \"moving\"");
        }
        if (hasPos) pd.position = vec3(pj["position"], pp + "/position", pe);
        if (hasMoving) {
          const json& mv = pj["moving"];
          const std::string mvp = pp + "/moving";
          MovingLocation loc;
          loc.coordinate = motion(member(mv, mvp, "coordinate", pe), mvp + "/coordinate", pe);
          static const char* kAxes[3] = {"x", "y", "z"};
          for (int a = 0; a < 3; ++a) {
            loc.axis[a] = spline(member(mv, mvp, kAxes[a], pe), mvp + "/" + kAxes[a], pe);
          }
          pd.moving = std::move(loc);
        }
        if (pj.contains("active")) {
          const json& ac = pj["active"];
          const std::string ap = pp + "/active";
          ActiveRange ar;
          ar.coordinate = motion(member(ac, ap, "coordinate", pe), ap + "/coordinate", pe);
          ar.min = static_cast<float>(num(member(ac, ap, "min", pe), ap + "/min", pe));
          ar.max = static_cast<float>(num(member(ac, ap, "max", pe), ap + "/max", pe));
          if (ar.min > ar.max) fail(ap, pe, "active range min is greater than max");
          pd.active = ar;
        } else {
          ++fixedPoints;
        }
        if (pj.contains("anchor")) {
          const std::string a = str(pj["anchor"], pp + "/anchor", pe);
          const auto aj = an::jointFromName(a);
          if (!aj) fail(pp + "/anchor", pe, "unknown joint \"" + a + "\"");
          if (an::sideOf(*aj) == an::Side::Left) {
            fail(pp + "/anchor", pe, "joint \"" + a + "\" is on the left; write the right side");
          }
          if (hasMoving) fail(pp + "/anchor", pe, "a moving point cannot have an anchor");
          pd.anchor = *aj;
        }
        if (pj.contains("ref")) pd.ref = str(pj["ref"], pp + "/ref", pe);
        for (auto it = pj.begin(); it != pj.end(); ++it) {
          const std::string& key = it.key();
          if (key != "bone" && key != "position" && key != "moving" && key != "active" &&
              key != "ref" && key != "anchor") {
            fail(pp + "/" + stretches::escapePointerToken(key), pe,
                 "unknown field \"" + key + "\"");
          }
        }
        def.points.push_back(std::move(pd));
      }
      if (fixedPoints < 2) fail(mp + "/points", entry, "needs at least 2 unconditional points");
      if (def.points.front().active || def.points.back().active) {
        fail(mp + "/points", entry, "origin and insertion cannot be conditional");
      }
      set.muscles.push_back(std::move(def));
    }
    return set;
  }

 private:
  std::string_view text_;
  std::string_view file_;
  const stretches::PositionedJson& doc_;
};

}  // namespace

Result<MuscleSet> parseMuscleSet(std::string_view text, std::string_view fileName) {
  stretches::PositionedJson doc;
  stretches::JsonParseError perr;
  if (!stretches::parseJsonWithPositions(text, doc, perr)) {
    const TextPosition p = positionOfOffset(text, perr.offset);
    return Error{std::string(fileName) + ":" + std::to_string(p.line) + ":" +
                 std::to_string(p.column) + ": malformed JSON: " + perr.message};
  }
  try {
    Parser parser(text, fileName, doc);
    return parser.parse();
  } catch (const ParseFailure& f) {
    return Error{f.message};
  } catch (const json::exception& e) {
    return Error{std::string(fileName) + ": " + e.what()};
  }
}

Result<MuscleSet> loadMuscleSet(const std::filesystem::path& path) {
  Result<std::string> text = readFile(path);
  if (!text) return text.error();
  return parseMuscleSet(*text, path.string());
}

std::filesystem::path defaultMusclePath() {
  return dataDir() / "assets" / "muscles" / "muscles.json";
}

}  // namespace sv::muscles
