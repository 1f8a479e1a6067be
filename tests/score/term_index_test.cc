#include "score/term_index.h"

#include <algorithm>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace jobfit::internal {
namespace {

// The index finds what a search of the list finds, for lists of every size (the table
// grows in powers of two) and for terms the list holds or not.
TEST(ResumeTermIndex, FindsWhatASearchOfTheListFinds) {
  std::mt19937 random(5);
  for (size_t size : {size_t{0}, size_t{1}, size_t{7}, size_t{8}, size_t{9}, size_t{63}, size_t{64},
                      size_t{65}, size_t{300}, size_t{2000}}) {
    std::vector<uint32_t> ids;
    while (ids.size() < size) {
      const auto id = static_cast<uint32_t>(random() % 5000);
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    std::vector<ResumeTerm> terms(size);
    for (size_t i = 0; i < size; ++i) terms[i].term = ids[i];
    const ResumeTermIndex index(terms);
    for (uint32_t id = 0; id < 5000; ++id) {
      const auto it = std::find_if(terms.begin(), terms.end(),
                                   [&](const ResumeTerm& t) { return t.term == id; });
      const ResumeTerm* expected = it == terms.end() ? nullptr : &*it;
      ASSERT_EQ(index.Find(id), expected) << "size " << size << ", term " << id;
    }
  }
}

}  // namespace
}  // namespace jobfit::internal
