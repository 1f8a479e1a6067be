// Parallel work with ordered output: tasks are taken in sequence, processed on N threads,
// and their outputs handed on in the same sequence, so what a run writes does not depend
// on the number of threads or their timing.
#ifndef JOBFIT_CLI_ORDERED_POOL_H_
#define JOBFIT_CLI_ORDERED_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace jobfit::cli {

// Runs `work` over the tasks `source` yields, on `jobs` threads, and calls `sink` with the
// outputs in source order on the calling thread.
//   source: bool(Task*): fills the next task, false at the end. Called by one thread at a
//           time, in order (it may block, e.g. reading stdin).
//   work:   Output(Task&&): called concurrently; must not throw.
//   sink:   bool(Output&&): false stops the run (a closed pipe); tasks already taken finish
//           and are dropped.
// Memory is bounded: a worker does not take task k until output k - window has been sunk,
// so at most `window` tasks and outputs are alive at once, whatever the input's length.
// With jobs <= 1 everything runs on the calling thread: read, work, sink, one at a time.
template <typename Task, typename Output, typename Source, typename Work, typename Sink>
void RunOrdered(unsigned jobs, size_t window, Source&& source, Work&& work, Sink&& sink) {
  if (jobs <= 1) {
    Task task;
    while (source(&task)) {
      if (!sink(work(std::move(task)))) return;
      task = Task();
    }
    return;
  }
  if (window < jobs) window = jobs;
  std::mutex mu;                  // guards everything below but the source
  std::condition_variable space;  // a slot in the window opened, or the run ended
  std::condition_variable ready;  // an output arrived, or the source ended
  std::mutex source_mu;           // one reader of the source at a time, in order
  uint64_t next_task = 0;         // sequence number of the next task taken
  uint64_t next_out = 0;          // sequence number of the next output sunk
  uint64_t total = UINT64_MAX;    // known once the source ends
  bool stop = false;
  std::map<uint64_t, Output> done;  // the reorder buffer

  auto worker = [&] {
    for (;;) {
      Task task;
      uint64_t seq = 0;
      {
        std::lock_guard<std::mutex> reading(source_mu);
        {
          std::unique_lock<std::mutex> lock(mu);
          space.wait(lock,
                     [&] { return stop || total != UINT64_MAX || next_task < next_out + window; });
          if (stop || total != UINT64_MAX) return;
        }
        const bool more = source(&task);
        std::lock_guard<std::mutex> lock(mu);
        if (!more) {
          total = next_task;
          ready.notify_all();
          space.notify_all();
          return;
        }
        seq = next_task++;
      }
      Output output = work(std::move(task));
      {
        std::lock_guard<std::mutex> lock(mu);
        done.emplace(seq, std::move(output));
      }
      ready.notify_one();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(jobs);
  for (unsigned i = 0; i < jobs; ++i) threads.emplace_back(worker);
  for (;;) {
    std::unique_lock<std::mutex> lock(mu);
    ready.wait(lock, [&] { return done.count(next_out) != 0 || next_out == total; });
    if (next_out == total) break;
    auto it = done.find(next_out);
    Output output = std::move(it->second);
    done.erase(it);
    ++next_out;
    lock.unlock();
    space.notify_all();
    if (!sink(std::move(output))) {
      std::lock_guard<std::mutex> relock(mu);
      stop = true;
      space.notify_all();
      break;
    }
  }
  for (std::thread& thread : threads) thread.join();
}

}  // namespace jobfit::cli

#endif  // JOBFIT_CLI_ORDERED_POOL_H_
