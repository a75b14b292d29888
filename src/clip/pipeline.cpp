#include "clip/pipeline.h"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "core/text.h"

namespace sv::clip {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// A ClipWriter driven by the worker.
class WriterSink final : public FrameSink {
 public:
  explicit WriterSink(std::unique_ptr<ClipWriter> writer) : writer_(std::move(writer)) {}
  Status addFrame(const FrameView& frame) override { return writer_->addFrame(frame); }
  Status finish() override { return writer_->finish(); }
  void cancel() override { writer_->cancel(); }

 private:
  std::unique_ptr<ClipWriter> writer_;
};

}  // namespace

int ClipPipeline::defaultDepth(int width, int height) {
  const std::size_t frame = std::max<std::size_t>(
      1, static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  return static_cast<int>(std::clamp<std::size_t>(kSlotBudgetBytes / frame, 2, 8));
}

Result<std::unique_ptr<ClipPipeline>> ClipPipeline::open(const std::filesystem::path& path,
                                                         const ClipOptions& options, int depth) {
  auto writer = ClipWriter::open(path, options);
  if (!writer) return writer.error();
  return std::make_unique<ClipPipeline>(std::make_unique<WriterSink>(std::move(*writer)),
                                        options.width, options.height, path.string(), depth);
}

ClipPipeline::ClipPipeline(std::unique_ptr<FrameSink> sink, int width, int height,
                           std::string label, int depth)
    : sink_(std::move(sink)),
      width_(width),
      height_(height),
      label_(std::move(label)),
      start_(Clock::now()) {
  const std::size_t bytes = static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4;
  slots_.resize(static_cast<std::size_t>(depth > 0 ? depth : defaultDepth(width, height)));
  for (auto& s : slots_) s.resize(bytes);
  worker_ = std::thread([this] { run(); });
}

ClipPipeline::~ClipPipeline() {
  if (!closed_) cancel();
}

void ClipPipeline::run() {
  const int depth = static_cast<int>(slots_.size());
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stopping_ || queued_ > 0 || finishing_; });
    if (stopping_) break;
    if (queued_ == 0) {  // finishing, and every frame is encoded
      lock.unlock();
      const auto t0 = Clock::now();
      Status st = sink_->finish();
      workerEncodeSeconds_ += since(t0);
      lock.lock();
      if (!st) error_ = st.error();
      break;
    }
    // The slot stays counted in queued_ while it is encoded, so acquire() never hands it out.
    const std::uint8_t* rgba = slots_[static_cast<std::size_t>(head_)].data();
    lock.unlock();
    const auto t0 = Clock::now();
    Status st = sink_->addFrame({rgba, width_, height_, 0});
    workerEncodeSeconds_ += since(t0);
    lock.lock();
    if (!st) {
      error_ = st.error();
      break;
    }
    head_ = (head_ + 1) % depth;
    --queued_;
    changed_.notify_all();
  }
  workerDone_ = true;
  changed_.notify_all();
}

Status ClipPipeline::finalStatus() {
  if (worker_.joinable()) worker_.join();
  closed_ = true;
  stats_.encodeSeconds = workerEncodeSeconds_;
  stats_.wallSeconds = since(start_);
  if (error_) {
    sink_->cancel();  // the writer has removed its temporary file already; this is for others
    return *error_;
  }
  return {};
}

Result<std::uint8_t*> ClipPipeline::acquire() {
  if (closed_ || finishing_) {
    return Error{escapeForTerminal(label_ + ": the clip is already " +
                                   (outcome_ && outcome_->ok() ? "finished" : "closed"))};
  }
  if (acquired_) return slots_[static_cast<std::size_t>(tail_)].data();
  const int depth = static_cast<int>(slots_.size());
  const auto t0 = Clock::now();
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return queued_ < depth || workerDone_; });
  stats_.waitSeconds += since(t0);
  if (workerDone_) {  // stopped before its time: an error
    lock.unlock();
    Status st = finalStatus();
    outcome_ = st;
    return st ? Error{escapeForTerminal(label_ + ": the encoder stopped")} : st.error();
  }
  // The slot at tail_ is not the worker's: queued_ < depth, and the worker only touches the
  // queued_ slots from head_.
  acquired_ = true;
  return slots_[static_cast<std::size_t>(tail_)].data();
}

void ClipPipeline::commit() {
  if (!acquired_ || closed_) return;
  acquired_ = false;
  tail_ = (tail_ + 1) % static_cast<int>(slots_.size());
  ++submitted_;
  ++stats_.frames;
  {
    std::lock_guard lock(mutex_);
    ++queued_;
  }
  changed_.notify_all();
}

Status ClipPipeline::submit(const FrameView& frame) {
  if (!closed_ && !finishing_ &&
      (!frame.rgba || frame.width != width_ || frame.height != height_)) {
    const std::string what = "frame " + std::to_string(submitted_) + " is " +
                             std::to_string(frame.width) + "x" + std::to_string(frame.height) +
                             ", the clip is " + std::to_string(width_) + "x" +
                             std::to_string(height_);
    cancel();
    return Error{escapeForTerminal(label_ + ": " + what)};
  }
  auto slot = acquire();
  if (!slot) return slot.error();
  const auto t0 = Clock::now();
  std::uint8_t* dst = *slot;
  const std::size_t row = static_cast<std::size_t>(width_) * 4;
  const std::size_t stride = frame.stride ? frame.stride : row;
  if (stride == row) {
    std::memcpy(dst, frame.rgba, row * static_cast<std::size_t>(height_));
  } else {
    for (int y = 0; y < height_; ++y) {
      std::memcpy(dst + row * static_cast<std::size_t>(y),
                  frame.rgba + stride * static_cast<std::size_t>(y), row);
    }
  }
  stats_.copySeconds += since(t0);
  commit();
  return {};
}

void ClipPipeline::beginFinish() {
  if (closed_ || finishing_) return;
  acquired_ = false;  // a slot acquired and not committed is not part of the clip
  {
    std::lock_guard lock(mutex_);
    finishing_ = true;
  }
  changed_.notify_all();
}

std::optional<Status> ClipPipeline::pollFinish(double waitSeconds) {
  if (outcome_) return outcome_;
  if (!finishing_) return std::nullopt;
  {
    const auto t0 = Clock::now();
    std::unique_lock lock(mutex_);
    const bool done = changed_.wait_for(lock, std::chrono::duration<double>(waitSeconds),
                                        [&] { return workerDone_; });
    stats_.waitSeconds += since(t0);
    if (!done) return std::nullopt;
  }
  outcome_ = finalStatus();
  return outcome_;
}

Status ClipPipeline::finish() {
  if (outcome_) return *outcome_;
  if (closed_) return Error{escapeForTerminal(label_ + ": the clip is already closed")};
  beginFinish();
  const auto t0 = Clock::now();
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return workerDone_; });
  }
  stats_.waitSeconds += since(t0);
  outcome_ = finalStatus();
  return *outcome_;
}

void ClipPipeline::cancel() {
  if (closed_) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (worker_.joinable()) worker_.join();
  closed_ = true;
  stats_.encodeSeconds = workerEncodeSeconds_;
  stats_.wallSeconds = since(start_);
  sink_->cancel();
  outcome_ = Status(Error{escapeForTerminal(label_ + ": cancelled")});
}

}  // namespace sv::clip
