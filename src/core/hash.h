// A 64-bit running hash for change detection ("is this frame's input the same as the last
// one's?"), not for hash tables or security.
//
// FNV-1a over 64-bit words: each step is a bijection of the state for a given word, so any
// single changed word changes the result; several changes cancel out only by chance (2^-64).
// Floats are hashed by their bit patterns (-0 and +0 differ: at worst one needless redraw).
// Allocation-free; a few nanoseconds per word.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace sv {

class Hasher {
 public:
  void u64(std::uint64_t v) {
    h_ ^= v;
    h_ *= 0x100000001b3ull;
  }
  void u32(std::uint32_t v) { u64(v); }
  void i32(std::int32_t v) { u64(static_cast<std::uint32_t>(v)); }
  void f32(float v) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    u64(bits);
  }
  void floats(const float* p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) f32(p[i]);
  }
  // Raw bytes of a buffer; its length is part of the hash.
  void bytes(const void* data, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
      std::uint64_t w = 0;
      std::memcpy(&w, p + i, 8);
      u64(w);
    }
    std::uint64_t tail = 0;
    if (i < size) std::memcpy(&tail, p + i, size - i);
    u64(tail);
    u64(size);
  }
  std::uint64_t value() const { return h_; }

 private:
  std::uint64_t h_ = 0xcbf29ce484222325ull;
};

}  // namespace sv
