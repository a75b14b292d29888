#include "clip/palette.h"

#include <algorithm>

namespace sv::clip {

namespace {

constexpr int key(int r5, int g5, int b5) {
  return (r5 << 10) | (g5 << 5) | b5;
}

struct Cell {
  std::uint32_t count = 0;
  std::uint64_t sum[3] = {0, 0, 0};  // of the 8-bit values that fell into the cell
};

// A box of 5-bit cells (inclusive bounds per channel) holding some of the histogram.
struct Box {
  int lo[3], hi[3];
  std::uint64_t count = 0;
};

}  // namespace

Palette Palette::fromImage(const std::uint8_t* rgba, int width, int height, std::size_t stride) {
  std::vector<Cell> cells(32768);
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* p = rgba + static_cast<std::size_t>(y) * stride;
    for (int x = 0; x < width; ++x, p += 4) {
      Cell& c = cells[static_cast<std::size_t>(key(p[0] >> 3, p[1] >> 3, p[2] >> 3))];
      ++c.count;
      for (int i = 0; i < 3; ++i) c.sum[i] += p[i];
    }
  }
  const auto countIn = [&](const Box& b) {
    std::uint64_t n = 0;
    for (int r = b.lo[0]; r <= b.hi[0]; ++r)
      for (int g = b.lo[1]; g <= b.hi[1]; ++g)
        for (int bl = b.lo[2]; bl <= b.hi[2]; ++bl)
          n += cells[static_cast<std::size_t>(key(r, g, bl))].count;
    return n;
  };
  // Shrinks a box to the cells it actually holds.
  const auto shrink = [&](Box& b) {
    int lo[3] = {31, 31, 31}, hi[3] = {0, 0, 0};
    for (int r = b.lo[0]; r <= b.hi[0]; ++r)
      for (int g = b.lo[1]; g <= b.hi[1]; ++g)
        for (int bl = b.lo[2]; bl <= b.hi[2]; ++bl) {
          if (!cells[static_cast<std::size_t>(key(r, g, bl))].count) continue;
          const int v[3] = {r, g, bl};
          for (int i = 0; i < 3; ++i) {
            lo[i] = std::min(lo[i], v[i]);
            hi[i] = std::max(hi[i], v[i]);
          }
        }
    for (int i = 0; i < 3; ++i) {
      b.lo[i] = lo[i];
      b.hi[i] = hi[i];
    }
  };

  std::vector<Box> boxes;
  Box all{{0, 0, 0}, {31, 31, 31}, 0};
  all.count = countIn(all);
  if (all.count == 0) {
    Palette p;
    p.size_ = 1;
    p.argb_.fill(0xFF000000u);
    return p;
  }
  shrink(all);
  boxes.push_back(all);
  // Median cut: split the box with the most pixels (among those wider than one cell) across
  // its longest side at the pixel-weighted median, until 256 boxes.
  while (boxes.size() < 256) {
    int best = -1;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      const Box& b = boxes[i];
      const bool splittable = b.hi[0] > b.lo[0] || b.hi[1] > b.lo[1] || b.hi[2] > b.lo[2];
      if (splittable && (best < 0 || b.count > boxes[static_cast<std::size_t>(best)].count)) {
        best = static_cast<int>(i);
      }
    }
    if (best < 0) break;
    Box b = boxes[static_cast<std::size_t>(best)];
    int axis = 0;
    for (int i = 1; i < 3; ++i) {
      if (b.hi[i] - b.lo[i] > b.hi[axis] - b.lo[axis]) axis = i;
    }
    // Pixels per slice along the axis.
    std::vector<std::uint64_t> slice(32, 0);
    for (int r = b.lo[0]; r <= b.hi[0]; ++r)
      for (int g = b.lo[1]; g <= b.hi[1]; ++g)
        for (int bl = b.lo[2]; bl <= b.hi[2]; ++bl) {
          const int v[3] = {r, g, bl};
          slice[static_cast<std::size_t>(v[axis])] +=
              cells[static_cast<std::size_t>(key(r, g, bl))].count;
        }
    std::uint64_t acc = 0;
    int cut = b.lo[axis];
    for (int v = b.lo[axis]; v < b.hi[axis]; ++v) {
      acc += slice[static_cast<std::size_t>(v)];
      cut = v;
      if (acc * 2 >= b.count) break;
    }
    Box lower = b, upper = b;
    lower.hi[axis] = cut;
    upper.lo[axis] = cut + 1;
    lower.count = acc;
    upper.count = b.count - acc;
    shrink(lower);
    shrink(upper);
    boxes[static_cast<std::size_t>(best)] = lower;
    boxes.push_back(upper);
  }

  Palette p;
  for (const Box& b : boxes) {
    std::uint64_t sum[3] = {0, 0, 0};
    std::uint64_t n = 0;
    for (int r = b.lo[0]; r <= b.hi[0]; ++r)
      for (int g = b.lo[1]; g <= b.hi[1]; ++g)
        for (int bl = b.lo[2]; bl <= b.hi[2]; ++bl) {
          const Cell& c = cells[static_cast<std::size_t>(key(r, g, bl))];
          n += c.count;
          for (int i = 0; i < 3; ++i) sum[i] += c.sum[i];
        }
    if (n == 0) continue;
    const auto mean = [&](int i) { return static_cast<std::uint32_t>((sum[i] + n / 2) / n); };
    p.argb_[static_cast<std::size_t>(p.size_++)] =
        0xFF000000u | (mean(0) << 16) | (mean(1) << 8) | mean(2);
  }
  for (int i = p.size_; i < 256; ++i)
    p.argb_[static_cast<std::size_t>(i)] = p.argb_[static_cast<std::size_t>(p.size_ - 1)];
  return p;
}

std::uint8_t Palette::index(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  const int k = key(r >> 3, g >> 3, b >> 3);
  std::int16_t& cached = cache_[static_cast<std::size_t>(k)];
  if (cached >= 0) return static_cast<std::uint8_t>(cached);
  // The cell's centre stands for every colour in it.
  const int cr = ((r >> 3) << 3) + 4, cg = ((g >> 3) << 3) + 4, cb = ((b >> 3) << 3) + 4;
  int best = 0;
  int bestD = 1 << 30;
  for (int i = 0; i < size_; ++i) {
    const std::uint32_t e = argb_[static_cast<std::size_t>(i)];
    const int dr = static_cast<int>((e >> 16) & 0xFF) - cr;
    const int dg = static_cast<int>((e >> 8) & 0xFF) - cg;
    const int db = static_cast<int>(e & 0xFF) - cb;
    const int d = dr * dr + dg * dg + db * db;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  cached = static_cast<std::int16_t>(best);
  return static_cast<std::uint8_t>(best);
}

}  // namespace sv::clip
