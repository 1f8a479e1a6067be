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

// Runs `work` over the tasks `source` yields on `jobs` threads (the calling thread among
// them) and calls `sink` with the outputs in source order.
//   source: bool(Task*): fills the next task, false at the end. Called by one thread at a
//           time, in order (it may block, e.g. reading stdin).
//   work:   Output(Task&&): called concurrently; must not throw.
//   sink:   bool(Output&&): false stops the run (a closed pipe); tasks already taken finish
//           and are dropped. Called by one thread at a time, in order, by whichever thread
//           finished the output that was next due, as soon as it is done.
// Memory is bounded: a thread does not take task k until output k - window has been sunk,
// so at most `window` tasks and outputs are alive at once, whatever the input's length.
// No thread waits for another's output: a thread that hands the sink on to a separate
// writer thread wakes it for every output, and on two cores those context switches cost
// a batch of small resumes a fifth of its time.
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
  std::condition_variable space;  // the window moved on, or the run ended
  std::mutex source_mu;           // one reader of the source at a time, in order
  uint64_t next_task = 0;         // sequence number of the next task taken
  uint64_t next_out = 0;          // sequence number of the next output sunk
  bool source_done = false;
  bool stop = false;
  bool sinking = false;             // a thread is sinking outputs
  size_t waiting = 0;               // threads waiting for space
  std::map<uint64_t, Output> done;  // the reorder buffer

  auto run = [&] {
    for (;;) {
      Task task;
      uint64_t seq = 0;
      {
        std::lock_guard<std::mutex> reading(source_mu);
        {
          std::unique_lock<std::mutex> lock(mu);
          ++waiting;
          space.wait(lock, [&] { return stop || source_done || next_task < next_out + window; });
          --waiting;
          if (stop || source_done) return;
        }
        const bool more = source(&task);
        std::lock_guard<std::mutex> lock(mu);
        if (!more) {
          source_done = true;
          if (waiting > 0) space.notify_all();
          return;
        }
        seq = next_task++;
      }
      Output output = work(std::move(task));
      std::unique_lock<std::mutex> lock(mu);
      if (stop) return;
      done.emplace(seq, std::move(output));
      if (sinking) continue;  // the thread sinking now takes this output in turn
      sinking = true;
      for (auto it = done.find(next_out); it != done.end(); it = done.find(next_out)) {
        Output next = std::move(it->second);
        done.erase(it);
        lock.unlock();
        const bool go_on = sink(std::move(next));
        lock.lock();
        ++next_out;  // only now: the output was alive until the sink returned
        if (waiting > 0) space.notify_all();
        if (!go_on) {
          stop = true;
          done.clear();
          space.notify_all();
          break;
        }
      }
      sinking = false;
      if (stop) return;
    }
  };
  std::vector<std::thread> helpers;
  helpers.reserve(jobs - 1);
  for (unsigned i = 1; i < jobs; ++i) helpers.emplace_back(run);
  run();
  for (std::thread& helper : helpers) helper.join();
}

}  // namespace jobfit::cli

#endif  // JOBFIT_CLI_ORDERED_POOL_H_
