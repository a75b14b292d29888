#include "clip/clip.h"

#include <algorithm>
#include <cmath>
#include <cstring>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include "clip/palette.h"
#include "clip/pipeline.h"
#include "core/file_io.h"
#include "core/text.h"

namespace sv::clip {

namespace fs = std::filesystem;

std::optional<Format> formatForPath(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  if (ext == ".mp4") return Format::Mp4;
  if (ext == ".gif") return Format::Gif;
  return std::nullopt;
}

int framesFor(double seconds) {
  if (!(seconds > 0.0)) return 1;
  return std::max(1, static_cast<int>(std::lround(seconds * kFramesPerSecond)));
}

Status checkClipOptions(const ClipOptions& o) {
  const int maxSide = o.format == Format::Mp4 ? kMaxMp4Side : kMaxGifSide;
  const std::string size = std::to_string(o.width) + "x" + std::to_string(o.height);
  if (o.width < kMinSide || o.height < kMinSide || o.width > maxSide || o.height > maxSide) {
    return Error{"clip size " + size + " is outside " + std::to_string(kMinSide) + " to " +
                 std::to_string(maxSide) + " pixels a side"};
  }
  if (o.format == Format::Mp4 && (o.width % 2 != 0 || o.height % 2 != 0)) {
    return Error{"clip size " + size + ": an MP4 (H.264, yuv420p) needs an even width and height"};
  }
  if (o.format == Format::Mp4 && (o.crf < 0 || o.crf > 51)) {
    return Error{"clip quality (CRF) " + std::to_string(o.crf) + " is outside 0 to 51"};
  }
  return {};
}

namespace {

// A GIF frame gets a new palette when its colours map with this many times the mean squared
// error of the palette's own frame, and at least this error (per channel, 8-bit levels²).
constexpr double kPaletteRefreshFactor = 3.0;
constexpr double kPaletteRefreshFloor = 12.0;

std::string avError(int code) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, buf, sizeof buf);
  return buf;
}

}  // namespace

struct ClipWriter::Impl {
  fs::path target;
  ClipOptions options;
  std::optional<AtomicFile> file;
  AVFormatContext* format = nullptr;
  AVCodecContext* codec = nullptr;
  AVStream* stream = nullptr;
  AVFrame* frame = nullptr;
  AVPacket* packet = nullptr;
  SwsContext* sws = nullptr;
  std::optional<Palette> palette;
  double paletteError = 0.0;  // mean squared error of the frame the palette was made from
  int frames = 0;
  bool failed = false;
  bool done = false;
  bool trailerDue = false;  // the header is written and the trailer not yet

  ~Impl() { release(); }

  void release() {
    if (format) {
      // FFmpeg 5.1's GIF muxer holds the previous packet until the next one or the trailer
      // and has no deinit: a GIF given up part-way frees it only through the trailer (a few
      // bytes into the temporary file, which is then removed). Not for MP4: its trailer
      // would move the whole file to put the index first.
      if (trailerDue && options.format == Format::Gif && format->pb) (void)av_write_trailer(format);
      trailerDue = false;
      if (format->pb) avio_closep(&format->pb);
      avformat_free_context(format);
      format = nullptr;
    }
    avcodec_free_context(&codec);
    av_frame_free(&frame);
    av_packet_free(&packet);
    sws_freeContext(sws);
    sws = nullptr;
  }

  // Stops for good: frees the encoder and removes the temporary file.
  void abandon() {
    release();
    if (file) file->discard();
    failed = true;
  }

  Status fail(const std::string& what) {
    abandon();
    return Error{escapeForTerminal(target.string() + ": " + what)};
  }

  // Sends a frame (or null to flush) and writes every packet the encoder has ready.
  Status encode(const AVFrame* f) {
    int r = avcodec_send_frame(codec, f);
    if (r < 0) return fail("encoding failed: " + avError(r));
    for (;;) {
      r = avcodec_receive_packet(codec, packet);
      if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return {};
      if (r < 0) return fail("encoding failed: " + avError(r));
      // One frame per packet: its duration, so the last frame's (and each GIF delay) is known.
      if (packet->duration == 0) packet->duration = 1;
      av_packet_rescale_ts(packet, codec->time_base, stream->time_base);
      packet->stream_index = stream->index;
      r = av_interleaved_write_frame(format, packet);
      av_packet_unref(packet);
      if (r < 0) return fail("writing failed: " + avError(r));
    }
  }
};

ClipWriter::ClipWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ClipWriter::~ClipWriter() {
  if (impl_ && !impl_->done) impl_->abandon();
}

int ClipWriter::frameCount() const {
  return impl_->frames;
}
const ClipOptions& ClipWriter::options() const {
  return impl_->options;
}

Result<std::unique_ptr<ClipWriter>> ClipWriter::open(const fs::path& path,
                                                     const ClipOptions& options) {
  if (Status s = checkClipOptions(options); !s) {
    return Error{escapeForTerminal(path.string() + ": " + s.error().message)};
  }
  av_log_set_level(AV_LOG_ERROR);
  auto impl = std::make_unique<Impl>();
  impl->target = path;
  impl->options = options;
  auto file = AtomicFile::create(path);
  if (!file) return file.error();
  impl->file.emplace(std::move(*file));
  const std::string temp = impl->file->tempPath().string();
  const bool mp4 = options.format == Format::Mp4;
  Impl& m = *impl;
  const auto fail = [&](const std::string& what) -> Result<std::unique_ptr<ClipWriter>> {
    return m.fail(what).error();
  };

  // The container is named, not guessed: the temporary file's name has no extension.
  int r = avformat_alloc_output_context2(&m.format, nullptr, mp4 ? "mp4" : "gif", temp.c_str());
  if (r < 0 || !m.format) return fail("cannot set up the container: " + avError(r));
  const AVCodec* codec =
      mp4 ? avcodec_find_encoder_by_name("libx264") : avcodec_find_encoder(AV_CODEC_ID_GIF);
  if (!codec) {
    return fail(mp4 ? "this libavcodec has no libx264 encoder (H.264)"
                    : "this libavcodec has no GIF encoder");
  }
  m.stream = avformat_new_stream(m.format, nullptr);
  m.codec = avcodec_alloc_context3(codec);
  m.frame = av_frame_alloc();
  m.packet = av_packet_alloc();
  if (!m.stream || !m.codec || !m.frame || !m.packet) return fail("out of memory");
  m.codec->width = options.width;
  m.codec->height = options.height;
  m.codec->time_base = AVRational{1, kFramesPerSecond};
  m.codec->framerate = AVRational{kFramesPerSecond, 1};
  m.codec->sample_aspect_ratio = AVRational{1, 1};
  if (mp4) {
    m.codec->pix_fmt = AV_PIX_FMT_YUV420P;
    m.codec->gop_size = 2 * kFramesPerSecond;  // a keyframe every 2 s: seeking stays quick
    // Rendered frames are sRGB; BT.709 matrix and limited range, said in the stream so that
    // players convert back the same way.
    m.codec->colorspace = AVCOL_SPC_BT709;
    m.codec->color_primaries = AVCOL_PRI_BT709;
    m.codec->color_trc = AVCOL_TRC_IEC61966_2_1;
    m.codec->color_range = AVCOL_RANGE_MPEG;
    av_opt_set(m.codec->priv_data, "preset", options.preset.c_str(), 0);
    av_opt_set(m.codec->priv_data, "crf", std::to_string(options.crf).c_str(), 0);
    m.codec->thread_count = std::max(0, options.encoderThreads);
  } else {
    m.codec->pix_fmt = AV_PIX_FMT_PAL8;
  }
  if (m.format->oformat->flags & AVFMT_GLOBALHEADER) {
    m.codec->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  }
  r = avcodec_open2(m.codec, codec, nullptr);
  if (r < 0) return fail("cannot open the encoder: " + avError(r));
  r = avcodec_parameters_from_context(m.stream->codecpar, m.codec);
  if (r < 0) return fail("cannot set up the stream: " + avError(r));
  m.stream->time_base = m.codec->time_base;
  m.stream->avg_frame_rate = m.codec->framerate;

  m.frame->format = m.codec->pix_fmt;
  m.frame->width = options.width;
  m.frame->height = options.height;
  r = av_frame_get_buffer(m.frame, 0);
  if (r < 0) return fail("cannot allocate a frame: " + avError(r));
  if (mp4) {
    m.sws = sws_getContext(options.width, options.height, AV_PIX_FMT_RGBA, options.width,
                           options.height, AV_PIX_FMT_YUV420P,
                           SWS_BILINEAR | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr, nullptr,
                           nullptr);
    if (!m.sws) return fail("cannot set up the colour conversion");
    const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
    // Source: full-range RGB; destination: BT.709 limited range (the stream's tags).
    sws_setColorspaceDetails(m.sws, bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16);
  }

  r = avio_open(&m.format->pb, temp.c_str(), AVIO_FLAG_WRITE);
  if (r < 0) return fail("cannot open the temporary file: " + avError(r));
  AVDictionary* muxerOptions = nullptr;
  // The index at the front: the clip starts playing before it has fully downloaded.
  if (mp4) av_dict_set(&muxerOptions, "movflags", "+faststart", 0);
  r = avformat_write_header(m.format, &muxerOptions);
  av_dict_free(&muxerOptions);
  if (r < 0) return fail("cannot write the header: " + avError(r));
  m.trailerDue = true;
  return std::unique_ptr<ClipWriter>(new ClipWriter(std::move(impl)));
}

Status ClipWriter::addFrame(const FrameView& view) {
  Impl& m = *impl_;
  if (m.failed || m.done) {
    return Error{escapeForTerminal(m.target.string() + ": the clip is already " +
                                   (m.done ? "finished" : "cancelled"))};
  }
  if (!view.rgba || view.width != m.options.width || view.height != m.options.height) {
    return m.fail("frame " + std::to_string(m.frames) + " is " + std::to_string(view.width) + "x" +
                  std::to_string(view.height) + ", the clip is " + std::to_string(m.options.width) +
                  "x" + std::to_string(m.options.height));
  }
  const std::size_t stride = view.stride ? view.stride : static_cast<std::size_t>(view.width) * 4;
  int r = av_frame_make_writable(m.frame);  // the encoder may still hold the last one
  if (r < 0) return m.fail("cannot reuse the frame: " + avError(r));
  if (m.options.format == Format::Mp4) {
    const std::uint8_t* src[1] = {view.rgba};
    const int srcStride[1] = {static_cast<int>(stride)};
    sws_scale(m.sws, src, srcStride, 0, view.height, m.frame->data, m.frame->linesize);
  } else {
    // Each pixel is mapped with its ordered-dither offset (palette.h), so gradients do not
    // band; the error is measured against the undithered pixel. One palette while it serves;
    // a new one (from this frame) when this frame's colours map much worse than the frame the
    // palette was made from (a new stretch, a caption in a new colour). Re-used palettes keep flat
    // areas from flickering between frames.
    const auto mapFrame = [&]() {
      double error = 0.0;
      for (int y = 0; y < view.height; ++y) {
        const std::uint8_t* p = view.rgba + static_cast<std::size_t>(y) * stride;
        std::uint8_t* out =
            m.frame->data[0] + static_cast<std::ptrdiff_t>(y) * m.frame->linesize[0];
        for (int x = 0; x < view.width; ++x, p += 4) {
          const int d = ditherOffset(x, y);
          const auto dithered = [d](std::uint8_t v) {
            return static_cast<std::uint8_t>(std::clamp(v + d, 0, 255));
          };
          const std::uint8_t i = m.palette->index(dithered(p[0]), dithered(p[1]), dithered(p[2]));
          out[x] = i;
          const std::uint32_t e = m.palette->argb()[i];
          const int dr = static_cast<int>((e >> 16) & 0xFF) - p[0];
          const int dg = static_cast<int>((e >> 8) & 0xFF) - p[1];
          const int db = static_cast<int>(e & 0xFF) - p[2];
          error += dr * dr + dg * dg + db * db;
        }
      }
      return error / (3.0 * view.width * view.height);
    };
    const bool fresh = !m.palette;
    if (fresh) m.palette = Palette::fromImage(view.rgba, view.width, view.height, stride);
    double mse = mapFrame();
    if (fresh) {
      m.paletteError = mse;
    } else if (mse > std::max(kPaletteRefreshFactor * m.paletteError, kPaletteRefreshFloor)) {
      m.palette = Palette::fromImage(view.rgba, view.width, view.height, stride);
      m.paletteError = mapFrame();
    }
    std::memcpy(m.frame->data[1], m.palette->argb().data(), AVPALETTE_SIZE);
  }
  m.frame->pts = m.frames;
  if (Status s = m.encode(m.frame); !s) return s;
  ++m.frames;
  return {};
}

Status ClipWriter::finish() {
  Impl& m = *impl_;
  if (m.failed || m.done) {
    return Error{escapeForTerminal(m.target.string() + ": the clip is already " +
                                   (m.done ? "finished" : "cancelled"))};
  }
  if (m.frames == 0) return m.fail("a clip needs at least one frame");
  if (Status s = m.encode(nullptr); !s) return s;
  if (m.options.format == Format::Gif) {
    // The last frame's delay completes round(100 N / 30) cs (the muxer would repeat the
    // previous packet's rounded duration).
    const auto cs = [](int frames) {
      return static_cast<int>(std::lround(100.0 * frames / kFramesPerSecond));
    };
    av_opt_set_int(m.format->priv_data, "final_delay", cs(m.frames) - cs(m.frames - 1), 0);
  }
  m.trailerDue = false;
  int r = av_write_trailer(m.format);
  if (r < 0) return m.fail("cannot finish the file: " + avError(r));
  r = avio_closep(&m.format->pb);
  if (r < 0) return m.fail("cannot close the file: " + avError(r));
  m.release();
  if (Status s = m.file->commit(); !s) {
    m.failed = true;
    return s;
  }
  m.done = true;
  return {};
}

void ClipWriter::cancel() {
  if (!impl_->done) impl_->abandon();
}

namespace {

// The export loop around a pipeline; `give(i)` hands frame i over (submit, or fill a slot).
template <typename Give>
Result<ExportOutcome> runExport(const fs::path& path, const ClipOptions& options, int frameCount,
                                const ProgressFn& progress, PipelineStats* stats, Give&& give) {
  if (frameCount < 1) return Error{escapeForTerminal(path.string() + ": a clip needs frames")};
  auto pipeline = ClipPipeline::open(path, options);
  if (!pipeline) return pipeline.error();
  ClipPipeline& p = **pipeline;
  bool cancelled = false;
  const auto loop = [&]() -> Status {
    for (int i = 0; i < frameCount; ++i) {
      if (Status s = give(p, i); !s) {
        p.cancel();
        return s;
      }
      if (progress && !progress(i + 1, frameCount)) {
        p.cancel();
        cancelled = true;
        return {};
      }
    }
    return p.finish();
  };
  const Status st = loop();
  if (stats) *stats = p.stats();
  if (!st) return st.error();
  return cancelled ? ExportOutcome::Cancelled : ExportOutcome::Written;
}

}  // namespace

Result<ExportOutcome> exportClip(const fs::path& path, const ClipOptions& options, int frameCount,
                                 const FrameSource& frame, const ProgressFn& progress,
                                 PipelineStats* stats) {
  return runExport(path, options, frameCount, progress, stats,
                   [&](ClipPipeline& p, int i) -> Status {
                     FrameView view;
                     if (Status s = frame(i, view); !s) return s;
                     return p.submit(view);
                   });
}

Result<ExportOutcome> exportClipInto(const fs::path& path, const ClipOptions& options,
                                     int frameCount, const FrameFill& fill,
                                     const ProgressFn& progress, PipelineStats* stats) {
  return runExport(path, options, frameCount, progress, stats,
                   [&](ClipPipeline& p, int i) -> Status {
                     auto slot = p.acquire();
                     if (!slot) return slot.error();
                     if (Status s = fill(i, *slot); !s) return s;
                     p.commit();
                     return {};
                   });
}

}  // namespace sv::clip
