#include "jobfit/lexicon.h"

#include <array>
#include <cassert>
#include <exception>
#include <new>
#include <string>
#include <utility>

#include "base/file.h"
#include "lexicon/builtin_files.h"
#include "lexicon/lexicon_impl.h"
#include "lexicon/loader.h"

namespace jobfit {
namespace {

using internal::LexiconImpl;

struct CategoryInfo {
  std::string_view name;
  std::string_view title;
};

// Indexed by Category; the order must follow the enum.
constexpr std::array<CategoryInfo, kCategoryCount> kCategories = {{
    {"language", "Programming languages"},
    {"library", "Libraries & frameworks"},
    {"cloud", "Cloud & platforms"},
    {"tool", "Tools"},
    {"mlops", "MLOps"},
    {"data", "Data & big data"},
    {"database", "Databases"},
    {"concept", "Concepts & methods"},
    {"soft-skill", "Soft skills"},
    {"certification", "Certifications"},
    {"education", "Education"},
    {"role", "Roles"},
}};

const CategoryInfo& Info(Category category) {
  const auto index = static_cast<size_t>(category);
  assert(index < kCategories.size());
  return kCategories[index < kCategories.size() ? index : 0];
}

Location FileOnly(std::string_view file) {
  Location where;
  where.file = std::string(file);
  return where;
}

// Converts whatever escapes the loader (in practice only std::bad_alloc) into a Status,
// so no exception crosses the public API.
template <typename F>
Result<Lexicon> Guarded(std::string_view source, F&& body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Status(StatusCode::kLimitExceeded, "out of memory loading the lexicon",
                  FileOnly(source));
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string("unexpected error: ") + e.what(),
                  FileOnly(source));
  } catch (...) {
    return Status(StatusCode::kInternal, "unexpected error", FileOnly(source));
  }
}

Result<Lexicon> Parse(std::string_view json, std::string_view source_name) {
  std::shared_ptr<LexiconImpl> impl;
  std::vector<Status> errors = internal::ParseLexicon(json, source_name, &impl);
  if (!errors.empty()) return std::move(errors.front());
  return internal::LexiconAccess::Make(std::move(impl));
}

// Layers `overlay` over `base` without checking cross-entry rules.
std::shared_ptr<LexiconImpl> Layer(const LexiconImpl& base, const LexiconImpl& overlay) {
  auto out = std::make_shared<LexiconImpl>(base);
  for (const internal::EntrySpec& entry : overlay.entries) {
    const auto it = out->index_by_id.find(entry.term.id);
    if (it != out->index_by_id.end()) {
      out->entries[it->second] = entry;  // replaces the earlier entry entirely, in its place
    } else {
      out->index_by_id.emplace(entry.term.id, out->entries.size());
      out->entries.push_back(entry);
    }
  }
  out->layers.insert(out->layers.end(), overlay.layers.begin(), overlay.layers.end());
  out->content_hash = internal::CombineLayerHashes(out->layers);
  return out;
}

Result<Lexicon> LoadBuiltin() {
  auto layered = std::make_shared<LexiconImpl>();
  for (const internal::EmbeddedFile& file : internal::BuiltinLexiconFiles()) {
    const std::string source = "<builtin:" + std::string(file.name) + ">";
    const std::string_view text(reinterpret_cast<const char*>(file.data), file.size);
    std::shared_ptr<LexiconImpl> impl;
    std::vector<Status> errors = internal::ParseLexicon(text, source, &impl);
    if (!errors.empty()) return std::move(errors.front());
    layered = Layer(*layered, *impl);
  }
  layered->content_hash = internal::CombineLayerHashes(layered->layers);
  if (Status s = internal::CheckCrossEntryRules(*layered, /*require_known_implies=*/true);
      !s.ok()) {
    return s;
  }
  return internal::LexiconAccess::Make(std::move(layered));
}

}  // namespace

std::string_view CategoryName(Category category) { return Info(category).name; }

std::string_view CategoryTitle(Category category) { return Info(category).title; }

std::optional<Category> ParseCategory(std::string_view name) {
  for (size_t i = 0; i < kCategories.size(); ++i) {
    if (kCategories[i].name == name) return static_cast<Category>(i);
  }
  return std::nullopt;
}

Lexicon::Lexicon(std::shared_ptr<const internal::LexiconImpl> impl) : impl_(std::move(impl)) {}

Result<Lexicon> Lexicon::Builtin() {
  // Parsed once, on first use; a function-local static is initialized thread-safely, and
  // every caller gets a copy sharing the same body (or the same error).
  static const Result<Lexicon>* const kBuiltin =
      new Result<Lexicon>(Guarded("<builtin>", [] { return LoadBuiltin(); }));
  return *kBuiltin;
}

Result<Lexicon> Lexicon::Load(const std::string& path) {
  return Guarded(path, [&]() -> Result<Lexicon> {
    Result<std::string> text = base::ReadFile(path, internal::kMaxLexiconBytes);
    if (!text.ok()) return text.status();
    return Parse(*text, path);
  });
}

Result<Lexicon> Lexicon::FromJson(std::string_view json, std::string_view source_name) {
  return Guarded(source_name, [&] { return Parse(json, source_name); });
}

std::vector<Status> Lexicon::Validate(std::string_view json, std::string_view source_name) {
  try {
    return internal::ParseLexicon(json, source_name, nullptr);
  } catch (...) {
    return {Status(StatusCode::kInternal, "unexpected error validating the lexicon",
                   FileOnly(source_name))};
  }
}

std::vector<Status> Lexicon::ValidateFile(const std::string& path) {
  Result<std::string> text = base::ReadFile(path, internal::kMaxLexiconBytes);
  if (!text.ok()) return {text.status()};
  return Validate(*text, path);
}

Result<Lexicon> Lexicon::LayeredWith(const Lexicon& overlay) const {
  return Guarded(overlay.impl_->layers.empty() ? "" : overlay.impl_->layers.back().source,
                 [&]() -> Result<Lexicon> {
                   std::shared_ptr<LexiconImpl> layered = Layer(*impl_, *overlay.impl_);
                   if (Status s = internal::CheckCrossEntryRules(*layered, true); !s.ok()) {
                     return s;
                   }
                   return internal::LexiconAccess::Make(std::move(layered));
                 });
}

size_t Lexicon::size() const { return impl_->entries.size(); }

const Term& Lexicon::term(size_t index) const {
  assert(index < impl_->entries.size());
  return impl_->entries[index].term;
}

std::optional<size_t> Lexicon::Find(std::string_view id) const {
  const auto it = impl_->index_by_id.find(id);
  if (it == impl_->index_by_id.end()) return std::nullopt;
  return it->second;
}

const std::vector<LexiconLayer>& Lexicon::layers() const { return impl_->layers; }

const std::string& Lexicon::content_hash() const { return impl_->content_hash; }

}  // namespace jobfit
