// A printed handout for a routine: a pure description of what the client takes home, and
// its PDF (A4 or US Letter) laid out with cairo and pango.
//
// The description holds only text and pictures, so whoever has the pictures supplies them:
// the app renders each stretch's start and end-range pictures offscreen and passes them here
// as RGBA (the layout of render's sv::Image: {width, height, rgba}); tests pass synthetic ones.
// from_routine.h fills everything else from a routine, the library and the client.
//
// Layout contract: every text is measured with pango at its box's width and wrapped there
// (words longer than the box break between characters); a block that does not fit the rest
// of a page continues on the next one, line by line, under a "(continued)" line; one-line
// fields of the page header are ellipsized at their width. No text is drawn outside its box
// and no box outside the page's margins. Every page has the header (clinic, practitioner,
// client, date) and "Page n of N". Both papers paginate alike: the layout is made for a page
// of A4's height and drawn scaled to the paper (US Letter: 94 %).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace sv::handout {

// Straight (not premultiplied) 8-bit RGBA, rows top to bottom, width × height × 4 bytes.
// Empty (0 × 0) draws a "picture not available" box. Pictures are scaled to fit their box
// keeping their aspect ratio; about 2 pixels per point of the box (≈ 640 × 480 for the
// default layout) prints sharply without bloating the file.
struct Picture {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;
  bool empty() const { return width <= 0 || height <= 0; }
};

struct HandoutStretch {
  std::string name;                 // "Hamstrings: straight-leg raise (supine)"
  std::string sides;                // "Both sides: right, then left"
  std::string technique;            // "Passive static stretch"
  Picture start;                    // the start position
  Picture end;                      // at the end of the range
  std::vector<std::string> cues;    // what the client does, in plain language
  std::string dose;                 // "Hold 30 s, repeat 2 times, once a day"
  std::string target;               // "Hip flexion 60-80° (knee extended …)"
  std::string feel;                 // what the client should feel
  std::vector<std::string> safety;  // what to watch for with this stretch
  std::string notes;                // the practitioner's notes (may be empty)
};

struct Handout {
  std::string title;  // the routine's name
  std::string clientName;
  std::string practitioner;  // the practitioner's name
  std::string clinic;
  std::string date;          // as printed ("12 March 2024")
  std::string introduction;  // the routine's notes (may be empty)
  // Cautions that apply to every stretch of the routine, printed once on the first page.
  std::string generalSafetyTitle = "Do not stretch, and ask your practitioner first, if you have";
  std::vector<std::string> generalSafety;
  std::string generalCautionsTitle = "Take extra care, and ask first, with";
  std::vector<std::string> generalCautions;
  std::vector<HandoutStretch> stretches;
  // The line at the foot of every page.
  std::string footer;
};

enum class Paper { A4, Letter };
// Page size in points (1/72 inch): A4 210 × 297 mm, US Letter 8.5 × 11 in.
struct PageSize {
  double width = 0.0;
  double height = 0.0;
};
PageSize pageSize(Paper paper);

// Where things went (tests and callers that want to point at a page).
struct Layout {
  int pages = 0;
  std::vector<int> stretchPages;  // the page (1-based) each stretch starts on
  struct Box {
    int page = 0;                                        // 1-based
    double x = 0.0, y = 0.0, width = 0.0, height = 0.0;  // points from the top left
  };
  std::vector<Box> pictures;  // each stretch's start, then end picture
  // Where nothing is drawn (points on the paper): left and right margins, above the header,
  // below the footer.
  double margin = 0.0, top = 0.0, bottom = 0.0;
};

// The PDF's bytes. Errors: a picture whose pixel count does not match its size, or cairo
// failing (the message says which).
Result<std::string> renderPdf(const Handout& handout, Paper paper, Layout* layout = nullptr);
// renderPdf, written atomically (core/file_io.h writeFileAtomic): a failed render leaves
// the target as it was.
Status writePdf(const Handout& handout, Paper paper, const std::filesystem::path& path,
                Layout* layout = nullptr);

}  // namespace sv::handout
