// Video clips of a stretch or a routine: RGBA frames at a fixed 30 frames per second encoded
// to MP4 (H.264 by libavcodec's libx264 encoder, yuv420p, BT.709 limited range, tagged as
// such) or to an animated GIF (libavcodec's gif encoder fed 8-bit palettised frames), with
// FFmpeg's libraries (libavcodec, libavformat, libswscale, libavutil) — never by running a
// program.
//
// The file is written atomically (core/file_io.h AtomicFile): frames are encoded into a
// temporary file beside the target, which finish() renames over it; a cancelled or failed
// export — or a ClipWriter destroyed before finish() — removes the temporary file and leaves
// the target as it was.
//
// Frames come from the caller (the app renders the session headless at t = i / 30 s and
// passes each capture): captions or a countdown to burn in are drawn into the RGBA frame by
// the caller before it is passed (ImGui's overlay in the headless frame, or any 2D drawing
// on the pixels); the encoder adds nothing.
//
// Timing: MP4 frame i has pts i/30 s exactly and the stream lasts N/30 s. GIF delays are
// whole centiseconds: frame i shows from round(100 i / 30) cs, so delays alternate 3 and 4
// cs and N frames last round(100 N / 30) cs — 30 frames per second on average, never
// drifting by more than half a centisecond.
//
// GIF colours: a 256-colour palette (median cut of one frame's colours) serves the frames
// after it, so flat areas do not flicker between frames; a frame whose colours map with much
// more error than the palette's own frame (a new stretch, a caption in a new colour) gets a
// new palette made from it. Opaque output (alpha is ignored).
//
// libav's own log is limited to errors (av_log_set_level, process-wide) so encoders do not
// print statistics on the terminal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/result.h"

namespace sv::clip {

struct PipelineStats;

inline constexpr int kFramesPerSecond = 30;

enum class Format { Mp4, Gif };
// By the file's extension (".mp4", ".gif", any case); none for anything else.
std::optional<Format> formatForPath(const std::filesystem::path& path);

// Size limits: MP4 needs even sides (yuv420p halves the chroma planes); both formats at
// least 16 pixels a side, MP4 at most 8192 and GIF at most 4096 (64 MiB of palette indices
// per frame is already far more than a clip needs).
inline constexpr int kMinSide = 16;
inline constexpr int kMaxMp4Side = 8192;
inline constexpr int kMaxGifSide = 4096;

// x264 threads by default: measured with bench_app clip on the 2-core machine (see
// docs/routines.md, "Clip budget").
inline constexpr int kDefaultEncoderThreads = 0;

struct ClipOptions {
  Format format = Format::Mp4;
  int width = 1280;
  int height = 720;
  // MP4 quality and speed (x264's constant rate factor and preset). CRF 20 is visually clean
  // for rendered scenes; "ultrafast" keeps the export paced by rendering rather than by
  // encoding on two cores, where the encoder thread takes its time from llvmpipe's (bench_app
  // clip, quiet machine: 13.9-15.7 % of the export time spent waiting on the encoder against
  // 19.0-22.8 % with "superfast"; a 138 s clip at 1280x720 is 18.8 MB).
  int crf = 20;
  std::string preset = "ultrafast";
  // x264's worker threads (0: x264's own choice, 1.5 × the cores). The clip pipeline
  // (pipeline.h) already runs the encoder beside the renderer, whose software rasteriser
  // (llvmpipe) wants the same cores; see kDefaultEncoderThreads.
  int encoderThreads = kDefaultEncoderThreads;
};

// Checks a size and format before any work (the CLI's --size, the export dialog).
Status checkClipOptions(const ClipOptions& options);

// Straight RGBA8, rows top to bottom: the layout of render's sv::Image and of a capture.
struct FrameView {
  const std::uint8_t* rgba = nullptr;
  int width = 0;
  int height = 0;
  std::size_t stride = 0;  // bytes per row; 0 = width × 4
};

class ClipWriter {
 public:
  // Creates the temporary file and opens the encoder. Errors: bad options, a target that is
  // not a regular file or whose folder cannot take a new file, an encoder libavcodec lacks.
  static Result<std::unique_ptr<ClipWriter>> open(const std::filesystem::path& path,
                                                  const ClipOptions& options);
  ~ClipWriter();  // without finish(): cancels
  ClipWriter(const ClipWriter&) = delete;
  ClipWriter& operator=(const ClipWriter&) = delete;

  // Encodes the next frame (shown for 1/30 s). Its size must be the clip's. After an error
  // the writer is cancelled (nothing is left on disk) and every later call fails.
  Status addFrame(const FrameView& frame);
  // Flushes the encoder, writes the container's index and renames the file over the target.
  // At least one frame is needed.
  Status finish();
  // Stops and removes the temporary file; the target is left as it was.
  void cancel();

  int frameCount() const;
  const ClipOptions& options() const;

  struct Impl;

 private:
  explicit ClipWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The whole export loop, for the CLI and the UI's progress bar:
// `frame(i, view)` fills frame i (0 … frameCount − 1; the view must stay valid until the next
// call); `progress(done, total)` is called after each frame and returns false to cancel.
// Frames are encoded on a worker thread while the next one is made (ClipPipeline,
// pipeline.h), so `frame` runs on the caller's thread only. Returns Written, Cancelled
// (nothing left behind), or the first error; `stats`, when given, gets where the time went.
enum class ExportOutcome { Written, Cancelled };
using FrameSource = std::function<Status(int index, FrameView& view)>;
using ProgressFn = std::function<bool(int done, int total)>;
Result<ExportOutcome> exportClip(const std::filesystem::path& path, const ClipOptions& options,
                                 int frameCount, const FrameSource& frame,
                                 const ProgressFn& progress = {}, PipelineStats* stats = nullptr);

// The same without a copy per frame: `fill(i, rgba)` writes frame i straight into a slot of
// the encoder's ring (width × height × 4 bytes, rows top to bottom, no padding; the slot holds
// an older frame's pixels until it is filled).
using FrameFill = std::function<Status(int index, std::uint8_t* rgba)>;
Result<ExportOutcome> exportClipInto(const std::filesystem::path& path, const ClipOptions& options,
                                     int frameCount, const FrameFill& fill,
                                     const ProgressFn& progress = {},
                                     PipelineStats* stats = nullptr);

// Frames a clip of `seconds` needs at 30 fps (at least 1).
int framesFor(double seconds);

}  // namespace sv::clip
