// The handout's PDF: cairo draws, pango measures and shapes every text.
//
// Two passes over one PDF surface: the first builds pango layouts at their box widths and
// places them page by page (a text that does not fit continues on the next page, line by
// line), the second draws each page's header, footer ("Page n of N" needs the count) and
// placed items. Text is drawn line by line (pango_cairo_show_layout_line), never clipped, so
// a PDF text extractor sees every word exactly once and inside the page.
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "handout/handout.h"

namespace sv::handout {

PageSize pageSize(Paper paper) {
  // ISO 216 A4 is 210 × 297 mm; US Letter 8.5 × 11 in; 72 points to the inch.
  return paper == Paper::A4 ? PageSize{210.0 / 25.4 * 72.0, 297.0 / 25.4 * 72.0}
                            : PageSize{8.5 * 72.0, 11.0 * 72.0};
}

namespace {

struct Rgb {
  double r, g, b;
};
constexpr Rgb kInk{0.12, 0.14, 0.16};
constexpr Rgb kMuted{0.38, 0.42, 0.46};
constexpr Rgb kAccent{0.09, 0.40, 0.45};
constexpr Rgb kAccentTint{0.91, 0.95, 0.955};
constexpr Rgb kWarn{0.70, 0.40, 0.02};
constexpr Rgb kWarnTint{1.0, 0.965, 0.91};
constexpr Rgb kRule{0.82, 0.85, 0.87};
constexpr Rgb kPictureBg{0.93, 0.945, 0.955};
constexpr Rgb kWhite{1.0, 1.0, 1.0};

constexpr const char* kFamily = "Inter, DejaVu Sans, sans-serif";

// Page geometry (points).
constexpr double kMarginX = 48.0;
constexpr double kHeaderTop = 30.0;
constexpr double kHeaderHeight = 44.0;
constexpr double kContentTop = kHeaderTop + kHeaderHeight + 14.0;
constexpr double kFooterHeight = 34.0;
// Stretch cards: pictures stacked in a left column, text in the right one.
constexpr double kPictureWidth = 176.0;
constexpr double kPictureHeight = 132.0;  // 4:3
constexpr double kCaptionHeight = 13.0;
constexpr double kColumnGap = 16.0;

void setColor(cairo_t* cr, Rgb c) {
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

void roundedRect(cairo_t* cr, double x, double y, double w, double h, double r) {
  cairo_new_path(cr);
  cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
  cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
  cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
  cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
  cairo_close_path(cr);
}

using LayoutPtr = std::shared_ptr<PangoLayout>;

struct TextStyle {
  double size = 9.5;
  bool bold = false;
  bool italic = false;
  Rgb color = kInk;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  bool ellipsize = false;      // one line, cut with "…" at the width (header fields)
  double hanging = 0.0;        // a bullet's hanging indent (points)
  std::size_t boldPrefix = 0;  // bytes at the start set in bold ("Dose  …")

  TextStyle& b() { return bold = true, *this; }
  TextStyle& it() { return italic = true, *this; }
  TextStyle& in(Rgb c) { return color = c, *this; }
  TextStyle& aligned(PangoAlignment a) { return align = a, *this; }
  TextStyle& oneLine() { return ellipsize = true, *this; }
  TextStyle& hang(double points) { return hanging = points, *this; }
  TextStyle& boldFirst(std::size_t bytes) { return boldPrefix = bytes, *this; }
};
TextStyle style(double size) {
  TextStyle s;
  s.size = size;
  return s;
}

// One line of a laid-out text: where it sits relative to the layout's top.
struct Line {
  PangoLayoutLine* line;  // owned by the layout
  double x, baseline, top, bottom;
};

struct Text {
  LayoutPtr layout;
  std::vector<Line> lines;
  Rgb color;
  double height() const { return lines.empty() ? 0.0 : lines.back().bottom; }
};

using Op = std::function<void(cairo_t*)>;

class Pages {
 public:
  Pages(cairo_t* cr, PageSize size) : cr_(cr), size_(size) {
    bottom_ = size.height - kFooterHeight - 10.0;
    newPage();
  }

  double contentX() const { return kMarginX; }
  double contentWidth() const { return size_.width - 2 * kMarginX; }
  double y() const { return y_; }
  void setY(double y) { y_ = y; }
  double room() const { return bottom_ - y_; }
  bool atTop() const { return y_ <= kContentTop + 0.01; }
  int page() const { return static_cast<int>(ops_.size()); }
  double fullHeight() const { return bottom_ - kContentTop; }
  std::size_t pageCount() const { return ops_.size(); }
  std::vector<Op>& opsOf(std::size_t page) { return ops_[page]; }

  // What a new page starts with while a card continues ("3. Calf stretch (continued)").
  std::string continued;

  void newPage() {
    ops_.emplace_back();
    y_ = kContentTop;
    if (!continued.empty()) {
      Text t = text(continued, contentWidth(), style(8.5).it().in(kMuted));
      place(t, contentX());
      y_ += 4.0;
    }
  }
  // Starts a new page unless `height` fits in what is left of this one.
  void need(double height) {
    if (room() < height && !atTop()) newPage();
  }
  void add(Op op) { ops_.back().push_back(std::move(op)); }

  Text text(const std::string& s, double width, const TextStyle& st) const {
    PangoLayout* raw = pango_cairo_create_layout(cr_);
    LayoutPtr layout(raw, [](PangoLayout* l) { g_object_unref(l); });
    PangoFontDescription* fd = pango_font_description_from_string(kFamily);
    pango_font_description_set_absolute_size(fd, st.size * PANGO_SCALE);
    pango_font_description_set_weight(fd, st.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(fd, st.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(raw, fd);
    pango_font_description_free(fd);
    const int w = static_cast<int>(std::max(width, 1.0) * PANGO_SCALE);
    pango_layout_set_width(raw, w);
    pango_layout_set_alignment(raw, st.align);
    if (st.ellipsize) {
      pango_layout_set_ellipsize(raw, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode(raw, TRUE);
    } else {
      // Words longer than the box break between characters: nothing pokes out of it.
      pango_layout_set_wrap(raw, PANGO_WRAP_WORD_CHAR);
    }
    if (st.hanging > 0.0) {
      pango_layout_set_indent(raw, static_cast<int>(-st.hanging * PANGO_SCALE));
      PangoTabArray* tabs = pango_tab_array_new(1, FALSE);
      pango_tab_array_set_tab(tabs, 0, PANGO_TAB_LEFT, static_cast<int>(st.hanging * PANGO_SCALE));
      pango_layout_set_tabs(raw, tabs);
      pango_tab_array_free(tabs);
    }
    pango_layout_set_text(raw, s.c_str(), static_cast<int>(s.size()));
    if (st.boldPrefix > 0) {
      PangoAttrList* attrs = pango_attr_list_new();
      PangoAttribute* a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
      a->start_index = 0;
      a->end_index = static_cast<guint>(std::min(st.boldPrefix, s.size()));
      pango_attr_list_insert(attrs, a);
      pango_layout_set_attributes(raw, attrs);
      pango_attr_list_unref(attrs);
    }
    Text t{layout, {}, st.color};
    PangoLayoutIter* it = pango_layout_get_iter(raw);
    do {
      int y0 = 0, y1 = 0;
      pango_layout_iter_get_line_yrange(it, &y0, &y1);
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      t.lines.push_back(
          {pango_layout_iter_get_line_readonly(it), static_cast<double>(logical.x) / PANGO_SCALE,
           static_cast<double>(pango_layout_iter_get_baseline(it)) / PANGO_SCALE,
           static_cast<double>(y0) / PANGO_SCALE, static_cast<double>(y1) / PANGO_SCALE});
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return t;
  }

  // Draws lines [from, to) of `t` with their top at (x, y) on the current page.
  void drawLines(const Text& t, std::size_t from, std::size_t to, double x, double y) {
    const double top = t.lines[from].top;
    add([t, from, to, x, y, top](cairo_t* cr) {
      setColor(cr, t.color);
      for (std::size_t i = from; i < to; ++i) {
        cairo_move_to(cr, x + t.lines[i].x, y + t.lines[i].baseline - top);
        pango_cairo_show_layout_line(cr, t.lines[i].line);
      }
    });
  }

  // Places a text that must stay whole (header fields, captions) at the cursor.
  void place(const Text& t, double x) {
    drawLines(t, 0, t.lines.size(), x, y_);
    y_ += t.height();
  }

  // A band piece of `height` with no text (a box's padding), where the page has room.
  void band(double height, double x, double width, Rgb fill, Rgb bar) {
    const double h = std::min(height, room());
    if (h <= 0.0) return;
    add([x, y = y_, width, h, fill, bar](cairo_t* cr) {
      cairo_new_path(cr);
      setColor(cr, fill);
      cairo_rectangle(cr, x - 8.0, y, width + 16.0, h);
      cairo_fill(cr);
      setColor(cr, bar);
      cairo_rectangle(cr, x - 8.0, y, 2.5, h);
      cairo_fill(cr);
    });
    y_ += h;
  }

  // Flows a text down the page from the cursor, continuing on new pages as needed. A band
  // (tinted background with an accent bar) is drawn behind each piece, `pad` around it.
  void flow(const Text& t, double x, double width, const Rgb* band = nullptr,
            const Rgb* bar = nullptr, double padTop = 0.0, double padBottom = 0.0) {
    std::size_t i = 0;
    bool first = true;
    while (i < t.lines.size()) {
      const double lead = first ? padTop : 0.0;
      const double lineH = t.lines[i].bottom - t.lines[i].top;
      if (room() < lead + lineH) {
        newPage();
        continue;  // a fresh page always has room for a line
      }
      std::size_t j = i;
      while (j < t.lines.size() && t.lines[j].bottom - t.lines[i].top + lead <= room()) ++j;
      if (j == i) j = i + 1;  // a line taller than a page (cannot happen at these sizes)
      const bool last = j == t.lines.size();
      const double body = t.lines[j - 1].bottom - t.lines[i].top;
      // The bottom padding, as much of it as the page still holds.
      const double tail = last ? std::clamp(room() - lead - body, 0.0, padBottom) : 0.0;
      const double h = lead + body + tail;
      if (band) {
        const double bx = x - 8.0, by = y_, bw = width + 16.0;
        const Rgb fill = *band;
        const Rgb* barColor = bar;
        const Rgb barC = bar ? *bar : Rgb{0, 0, 0};
        // Pieces of one box touch; each reaches 0.5 pt into the next so that anti-aliasing
        // leaves no light seam between them.
        add([bx, by, bw, h, fill, barColor, barC](cairo_t* cr) {
          cairo_new_path(cr);
          setColor(cr, fill);
          cairo_rectangle(cr, bx, by, bw, h + 0.5);
          cairo_fill(cr);
          if (barColor) {
            setColor(cr, barC);
            cairo_rectangle(cr, bx, by, 2.5, h + 0.5);
            cairo_fill(cr);
          }
        });
      }
      drawLines(t, i, j, x, y_ + lead);
      y_ += h;
      i = j;
      first = false;
    }
  }

 private:
  cairo_t* cr_;
  PageSize size_;
  double y_ = 0.0;
  double bottom_ = 0.0;
  std::vector<std::vector<Op>> ops_;
};

// A picture as a cairo surface (premultiplied ARGB32, native endian).
struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using SurfacePtr = std::shared_ptr<cairo_surface_t>;

Result<SurfacePtr> toSurface(const Picture& p, const std::string& what) {
  if (p.empty()) return SurfacePtr();
  // Cairo's image surfaces hold at most 32767 pixels a side; far more than a handout needs.
  if (p.width > 16384 || p.height > 16384) {
    return Error{what + ": picture " + std::to_string(p.width) + "x" + std::to_string(p.height) +
                 " is larger than 16384x16384"};
  }
  const std::size_t expected =
      static_cast<std::size_t>(p.width) * static_cast<std::size_t>(p.height) * 4u;
  if (p.rgba.size() != expected) {
    return Error{what + ": picture of " + std::to_string(p.width) + "x" + std::to_string(p.height) +
                 " needs " + std::to_string(expected) + " RGBA bytes, got " +
                 std::to_string(p.rgba.size())};
  }
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, p.width, p.height);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    const std::string why = cairo_status_to_string(cairo_surface_status(s));
    cairo_surface_destroy(s);
    return Error{what + ": " + why};
  }
  cairo_surface_flush(s);
  unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  for (int y = 0; y < p.height; ++y) {
    auto* row = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    const std::uint8_t* src = p.rgba.data() + static_cast<std::size_t>(y) * p.width * 4u;
    for (int x = 0; x < p.width; ++x, src += 4) {
      const std::uint32_t a = src[3];
      const auto pm = [a](std::uint32_t c) { return (c * a + 127u) / 255u; };
      row[x] = (a << 24) | (pm(src[0]) << 16) | (pm(src[1]) << 8) | pm(src[2]);
    }
  }
  cairo_surface_mark_dirty(s);
  return SurfacePtr(s, SurfaceDeleter());
}

// A picture box: the picture scaled to fit (aspect kept) on a light ground, rounded corners.
void drawPicture(cairo_t* cr, const SurfacePtr& pic, const LayoutPtr& placeholder, double x,
                 double y, double w, double h) {
  cairo_save(cr);
  roundedRect(cr, x, y, w, h, 5.0);
  setColor(cr, kPictureBg);
  cairo_fill_preserve(cr);
  cairo_clip(cr);
  if (pic) {
    const double pw = cairo_image_surface_get_width(pic.get());
    const double ph = cairo_image_surface_get_height(pic.get());
    const double scale = std::min(w / pw, h / ph);
    cairo_translate(cr, x + (w - pw * scale) / 2, y + (h - ph * scale) / 2);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, pic.get(), 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
  } else if (placeholder) {
    int lw = 0, lh = 0;
    pango_layout_get_pixel_size(placeholder.get(), &lw, &lh);
    setColor(cr, kMuted);
    cairo_move_to(cr, x, y + (h - lh) / 2);
    pango_cairo_show_layout(cr, placeholder.get());
  }
  cairo_restore(cr);
  roundedRect(cr, x, y, w, h, 5.0);
  setColor(cr, kRule);
  cairo_set_line_width(cr, 0.6);
  cairo_stroke(cr);
}

void drawRule(cairo_t* cr, double x, double y, double w, Rgb c, double width) {
  setColor(cr, c);
  cairo_set_line_width(cr, width);
  cairo_new_path(cr);
  cairo_move_to(cr, x, y);
  cairo_line_to(cr, x + w, y);
  cairo_stroke(cr);
}

const std::string kBullet = "\u2022\t";

void heading(Pages& pg, const std::string& s, double x, double w) {
  Text t = pg.text(s, w, style(8.5).b().in(kAccent));
  // Keep a heading with at least two lines of what follows.
  pg.need(t.height() + 30.0);
  pg.flow(t, x, w);
  pg.setY(pg.y() + 2.0);
}

void bullets(Pages& pg, const std::vector<std::string>& items, double x, double w,
             const Rgb* band = nullptr, const Rgb* bar = nullptr) {
  for (const std::string& item : items) {
    pg.flow(pg.text(kBullet + item, w, style(9.5).hang(10.0)), x, w, band, bar, 1.5, 1.5);
  }
}

// The first page's title, introduction, list of stretches and general cautions.
void titleBlock(Pages& pg, const Handout& h) {
  const double x = pg.contentX();
  const double w = pg.contentWidth();
  pg.flow(pg.text(h.title.empty() ? "Your stretching programme" : h.title, w, style(20.0).b()), x,
          w);
  pg.setY(pg.y() + 3.0);
  std::string sub = "For " + (h.clientName.empty() ? std::string("you") : h.clientName);
  if (!h.practitioner.empty()) sub += "  \u00b7  prepared by " + h.practitioner;
  if (!h.date.empty()) sub += "  \u00b7  " + h.date;
  pg.flow(pg.text(sub, w, style(10.0).in(kMuted)), x, w);
  pg.setY(pg.y() + 12.0);
  if (!h.introduction.empty()) {
    pg.flow(pg.text(h.introduction, w, style(10.0)), x, w);
    pg.setY(pg.y() + 12.0);
  }
  if (!h.stretches.empty()) {
    heading(pg, "YOUR PROGRAMME", x, w);
    for (std::size_t i = 0; i < h.stretches.size(); ++i) {
      const HandoutStretch& s = h.stretches[i];
      const std::string label = std::to_string(i + 1) + ".\t" + s.name;
      std::string line = label;
      if (!s.dose.empty()) line += "  \u2014  " + s.dose;
      pg.flow(pg.text(line, w, style(9.5).hang(14.0).boldFirst(label.size())), x, w, nullptr,
              nullptr, 1.5, 1.5);
    }
    pg.setY(pg.y() + 12.0);
  }
  // The cautions for every stretch: one tinted box, each list under its title.
  const double ix = x + 10.0;
  const double iw = w - 20.0;
  bool opened = false;
  for (const auto& [title, items] : {std::pair{&h.generalSafetyTitle, &h.generalSafety},
                                     std::pair{&h.generalCautionsTitle, &h.generalCautions}}) {
    if (items->empty()) continue;
    Text t = pg.text(*title, iw, style(9.5).b().in(kWarn));
    pg.need(t.height() + 40.0);
    pg.flow(t, ix, iw, &kWarnTint, &kWarn, opened ? 6.0 : 8.0, 0.0);
    opened = true;
    for (const std::string& item : *items) {
      pg.flow(pg.text(kBullet + item, iw, style(9.0).hang(10.0)), ix, iw, &kWarnTint, &kWarn, 2.0,
              0.0);
    }
  }
  if (opened) {
    pg.band(6.0, ix, iw, kWarnTint, kWarn);  // the box's bottom padding
    pg.setY(pg.y() + 16.0);
  }
}

struct CardPictures {
  SurfacePtr start, end;
};

// One stretch: number and name across the top; the two pictures stacked on the left; dose,
// target, cues, what to feel, cautions and notes flowing down the right.
void card(Pages& pg, const HandoutStretch& s, std::size_t index, const CardPictures& pics,
          const LayoutPtr& placeholder, Layout& layout) {
  const double x = pg.contentX();
  const double w = pg.contentWidth();
  const double badge = 20.0;
  const double nameX = x + badge + 8.0;
  const double nameW = w - badge - 8.0;
  Text name = pg.text(s.name, nameW, style(13.0).b());
  std::string metaText = s.sides;
  if (!s.technique.empty()) metaText += (metaText.empty() ? "" : "  \u00b7  ") + s.technique;
  Text meta = pg.text(metaText, nameW, style(8.5).in(kMuted));
  const double headerH = std::max(badge, name.height() + meta.height() + 1.0);
  const double picturesH = 2 * (kPictureHeight + kCaptionHeight) + 8.0;
  // The header and the picture column stay together; a card that fits a page is not split.
  pg.need(headerH + 8.0 + picturesH);
  layout.stretchPages.push_back(pg.page());

  const double top = pg.y();
  const std::string number = std::to_string(index + 1);
  Text num = pg.text(number, badge, style(10.0).b().in(kWhite).aligned(PANGO_ALIGN_CENTER));
  pg.add([x, top, badge](cairo_t* cr) {
    setColor(cr, kAccent);
    cairo_new_path(cr);  // text drawing leaves a current point the arc would join
    cairo_arc(cr, x + badge / 2, top + badge / 2, badge / 2, 0, 2 * M_PI);
    cairo_fill(cr);
  });
  pg.drawLines(num, 0, num.lines.size(), x, top + (badge - num.height()) / 2);
  pg.setY(top);
  pg.flow(name, nameX, nameW);
  pg.setY(pg.y() + 1.0);
  pg.flow(meta, nameX, nameW);
  pg.setY(std::max(pg.y(), top + badge) + 8.0);

  // Pictures.
  const double picTop = pg.y();
  const int picPage = pg.page();
  Text capStart = pg.text("Start position", kPictureWidth, style(8.0).in(kMuted));
  Text capEnd = pg.text("End of the stretch", kPictureWidth, style(8.0).in(kMuted));
  const double p2 = picTop + kPictureHeight + kCaptionHeight + 8.0;
  pg.add([pics, placeholder, x, picTop, p2](cairo_t* cr) {
    drawPicture(cr, pics.start, placeholder, x, picTop, kPictureWidth, kPictureHeight);
    drawPicture(cr, pics.end, placeholder, x, p2, kPictureWidth, kPictureHeight);
  });
  layout.pictures.push_back({picPage, x, picTop, kPictureWidth, kPictureHeight});
  layout.pictures.push_back({picPage, x, p2, kPictureWidth, kPictureHeight});
  pg.drawLines(capStart, 0, 1, x, picTop + kPictureHeight + 2.0);
  pg.drawLines(capEnd, 0, 1, x, p2 + kPictureHeight + 2.0);

  // Text column.
  const double tx = x + kPictureWidth + kColumnGap + 8.0;
  const double tw = w - kPictureWidth - kColumnGap - 16.0;
  pg.continued = std::to_string(index + 1) + ". " + s.name + " (continued)";
  if (!s.dose.empty()) {
    const std::string label = "Dose";
    pg.flow(pg.text(label + "\u2002" + s.dose, tw, style(10.0).boldFirst(label.size())), tx, tw,
            &kAccentTint, &kAccent, 5.0, 5.0);
    pg.setY(pg.y() + 6.0);
  }
  if (!s.target.empty()) {
    const std::string label = "Aim for";
    pg.flow(pg.text(label + "\u2002" + s.target, tw, style(9.0).boldFirst(label.size())), tx, tw);
    pg.setY(pg.y() + 8.0);
  }
  if (!s.cues.empty()) {
    heading(pg, "HOW TO DO IT", tx, tw);
    bullets(pg, s.cues, tx, tw);
    pg.setY(pg.y() + 6.0);
  }
  if (!s.feel.empty()) {
    heading(pg, "WHAT YOU SHOULD FEEL", tx, tw);
    pg.flow(pg.text(s.feel, tw, style(9.5)), tx, tw);
    pg.setY(pg.y() + 6.0);
  }
  if (!s.safety.empty()) {
    heading(pg, "WATCH OUT FOR", tx, tw);
    bullets(pg, s.safety, tx, tw);
    pg.setY(pg.y() + 6.0);
  }
  if (!s.notes.empty()) {
    heading(pg, "NOTES FROM YOUR PRACTITIONER", tx, tw);
    pg.flow(pg.text(s.notes, tw, style(9.5).it()), tx, tw);
  }
  pg.continued.clear();
  // Below both columns (the pictures only count while still on their page).
  double end = pg.y();
  if (pg.page() == picPage) end = std::max(end, picTop + picturesH);
  pg.setY(end + 10.0);
  pg.add([x, w, y = end + 1.0](cairo_t* cr) { drawRule(cr, x, y, w, kRule, 0.5); });
  pg.setY(pg.y() + 12.0);
}

cairo_status_t appendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<std::string> renderPdf(const Handout& h, Paper paper, Layout* layoutOut) {
  // Pictures first: a bad one fails before any work.
  std::vector<CardPictures> pictures;
  for (std::size_t i = 0; i < h.stretches.size(); ++i) {
    const std::string what = "handout stretch " + std::to_string(i + 1);
    auto a = toSurface(h.stretches[i].start, what + " (start)");
    if (!a) return a.error();
    auto b = toSurface(h.stretches[i].end, what + " (end)");
    if (!b) return b.error();
    pictures.push_back({*a, *b});
  }

  const PageSize size = pageSize(paper);
  std::string bytes;
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
      cairo_pdf_surface_create_for_stream(&appendBytes, &bytes, size.width, size.height));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Error{std::string("handout: cannot create the PDF: ") +
                 cairo_status_to_string(cairo_surface_status(surface.get()))};
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, h.title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "stretchviz");
  cairo_t* cr = cairo_create(surface.get());

  Layout layout;
  {
    // Every paper is laid out on a page of A4's height and the page's proportions, drawn
    // scaled to the paper: US Letter (11 in, 15 mm shorter than A4) then paginates like A4
    // (two stretches a page, text about 6 % smaller) instead of one stretch a page.
    const double scale = size.height / pageSize(Paper::A4).height;
    const PageSize virtualSize{size.width / scale, size.height / scale};
    Pages pg(cr, virtualSize);
    const LayoutPtr placeholder = pg.text("Picture not available", kPictureWidth,
                                          style(8.5).in(kMuted).aligned(PANGO_ALIGN_CENTER))
                                      .layout;
    titleBlock(pg, h);
    for (std::size_t i = 0; i < h.stretches.size(); ++i) {
      card(pg, h.stretches[i], i, pictures[i], placeholder, layout);
    }
    layout.pages = static_cast<int>(pg.pageCount());
    layout.margin = kMarginX * scale;
    layout.top = kHeaderTop * scale;
    // The footer line starts kFooterHeight - 12 pt above the foot; its 7.5 pt text is < 10 pt tall.
    layout.bottom = (kFooterHeight - 12.0 - 10.0) * scale;
    for (Layout::Box& b : layout.pictures) {
      b.x *= scale;
      b.y *= scale;
      b.width *= scale;
      b.height *= scale;
    }

    // Header and footer of every page, then its items.
    const double x = pg.contentX();
    const double w = pg.contentWidth();
    const double half = w / 2 - 8.0;
    const Text clinic = pg.text(h.clinic.empty() ? h.practitioner : h.clinic, half,
                                style(11.0).b().in(kAccent).oneLine());
    const Text who = pg.text(h.clinic.empty() ? std::string() : h.practitioner, half,
                             style(8.5).in(kMuted).oneLine());
    const Text kind = pg.text("Home stretching programme", half,
                              style(8.5).in(kMuted).aligned(PANGO_ALIGN_RIGHT).oneLine());
    std::string forLine = h.clientName;
    if (!h.date.empty()) forLine += (forLine.empty() ? "" : "  \u00b7  ") + h.date;
    const Text client =
        pg.text(forLine, half, style(11.0).b().aligned(PANGO_ALIGN_RIGHT).oneLine());
    const Text footer = pg.text(h.footer, w - 90.0, style(7.5).in(kMuted).oneLine());
    const double footY = virtualSize.height - kFooterHeight + 6.0;
    for (std::size_t p = 0; p < pg.pageCount(); ++p) {
      cairo_save(cr);
      cairo_scale(cr, scale, scale);
      const Text number =
          pg.text("Page " + std::to_string(p + 1) + " of " + std::to_string(pg.pageCount()), 80.0,
                  style(7.5).in(kMuted).aligned(PANGO_ALIGN_RIGHT));
      const auto draw = [](cairo_t* c, const Text& t, double tx, double ty) {
        setColor(c, t.color);
        const double top = t.lines.empty() ? 0.0 : t.lines[0].top;
        for (const Line& l : t.lines) {
          cairo_move_to(c, tx + l.x, ty + l.baseline - top);
          pango_cairo_show_layout_line(c, l.line);
        }
      };
      draw(cr, clinic, x, kHeaderTop);
      draw(cr, who, x, kHeaderTop + clinic.height() + 2.0);
      draw(cr, kind, x + w - half, kHeaderTop + 1.0);
      draw(cr, client, x + w - half, kHeaderTop + kind.height() + 2.0);
      drawRule(cr, x, kHeaderTop + kHeaderHeight - 4.0, w, kAccent, 1.2);
      drawRule(cr, x, footY, w, kRule, 0.5);
      draw(cr, footer, x, footY + 6.0);
      draw(cr, number, x + w - 80.0, footY + 6.0);
      for (const Op& op : pg.opsOf(p)) op(cr);
      cairo_restore(cr);
      cairo_show_page(cr);
    }
  }
  const cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface.get());
  if (status != CAIRO_STATUS_SUCCESS ||
      cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Error{std::string("handout: drawing the PDF failed: ") +
                 cairo_status_to_string(status != CAIRO_STATUS_SUCCESS
                                            ? status
                                            : cairo_surface_status(surface.get()))};
  }
  if (layoutOut) *layoutOut = layout;
  return bytes;
}

Status writePdf(const Handout& handout, Paper paper, const std::filesystem::path& path,
                Layout* layout) {
  auto bytes = renderPdf(handout, paper, layout);
  if (!bytes) return bytes.error();
  return writeFileAtomic(path, *bytes);
}

}  // namespace sv::handout
