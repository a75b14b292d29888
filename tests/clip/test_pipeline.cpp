// The clip pipeline (clip/pipeline.h): frames reach the encoder whole, in order, through a
// bounded ring; the caller blocks only when the worker is behind; cancel and destruction leave
// nothing on disk; the worker's errors (a stand-in sink, and a real write refused by a file
// size limit) come back to the caller and leave nothing either.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "clip/clip.h"
#include "clip/pipeline.h"
#include "support/clip_decode.h"
#include "support/file_size_limit.h"
#include "support/scratch.h"
#include "support/synthetic_pictures.h"

namespace sv::clip {
namespace {

namespace fs = std::filesystem;
using sv::test::filesIn;

// Records the first byte of each frame (the test writes the frame's index there), sleeping
// `delay` per frame so the caller gets ahead; fails at frame `failAt` if set.
struct Recorder final : FrameSink {
  std::vector<int>* seen;
  bool* cancelled;
  bool* finished;
  std::chrono::milliseconds delay{0};
  int failAt = -1;
  Recorder(std::vector<int>* s, bool* c, bool* f) : seen(s), cancelled(c), finished(f) {}
  Status addFrame(const FrameView& frame) override {
    std::this_thread::sleep_for(delay);
    if (static_cast<int>(seen->size()) == failAt) return Error{"disk on fire"};
    seen->push_back(frame.rgba[0] | (frame.rgba[1] << 8));
    return {};
  }
  Status finish() override {
    *finished = true;
    return {};
  }
  void cancel() override { *cancelled = true; }
};

std::vector<std::uint8_t> numbered(int i) {
  std::vector<std::uint8_t> f(16 * 16 * 4, 0);
  f[0] = static_cast<std::uint8_t>(i & 0xFF);
  f[1] = static_cast<std::uint8_t>(i >> 8);
  return f;
}

}  // namespace

TEST_CASE(
    "pipeline: every frame reaches the sink once, in order, and a slow sink holds the caller") {
  std::vector<int> seen;
  bool cancelled = false, finished = false;
  auto sink = std::make_unique<Recorder>(&seen, &cancelled, &finished);
  sink->delay = std::chrono::milliseconds(5);
  ClipPipeline p(std::move(sink), 16, 16, "test.mp4", 2);
  std::vector<std::uint8_t> frame;
  for (int i = 0; i < 40; ++i) {
    frame = numbered(i);  // the caller reuses its buffer: the slot must be a copy
    REQUIRE(p.submit({frame.data(), 16, 16}).ok());
  }
  REQUIRE(p.finish().ok());
  CHECK(finished);
  CHECK_FALSE(cancelled);
  REQUIRE(seen.size() == 40);
  for (int i = 0; i < 40; ++i) CHECK(seen[static_cast<std::size_t>(i)] == i);
  // 40 frames of 5 ms through two slots: the caller waited for most of the 200 ms.
  CHECK(p.stats().waitSeconds > 0.1);
  CHECK(p.stats().encodeSeconds >= 0.19);
  CHECK(p.stats().frames == 40);
  CHECK_FALSE(p.submit({frame.data(), 16, 16}).ok());  // finished: nothing more
}

TEST_CASE("pipeline: the worker's error comes back to the caller, and the sink is cancelled") {
  std::vector<int> seen;
  bool cancelled = false, finished = false;
  auto sink = std::make_unique<Recorder>(&seen, &cancelled, &finished);
  sink->failAt = 3;
  ClipPipeline p(std::move(sink), 16, 16, "test.mp4", 2);
  Status st;
  int i = 0;
  for (; i < 100 && st.ok(); ++i) {
    const auto frame = numbered(i);
    st = p.submit({frame.data(), 16, 16});
  }
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message == "disk on fire");
  CHECK(i <= 3 + 2 + 1);  // at most a ring's worth of frames after the failing one
  CHECK(cancelled);
  CHECK_FALSE(finished);
  CHECK_FALSE(p.finish().ok());
  // A frame of the wrong size is refused on the caller's side, and cancels.
  std::vector<int> seen2;
  bool cancelled2 = false, finished2 = false;
  ClipPipeline q(std::make_unique<Recorder>(&seen2, &cancelled2, &finished2), 16, 16, "b.mp4");
  const auto small = numbered(0);
  const Status bad = q.submit({small.data(), 8, 16});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "b.mp4: frame 0 is 8x16, the clip is 16x16");
  CHECK(cancelled2);
}

TEST_CASE("pipeline: a pipelined MP4 decodes to its frames in order") {
  const fs::path dir = sv::test::scratchDir("pipeline", "mp4");
  const fs::path path = dir / "clip.mp4";
  ClipOptions o;
  o.width = 320;
  o.height = 180;
  const int n = 40;
  std::vector<std::vector<std::uint8_t>> input;
  for (int i = 0; i < n; ++i) input.push_back(sv::test::syntheticRgba(o.width, o.height, i));
  std::vector<std::uint8_t> shared;  // the source reuses one buffer, as the renderer does
  PipelineStats stats;
  auto r = exportClip(
      path, o, n,
      [&](int i, FrameView& v) {
        shared = input[static_cast<std::size_t>(i)];
        v = {shared.data(), o.width, o.height};
        return Status{};
      },
      {}, &stats);
  INFO((r.ok() ? std::string() : r.error().message));
  REQUIRE(r.ok());
  CHECK(*r == ExportOutcome::Written);
  CHECK(filesIn(dir) == 1);
  CHECK(stats.frames == n);
  CHECK(stats.encodeSeconds > 0.0);
  const sv::test::Decoded d = sv::test::decode(path);
  REQUIRE(static_cast<int>(d.frames.size()) == n);
  for (int i : {0, 1, 2, 20, 39}) {
    INFO("frame " << i);
    const double same =
        sv::test::psnr(d.frames[static_cast<std::size_t>(i)], input[static_cast<std::size_t>(i)]);
    CHECK(same > 35.0);
    const int other = i >= 36 ? i - 4 : i + 4;
    CHECK(sv::test::psnr(d.frames[static_cast<std::size_t>(i)],
                         input[static_cast<std::size_t>(other)]) < same - 3.0);
  }
}

TEST_CASE("pipeline: cancelled or dropped part-way, nothing is left: no clip, no temporary file") {
  const fs::path dir = sv::test::scratchDir("pipeline", "cancel");
  ClipOptions o;
  o.width = 128;
  o.height = 72;
  const auto frame = sv::test::syntheticRgba(o.width, o.height, 0);
  for (const char* name : {"a.mp4", "a.gif"}) {
    INFO(name);
    o.format = *formatForPath(name);
    auto r = exportClip(
        dir / name, o, 200,
        [&](int, FrameView& v) {
          v = {frame.data(), o.width, o.height};
          return Status{};
        },
        [&](int done, int) {
          if (done == 20) CHECK(filesIn(dir) == 1);  // the temporary file, being written
          return done < 20;
        });
    REQUIRE(r.ok());
    CHECK(*r == ExportOutcome::Cancelled);
    CHECK(filesIn(dir) == 0);
    {
      auto p = ClipPipeline::open(dir / name, o);
      REQUIRE(p.ok());
      for (int i = 0; i < 10; ++i) REQUIRE((*p)->submit({frame.data(), o.width, o.height}).ok());
      CHECK(filesIn(dir) == 1);
    }  // destroyed with frames queued: cancels
    CHECK(filesIn(dir) == 0);
  }
}

TEST_CASE("pipeline: a write the system refuses mid-clip is reported and leaves nothing") {
  const fs::path dir = sv::test::scratchDir("pipeline", "fsize");
  const fs::path path = dir / "big.mp4";
  ClipOptions o;
  o.width = 320;
  o.height = 180;
  o.crf = 0;  // lossless: the file outgrows the limit within a few frames
  std::vector<std::vector<std::uint8_t>> input;
  for (int i = 0; i < 8; ++i) input.push_back(sv::test::syntheticRgba(o.width, o.height, i * 7));
  Result<ExportOutcome> r = ExportOutcome::Written;
  {
    sv::test::FileSizeLimit limit(64 * 1024);
    r = exportClip(path, o, 120, [&](int i, FrameView& v) {
      v = {input[static_cast<std::size_t>(i) % input.size()].data(), o.width, o.height};
      return Status{};
    });
  }
  REQUIRE_FALSE(r.ok());
  INFO(r.error().message);
  CHECK(r.error().message.find(path.string() + ": ") == 0);
  CHECK(r.error().message.find("File too large") != std::string::npos);
  CHECK(filesIn(dir) == 0);
}

}  // namespace sv::clip

namespace sv::clip {

TEST_CASE("pipeline: frames filled in place through acquire and commit arrive in order") {
  std::vector<int> seen;
  bool cancelled = false, finished = false;
  auto sink = std::make_unique<Recorder>(&seen, &cancelled, &finished);
  sink->delay = std::chrono::milliseconds(2);
  ClipPipeline p(std::move(sink), 16, 16, "fill.mp4", 3);
  p.commit();  // nothing acquired: nothing queued
  for (int i = 0; i < 20; ++i) {
    auto slot = p.acquire();
    REQUIRE(slot.ok());
    auto again = p.acquire();  // not committed yet: the same slot
    REQUIRE(again.ok());
    CHECK(*again == *slot);
    const auto frame = numbered(i);
    std::copy(frame.begin(), frame.end(), *slot);
    p.commit();
  }
  REQUIRE(p.finish().ok());
  REQUIRE(seen.size() == 20);
  for (int i = 0; i < 20; ++i) CHECK(seen[static_cast<std::size_t>(i)] == i);
  CHECK(p.stats().copySeconds == 0.0);  // nothing was copied
  CHECK_FALSE(p.acquire().ok());        // finished
}

}  // namespace sv::clip
