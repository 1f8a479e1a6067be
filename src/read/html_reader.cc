#include "read/html_reader.h"

#include <gumbo.h>

#include <cctype>
#include <cstring>
#include <limits>
#include <memory>
#include <vector>

#include "read/text_builder.h"

namespace jobfit::read {
namespace {

struct OutputDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};

bool IsSkipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_BUTTON:
      return true;
    default:
      return false;
  }
}

// Elements a browser lays out as blocks: their text starts and ends a line.
bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
      return true;
    default:
      return false;
  }
}

int HeadingLevel(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_H1:
      return 1;
    case GUMBO_TAG_H2:
      return 2;
    case GUMBO_TAG_H3:
      return 3;
    case GUMBO_TAG_H4:
      return 4;
    case GUMBO_TAG_H5:
      return 5;
    case GUMBO_TAG_H6:
      return 6;
    default:
      return 0;
  }
}

// Walks the tree with an explicit stack: hostile HTML can nest thousands deep, and
// recursion would overflow the stack before gumbo's own limits apply.
void Walk(const GumboNode* root, TextBuilder* b) {
  struct Frame {
    const GumboNode* node;
    unsigned int next_child;
    bool pre;
  };
  std::vector<Frame> stack = {{root, 0, false}};
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const GumboNode* node = frame.node;
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT &&
        node->type != GUMBO_NODE_TEMPLATE) {
      if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
          node->type == GUMBO_NODE_CDATA) {
        const char* text = node->v.text.text;
        if (frame.pre) {
          b->Append(text);
        } else {
          b->AppendCollapsed(text);
        }
      }
      stack.pop_back();
      continue;
    }
    const GumboVector& children =
        node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
    const GumboTag tag =
        node->type == GUMBO_NODE_DOCUMENT ? GUMBO_TAG_UNKNOWN : node->v.element.tag;
    if (frame.next_child == 0) {
      // Entering the element.
      if (IsSkipped(tag)) {
        stack.pop_back();
        continue;
      }
      if (tag == GUMBO_TAG_BR) b->EndLine();
      if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
        if (!b->at_line_start()) b->Append("\t");
      }
      if (tag == GUMBO_TAG_IMG) {
        // Alt text is what a screen reader says for the image; a skills badge's alt is
        // often the skill itself.
        const GumboAttribute* alt = gumbo_get_attribute(&node->v.element.attributes, "alt");
        if (alt != nullptr) b->AppendCollapsed(std::string(" ") + alt->value + " ");
      }
      if (const int level = HeadingLevel(tag); level > 0) {
        b->BeginHeading(level);
      } else if (IsBlock(tag)) {
        b->EndLine();
      }
      if (tag == GUMBO_TAG_LI) b->Append("- ");
    }
    if (frame.next_child < children.length) {
      const auto* child = static_cast<const GumboNode*>(children.data[frame.next_child]);
      ++frame.next_child;
      const bool pre = frame.pre || tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_TEXTAREA;
      stack.push_back({child, 0, pre});
      continue;
    }
    // Leaving the element.
    if (HeadingLevel(tag) > 0) {
      b->EndHeading();
    } else if (IsBlock(tag)) {
      b->EndLine();
    }
    stack.pop_back();
  }
}

}  // namespace

std::string DeclaredHtmlCharset(std::string_view bytes) {
  std::string head(bytes.substr(0, 1024));
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const size_t at = head.find("charset=");
  if (at == std::string::npos) return {};
  size_t pos = at + 8;
  while (pos < head.size() && (head[pos] == '"' || head[pos] == '\'' || head[pos] == ' ')) ++pos;
  size_t end = pos;
  while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) ||
                               head[end] == '-' || head[end] == '_')) {
    ++end;
  }
  return head.substr(pos, end - pos);
}

Status ReadHtml(std::string_view utf8, Document* doc) {
  if (utf8.size() > std::numeric_limits<unsigned int>::max() / 2) {
    return Status(StatusCode::kLimitExceeded, "HTML document too large to parse",
                  Location::InFile(doc->source));
  }
  GumboOptions options = kGumboDefaultOptions;
  // Parse errors are recovered from the HTML5 way; recording them only costs memory.
  options.max_errors = 0;
  std::unique_ptr<GumboOutput, OutputDeleter> output(
      gumbo_parse_with_options(&options, utf8.data(), utf8.size()));
  if (!output) {
    return Status(StatusCode::kInternal, "the HTML parser failed", Location::InFile(doc->source));
  }
  TextBuilder b;
  Walk(output->document, &b);
  b.Finish(doc);
  return Status::Ok();
}

}  // namespace jobfit::read
