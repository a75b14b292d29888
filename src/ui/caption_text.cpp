#include "ui/caption_text.h"

namespace sv::ui {

bool isCitation(std::string_view b) {
  bool wordStart = true;
  for (std::size_t i = 0; i < b.size(); ++i) {
    const char c = b[i];
    if (wordStart && c >= 'A' && c <= 'Z') return true;
    if (c >= '0' && c <= '9' && i + 3 < b.size() && (b[i] == '1' || b[i] == '2') &&
        (i == 0 || b[i - 1] < '0' || b[i - 1] > '9')) {
      const std::string_view y = b.substr(i, 4);
      const bool digits = y.find_first_not_of("0123456789") == std::string_view::npos;
      const bool ends = i + 4 >= b.size() || b[i + 4] < '0' || b[i + 4] > '9';
      if (digits && ends && (y.substr(0, 2) == "19" || y.substr(0, 2) == "20")) return true;
    }
    wordStart = c == ' ' || c == '(' || c == ',' || c == ';' || c == '/' || c == '-';
  }
  return false;
}

std::size_t withoutCitations(std::string_view text, std::span<char> out) {
  if (out.empty()) return 0;
  std::size_t n = 0;
  const auto put = [&](std::string_view s) {
    for (char c : s) {
      if (n + 1 >= out.size()) return;
      out[n++] = c;
    }
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find('(', i);
    if (open == std::string_view::npos) {
      put(text.substr(i));
      break;
    }
    const std::size_t close = text.find(')', open);
    if (close == std::string_view::npos) {
      put(text.substr(i));
      break;
    }
    const std::string_view inside = text.substr(open + 1, close - open - 1);
    if (isCitation(inside)) {
      std::size_t end = open;
      while (end > i && text[end - 1] == ' ') --end;  // the space before the bracket
      put(text.substr(i, end - i));
    } else {
      put(text.substr(i, close + 1 - i));
    }
    i = close + 1;
  }
  out[n] = '\0';
  return n;
}

}  // namespace sv::ui
