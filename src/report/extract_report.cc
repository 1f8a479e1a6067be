#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "jobfit/report.h"

#include "base/line_index.h"
#include "report/text_layout.h"

namespace jobfit {
namespace {

using Json = nlohmann::ordered_json;

struct TermGroup {
  uint32_t term = 0;
  std::vector<const Match*> spans;
};

// Groups matches by term, ordered by category then name, so reports read the same for
// the same input.
std::vector<TermGroup> GroupByTerm(const Lexicon& lexicon, const ScanResult& result) {
  // A flat index by term id: a bulk corpus has millions of matches of a few hundred terms.
  std::vector<uint32_t> group_of_term;  // term id -> index in groups + 1; 0 = none yet
  std::vector<TermGroup> groups;
  for (const Match& m : result.matches) {
    if (m.term >= group_of_term.size()) group_of_term.resize(m.term + 1, 0);
    if (group_of_term[m.term] == 0) {
      groups.push_back({m.term, {}});
      group_of_term[m.term] = static_cast<uint32_t>(groups.size());
    }
    groups[group_of_term[m.term] - 1].spans.push_back(&m);
  }
  std::sort(groups.begin(), groups.end(), [&](const TermGroup& a, const TermGroup& b) {
    const Term& ta = lexicon.term(a.term);
    const Term& tb = lexicon.term(b.term);
    if (ta.category != tb.category) return ta.category < tb.category;
    return internal::CaseInsensitiveLess(ta.name, tb.name);
  });
  return groups;
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

std::string SpanText(std::string_view text, uint64_t begin, uint64_t end) {
  if (begin > end || end > text.size()) return {};
  return std::string(text.substr(begin, end - begin));
}

}  // namespace

std::string RenderExtractText(const Lexicon& lexicon, const std::vector<ExtractedDocument>& docs,
                              const ReportOptions& options) {
  std::string out;
  for (const ExtractedDocument& doc : docs) {
    if (doc.error) {
      out += doc.source + ": error: " + doc.error->message() + "\n";
      continue;
    }
    const std::vector<TermGroup> groups = GroupByTerm(lexicon, doc.result);
    out += doc.source + ": " + std::to_string(groups.size()) +
           (groups.size() == 1 ? " term, " : " terms, ") +
           std::to_string(doc.result.matches.size()) +
           (doc.result.matches.size() == 1 ? " mention\n" : " mentions\n");
    // A read that is not fully trustworthy says so before any term, with its reasons.
    if (doc.quality.confidence != ReadConfidence::kHigh) {
      out += "  Read: " + std::string(ReadConfidenceName(doc.quality.confidence)) +
             " confidence (" + std::string(DocumentFormatName(doc.format)) + ")\n";
      for (const ReadIssue& issue : doc.quality.issues) {
        if (issue.severity != ReadConfidence::kHigh) out += "    " + issue.message + "\n";
      }
    }
    for (size_t i = 0; i < groups.size();) {
      const Category category = lexicon.term(groups[i].term).category;
      std::vector<std::string> items;
      for (; i < groups.size() && lexicon.term(groups[i].term).category == category; ++i) {
        items.push_back(lexicon.term(groups[i].term).name + " (" +
                        std::to_string(groups[i].spans.size()) + ")");
      }
      out += internal::WrapList("  " + std::string(CategoryTitle(category)) + ": ", items,
                                options.width);
    }
    if (!doc.result.implied.empty()) {
      std::vector<std::string> items;
      for (const ImpliedTerm& implied : doc.result.implied) {
        items.push_back(lexicon.term(implied.term).name + " (via " +
                        lexicon.term(implied.via).name + ")");
      }
      out += internal::WrapList("  Implied: ", items, options.width);
    }
    if (options.explain && !doc.result.decisions.empty()) {
      out += "  Decisions on ambiguous names:\n";
      const internal::LineIndex lines(doc.text);
      for (const Decision& d : doc.result.decisions) {
        const auto [line, column] = lines.At(d.begin);
        out += "    " + std::to_string(line) + ":" + std::to_string(column) + " \"" +
               SpanText(doc.text, d.begin, d.end) + "\" as " + lexicon.term(d.term).name + ": " +
               d.reason + "\n";
      }
    }
  }
  return out;
}

std::string RenderExtractJson(const Lexicon& lexicon, const std::vector<ExtractedDocument>& docs,
                              const ReportOptions& options) {
  Json documents = Json::array();
  for (const ExtractedDocument& doc : docs) {
    Json d = {{"source", doc.source}};
    if (doc.error) {
      d["error"] = {{"code", StatusCodeName(doc.error->code())},
                    {"message", doc.error->ToString()}};
      documents.push_back(std::move(d));
      continue;
    }
    d["bytes"] = doc.text.size();
    Json reasons = Json::array();
    for (const ReadIssue& issue : doc.quality.issues) {
      reasons.push_back(
          {{"severity", ReadConfidenceName(issue.severity)}, {"message", issue.message}});
    }
    d["read"] = {{"format", DocumentFormatName(doc.format)},
                 {"encoding", doc.encoding},
                 {"confidence", ReadConfidenceName(doc.quality.confidence)},
                 {"score", doc.quality.score},
                 {"reasons", std::move(reasons)}};
    Json terms = Json::array();
    for (const TermGroup& g : GroupByTerm(lexicon, doc.result)) {
      const Term& term = lexicon.term(g.term);
      Json spans = Json::array();
      for (const Match* m : g.spans) {
        Json span = {
            {"start", m->begin}, {"end", m->end}, {"text", SpanText(doc.text, m->begin, m->end)}};
        if (m->source == MatchSource::kPattern) span["pattern"] = m->form;
        if (m->by_context) span["by_context"] = true;
        spans.push_back(std::move(span));
      }
      terms.push_back({{"id", term.id},
                       {"name", term.name},
                       {"category", CategoryName(term.category)},
                       {"count", g.spans.size()},
                       {"spans", std::move(spans)}});
    }
    d["terms"] = std::move(terms);
    Json implied = Json::array();
    for (const ImpliedTerm& i : doc.result.implied) {
      const Term& term = lexicon.term(i.term);
      implied.push_back({{"id", term.id},
                         {"name", term.name},
                         {"category", CategoryName(term.category)},
                         {"via", lexicon.term(i.via).id}});
    }
    d["implied"] = std::move(implied);
    if (options.explain) {
      Json decisions = Json::array();
      for (const Decision& dec : doc.result.decisions) {
        decisions.push_back({{"id", lexicon.term(dec.term).id},
                             {"start", dec.begin},
                             {"end", dec.end},
                             {"text", SpanText(doc.text, dec.begin, dec.end)},
                             {"accepted", dec.accepted},
                             {"reason", dec.reason}});
      }
      d["decisions"] = std::move(decisions);
    }
    documents.push_back(std::move(d));
  }
  Json root = {{"schema", "jobfit.extract/1"},
               {"lexicon", LexiconJson(lexicon)},
               {"documents", std::move(documents)}};
  return root.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
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
