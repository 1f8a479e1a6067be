#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "jobfit/report.h"

#include "base/line_index.h"
#include "report/check_json.h"
#include "report/json_writer.h"
#include "report/text_layout.h"

namespace jobfit {
namespace {

using Json = nlohmann::ordered_json;

struct TermGroup {
  uint32_t term = 0;
  uint64_t count = 0;  // occurrences: matches, and a counting scan's counts
  size_t first = 0;    // where the group's matches start in TermGroups::spans
  size_t spans = 0;    // how many matches
};

// Matches grouped by term, the groups ordered by category then name, so reports read the
// same for the same input; each group's matches in text order.
struct TermGroups {
  std::vector<TermGroup> groups;
  std::vector<const Match*> spans;  // by group (TermGroup::first), with_spans only
};

// A bulk corpus has a million matches of a few thousand terms: they are counted first and
// then placed each in its group's run of one array, where a vector per group grew match
// by match at a scattered place in memory. The text report needs only the counts, which
// a counting scan (ScanOptions::count_only) gives without matches.
TermGroups GroupByTerm(const Lexicon& lexicon, const ScanResult& result, bool with_spans) {
  TermGroups out;
  std::vector<TermGroup>& groups = out.groups;
  std::vector<uint32_t> group_of_term;  // term id -> index in groups + 1; 0 = none yet
  const auto group_of = [&](uint32_t term) -> TermGroup& {
    if (term >= group_of_term.size()) group_of_term.resize(term + 1, 0);
    if (group_of_term[term] == 0) {
      groups.push_back({term, 0, 0, 0});
      group_of_term[term] = static_cast<uint32_t>(groups.size());
    }
    return groups[group_of_term[term] - 1];
  };
  for (const Match& m : result.matches) {
    TermGroup& g = group_of(m.term);
    ++g.count;
    ++g.spans;
  }
  for (const TermCount& counted : result.term_counts) group_of(counted.term).count += counted.count;
  std::sort(groups.begin(), groups.end(), [&](const TermGroup& a, const TermGroup& b) {
    const Term& ta = lexicon.term(a.term);
    const Term& tb = lexicon.term(b.term);
    if (ta.category != tb.category) return ta.category < tb.category;
    return internal::CaseInsensitiveLess(ta.name, tb.name);
  });
  if (!with_spans) return out;
  // The next free place of each term's group, by term id.
  std::vector<size_t> next(group_of_term.size());
  size_t placed = 0;
  for (TermGroup& g : groups) {
    g.first = placed;
    next[g.term] = placed;
    placed += g.spans;
  }
  out.spans.resize(placed);
  for (const Match& m : result.matches) out.spans[next[m.term]++] = &m;
  return out;
}

Json LexiconJson(const Lexicon& lexicon) {
  Json layers = Json::array();
  for (const LexiconLayer& layer : lexicon.layers()) {
    layers.push_back({{"name", layer.name},
                      {"version", layer.version},
                      {"source", layer.source},
                      {"hash", layer.content_hash},
                      {"entries", layer.entries}});
  }
  return {{"hash", lexicon.content_hash()}, {"layers", layers}};
}

std::string_view SpanText(std::string_view text, uint64_t begin, uint64_t end) {
  if (begin > end || end > text.size()) return {};
  return text.substr(begin, end - begin);
}

// Appends one document's part of the text report.
void AppendDocumentText(const Lexicon& lexicon, const ExtractedDocument& doc,
                        const ReportOptions& options, std::string* report) {
  std::string& out = *report;
  if (doc.error) {
    out += doc.source + ": error: " + doc.error->message() + "\n";
    return;
  }
  const std::vector<TermGroup> groups =
      GroupByTerm(lexicon, doc.result, /*with_spans=*/false).groups;
  uint64_t mentions = 0;
  for (const TermGroup& g : groups) mentions += g.count;
  out += doc.source + ": " + std::to_string(groups.size()) +
         (groups.size() == 1 ? " term, " : " terms, ") + std::to_string(mentions) +
         (mentions == 1 ? " mention\n" : " mentions\n");
  // A read that is not fully trustworthy says so before any term, with its reasons.
  if (doc.quality.confidence != ReadConfidence::kHigh) {
    out += "  Read: " + std::string(ReadConfidenceName(doc.quality.confidence)) + " confidence (" +
           std::string(DocumentFormatName(doc.format)) + ")\n";
    for (const ReadIssue& issue : doc.quality.issues) {
      if (issue.severity != ReadConfidence::kHigh) out += "    " + issue.message + "\n";
    }
  }
  for (size_t i = 0; i < groups.size();) {
    const Category category = lexicon.term(groups[i].term).category;
    std::vector<std::string> items;
    for (; i < groups.size() && lexicon.term(groups[i].term).category == category; ++i) {
      items.push_back(lexicon.term(groups[i].term).name + " (" + std::to_string(groups[i].count) +
                      ")");
    }
    out += internal::WrapList("  " + std::string(CategoryTitle(category)) + ": ", items,
                              options.width);
  }
  if (!doc.result.implied.empty()) {
    std::vector<std::string> items;
    for (const ImpliedTerm& implied : doc.result.implied) {
      items.push_back(lexicon.term(implied.term).name + " (via " + lexicon.term(implied.via).name +
                      ")");
    }
    out += internal::WrapList("  Implied: ", items, options.width);
  }
  if (options.explain && !doc.result.decisions.empty()) {
    out += "  Decisions on ambiguous names:\n";
    const internal::LineIndex lines(doc.text);
    for (const Decision& d : doc.result.decisions) {
      const auto [line, column] = lines.At(d.begin);
      out += "    " + std::to_string(line) + ":" + std::to_string(column) + " \"" +
             std::string(SpanText(doc.text, d.begin, d.end)) + "\" as " +
             lexicon.term(d.term).name + ": " + d.reason + "\n";
    }
  }
}

}  // namespace

struct ExtractReportStream::State {
  // Past this much text, a document's JSON is handed on before it is complete: a 1 GB
  // corpus makes a report of about as many bytes.
  static constexpr size_t kPieceBytes = size_t{1} << 20;

  State(const Lexicon& lexicon_in, bool json_in, const ReportOptions& options_in, Write write_in)
      : lexicon(lexicon_in), json(json_in), options(options_in), write(std::move(write_in)) {}

  void Flush() {
    w.Finish();
    if (!out.empty()) write(out);
    out.clear();
  }
  void FlushIfLarge() {
    if (w.size() >= kPieceBytes) Flush();
  }
  void AddJson(const ExtractedDocument& doc);

  const Lexicon& lexicon;
  const bool json;
  const ReportOptions options;
  const Write write;
  std::string out;  // what is not handed on yet
  internal::JsonWriter w{&out};
};

// Written straight to the string (internal::JsonWriter gives the bytes nlohmann would):
// a bulk corpus has millions of spans, and an nlohmann document of them took three times
// as long as scanning the text, and a gigabyte of memory per 100 MB of it.
void ExtractReportStream::State::AddJson(const ExtractedDocument& doc) {
  w.BeginObject().Key("source").String(doc.source);
  if (doc.error) {
    w.Key("error")
        .BeginObject()
        .Key("code")
        .String(StatusCodeName(doc.error->code()))
        .Key("message")
        .String(doc.error->ToString())
        .EndObject()
        .EndObject();
    return;
  }
  w.Key("bytes").Uint(doc.text.size());
  w.Key("read")
      .BeginObject()
      .Key("format")
      .String(DocumentFormatName(doc.format))
      .Key("encoding")
      .String(doc.encoding)
      .Key("confidence")
      .String(ReadConfidenceName(doc.quality.confidence))
      .Key("score")
      .Double(doc.quality.score)
      .Key("reasons")
      .BeginArray();
  for (const ReadIssue& issue : doc.quality.issues) {
    w.BeginObject()
        .Key("severity")
        .String(ReadConfidenceName(issue.severity))
        .Key("message")
        .String(issue.message)
        .EndObject();
  }
  w.EndArray().EndObject();
  w.Key("terms").BeginArray();
  const TermGroups grouped = GroupByTerm(lexicon, doc.result, /*with_spans=*/true);
  for (const TermGroup& g : grouped.groups) {
    w.BeginObject();
    internal::WriteTermHead(w, lexicon.term(g.term));
    w.Key("count").Uint(g.count).Key("spans").BeginArray();
    // In group order the spans jump about the text (a term's every occurrence, then the
    // next term's): in a bulk text each span's match and its text were a cache miss, so
    // both are asked for some spans ahead.
    constexpr size_t kMatchAhead = 16;
    constexpr size_t kTextAhead = 8;
    const std::vector<const Match*>& all = grouped.spans;
    for (size_t i = g.first; i < g.first + g.spans; ++i) {
      if (i + kMatchAhead < all.size()) __builtin_prefetch(all[i + kMatchAhead]);
      if (i + kTextAhead < all.size() && all[i + kTextAhead]->begin < doc.text.size()) {
        __builtin_prefetch(doc.text.data() + all[i + kTextAhead]->begin);
      }
      const Match* m = all[i];
      w.BeginObject().Key("start").Uint(m->begin).Key("end").Uint(m->end).Key("text").String(
          SpanText(doc.text, m->begin, m->end));
      if (m->source == MatchSource::kPattern) w.Key("pattern").Uint(m->form);
      if (m->by_context) w.Key("by_context").Bool(true);
      w.EndObject();
      FlushIfLarge();
    }
    w.EndArray().EndObject();
  }
  w.EndArray();
  w.Key("implied").BeginArray();
  for (const ImpliedTerm& i : doc.result.implied) {
    w.BeginObject();
    internal::WriteTermHead(w, lexicon.term(i.term));
    w.Key("via").String(lexicon.term(i.via).id).EndObject();
  }
  w.EndArray();
  if (options.explain) {
    w.Key("decisions").BeginArray();
    for (const Decision& dec : doc.result.decisions) {
      w.BeginObject()
          .Key("id")
          .String(lexicon.term(dec.term).id)
          .Key("start")
          .Uint(dec.begin)
          .Key("end")
          .Uint(dec.end)
          .Key("text")
          .String(SpanText(doc.text, dec.begin, dec.end))
          .Key("accepted")
          .Bool(dec.accepted)
          .Key("reason")
          .String(dec.reason)
          .EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

ExtractReportStream::ExtractReportStream(const Lexicon& lexicon, bool json,
                                         const ReportOptions& options, Write write)
    : state_(std::make_unique<State>(lexicon, json, options, std::move(write))) {
  if (!json) return;
  internal::JsonWriter& w = state_->w;
  w.BeginObject().Key("schema").String("jobfit.extract/1");
  w.Key("lexicon").Raw(LexiconJson(lexicon).dump(-1, ' ', false, Json::error_handler_t::replace));
  w.Key("documents").BeginArray();
}

ExtractReportStream::~ExtractReportStream() = default;

void ExtractReportStream::Add(const ExtractedDocument& doc) {
  if (state_->json) {
    state_->AddJson(doc);
  } else {
    AppendDocumentText(state_->lexicon, doc, state_->options, &state_->out);
  }
  state_->Flush();
}

void ExtractReportStream::Finish() {
  if (state_->json) {
    state_->w.EndArray().EndObject();
    state_->w.Finish();
    state_->out += '\n';
  }
  state_->Flush();
}

namespace {

std::string Render(const Lexicon& lexicon, bool json, const std::vector<ExtractedDocument>& docs,
                   const ReportOptions& options) {
  std::string report;
  ExtractReportStream stream(lexicon, json, options,
                             [&report](std::string_view piece) { report += piece; });
  for (const ExtractedDocument& doc : docs) stream.Add(doc);
  stream.Finish();
  return report;
}

}  // namespace

std::string RenderExtractText(const Lexicon& lexicon, const std::vector<ExtractedDocument>& docs,
                              const ReportOptions& options) {
  return Render(lexicon, /*json=*/false, docs, options);
}

std::string RenderExtractJson(const Lexicon& lexicon, const std::vector<ExtractedDocument>& docs,
                              const ReportOptions& options) {
  return Render(lexicon, /*json=*/true, docs, options);
}

std::string RenderLexiconList(const Lexicon& lexicon, bool json) {
  if (json) {
    Json entries = Json::array();
    for (size_t i = 0; i < lexicon.size(); ++i) {
      const Term& t = lexicon.term(i);
      entries.push_back({{"id", t.id},
                         {"name", t.name},
                         {"category", CategoryName(t.category)},
                         {"aliases", t.aliases},
                         {"implies", t.implies},
                         {"sources", t.sources},
                         {"essential", t.essential},
                         {"ambiguous", t.ambiguous}});
    }
    Json root = {{"schema", "jobfit.lexicon-list/1"},
                 {"lexicon", LexiconJson(lexicon)},
                 {"entries", std::move(entries)}};
    return root.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  }
  std::string out;
  for (const LexiconLayer& layer : lexicon.layers()) {
    out += "# " + layer.name + " " + layer.version + " (" + layer.source + ", " +
           std::to_string(layer.entries) + " entries, " + layer.content_hash + ")\n";
  }
  for (size_t i = 0; i < lexicon.size(); ++i) {
    const Term& t = lexicon.term(i);
    out += t.id + "\t" + t.name + "\t" + std::string(CategoryName(t.category)) + "\t";
    for (size_t a = 0; a < t.aliases.size(); ++a) out += (a ? ", " : "") + t.aliases[a];
    out += "\n";
  }
  return out;
}

}  // namespace jobfit
