// Test support: a clip decoded again with the FFmpeg libraries that wrote it (libavformat,
// libavcodec, libswscale back to straight RGBA), and the PSNR of two frames. Link the test
// with libavcodec, libavformat, libswscale and libavutil.
#pragma once

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
}

namespace sv::test {

struct Decoded {
  std::string codec;
  int width = 0, height = 0;
  AVRational frameRate{0, 1};
  double duration = 0.0;  // seconds: the container's, else the last frame's end
  std::vector<std::vector<std::uint8_t>> frames;  // RGBA
  std::vector<double> times;                      // each frame's presentation time (s)
  int colorspace = AVCOL_SPC_UNSPECIFIED;
  int range = AVCOL_RANGE_UNSPECIFIED;
};

// Decodes every frame of a file to RGBA, converting with the colour matrix and range the
// stream says it uses.
inline Decoded decode(const std::filesystem::path& path) {
  Decoded out;
  AVFormatContext* fmt = nullptr;
  REQUIRE(avformat_open_input(&fmt, path.c_str(), nullptr, nullptr) == 0);
  REQUIRE(avformat_find_stream_info(fmt, nullptr) >= 0);
  const int si = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  REQUIRE(si >= 0);
  AVStream* st = fmt->streams[si];
  const AVCodec* dec = avcodec_find_decoder(st->codecpar->codec_id);
  REQUIRE(dec);
  AVCodecContext* ctx = avcodec_alloc_context3(dec);
  REQUIRE(avcodec_parameters_to_context(ctx, st->codecpar) >= 0);
  REQUIRE(avcodec_open2(ctx, dec, nullptr) == 0);
  out.codec = dec->name;
  out.width = st->codecpar->width;
  out.height = st->codecpar->height;
  out.frameRate = st->avg_frame_rate;
  out.colorspace = st->codecpar->color_space;
  out.range = st->codecpar->color_range;
  AVPacket* pkt = av_packet_alloc();
  AVFrame* frame = av_frame_alloc();
  SwsContext* sws = nullptr;
  double lastEnd = 0.0;
  const auto take = [&]() {
    while (avcodec_receive_frame(ctx, frame) == 0) {
      sws = sws_getCachedContext(
          sws, frame->width, frame->height, static_cast<AVPixelFormat>(frame->format), frame->width,
          frame->height, AV_PIX_FMT_RGBA, SWS_BILINEAR | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT,
          nullptr, nullptr, nullptr);
      REQUIRE(sws);
      if (frame->colorspace == AVCOL_SPC_BT709) {
        const int* c = sws_getCoefficients(SWS_CS_ITU709);
        sws_setColorspaceDetails(sws, c, frame->color_range == AVCOL_RANGE_JPEG ? 1 : 0, c, 1, 0,
                                 1 << 16, 1 << 16);
      }
      std::vector<std::uint8_t> rgba(static_cast<std::size_t>(frame->width) * frame->height * 4);
      std::uint8_t* dst[1] = {rgba.data()};
      const int dstStride[1] = {frame->width * 4};
      sws_scale(sws, frame->data, frame->linesize, 0, frame->height, dst, dstStride);
      out.frames.push_back(std::move(rgba));
      const double t = static_cast<double>(frame->best_effort_timestamp) * av_q2d(st->time_base);
      out.times.push_back(t);
      lastEnd = t + static_cast<double>(frame->pkt_duration) * av_q2d(st->time_base);
    }
  };
  while (av_read_frame(fmt, pkt) >= 0) {
    if (pkt->stream_index == si) {
      REQUIRE(avcodec_send_packet(ctx, pkt) == 0);
      take();
    }
    av_packet_unref(pkt);
  }
  avcodec_send_packet(ctx, nullptr);
  take();
  out.duration = st->duration != AV_NOPTS_VALUE
                     ? static_cast<double>(st->duration) * av_q2d(st->time_base)
                     : lastEnd;
  sws_freeContext(sws);
  av_frame_free(&frame);
  av_packet_free(&pkt);
  avcodec_free_context(&ctx);
  avformat_close_input(&fmt);
  return out;
}

// Peak signal-to-noise ratio of the RGB channels, in dB.
inline double psnr(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b) {
  REQUIRE(a.size() == b.size());
  double se = 0.0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < a.size(); i += 4) {
    for (std::size_t c = 0; c < 3; ++c) {
      const double d = static_cast<double>(a[i + c]) - b[i + c];
      se += d * d;
      ++n;
    }
  }
  const double mse = se / static_cast<double>(n);
  return mse == 0.0 ? 99.0 : 10.0 * std::log10(255.0 * 255.0 / mse);
}

}  // namespace sv::test
