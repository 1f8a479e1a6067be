// A JSON writer that appends straight to a string, for reports written once per resume in
// a batch: building an nlohmann document of a 20 KB jobfit.check/1 record and dumping it
// cost more than scoring the resume. The bytes are the same as
// nlohmann::ordered_json::dump(-1, ' ', false, error_handler_t::replace) of the same
// members in the same order, so every writer of a report agrees with the others.
#ifndef JOBFIT_REPORT_JSON_WRITER_H_
#define JOBFIT_REPORT_JSON_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace jobfit::internal {

// Calls must form one well-nested value: Key() only inside an object, each Key() followed
// by one value, Begin and End paired. The writer does not check this.
//
// The writer writes through a pointer into a room of its own, not through
// std::string::append: a record makes over a thousand small writes, and append's checks
// were most of their cost. Finish() appends what was written to *out in one copy. (The
// room was once *out itself, grown with resize: that filled twice a record's size with
// zeros first, 6% of a batch's instructions with --jsonl.) *out holds the text written only
// after Finish() (or the writer's destruction), and must not be touched by other means
// between a write and Finish(); it must outlive the writer, which finishes it on
// destruction.
class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  ~JsonWriter();

  // Appends the text written since the last Finish() to *out. Writing may go on
  // afterwards, after what *out then holds: a caller that writes a long text out in
  // pieces may empty it.
  void Finish();
  // The bytes of *out written so far, including those since the last Finish().
  size_t size() const { return out_->size() + pending(); }

  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  // `key` is plain ASCII, no quote, backslash or control character, as every key of a
  // jobfit report is: it is written without escaping (checked in debug builds).
  JsonWriter& Key(std::string_view key);
  // A key written as a literal, as nearly all are: its length is known where it is
  // written, so its bytes go out in one copy of that size, without the call and the
  // branches of a key of any length (a batch record has some 750 keys).
  template <size_t N>
  JsonWriter& Key(const char (&key)[N]) {
    static_assert(N >= 1 && N - 1 <= kShortString, "a literal key is short");
    Reserve(N + 3);
    if (!first_) *cur_++ = ',';
    first_ = false;
    *cur_++ = '"';
    std::memcpy(cur_, key, N - 1);
    cur_ += N - 1;
    *cur_++ = '"';
    *cur_++ = ':';
    after_key_ = true;
    return *this;
  }
  // Continues an object whose members so far were written by other means (the text
  // ends inside it, after at least one member).
  JsonWriter& ContinueObject() {
    first_ = false;
    return *this;
  }

  JsonWriter& String(std::string_view value);
  JsonWriter& Double(double value);  // NaN and infinities as null, as nlohmann does
  JsonWriter& Uint(uint64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // A value already rendered as JSON.
  JsonWriter& Raw(std::string_view json);

 private:
  // Writes a string of at most kShortString plain ASCII bytes, with the comma before it
  // and, for a key, the colon after it, in one append; returns false, having written
  // nothing, for any other string. Most keys and values of a report are such strings, and
  // three or four appends for each had become most of the writer's time.
  static constexpr size_t kShortString = 48;
  bool ShortPlain(std::string_view value, bool key);
  void BeforeValue();
  JsonWriter& Open(char bracket);
  JsonWriter& Close(char bracket);

  // Makes room for n more bytes at cur_.
  void Reserve(size_t n) {
    if (static_cast<size_t>(end_ - cur_) < n) Grow(n);
  }
  void Grow(size_t n);
  void Put(char c) {
    Reserve(1);
    *cur_++ = c;
  }
  void Put(std::string_view bytes);

  size_t pending() const { return static_cast<size_t>(cur_ - room_.get()); }

  std::string* out_;
  std::unique_ptr<char[]> room_;  // not initialized: every byte is written before it is read
  size_t room_size_ = 0;
  char* cur_ = nullptr;     // where the next byte goes, inside room_
  char* end_ = nullptr;     // the end of room_
  bool first_ = true;       // nothing written yet in the innermost open object or array
  bool after_key_ = false;  // a key was written; its value comes next
};

}  // namespace jobfit::internal

#endif  // JOBFIT_REPORT_JSON_WRITER_H_
