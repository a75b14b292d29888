#include "anatomy/rig_names.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace sv::anatomy {
namespace {

bool isSeparator(char c) {
  return c == '_' || c == '-' || c == '.' || c == ' ' || c == '\t';
}
bool isUpper(char c) {
  return std::isupper(static_cast<unsigned char>(c)) != 0;
}
bool isLower(char c) {
  return std::islower(static_cast<unsigned char>(c)) != 0;
}
bool isDigit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}
bool isDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), isDigit);
}

struct RawToken {
  std::string text;    // as written
  char before = '\0';  // separator before it ('\0': none or a camelCase boundary)
  char after = '\0';
};

std::vector<RawToken> split(std::string_view s) {
  std::vector<RawToken> out;
  std::string cur;
  char pendingSep = '\0';
  auto flush = [&](char sepAfter) {
    if (cur.empty()) return;
    out.push_back({cur, pendingSep, sepAfter});
    cur.clear();
    pendingSep = '\0';
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (isSeparator(c)) {
      flush(c);
      pendingSep = c;
      continue;
    }
    if (!cur.empty()) {
      const char p = cur.back();
      const bool next = i + 1 < s.size();
      // "aB", "a1", "1a", and "LUpper" (an upper-case run before a capitalised word).
      const bool boundary = (isLower(p) && isUpper(c)) || (isDigit(p) != isDigit(c)) ||
                            (isUpper(p) && isUpper(c) && next && isLower(s[i + 1]));
      if (boundary) flush('\0');
    }
    cur.push_back(c);
  }
  flush('\0');
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Side sideOfToken(std::string_view t) {
  static constexpr std::array<std::string_view, 3> kLeft = {"l", "left", "lft"};
  static constexpr std::array<std::string_view, 3> kRight = {"r", "right", "rgt"};
  for (std::string_view w : kLeft)
    if (t == w) return Side::Left;
  for (std::string_view w : kRight)
    if (t == w) return Side::Right;
  return Side::Center;
}

// Words that carry no meaning for recognition wherever they stand.
constexpr std::array<std::string_view, 6> kFiller = {"jnt", "joint", "bone", "bn", "jt", "deform"};
// Marks of control and end bones.
constexpr std::array<std::string_view, 12> kHelper = {
    "ik", "fk", "pole", "target", "ctrl", "control", "ctl", "mch", "end", "nub", "tip", "helper"};
// Rig prefixes dropped at the start (a digit run right after them goes too: "Bip01",
// "mixamorig1", "Character1"), and midline marks ("C_spine", "M_neck").
constexpr std::array<std::string_view, 14> kPrefixes = {
    "mixamorig", "bip",   "def", "org", "armature", "skeleton", "rig",
    "character", "biped", "c",   "m",   "ctr",      "center",   "centre"};

}  // namespace

ParsedBoneName parseBoneName(std::string_view name) {
  ParsedBoneName p;
  const std::size_t cut = name.find_last_of(":|");
  if (cut != std::string_view::npos) {
    const std::string ns = lower(name.substr(0, cut));
    if (ns.find("mixamorig") != std::string::npos) p.prefix = "mixamorig";
    name = name.substr(cut + 1);
  }
  std::vector<RawToken> raw = split(name);

  // Side: a whole token, preferring the first or last one.
  int sideAt = -1;
  for (int pass = 0; pass < 2 && sideAt < 0; ++pass) {
    for (std::size_t i = 0; i < raw.size(); ++i) {
      const bool end = i == 0 || i + 1 == raw.size();
      if ((pass == 0) != end) continue;
      // A lone "L"/"R" glued by camelCase to a word ("LUpperArm") counts; "l" inside a
      // word never does (tokens are whole).
      if (sideOfToken(lower(raw[i].text)) != Side::Center) {
        sideAt = static_cast<int>(i);
        break;
      }
    }
  }
  if (sideAt >= 0) {
    const RawToken& t = raw[static_cast<std::size_t>(sideAt)];
    p.side = sideOfToken(lower(t.text));
    if (sideAt > 0 && t.before != '\0') p.sideStyle.push_back(t.before);
    p.sideStyle += t.text;
    if (static_cast<std::size_t>(sideAt) + 1 < raw.size() && t.after != '\0') {
      p.sideStyle.push_back(t.after);
    }
    raw.erase(raw.begin() + sideAt);
  }

  std::vector<std::string> toks;
  toks.reserve(raw.size());
  for (const RawToken& t : raw) toks.push_back(lower(t.text));

  // Leading rig prefixes (and the digit run that follows them).
  while (!toks.empty()) {
    const auto it = std::find(kPrefixes.begin(), kPrefixes.end(), toks.front());
    if (it == kPrefixes.end()) break;
    if (p.prefix.empty()) p.prefix = std::string(*it);
    toks.erase(toks.begin());
    if (!toks.empty() && isDigits(toks.front())) toks.erase(toks.begin());
  }
  // A side glued to the first word without a case change ("leftupperarm", "LEFTUPPERARM").
  if (p.side == Side::Center && !toks.empty()) {
    for (const auto& [word, side] : {std::pair<std::string_view, Side>{"left", Side::Left},
                                     std::pair<std::string_view, Side>{"right", Side::Right}}) {
      const std::string& f = toks.front();
      if (f.size() > word.size() + 1 && f.compare(0, word.size(), word) == 0) {
        p.side = side;
        p.sideStyle = std::string(name.substr(0, word.size()));
        toks.front() = f.substr(word.size());
        break;
      }
    }
  }
  for (const std::string& t : toks) {
    if (std::find(kHelper.begin(), kHelper.end(), t) != kHelper.end()) p.helper = true;
    if (std::find(kFiller.begin(), kFiller.end(), t) != kFiller.end()) continue;
    p.tokens.push_back(t);
  }
  return p;
}

}  // namespace sv::anatomy
