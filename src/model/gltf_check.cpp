#include "model/gltf_check.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace sv::gltf {
namespace {

using nlohmann::json;
using u64 = std::uint64_t;

constexpr int kByte = 5120;
constexpr int kUnsignedByte = 5121;
constexpr int kShort = 5122;
constexpr int kUnsignedShort = 5123;
constexpr int kUnsignedInt = 5125;
constexpr int kFloat = 5126;

// Accessors without a bufferView are zeros that readers allocate: bounded like a buffer.
constexpr u64 kMaxZeroAccessorBytes = u64{256} << 20;

std::string typeName(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "the integer " + v.dump();
    case json::value_t::number_float:
      return "the number " + v.dump();
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    default:
      return "an unsupported value";
  }
}

// Bytes of one element, with the column padding the spec requires for small matrices.
u64 elementBytes(int ctype, std::string_view type) {
  const u64 c = static_cast<u64>(componentBytes(ctype));
  if (type == "MAT2" && c == 1) return 8;
  if (type == "MAT3" && c == 1) return 12;
  if (type == "MAT3" && c == 2) return 24;
  return c * static_cast<u64>(componentCount(type));
}

std::string ptrJoin(const std::string& base, std::string_view token) {
  return base + "/" + escapePointerToken(token);
}
std::string ptrJoin(const std::string& base, u64 i) {
  return base + "/" + std::to_string(i);
}

struct AccessorInfo {
  bool ok = false;
  int ctype = 0;
  std::string type;
  u64 count = 0;
  bool sparse = false;
};

class Checker {
 public:
  explicit Checker(const Asset& a) : asset_(a), j_(a.json) {}

  Status run() {
    if (!asset() || !buffers() || !bufferViews() || !accessors() || !nodes() || !meshes() ||
        !skins() || !animations() || !scenes() || !materials()) {
      return Error{error_};
    }
    return {};
  }

 private:
  const Asset& asset_;
  const json& j_;
  std::string error_;
  std::vector<AccessorInfo> acc_;
  const json kEmpty = json::array();

  bool fail(const std::string& ptr, const std::string& why) {
    if (error_.empty()) error_ = (ptr.empty() ? std::string("/") : ptr) + ": " + why;
    return false;
  }

  static const json* member(const json& obj, const char* key) {
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
  }

  // The top-level array `key` (empty when absent); every element must be an object.
  bool top(const char* key, const json*& out) {
    out = &kEmpty;
    const json* v = member(j_, key);
    if (!v) return true;
    const std::string ptr = std::string("/") + key;
    if (!v->is_array()) return fail(ptr, "expected an array, got " + typeName(*v));
    for (std::size_t i = 0; i < v->size(); ++i) {
      if (!(*v)[i].is_object()) {
        return fail(ptrJoin(ptr, i), "expected an object, got " + typeName((*v)[i]));
      }
    }
    out = v;
    return true;
  }
  const json& arr(const char* key) const {
    const json* v = member(j_, key);
    return v ? *v : kEmpty;
  }
  std::size_t size(const char* key) const { return arr(key).size(); }

  // A non-negative integer (no fractions, no negative or float-written values).
  bool uint(const json& v, const std::string& ptr, const char* what, u64& out) {
    if (v.is_number_unsigned()) {
      out = v.get<u64>();
      return true;
    }
    return fail(ptr, std::string("expected ") + what + ", got " + typeName(v));
  }
  bool optUint(const json& obj, const std::string& base, const char* key, const char* what,
               u64& out) {
    const json* v = member(obj, key);
    if (!v) return true;
    return uint(*v, ptrJoin(base, key), what, out);
  }
  bool reqUint(const json& obj, const std::string& base, const char* key, const char* what,
               u64& out) {
    const json* v = member(obj, key);
    if (!v) return fail(base, std::string("missing required member \"") + key + "\"");
    return uint(*v, ptrJoin(base, key), what, out);
  }

  // An index into the top-level array `of` ("accessor", "accessors").
  bool index(const json& v, const std::string& ptr, const char* what, const char* of, u64& out) {
    if (!v.is_number_unsigned()) {
      const bool vowel = std::string_view("aeiou").find(what[0]) != std::string_view::npos;
      return fail(ptr, std::string("expected ") + (vowel ? "an " : "a ") + what + " index, got " +
                           typeName(v));
    }
    out = v.get<u64>();
    const std::size_t n = size(of);
    if (out >= n) {
      return fail(ptr, std::string(what) + " " + std::to_string(out) +
                           " does not exist (the file has " + std::to_string(n) + ")");
    }
    return true;
  }
  bool optIndex(const json& obj, const std::string& base, const char* key, const char* what,
                const char* of, std::optional<u64>& out) {
    const json* v = member(obj, key);
    if (!v) return true;
    u64 i = 0;
    if (!index(*v, ptrJoin(base, key), what, of, i)) return false;
    out = i;
    return true;
  }

  bool numbers(const json& obj, const std::string& base, const char* key, std::size_t n) {
    const json* v = member(obj, key);
    if (!v) return true;
    const std::string ptr = ptrJoin(base, key);
    if (!v->is_array() || (n > 0 && v->size() != n)) {
      return fail(ptr, "expected an array of " + (n > 0 ? std::to_string(n) + " " : "") +
                           "numbers, got " + typeName(*v) +
                           (v->is_array() ? " of " + std::to_string(v->size()) : ""));
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
      const json& e = (*v)[i];
      if (!e.is_number() || !std::isfinite(e.get<double>())) {
        return fail(ptrJoin(ptr, i), "expected a number, got " + typeName(e));
      }
    }
    return true;
  }

  bool str(const json& obj, const std::string& base, const char* key) {
    const json* v = member(obj, key);
    if (v && !v->is_string())
      return fail(ptrJoin(base, key), "expected a string, got " + typeName(*v));
    return true;
  }

  // ---- asset ------------------------------------------------------------------------------
  static bool parseVersion(const std::string& s, int& major, int& minor) {
    const auto dot = s.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 >= s.size() || s.size() > 16) return false;
    major = minor = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (i == dot) continue;
      if (s[i] < '0' || s[i] > '9') return false;
      int& part = i < dot ? major : minor;
      part = part * 10 + (s[i] - '0');
    }
    return true;
  }

  bool asset() {
    const json* a = member(j_, "asset");
    if (!a) return fail("", "missing required member \"asset\" (not a glTF 2.0 file?)");
    if (!a->is_object()) return fail("/asset", "expected an object, got " + typeName(*a));
    const json* v = member(*a, "version");
    if (!v) return fail("/asset", "missing required member \"version\"");
    if (!v->is_string()) return fail("/asset/version", "expected a string, got " + typeName(*v));
    int major = 0, minor = 0;
    const std::string version = v->get<std::string>();
    if (!parseVersion(version, major, minor)) {
      return fail("/asset/version", "expected \"<major>.<minor>\", got \"" + version + "\"");
    }
    if (major != 2) {
      return fail("/asset/version",
                  "glTF " + version + " is not supported (this program reads glTF 2.0 files)");
    }
    if (const json* mv = member(*a, "minVersion")) {
      int mj = 0, mn = 0;
      if (!mv->is_string() || !parseVersion(mv->get<std::string>(), mj, mn)) {
        return fail("/asset/minVersion", "expected \"<major>.<minor>\", got " + typeName(*mv));
      }
      if (mj != 2 || mn > 0) {
        return fail("/asset/minVersion", "the file needs glTF " + mv->get<std::string>() +
                                             " (this program reads glTF 2.0 files)");
      }
    }
    if (minor != 0) {
      // The spec lets a 2.0 reader load 2.x, but assimp 5.2 refuses anything but "2.0"
      // ("No suitable reader"): say what is wrong instead.
      return fail("/asset/version", "glTF " + version +
                                        " is not supported (the importer, assimp 5.2, reads "
                                        "glTF 2.0 files only)");
    }
    return true;
  }

  // ---- buffers and views ------------------------------------------------------------------
  bool buffers() {
    const json* bs = nullptr;
    if (!top("buffers", bs)) return false;
    for (std::size_t i = 0; i < bs->size(); ++i) {
      const std::string ptr = ptrJoin("/buffers", i);
      u64 length = 0;
      if (!reqUint((*bs)[i], ptr, "byteLength", "a byte count", length)) return false;
      if (!str((*bs)[i], ptr, "uri")) return false;
      const u64 have = i < asset_.buffers.size() ? asset_.buffers[i].size() : 0;
      if (length > have) {
        return fail(ptrJoin(ptr, "byteLength"), "byteLength " + std::to_string(length) +
                                                    " but the buffer holds " +
                                                    std::to_string(have) + " bytes");
      }
    }
    return true;
  }

  u64 bufferLength(u64 i) const {
    return arr("buffers")[i].value("byteLength", u64{0});  // checked in buffers()
  }

  bool bufferViews() {
    const json* vs = nullptr;
    if (!top("bufferViews", vs)) return false;
    for (std::size_t i = 0; i < vs->size(); ++i) {
      const json& v = (*vs)[i];
      const std::string ptr = ptrJoin("/bufferViews", i);
      const json* b = member(v, "buffer");
      if (!b) return fail(ptr, "missing required member \"buffer\"");
      u64 buffer = 0, offset = 0, length = 0, stride = 0, target = 0;
      if (!index(*b, ptrJoin(ptr, "buffer"), "buffer", "buffers", buffer)) return false;
      if (!optUint(v, ptr, "byteOffset", "a non-negative byte offset", offset)) return false;
      if (!reqUint(v, ptr, "byteLength", "a byte count", length)) return false;
      if (length == 0) return fail(ptrJoin(ptr, "byteLength"), "must be at least 1");
      if (!optUint(v, ptr, "byteStride", "a byte stride", stride)) return false;
      if (member(v, "byteStride") && (stride < 4 || stride > 252 || stride % 4 != 0)) {
        return fail(ptrJoin(ptr, "byteStride"),
                    "must be a multiple of 4 in [4, 252], got " + std::to_string(stride));
      }
      if (!optUint(v, ptr, "target", "a target", target)) return false;
      const u64 blen = bufferLength(buffer);
      if (!rangeFits(offset, 0, 1, length, blen)) {
        return fail(ptr, std::to_string(length) + " bytes from byte " + std::to_string(offset) +
                             " do not fit in buffer " + std::to_string(buffer) + " (" +
                             std::to_string(blen) + " bytes)");
      }
    }
    return true;
  }

  // ---- accessors --------------------------------------------------------------------------
  bool accessors() {
    const json* as = nullptr;
    if (!top("accessors", as)) return false;
    acc_.assign(as->size(), {});
    const json& views = arr("bufferViews");
    for (std::size_t i = 0; i < as->size(); ++i) {
      const json& a = (*as)[i];
      const std::string ptr = ptrJoin("/accessors", i);
      AccessorInfo info;
      u64 ctype = 0, count = 0, offset = 0;
      if (!reqUint(a, ptr, "componentType", "a component type", ctype)) return false;
      if (componentBytes(static_cast<int>(ctype)) == 0 || ctype > 0xFFFF) {
        return fail(ptrJoin(ptr, "componentType"),
                    "unknown component type " + std::to_string(ctype) +
                        " (expected 5120, 5121, 5122, 5123, 5125 or 5126)");
      }
      info.ctype = static_cast<int>(ctype);
      const json* t = member(a, "type");
      if (!t) return fail(ptr, "missing required member \"type\"");
      if (!t->is_string() || componentCount(t->get<std::string>()) == 0) {
        return fail(ptrJoin(ptr, "type"),
                    "expected SCALAR, VEC2, VEC3, VEC4, MAT2, MAT3 or MAT4, got " +
                        (t->is_string() ? "\"" + t->get<std::string>() + "\"" : typeName(*t)));
      }
      info.type = t->get<std::string>();
      if (!reqUint(a, ptr, "count", "an element count", count)) return false;
      if (count == 0) return fail(ptrJoin(ptr, "count"), "must be at least 1");
      info.count = count;
      if (const json* n = member(a, "normalized"); n && !n->is_boolean()) {
        return fail(ptrJoin(ptr, "normalized"), "expected a boolean, got " + typeName(*n));
      }
      if (!numbers(a, ptr, "min", 0) || !numbers(a, ptr, "max", 0)) return false;
      if (!optUint(a, ptr, "byteOffset", "a non-negative byte offset", offset)) return false;
      const u64 elem = elementBytes(info.ctype, info.type);
      std::optional<u64> view;
      if (!optIndex(a, ptr, "bufferView", "bufferView", "bufferViews", view)) return false;
      if (view) {
        const json& v = views[*view];
        const u64 vlen = v.value("byteLength", u64{0});
        const u64 stride = v.contains("byteStride") ? v["byteStride"].get<u64>() : elem;
        if (offset % static_cast<u64>(componentBytes(info.ctype)) != 0) {
          return fail(ptrJoin(ptr, "byteOffset"), "byteOffset " + std::to_string(offset) +
                                                      " is not a multiple of the component size");
        }
        if (stride < elem) {
          return fail(ptr, "elements of " + std::to_string(elem) + " bytes do not fit bufferView " +
                               std::to_string(*view) + "'s byteStride " + std::to_string(stride));
        }
        if (!rangeFits(offset, stride, count, elem, vlen)) {
          return fail(ptr, std::to_string(count) + " elements of " + std::to_string(elem) +
                               " bytes (stride " + std::to_string(stride) + ") from byte " +
                               std::to_string(offset) + " do not fit in bufferView " +
                               std::to_string(*view) + " (" + std::to_string(vlen) + " bytes)");
        }
      } else {
        if (member(a, "byteOffset")) return fail(ptrJoin(ptr, "byteOffset"), "needs a bufferView");
        if (!rangeFits(0, elem, count, elem, kMaxZeroAccessorBytes)) {
          return fail(ptrJoin(ptr, "count"),
                      std::to_string(count) + " zero elements without a bufferView: too many");
        }
      }
      if (const json* sp = member(a, "sparse")) {
        if (!sparse(*sp, ptrJoin(ptr, "sparse"), count, elem)) return false;
        info.sparse = true;
      }
      info.ok = true;
      acc_[i] = info;
    }
    return true;
  }

  bool sparse(const json& sp, const std::string& ptr, u64 count, u64 elem) {
    if (!sp.is_object()) return fail(ptr, "expected an object, got " + typeName(sp));
    u64 n = 0;
    if (!reqUint(sp, ptr, "count", "an element count", n)) return false;
    if (n == 0 || n > count) {
      return fail(ptrJoin(ptr, "count"),
                  "must lie in [1, " + std::to_string(count) + "], got " + std::to_string(n));
    }
    const json& views = arr("bufferViews");
    for (const char* part : {"indices", "values"}) {
      const std::string pp = ptrJoin(ptr, part);
      const json* p = member(sp, part);
      if (!p) return fail(ptr, std::string("missing required member \"") + part + "\"");
      if (!p->is_object()) return fail(pp, "expected an object, got " + typeName(*p));
      const json* bv = member(*p, "bufferView");
      if (!bv) return fail(pp, "missing required member \"bufferView\"");
      u64 view = 0, offset = 0, ctype = 0;
      if (!index(*bv, ptrJoin(pp, "bufferView"), "bufferView", "bufferViews", view)) return false;
      if (!optUint(*p, pp, "byteOffset", "a non-negative byte offset", offset)) return false;
      u64 size = elem;
      if (std::string_view(part) == "indices") {
        if (!reqUint(*p, pp, "componentType", "a component type", ctype)) return false;
        if (ctype != kUnsignedByte && ctype != kUnsignedShort && ctype != kUnsignedInt) {
          return fail(ptrJoin(pp, "componentType"),
                      "expected 5121, 5123 or 5125, got " + std::to_string(ctype));
        }
        size = static_cast<u64>(componentBytes(static_cast<int>(ctype)));
      }
      const u64 vlen = views[view].value("byteLength", u64{0});
      if (!rangeFits(offset, size, n, size, vlen)) {
        return fail(pp, std::to_string(n) + " elements of " + std::to_string(size) +
                            " bytes from byte " + std::to_string(offset) +
                            " do not fit in bufferView " + std::to_string(view));
      }
      if (std::string_view(part) == "indices") {
        const std::vector<u64> idx = readUints(view, offset, size, n);
        for (std::size_t k = 0; k < idx.size(); ++k) {
          if (idx[k] >= count) {
            return fail(pp, "sparse index " + std::to_string(idx[k]) + " (element " +
                                std::to_string(k) + ") is not below the accessor's count " +
                                std::to_string(count));
          }
        }
      }
    }
    return true;
  }

  // Tightly packed unsigned integers of `size` bytes from a bufferView (bounds checked).
  std::vector<u64> readUints(u64 view, u64 offset, u64 size, u64 n) const {
    const json& v = arr("bufferViews")[view];
    const u64 buffer = v["buffer"].get<u64>();
    const u64 base = v.value("byteOffset", u64{0}) + offset;
    const std::string& data = asset_.buffers[buffer];
    std::vector<u64> out(n);
    for (u64 k = 0; k < n; ++k) {
      const char* p = data.data() + base + k * size;
      if (size == 1) {
        std::uint8_t x;
        std::memcpy(&x, p, 1);
        out[k] = x;
      } else if (size == 2) {
        std::uint16_t x;
        std::memcpy(&x, p, 2);
        out[k] = x;
      } else {
        std::uint32_t x;
        std::memcpy(&x, p, 4);
        out[k] = x;
      }
    }
    return out;
  }

  // Values of an unsigned integer accessor (bounds already checked), element-major.
  std::vector<u64> accessorUints(u64 index) const {
    const AccessorInfo& info = acc_[index];
    const json& a = arr("accessors")[index];
    const u64 comps = static_cast<u64>(componentCount(info.type));
    const u64 csize = static_cast<u64>(componentBytes(info.ctype));
    std::vector<u64> out(info.count * comps, 0);
    if (!a.contains("bufferView")) return out;
    const json& v = arr("bufferViews")[a["bufferView"].get<u64>()];
    const u64 stride = v.contains("byteStride") ? v["byteStride"].get<u64>() : csize * comps;
    const u64 base = v.value("byteOffset", u64{0}) + a.value("byteOffset", u64{0});
    const std::string& data = asset_.buffers[v["buffer"].get<u64>()];
    for (u64 e = 0; e < info.count; ++e) {
      for (u64 c = 0; c < comps; ++c) {
        const char* p = data.data() + base + e * stride + c * csize;
        u64 x = 0;
        if (csize == 1) {
          std::uint8_t b;
          std::memcpy(&b, p, 1);
          x = b;
        } else if (csize == 2) {
          std::uint16_t b;
          std::memcpy(&b, p, 2);
          x = b;
        } else {
          std::uint32_t b;
          std::memcpy(&b, p, 4);
          x = b;
        }
        out[e * comps + c] = x;
      }
    }
    return out;
  }

  // ---- nodes ------------------------------------------------------------------------------
  bool nodes() {
    const json* ns = nullptr;
    if (!top("nodes", ns)) return false;
    const std::size_t n = ns->size();
    std::vector<std::int64_t> parent(n, -1);
    for (std::size_t i = 0; i < n; ++i) {
      const json& node = (*ns)[i];
      const std::string ptr = ptrJoin("/nodes", i);
      if (!str(node, ptr, "name")) return false;
      std::optional<u64> mesh, skin, camera;
      if (!optIndex(node, ptr, "mesh", "mesh", "meshes", mesh) ||
          !optIndex(node, ptr, "skin", "skin", "skins", skin) ||
          !optIndex(node, ptr, "camera", "camera", "cameras", camera)) {
        return false;
      }
      if (skin && !mesh) return fail(ptrJoin(ptr, "skin"), "a node with a skin needs a mesh");
      if (!numbers(node, ptr, "matrix", 16) || !numbers(node, ptr, "translation", 3) ||
          !numbers(node, ptr, "rotation", 4) || !numbers(node, ptr, "scale", 3) ||
          !numbers(node, ptr, "weights", 0)) {
        return false;
      }
      const json* children = member(node, "children");
      if (!children) continue;
      const std::string cptr = ptrJoin(ptr, "children");
      if (!children->is_array()) return fail(cptr, "expected an array, got " + typeName(*children));
      for (std::size_t k = 0; k < children->size(); ++k) {
        u64 c = 0;
        if (!index((*children)[k], ptrJoin(cptr, k), "node", "nodes", c)) return false;
        if (c == i)
          return fail(ptrJoin(cptr, k), "node " + std::to_string(i) + " is its own child");
        if (parent[c] >= 0) {
          return fail(ptrJoin(cptr, k), "node " + std::to_string(c) +
                                            " already is a child of node " +
                                            std::to_string(parent[c]) + " (one parent per node)");
        }
        parent[c] = static_cast<std::int64_t>(i);
      }
    }
    // Depth from the roots, breadth first (no recursion: the depth is what is checked).
    std::vector<std::uint32_t> depth(n, 0);
    std::vector<std::size_t> queue;
    for (std::size_t i = 0; i < n; ++i) {
      if (parent[i] < 0) {
        depth[i] = 1;
        queue.push_back(i);
      }
    }
    for (std::size_t q = 0; q < queue.size(); ++q) {
      const std::size_t i = queue[q];
      if (depth[i] > kMaxNodeDepth) {
        return fail(ptrJoin("/nodes", i), "the node hierarchy is more than " +
                                              std::to_string(kMaxNodeDepth) + " levels deep");
      }
      const json* children = member((*ns)[i], "children");
      if (!children) continue;
      for (const json& c : *children) {
        const auto ci = static_cast<std::size_t>(c.get<u64>());
        depth[ci] = depth[i] + 1;
        queue.push_back(ci);
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (depth[i] == 0) {
        return fail(ptrJoin("/nodes", i),
                    "node " + std::to_string(i) + " is part of a cycle in the node hierarchy");
      }
    }
    return true;
  }

  // ---- meshes -----------------------------------------------------------------------------
  // An accessor index whose type and component type are among the allowed ones.
  bool typedAccessor(const json& v, const std::string& ptr,
                     std::initializer_list<const char*> types, std::initializer_list<int> ctypes,
                     u64& out) {
    if (!index(v, ptr, "accessor", "accessors", out)) return false;
    const AccessorInfo& a = acc_[out];
    bool typeOk = types.size() == 0, ctypeOk = ctypes.size() == 0;
    for (const char* t : types) typeOk = typeOk || a.type == t;
    for (int c : ctypes) ctypeOk = ctypeOk || a.ctype == c;
    if (!typeOk || !ctypeOk) {
      std::string allowed;
      for (const char* t : types) allowed += (allowed.empty() ? "" : "/") + std::string(t);
      std::string comps;
      for (int c : ctypes) comps += (comps.empty() ? "" : "/") + std::to_string(c);
      return fail(ptr, "accessor " + std::to_string(out) + " is " + a.type + " of component type " +
                           std::to_string(a.ctype) + ", expected " +
                           (allowed.empty() ? std::string("any type") : allowed) +
                           (comps.empty() ? "" : " of " + comps));
    }
    return true;
  }

  // The attribute rules of the spec (what assimp copies into fixed-size arrays).
  bool attribute(const std::string& key, const json& v, const std::string& ptr, bool morph,
                 u64& out) {
    auto starts = [&](const char* p) { return key.rfind(p, 0) == 0; };
    if (key == "POSITION" || key == "NORMAL" || (morph && key == "TANGENT")) {
      return typedAccessor(v, ptr, {"VEC3"}, {kFloat}, out);
    }
    if (key == "TANGENT") return typedAccessor(v, ptr, {"VEC4"}, {kFloat}, out);
    if (starts("TEXCOORD_")) {
      return typedAccessor(v, ptr, {"VEC2"}, {kFloat, kUnsignedByte, kUnsignedShort}, out);
    }
    if (starts("COLOR_")) {
      return typedAccessor(v, ptr, {"VEC3", "VEC4"}, {kFloat, kUnsignedByte, kUnsignedShort}, out);
    }
    if (starts("JOINTS_"))
      return typedAccessor(v, ptr, {"VEC4"}, {kUnsignedByte, kUnsignedShort}, out);
    if (starts("WEIGHTS_")) {
      return typedAccessor(v, ptr, {"VEC4"}, {kFloat, kUnsignedByte, kUnsignedShort}, out);
    }
    return typedAccessor(v, ptr, {}, {}, out);  // application-specific (_MUSCLE …)
  }

  bool attributes(const json& attrs, const std::string& ptr, bool morph, u64 vertices) {
    if (!attrs.is_object()) return fail(ptr, "expected an object, got " + typeName(attrs));
    for (auto it = attrs.begin(); it != attrs.end(); ++it) {
      const std::string aptr = ptrJoin(ptr, it.key());
      u64 a = 0;
      if (!attribute(it.key(), it.value(), aptr, morph, a)) return false;
      if (acc_[a].count != vertices) {
        return fail(aptr, "accessor " + std::to_string(a) + " has " +
                              std::to_string(acc_[a].count) + " elements, but POSITION has " +
                              std::to_string(vertices));
      }
    }
    return true;
  }

  bool meshes() {
    const json* ms = nullptr;
    if (!top("meshes", ms)) return false;
    for (std::size_t m = 0; m < ms->size(); ++m) {
      const std::string mptr = ptrJoin("/meshes", m);
      if (!str((*ms)[m], mptr, "name") || !numbers((*ms)[m], mptr, "weights", 0)) return false;
      const json* prims = member((*ms)[m], "primitives");
      if (!prims) return fail(mptr, "missing required member \"primitives\"");
      const std::string pptr = ptrJoin(mptr, "primitives");
      if (!prims->is_array()) return fail(pptr, "expected an array, got " + typeName(*prims));
      if (prims->empty()) return fail(pptr, "a mesh needs at least one primitive");
      for (std::size_t p = 0; p < prims->size(); ++p) {
        if (!primitive((*prims)[p], ptrJoin(pptr, p))) return false;
      }
    }
    return true;
  }

  bool primitive(const json& prim, const std::string& ptr) {
    if (!prim.is_object()) return fail(ptr, "expected an object, got " + typeName(prim));
    const json* attrs = member(prim, "attributes");
    if (!attrs) return fail(ptr, "missing required member \"attributes\"");
    const std::string aptr = ptrJoin(ptr, "attributes");
    if (!attrs->is_object()) return fail(aptr, "expected an object, got " + typeName(*attrs));
    const json* position = member(*attrs, "POSITION");
    if (!position) return fail(aptr, "missing POSITION");
    u64 pos = 0;
    if (!attribute("POSITION", *position, ptrJoin(aptr, "POSITION"), false, pos)) return false;
    const u64 vertices = acc_[pos].count;
    if (!attributes(*attrs, aptr, false, vertices)) return false;
    // JOINTS_n and WEIGHTS_n come in pairs.
    for (auto it = attrs->begin(); it != attrs->end(); ++it) {
      const std::string& k = it.key();
      for (const auto& [mine, other] :
           {std::pair{"JOINTS_", "WEIGHTS_"}, std::pair{"WEIGHTS_", "JOINTS_"}}) {
        if (k.rfind(mine, 0) == 0 && !attrs->contains(other + k.substr(std::strlen(mine)))) {
          return fail(ptrJoin(aptr, k), k + " has no " + other + k.substr(std::strlen(mine)));
        }
      }
    }
    if (const json* mode = member(prim, "mode")) {
      if (!mode->is_number_unsigned() || mode->get<u64>() > 6) {
        return fail(ptrJoin(ptr, "mode"), "expected a primitive mode 0-6, got " + typeName(*mode));
      }
    }
    std::optional<u64> material;
    if (!optIndex(prim, ptr, "material", "material", "materials", material)) return false;
    if (const json* ind = member(prim, "indices")) {
      u64 a = 0;
      if (!typedAccessor(*ind, ptrJoin(ptr, "indices"), {"SCALAR"},
                         {kUnsignedByte, kUnsignedShort, kUnsignedInt}, a)) {
        return false;
      }
      const std::vector<u64> idx = accessorUints(a);
      for (std::size_t k = 0; k < idx.size(); ++k) {
        if (idx[k] >= vertices) {
          return fail(ptrJoin(ptr, "indices"), "index " + std::to_string(idx[k]) + " (element " +
                                                   std::to_string(k) + " of accessor " +
                                                   std::to_string(a) + ") is not below the " +
                                                   std::to_string(vertices) + " vertices");
        }
      }
    }
    if (const json* targets = member(prim, "targets")) {
      const std::string tptr = ptrJoin(ptr, "targets");
      if (!targets->is_array()) return fail(tptr, "expected an array, got " + typeName(*targets));
      for (std::size_t t = 0; t < targets->size(); ++t) {
        if (!attributes((*targets)[t], ptrJoin(tptr, t), true, vertices)) return false;
      }
    }
    return true;
  }

  // ---- skins ------------------------------------------------------------------------------
  bool skins() {
    const json* ss = nullptr;
    if (!top("skins", ss)) return false;
    for (std::size_t s = 0; s < ss->size(); ++s) {
      const json& skin = (*ss)[s];
      const std::string ptr = ptrJoin("/skins", s);
      if (!str(skin, ptr, "name")) return false;
      const json* joints = member(skin, "joints");
      if (!joints) return fail(ptr, "missing required member \"joints\"");
      const std::string jptr = ptrJoin(ptr, "joints");
      if (!joints->is_array()) return fail(jptr, "expected an array, got " + typeName(*joints));
      if (joints->empty()) return fail(jptr, "a skin needs at least one joint");
      std::vector<bool> seen(size("nodes"), false);
      for (std::size_t k = 0; k < joints->size(); ++k) {
        u64 node = 0;
        if (!index((*joints)[k], ptrJoin(jptr, k), "node", "nodes", node)) return false;
        if (seen[node])
          return fail(ptrJoin(jptr, k), "node " + std::to_string(node) + " is listed twice");
        seen[node] = true;
      }
      if (joints->size() > 65535) return fail(jptr, "more than 65535 joints");
      // Optional in the spec (identity matrices), but assimp 5.2 dereferences a null accessor
      // without them (found by fuzz_model_loader): refused.
      const json* ibm = member(skin, "inverseBindMatrices");
      if (!ibm) {
        return fail(ptr,
                    "missing \"inverseBindMatrices\" (the importer, assimp 5.2, crashes "
                    "on skins without them)");
      }
      u64 a = 0;
      if (!typedAccessor(*ibm, ptrJoin(ptr, "inverseBindMatrices"), {"MAT4"}, {kFloat}, a)) {
        return false;
      }
      if (acc_[a].count < joints->size()) {
        return fail(ptrJoin(ptr, "inverseBindMatrices"),
                    "accessor " + std::to_string(a) + " has " + std::to_string(acc_[a].count) +
                        " matrices for " + std::to_string(joints->size()) + " joints");
      }
      std::optional<u64> skeleton;
      if (!optIndex(skin, ptr, "skeleton", "node", "nodes", skeleton)) return false;
    }
    return true;
  }

  // ---- animations -------------------------------------------------------------------------
  bool animations() {
    const json* as = nullptr;
    if (!top("animations", as)) return false;
    for (std::size_t a = 0; a < as->size(); ++a) {
      const json& anim = (*as)[a];
      const std::string ptr = ptrJoin("/animations", a);
      if (!str(anim, ptr, "name")) return false;
      const json* samplers = member(anim, "samplers");
      const json* channels = member(anim, "channels");
      if (!samplers) return fail(ptr, "missing required member \"samplers\"");
      if (!channels) return fail(ptr, "missing required member \"channels\"");
      const std::string sptr = ptrJoin(ptr, "samplers");
      const std::string cptr = ptrJoin(ptr, "channels");
      if (!samplers->is_array()) return fail(sptr, "expected an array, got " + typeName(*samplers));
      if (!channels->is_array()) return fail(cptr, "expected an array, got " + typeName(*channels));
      struct Sampler {
        u64 input = 0, output = 0;
        u64 perKey = 1;  // outputs per key: 3 for CUBICSPLINE
      };
      std::vector<Sampler> ss(samplers->size());
      for (std::size_t s = 0; s < samplers->size(); ++s) {
        const json& sm = (*samplers)[s];
        const std::string p = ptrJoin(sptr, s);
        if (!sm.is_object()) return fail(p, "expected an object, got " + typeName(sm));
        const json* in = member(sm, "input");
        const json* out = member(sm, "output");
        if (!in) return fail(p, "missing required member \"input\"");
        if (!out) return fail(p, "missing required member \"output\"");
        if (!typedAccessor(*in, ptrJoin(p, "input"), {"SCALAR"}, {kFloat}, ss[s].input))
          return false;
        if (!index(*out, ptrJoin(p, "output"), "accessor", "accessors", ss[s].output)) return false;
        if (const json* interp = member(sm, "interpolation")) {
          const std::string v = interp->is_string() ? interp->get<std::string>() : std::string();
          if (v != "LINEAR" && v != "STEP" && v != "CUBICSPLINE") {
            return fail(ptrJoin(p, "interpolation"),
                        "expected LINEAR, STEP or CUBICSPLINE, got " +
                            (interp->is_string() ? "\"" + v + "\"" : typeName(*interp)));
          }
          if (v == "CUBICSPLINE") ss[s].perKey = 3;
        }
        if (!times(ss[s].input, ptrJoin(p, "input"))) return false;
      }
      for (std::size_t c = 0; c < channels->size(); ++c) {
        const json& ch = (*channels)[c];
        const std::string p = ptrJoin(cptr, c);
        if (!ch.is_object()) return fail(p, "expected an object, got " + typeName(ch));
        const json* sm = member(ch, "sampler");
        if (!sm) return fail(p, "missing required member \"sampler\"");
        if (!sm->is_number_unsigned() || sm->get<u64>() >= ss.size()) {
          return fail(ptrJoin(p, "sampler"), "expected a sampler index below " +
                                                 std::to_string(ss.size()) + ", got " +
                                                 typeName(*sm));
        }
        const Sampler& sampler = ss[sm->get<u64>()];
        const json* target = member(ch, "target");
        if (!target) return fail(p, "missing required member \"target\"");
        const std::string tptr = ptrJoin(p, "target");
        if (!target->is_object()) return fail(tptr, "expected an object, got " + typeName(*target));
        std::optional<u64> node;
        if (!optIndex(*target, tptr, "node", "node", "nodes", node)) return false;
        const json* path = member(*target, "path");
        if (!path) return fail(tptr, "missing required member \"path\"");
        const std::string pv = path->is_string() ? path->get<std::string>() : std::string();
        const std::string outPtr = ptrJoin(ptrJoin(sptr, sm->get<u64>()), "output");
        u64 out = 0;
        const u64 keys = acc_[sampler.input].count * sampler.perKey;
        const bool trs = pv == "translation" || pv == "scale";
        const bool weights = pv == "weights";
        if (!trs && !weights && pv != "rotation") {
          return fail(ptrJoin(tptr, "path"),
                      "expected translation, rotation, scale or weights, got " +
                          (path->is_string() ? "\"" + pv + "\"" : typeName(*path)));
        }
        const json& output = (*samplers)[sm->get<u64>()]["output"];
        const char* type = trs ? "VEC3" : weights ? "SCALAR" : "VEC4";
        if (!(trs ? typedAccessor(output, outPtr, {type}, {kFloat}, out)
                  : typedAccessor(output, outPtr, {type},
                                  {kFloat, kByte, kUnsignedByte, kShort, kUnsignedShort}, out))) {
          return false;
        }
        // Morph weights: one value per target and key.
        if (weights ? acc_[out].count % keys != 0 : acc_[out].count != keys) {
          return fail(outPtr, "accessor " + std::to_string(out) + " has " +
                                  std::to_string(acc_[out].count) + " values for " +
                                  std::to_string(keys) + " keys" +
                                  (weights ? " (a multiple is needed)" : ""));
        }
      }
    }
    return true;
  }

  // Key times: finite and not decreasing.
  bool times(u64 accessor, const std::string& ptr) {
    int cc = 0;
    auto t = readAccessorFloats(asset_, static_cast<int>(accessor), cc);
    if (!t) return fail(ptr, t.error().message);
    for (std::size_t k = 0; k < t->size(); ++k) {
      const float v = (*t)[k];
      if (!std::isfinite(v) || (k > 0 && v < (*t)[k - 1])) {
        return fail(ptr, "key time " + std::to_string(k) + " of accessor " +
                             std::to_string(accessor) + " is not finite or decreases");
      }
    }
    return true;
  }

  // ---- scenes, materials, textures, images ------------------------------------------------
  bool scenes() {
    const json* ss = nullptr;
    if (!top("scenes", ss)) return false;
    std::optional<u64> scene;
    if (!optIndex(j_, "", "scene", "scene", "scenes", scene)) return false;
    for (std::size_t s = 0; s < ss->size(); ++s) {
      const std::string ptr = ptrJoin("/scenes", s);
      if (!str((*ss)[s], ptr, "name")) return false;
      const json* nodes = member((*ss)[s], "nodes");
      if (!nodes) continue;
      const std::string nptr = ptrJoin(ptr, "nodes");
      if (!nodes->is_array()) return fail(nptr, "expected an array, got " + typeName(*nodes));
      for (std::size_t k = 0; k < nodes->size(); ++k) {
        u64 node = 0;
        if (!index((*nodes)[k], ptrJoin(nptr, k), "node", "nodes", node)) return false;
      }
    }
    return true;
  }

  bool textureInfo(const json& obj, const std::string& base, const char* key) {
    const json* t = member(obj, key);
    if (!t) return true;
    const std::string ptr = ptrJoin(base, key);
    if (!t->is_object()) return fail(ptr, "expected an object, got " + typeName(*t));
    const json* i = member(*t, "index");
    if (!i) return fail(ptr, "missing required member \"index\"");
    u64 tex = 0;
    u64 set = 0;
    return index(*i, ptrJoin(ptr, "index"), "texture", "textures", tex) &&
           optUint(*t, ptr, "texCoord", "a texture coordinate set", set);
  }

  bool materials() {
    const json* ms = nullptr;
    const json* ts = nullptr;
    const json* is = nullptr;
    const json* samplers = nullptr;
    const json* cameras = nullptr;
    if (!top("materials", ms) || !top("textures", ts) || !top("images", is) ||
        !top("samplers", samplers) || !top("cameras", cameras)) {
      return false;
    }
    for (std::size_t m = 0; m < ms->size(); ++m) {
      const json& mat = (*ms)[m];
      const std::string ptr = ptrJoin("/materials", m);
      if (!str(mat, ptr, "name") || !textureInfo(mat, ptr, "normalTexture") ||
          !textureInfo(mat, ptr, "occlusionTexture") || !textureInfo(mat, ptr, "emissiveTexture") ||
          !numbers(mat, ptr, "emissiveFactor", 3) || !str(mat, ptr, "alphaMode")) {
        return false;
      }
      if (const json* pbr = member(mat, "pbrMetallicRoughness")) {
        const std::string pptr = ptrJoin(ptr, "pbrMetallicRoughness");
        if (!pbr->is_object()) return fail(pptr, "expected an object, got " + typeName(*pbr));
        if (!numbers(*pbr, pptr, "baseColorFactor", 4) ||
            !textureInfo(*pbr, pptr, "baseColorTexture") ||
            !textureInfo(*pbr, pptr, "metallicRoughnessTexture")) {
          return false;
        }
        for (const char* k : {"metallicFactor", "roughnessFactor"}) {
          const json* f = member(*pbr, k);
          if (f && (!f->is_number() || !std::isfinite(f->get<double>()))) {
            return fail(ptrJoin(pptr, k), "expected a number, got " + typeName(*f));
          }
        }
      }
    }
    for (std::size_t t = 0; t < ts->size(); ++t) {
      const std::string ptr = ptrJoin("/textures", t);
      std::optional<u64> source, sampler;
      if (!optIndex((*ts)[t], ptr, "source", "image", "images", source) ||
          !optIndex((*ts)[t], ptr, "sampler", "sampler", "samplers", sampler)) {
        return false;
      }
    }
    for (std::size_t i = 0; i < is->size(); ++i) {
      const std::string ptr = ptrJoin("/images", i);
      std::optional<u64> view;
      if (!str((*is)[i], ptr, "uri") || !str((*is)[i], ptr, "mimeType") ||
          !optIndex((*is)[i], ptr, "bufferView", "bufferView", "bufferViews", view)) {
        return false;
      }
    }
    return true;
  }
};

}  // namespace

int componentBytes(int ctype) {
  switch (ctype) {
    case kByte:
    case kUnsignedByte:
      return 1;
    case kShort:
    case kUnsignedShort:
      return 2;
    case kUnsignedInt:
    case kFloat:
      return 4;
    default:
      return 0;
  }
}

int componentCount(std::string_view type) {
  if (type == "SCALAR") return 1;
  if (type == "VEC2") return 2;
  if (type == "VEC3") return 3;
  if (type == "VEC4" || type == "MAT2") return 4;
  if (type == "MAT3") return 9;
  if (type == "MAT4") return 16;
  return 0;
}

bool rangeFits(u64 offset, u64 stride, u64 count, u64 elem, u64 length) {
  if (count == 0) return offset <= length;
  if (offset > length || elem > length - offset) return false;
  const u64 room = length - offset - elem;  // for the (count - 1) strides after the first
  return stride == 0 || (count - 1) <= room / stride;
}

Status checkDocument(const Asset& asset) {
  if (!asset.json.is_object()) return Error{"/: a glTF document is a JSON object"};
  return Checker(asset).run();
}

}  // namespace sv::gltf
