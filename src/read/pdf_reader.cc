#include "read/pdf_reader.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "read/quality.h"
#include "read/text_builder.h"
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

namespace jobfit::read {
namespace {

struct Word {
  double x0, x1, y0, y1;
  std::string text;
  bool space_after;
  double cy() const { return (y0 + y1) / 2; }
  double height() const { return std::max(y1 - y0, 1.0); }
};

using Line = std::vector<const Word*>;

// poppler prints syntax errors of damaged files to stderr; the reader reports problems
// through Status and ReadQuality instead.
void SilencePoppler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

// Groups words into lines by vertical overlap, top to bottom, each line left to right.
std::vector<Line> GroupLines(std::vector<const Word*> words) {
  std::sort(words.begin(), words.end(), [](const Word* a, const Word* b) {
    return a->cy() != b->cy() ? a->cy() < b->cy() : a->x0 < b->x0;
  });
  std::vector<Line> lines;
  double line_cy = 0;
  double line_height = 0;
  for (const Word* w : words) {
    if (!lines.empty() && std::abs(w->cy() - line_cy) < 0.5 * std::min(w->height(), line_height)) {
      lines.back().push_back(w);
      continue;
    }
    lines.push_back({w});
    line_cy = w->cy();
    line_height = w->height();
  }
  for (Line& line : lines) {
    std::sort(line.begin(), line.end(), [](const Word* a, const Word* b) { return a->x0 < b->x0; });
  }
  return lines;
}

// Finds the x of a gutter between two columns: an empty vertical band in the middle of
// the page that many lines stop short of and few lines cross, with text on both sides.
// Returns a negative value when the page is one column.
double FindGutter(const std::vector<Line>& lines, double page_width) {
  if (lines.size() < 6 || page_width <= 0) return -1;
  const int width = static_cast<int>(std::ceil(page_width));
  // crossing[x]: lines with a word covering x.
  std::vector<int> crossing(static_cast<size_t>(width) + 1, 0);
  for (const Line& line : lines) {
    std::vector<char> covered(static_cast<size_t>(width) + 1, 0);
    for (const Word* w : line) {
      const int a = std::clamp(static_cast<int>(std::floor(w->x0)), 0, width);
      const int b = std::clamp(static_cast<int>(std::ceil(w->x1)), 0, width);
      for (int x = a; x <= b; ++x) covered[static_cast<size_t>(x)] = 1;
    }
    for (int x = 0; x <= width; ++x)
      crossing[static_cast<size_t>(x)] += covered[static_cast<size_t>(x)];
  }
  const int max_crossing = static_cast<int>(static_cast<double>(lines.size()) * 0.15);
  double best = -1;
  int best_run = 0;
  for (int x = width / 4; x <= width * 3 / 4;) {
    if (crossing[static_cast<size_t>(x)] > max_crossing) {
      ++x;
      continue;
    }
    int end = x;
    while (end <= width * 3 / 4 && crossing[static_cast<size_t>(end)] <= max_crossing) ++end;
    if (end - x > best_run) {
      best_run = end - x;
      best = (x + end) / 2.0;
    }
    x = end;
  }
  // A gutter is at least a few points wide: narrower gaps are word spacing.
  if (best < 0 || best_run < 6) return -1;
  // Both sides must hold text on a real share of the lines, and the right side must be
  // more than a column of right-aligned dates.
  size_t left_lines = 0;
  size_t right_lines = 0;
  size_t date_lines = 0;
  for (const Line& line : lines) {
    bool left = false;
    bool right = false;
    bool right_has_letters = false;
    for (const Word* w : line) {
      if (w->x1 <= best) left = true;
      if (w->x0 >= best) {
        right = true;
        right_has_letters |=
            std::any_of(
                w->text.begin(), w->text.end(),
                [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' && c != '-'; }) &&
            w->text.find_first_of("0123456789") == std::string::npos;
      }
    }
    left_lines += left;
    right_lines += right;
    date_lines += right && !right_has_letters;
  }
  const double n = static_cast<double>(lines.size());
  if (static_cast<double>(left_lines) < 0.3 * n || static_cast<double>(right_lines) < 0.3 * n ||
      2 * date_lines > right_lines) {
    return -1;
  }
  return best;
}

bool IsLower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool IsAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// Writes the lines of one region, joining a word hyphenated across a line break
// ("Kuber-" + "netes") when the fragment before is letters only and the next line goes on
// in lower case: a hyphen at a line end before a lower-case word is a break, not part of
// a compound (and "end-to-" keeps its hyphen because the fragment holds one).
void WriteLines(const std::vector<Line>& lines, TextBuilder* b, size_t* wide_gap_lines) {
  for (const Line& line : lines) {
    std::string text;
    for (size_t i = 0; i < line.size(); ++i) {
      const Word* w = line[i];
      if (i > 0) {
        const Word* prev = line[i - 1];
        const double gap = w->x0 - prev->x1;
        if (gap > 3.0 * std::max(w->height(), prev->height())) ++*wide_gap_lines;
        if (prev->space_after || gap > 0.15 * w->height()) text += ' ';
      }
      text += w->text;
    }
    const std::string& out = b->text();
    const bool soft = out.size() >= 3 && out.compare(out.size() - 3, 3, "\xC2\xAD\n") == 0;
    bool join = false;
    if (!text.empty() && IsLower(static_cast<unsigned char>(text[0])) && out.size() >= 4 &&
        out[out.size() - 1] == '\n' && out[out.size() - 2] == '-') {
      size_t start = out.size() - 2;
      while (start > 0 && IsAlpha(static_cast<unsigned char>(out[start - 1]))) --start;
      const bool at_word_start =
          start == 0 || out[start - 1] == ' ' || out[start - 1] == '\n' || out[start - 1] == '\f';
      join = at_word_start && out.size() - 2 - start >= 2;
    }
    if (join || soft) {
      b->TrimEnd(join ? 2 : 3);
      b->Append(text);
    } else {
      b->Append(text);
    }
    b->EndLine();
  }
}

}  // namespace

Status ReadPdf(std::string_view bytes, const ReadOptions& options, Document* doc) {
  SilencePoppler();
  const Location where = Location::InFile(doc->source);
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    return Status(StatusCode::kLimitExceeded, "PDF larger than 2 GiB", where);
  }
  try {
    std::unique_ptr<poppler::document> pdf(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!pdf) {
      return Status(StatusCode::kParseError, "not a readable PDF: the file is corrupt or truncated",
                    where);
    }
    if (pdf->is_locked()) {
      return Status(StatusCode::kUnsupported,
                    "the PDF is encrypted with a password; save an unprotected copy", where);
    }
    const int page_count = pdf->pages();
    if (page_count <= 0) {
      return Status(StatusCode::kParseError,
                    "the PDF has no pages: the file is corrupt or truncated", where);
    }
    const int pages =
        std::min(page_count, static_cast<int>(std::min<uint32_t>(options.max_pdf_pages, INT_MAX)));
    TextBuilder b;
    std::vector<int> empty_pages;
    std::vector<int> column_pages;
    size_t wide_gap_lines = 0;
    size_t line_count = 0;
    for (int p = 0; p < pages; ++p) {
      std::unique_ptr<poppler::page> page(pdf->create_page(p));
      if (p > 0) {
        b.EndLine();
        b.Append("\f");
      }
      if (!page) {
        empty_pages.push_back(p + 1);
        continue;
      }
      std::vector<Word> words;
      for (const poppler::text_box& box : page->text_list()) {
        const poppler::byte_array utf8 = box.text().to_utf8();
        std::string text(utf8.begin(), utf8.end());
        if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
        const poppler::rectf r = box.bbox();
        words.push_back(
            {r.left(), r.right(), r.top(), r.bottom(), std::move(text), box.has_space_after()});
      }
      if (words.empty()) {
        empty_pages.push_back(p + 1);
        continue;
      }
      std::vector<const Word*> all;
      for (const Word& w : words) all.push_back(&w);
      const std::vector<Line> lines = GroupLines(all);
      line_count += lines.size();
      const double gutter = FindGutter(lines, page->page_rect().width());
      b.EndLine();
      if (gutter < 0) {
        WriteLines(lines, &b, &wide_gap_lines);
        continue;
      }
      column_pages.push_back(p + 1);
      // Bands between full-width lines (a header, a heading across both columns) are
      // read left column first, then right.
      std::vector<const Word*> left;
      std::vector<const Word*> right;
      auto flush = [&] {
        size_t ignored = 0;
        WriteLines(GroupLines(left), &b, &ignored);
        WriteLines(GroupLines(right), &b, &ignored);
        left.clear();
        right.clear();
      };
      for (const Line& line : lines) {
        const bool spans = std::any_of(line.begin(), line.end(), [&](const Word* w) {
          return w->x0 < gutter && w->x1 > gutter;
        });
        if (spans) {
          flush();
          WriteLines({line}, &b, &wide_gap_lines);
          continue;
        }
        for (const Word* w : line) (w->x1 <= gutter ? left : right).push_back(w);
      }
      flush();
    }
    b.Finish(doc);
    doc->sections = FindTextSections(doc->text, /*markdown=*/false);
    doc->pages = static_cast<uint32_t>(pages);

    ReadQuality& q = doc->quality;
    const int text_pages = pages - static_cast<int>(empty_pages.size());
    if (text_pages == 0) {
      q.score = 0;
      AddIssue(&q, ReadIssueKind::kNoTextLayer, ReadConfidence::kLow,
               (pages == 1 ? std::string("no text layer on its only page")
                           : "no text layer on any of its " + std::to_string(pages) + " pages") +
                   ": a scanned image? jobfit does not do OCR; export the PDF from the original "
                   "document or run OCR first");
    } else {
      if (!empty_pages.empty()) {
        std::string list;
        for (size_t i = 0; i < empty_pages.size() && i < 10; ++i) {
          list += (i ? ", " : "") + std::to_string(empty_pages[i]);
        }
        if (empty_pages.size() > 10) list += ", ...";
        AddIssue(&q, ReadIssueKind::kNoTextLayer,
                 2 * empty_pages.size() >= static_cast<size_t>(pages) ? ReadConfidence::kLow
                                                                      : ReadConfidence::kMedium,
                 "no text layer on page" + std::string(empty_pages.size() > 1 ? "s " : " ") + list +
                     " of " + std::to_string(pages) + " (scanned?)");
      }
      AssessText(doc->text, static_cast<double>(text_pages) / pages, &q);
    }
    if (!column_pages.empty()) {
      AddIssue(&q, ReadIssueKind::kColumnsDetected, ReadConfidence::kHigh,
               "multi-column layout on " + std::to_string(column_pages.size()) +
                   (column_pages.size() == 1 ? " page" : " pages") + ", read column by column");
    }
    if (line_count >= 5 &&
        static_cast<double>(wide_gap_lines) > 0.3 * static_cast<double>(line_count)) {
      AddIssue(&q, ReadIssueKind::kColumnOrder, ReadConfidence::kMedium,
               "many lines have wide gaps: side-by-side columns may have been read across");
    }
    if (page_count > pages) {
      AddIssue(&q, ReadIssueKind::kPageLimit, ReadConfidence::kMedium,
               "read the first " + std::to_string(pages) + " of " + std::to_string(page_count) +
                   " pages (ReadOptions::max_pdf_pages)");
    }
    const std::string_view tail = bytes.substr(bytes.size() > 1024 ? bytes.size() - 1024 : 0);
    if (tail.find("%%EOF") == std::string_view::npos) {
      AddIssue(&q, ReadIssueKind::kTruncated, ReadConfidence::kMedium,
               "the file is truncated (no %%EOF marker): text may be missing");
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return Status(StatusCode::kParseError, std::string("the PDF could not be read: ") + e.what(),
                  where);
  }
}

}  // namespace jobfit::read
