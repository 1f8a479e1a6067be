// The `jobfit batch` and `jobfit stream` records: jobfit.batch/1 and jobfit.stream/1 JSON
// lines, the batch CSV, and reading both kinds of line back.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "jobfit/report.h"

#include "base/number_format.h"
#include "report/check_json.h"
#include "report/json_writer.h"

namespace jobfit {
namespace {

using Json = nlohmann::ordered_json;

constexpr auto kReplace = Json::error_handler_t::replace;

void WriteRead(internal::JsonWriter& w, const BatchItem& item) {
  w.Key("read")
      .BeginObject()
      .Key("format")
      .String(DocumentFormatName(item.format))
      .Key("encoding")
      .String(item.encoding)
      .Key("bytes")
      .Uint(item.bytes)
      .Key("confidence")
      .String(ReadConfidenceName(item.quality.confidence))
      .Key("issues")
      .BeginArray();
  for (const ReadIssue& issue : item.quality.issues) w.String(issue.message);
  w.EndArray().EndObject();
}

// Returns the record: `head` (schema, path or id) followed by `read`, `resume`, `results`
// and `best`, or by `error`; one line, newline-terminated. Each result holds the members
// of `jobfit check --json` that depend on the target, written by the same code.
std::string Record(const Lexicon& lexicon, const BatchItem& item, const Json& head) {
  if (item.error) {
    Json record = head;
    record["error"] = {{"code", item.error->code}, {"message", item.error->message}};
    return record.dump(-1, ' ', false, kReplace) + "\n";
  }
  std::string out = head.dump(-1, ' ', false, kReplace);
  out.pop_back();  // the closing brace: the members below follow
  out.reserve(out.size() + (16 << 10) * (item.results.size() + 1));
  internal::JsonWriter w(&out);
  w.ContinueObject();
  WriteRead(w, item);
  using internal::CheckMember;
  const std::string_view source = item.path.empty() ? std::string_view("<text>") : item.path;
  if (item.results.empty()) {
    w.Key("resume").Null();
  } else {
    internal::WriteCheckMember(w, CheckMember::kResume, lexicon, source, item.text,
                               item.results.front());
  }
  w.Key("results").BeginArray();
  for (const CheckResult& result : item.results) {
    w.BeginObject();
    for (const CheckMember member :
         {CheckMember::kTarget, CheckMember::kScore, CheckMember::kBreakdown, CheckMember::kMatched,
          CheckMember::kMissing, CheckMember::kSuggestions}) {
      internal::WriteCheckMember(w, member, lexicon, source, item.text, result);
    }
    w.EndObject();
  }
  w.EndArray().Key("best");
  if (item.results.empty()) {
    w.Null();
  } else {
    const size_t best = BestResult(item);
    w.BeginObject().Key("index").Uint(best).Key("score").Double(item.results[best].score);
    w.EndObject();
  }
  w.EndObject().Finish();
  out += '\n';
  return out;
}

// Quotes a CSV cell (RFC 4180) and defuses spreadsheet formulas (OWASP "CSV injection").
std::string Cell(std::string_view text) {
  std::string value;
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) {
    value = "'";
  }
  value += text;
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string Number(double value) { return base::FormatFixed(value, 1); }

std::string JoinIds(const Lexicon& lexicon, const std::vector<TermOutcome>& outcomes) {
  std::string out;
  for (const TermOutcome& o : outcomes) {
    if (!out.empty()) out += ';';
    out += lexicon.term(o.requirement->term).id;
  }
  return out;
}

std::optional<BatchError> ErrorFromJson(const Json& error) {
  if (!error.is_object()) return std::nullopt;
  BatchError out;
  if (error.contains("code") && error["code"].is_string()) out.code = error["code"];
  if (error.contains("message") && error["message"].is_string()) out.message = error["message"];
  return out;
}

}  // namespace

size_t BestResult(const BatchItem& item) {
  size_t best = 0;
  for (size_t i = 1; i < item.results.size(); ++i) {
    if (item.results[i].score > item.results[best].score) best = i;
  }
  return best;
}

std::string RenderBatchJsonLine(const Lexicon& lexicon, const BatchItem& item) {
  return Record(lexicon, item, Json{{"schema", "jobfit.batch/1"}, {"path", item.path}});
}

std::string RenderStreamJsonLine(const Lexicon& lexicon, std::string_view id_json, uint64_t line,
                                 const BatchItem& item) {
  Json id = Json::parse(id_json, nullptr, /*allow_exceptions=*/false);
  if (id.is_discarded()) id = nullptr;
  const bool anonymous = id.is_null();
  Json record = {{"schema", "jobfit.stream/1"}, {"id", std::move(id)}};
  // The line number is shard-local, so it is written only where no id names the input:
  // with ids, output lines do not depend on how the input was split.
  if (anonymous) record["line"] = line;
  if (!item.path.empty()) record["path"] = item.path;
  return Record(lexicon, item, record);
}

std::string RenderBatchCsvHeader() {
  return "path,status,target,target_title,score,best,terms_points,experience_points,"
         "education_points,certifications_points,matched,missing,suggestions,format,"
         "read_confidence,error_code,error_message\n";
}

std::string RenderBatchCsvRows(const Lexicon& lexicon, const BatchItem& item) {
  if (item.error) {
    return Cell(item.path) + ",error,,,,,,,,,,,,,," + Cell(item.error->code) + "," +
           Cell(item.error->message) + "\n";
  }
  std::string rows;
  const size_t best = BestResult(item);
  for (size_t i = 0; i < item.results.size(); ++i) {
    const CheckResult& r = item.results[i];
    const Requirements& reqs = *r.requirements;
    const bool profile = reqs.source.starts_with("profile:");
    std::string points[4];  // terms, experience, education, certifications
    for (const ScoreComponent& c : r.components) {
      const int slot = c.name == "terms"            ? 0
                       : c.name == "experience"     ? 1
                       : c.name == "education"      ? 2
                       : c.name == "certifications" ? 3
                                                    : -1;
      if (slot >= 0 && c.weight > 0) points[slot] = Number(c.points);
    }
    std::string suggestions;
    for (const Suggestion& s : r.suggestions) {
      if (!suggestions.empty()) suggestions += " | ";
      suggestions += s.message;
    }
    rows += Cell(item.path) + ",scored," +
            Cell(profile ? std::string_view(reqs.source).substr(8) : reqs.source) + "," +
            Cell(reqs.title) + "," + Number(r.score) + "," + (i == best ? "1" : "0") + "," +
            points[0] + "," + points[1] + "," + points[2] + "," + points[3] + "," +
            Cell(JoinIds(lexicon, r.matched)) + "," + Cell(JoinIds(lexicon, r.missing)) + "," +
            Cell(suggestions) + "," + std::string(DocumentFormatName(item.format)) + "," +
            std::string(ReadConfidenceName(item.quality.confidence)) + ",,\n";
  }
  return rows;
}

StreamRequest ParseStreamRequest(std::string_view line) {
  StreamRequest request;
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
    request.error = BatchError{"parse_error", "an empty line"};
    return request;
  }
  Json::parser_callback_t no_callback = nullptr;
  const Json doc = Json::parse(line, no_callback, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    // Say where the syntax broke, as the lexicon loader does.
    std::string message = "not a JSON object";
    try {
      const Json unreachable = Json::parse(line);  // throws: the line did not parse
      (void)unreachable;
    } catch (const Json::parse_error& e) {
      message = "not valid JSON: byte " + std::to_string(e.byte) + ": " +
                std::string(e.what()).substr(std::string(e.what()).find(':') + 1);
      const size_t detail = message.find(":  ");
      if (detail != std::string::npos) message.erase(detail + 1, 1);
    } catch (const std::exception&) {
    }
    request.error = BatchError{"parse_error", message};
    return request;
  }
  if (!doc.is_object()) {
    request.error = BatchError{"parse_error", "a line must be a JSON object"};
    return request;
  }
  if (doc.contains("id")) request.id_json = doc["id"].dump(-1, ' ', false, kReplace);
  const bool has_text = doc.contains("text");
  const bool has_path = doc.contains("path");
  if (has_text == has_path) {
    request.error =
        BatchError{"invalid_argument", has_text ? "give \"text\" or \"path\", not both"
                                                : "the object has neither \"text\" nor \"path\""};
    return request;
  }
  const Json& value = has_text ? doc["text"] : doc["path"];
  if (!value.is_string()) {
    request.error =
        BatchError{"invalid_argument", std::string(has_text ? "\"text\"" : "\"path\"") +
                                           " must be a string, got " + value.type_name()};
    return request;
  }
  request.has_text = has_text;
  (has_text ? request.text : request.path) = value.get<std::string>();
  if (has_path && request.path.empty()) {
    request.error = BatchError{"invalid_argument", "\"path\" is empty"};
  }
  return request;
}

Result<BatchRecordSummary> ParseBatchJsonLine(std::string_view line) {
  const Json doc = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status(StatusCode::kParseError, "not a JSON object");
  }
  if (!doc.contains("schema") || doc["schema"] != "jobfit.batch/1") {
    return Status(StatusCode::kParseError, "not a jobfit.batch/1 record");
  }
  if (!doc.contains("path") || !doc["path"].is_string()) {
    return Status(StatusCode::kParseError, "the record has no \"path\"");
  }
  BatchRecordSummary summary;
  summary.path = doc["path"];
  if (doc.contains("error")) {
    summary.error = ErrorFromJson(doc["error"]);
    if (!summary.error) return Status(StatusCode::kParseError, "\"error\" is not an object");
    return summary;
  }
  if (!doc.contains("results") || !doc["results"].is_array()) {
    return Status(StatusCode::kParseError, "the record has neither \"results\" nor \"error\"");
  }
  const Json& results = doc["results"];
  for (const Json& result : results) {
    if (!result.is_object() || !result.contains("score") || !result["score"].is_number() ||
        !result.contains("target") || !result["target"].is_object()) {
      return Status(StatusCode::kParseError, "a result lacks \"score\" or \"target\"");
    }
    const Json& target = result["target"];
    std::string source = target.value("source", "");
    if (target.value("kind", "") == "profile") source = "profile:" + source;
    summary.targets.push_back(std::move(source));
    summary.scores.push_back(result["score"].get<double>());
  }
  for (size_t i = 1; i < summary.scores.size(); ++i) {
    if (summary.scores[i] > summary.scores[summary.best]) summary.best = i;
  }
  if (!results.empty()) {
    const Json& best = results[summary.best];
    for (const char* key : {"matched", "missing"}) {
      if (!best.contains(key) || !best[key].is_array()) continue;
      std::vector<std::string>& names = key[1] == 'a' ? summary.matched : summary.missing;
      for (const Json& o : best[key]) {
        if (o.is_object() && o.contains("name") && o["name"].is_string()) {
          names.push_back(o["name"]);
        }
      }
    }
  }
  return summary;
}

}  // namespace jobfit
