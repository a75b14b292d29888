// A clip encoded on a worker thread while the caller renders the next frame.
//
// The caller (the thread that owns the GL context) renders and reads back frame N and
// submit()s it; a worker thread converts (swscale or the GIF palette), encodes and muxes
// frame N−1 meanwhile. Frames pass through a bounded ring of `depth` slots, all allocated by
// open(): one slot is being encoded while the caller fills another, so submit() blocks only
// when the encoder is a whole ring behind. Nothing is allocated per frame by the pipeline
// (the encoder's own buffers are libavcodec's business).
//
// Atomic as ClipWriter is (clip.h): the worker's writer encodes into a temporary file that
// finish() renames over the target; cancel(), a failure on either side, or destroying the
// pipeline before finish() stops the worker, joins it and removes the temporary file.
//
// Errors from the worker (encoding, writing: a full disk, a file size limit) are kept, and the
// next submit() or finish() returns the first of them; the worker stops at its first error.
//
// Not thread-safe for callers: one thread calls every member.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "clip/clip.h"
#include "core/result.h"

namespace sv::clip {

// What the worker drives: ClipWriter, or a stand-in in tests. addFrame and finish run on the
// worker thread; cancel on the caller's thread once the worker has stopped.
class FrameSink {
 public:
  virtual ~FrameSink() = default;
  virtual Status addFrame(const FrameView& frame) = 0;
  virtual Status finish() = 0;
  virtual void cancel() = 0;
};

// Where the caller's time went, for the benchmark's encode share (read once finish() or
// cancel() returned; seconds of steady-clock time).
struct PipelineStats {
  // The caller blocked: waiting for a free slot in submit(), and for the worker to drain the
  // ring and flush the encoder in finish().
  double waitSeconds = 0.0;
  // The caller copying frames into slots (the hand-over's own cost, on the render thread).
  double copySeconds = 0.0;
  // The worker converting, encoding and muxing (addFrame and finish), on its own thread.
  double encodeSeconds = 0.0;
  // From the pipeline's start to the end of finish() or cancel(): the export's wall time.
  double wallSeconds = 0.0;
  int frames = 0;
};

class ClipPipeline {
 public:
  // Slots by default: as many as kSlotBudgetBytes holds, 2 to 8 (1280 × 720: 8, 29.5 MB).
  // Two would do (one encoding, one filling) if every frame took as long to render; they do
  // not: frames whose scene barely changed render in a few milliseconds, less than the
  // encoder takes, and come in runs between slow ones, and two slots made the renderer wait
  // for the encoder through every run (bench_app clip, 2-core machine: 19–25 % of the
  // export's time blocked with 2 slots, 14–15 % with 8).
  static constexpr std::size_t kSlotBudgetBytes = 32u << 20;
  static int defaultDepth(int width, int height);

  // Opens a ClipWriter (errors as ClipWriter::open) and starts the worker; depth 0: the
  // default.
  static Result<std::unique_ptr<ClipPipeline>> open(const std::filesystem::path& path,
                                                    const ClipOptions& options, int depth = 0);
  // Any sink of width × height frames; `label` prefixes the pipeline's own messages.
  ClipPipeline(std::unique_ptr<FrameSink> sink, int width, int height, std::string label,
               int depth = 0);
  ~ClipPipeline();  // without finish(): cancels
  ClipPipeline(const ClipPipeline&) = delete;
  ClipPipeline& operator=(const ClipPipeline&) = delete;

  // Copies the frame into a free slot (waiting for one) and queues it. A frame of the wrong
  // size, or an error the worker met on an earlier frame, cancels the clip and is returned.
  Status submit(const FrameView& frame);
  // Without the copy: acquire() waits for a free slot and returns it (width × height × 4
  // bytes, rows top to bottom, the previous frame's pixels still in it) for the caller to
  // fill — the renderer reads back straight into it — and commit() queues it. acquire()
  // errors as submit(); commit() without an acquired slot does nothing. Until commit() the
  // slot is the caller's alone.
  Result<std::uint8_t*> acquire();
  void commit();
  // Lets the worker finish: every queued frame, the encoder's flush, the container's index,
  // the rename. beginFinish() returns at once; pollFinish() returns the outcome once the worker
  // is done, waiting up to `waitSeconds` for it (nullopt while it is not); finish() waits as
  // long as it takes. At least one frame is needed.
  void beginFinish();
  std::optional<Status> pollFinish(double waitSeconds = 0.0);
  Status finish();
  // Stops the worker and removes the temporary file; the target is left as it was.
  void cancel();

  int framesSubmitted() const { return submitted_; }
  const PipelineStats& stats() const { return stats_; }

 private:
  void run();            // the worker
  Status finalStatus();  // after the worker stopped: joins, cancels the sink on failure

  std::unique_ptr<FrameSink> sink_;
  int width_, height_;
  std::string label_;
  std::vector<std::vector<std::uint8_t>> slots_;  // width × height × 4 each, from the start
  std::thread worker_;

  // Shared with the worker, under mutex_.
  std::mutex mutex_;
  std::condition_variable changed_;
  int head_ = 0;    // the slot the worker encodes next
  int queued_ = 0;  // slots filled and not yet encoded (the one being encoded included)
  bool finishing_ = false;
  bool stopping_ = false;  // cancel: the worker leaves at once
  bool workerDone_ = false;
  std::optional<Error> error_;  // the worker's first error

  // The caller's own.
  int tail_ = 0;           // the slot submit() fills next
  bool acquired_ = false;  // acquire() handed out slot tail_
  int submitted_ = 0;
  bool closed_ = false;  // finished, failed or cancelled: the worker is joined
  std::optional<Status> outcome_;
  PipelineStats stats_;
  double workerEncodeSeconds_ = 0.0;  // written by the worker, read after join
  std::chrono::steady_clock::time_point start_;
};

}  // namespace sv::clip
