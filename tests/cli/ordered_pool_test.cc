// RunOrdered: outputs in source order whatever the threads do, bounded memory, a clean
// stop, and a source and sink never entered by two threads at once.
#include "cli/ordered_pool.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace jobfit::cli {
namespace {

// Work that takes an uneven, task-dependent time, so later tasks often finish first.
uint64_t SlowSquare(uint64_t n) {
  std::this_thread::sleep_for(std::chrono::microseconds((n * 7919) % 300));
  return n * n;
}

TEST(RunOrdered, SinksEveryOutputInSourceOrder) {
  for (const unsigned jobs : {1u, 2u, 3u, 8u}) {
    uint64_t next = 0;
    std::vector<uint64_t> sunk;
    std::atomic<int> in_source{0};
    std::atomic<int> in_sink{0};
    bool overlapped = false;
    RunOrdered<uint64_t, uint64_t>(
        jobs, 4,
        [&](uint64_t* task) {
          overlapped |= in_source.fetch_add(1) != 0;
          const bool more = next < 500;
          if (more) *task = next++;
          in_source.fetch_sub(1);
          return more;
        },
        [](uint64_t&& n) { return SlowSquare(n); },
        [&](uint64_t&& square) {
          overlapped |= in_sink.fetch_add(1) != 0;
          sunk.push_back(square);
          in_sink.fetch_sub(1);
          return true;
        });
    ASSERT_EQ(sunk.size(), 500u) << jobs << " jobs";
    for (uint64_t i = 0; i < sunk.size(); ++i) ASSERT_EQ(sunk[i], i * i) << jobs << " jobs";
    EXPECT_FALSE(overlapped) << jobs << " jobs";
  }
}

TEST(RunOrdered, KeepsAtMostTheWindowAlive) {
  constexpr size_t kWindow = 6;
  std::atomic<uint64_t> taken{0};
  std::atomic<uint64_t> sunk_count{0};
  std::atomic<uint64_t> worst{0};
  uint64_t next = 0;
  RunOrdered<uint64_t, uint64_t>(
      4, kWindow,
      [&](uint64_t* task) {
        if (next == 300) return false;
        *task = next++;
        const uint64_t alive = taken.fetch_add(1) + 1 - sunk_count.load();
        uint64_t seen = worst.load();
        while (alive > seen && !worst.compare_exchange_weak(seen, alive)) {
        }
        return true;
      },
      [](uint64_t&& n) { return SlowSquare(n); },
      [&](uint64_t&&) {
        sunk_count.fetch_add(1);
        return true;
      });
  EXPECT_EQ(sunk_count.load(), 300u);
  EXPECT_LE(worst.load(), kWindow);
}

TEST(RunOrdered, StopsWhenTheSinkRefuses) {
  for (const unsigned jobs : {1u, 2u, 4u}) {
    uint64_t next = 0;
    std::vector<uint64_t> sunk;
    RunOrdered<uint64_t, uint64_t>(
        jobs, 8,
        [&](uint64_t* task) {
          if (next == 1000) return false;
          *task = next++;
          return true;
        },
        [](uint64_t&& n) { return SlowSquare(n); },
        [&](uint64_t&& square) {
          sunk.push_back(square);
          return sunk.size() < 10;  // a closed pipe after ten outputs
        });
    ASSERT_EQ(sunk.size(), 10u) << jobs << " jobs";
    for (uint64_t i = 0; i < sunk.size(); ++i) EXPECT_EQ(sunk[i], i * i);
    EXPECT_LT(next, 1000u) << jobs << " jobs: the source was read to the end";
  }
}

TEST(RunOrdered, AnEmptySourceSinksNothing) {
  int sinks = 0;
  RunOrdered<int, int>(
      3, 4, [](int*) { return false; }, [](int&& n) { return n; },
      [&](int&&) {
        ++sinks;
        return true;
      });
  EXPECT_EQ(sinks, 0);
}

}  // namespace
}  // namespace jobfit::cli
