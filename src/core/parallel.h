// Parallel aggregation in DuckDB's shape: immutable input, one state per task, merged at
// the end; no shared accumulator behind a lock. Runs on oneTBB's current arena, so a
// caller limits threads with a tbb::task_arena or tbb::global_control.
#pragma once

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_reduce.h>

#include <cstddef>
#include <utility>

namespace storepulse {

// Calls update(state, begin, end) on blocks of [0, rows), each on a state made by
// init(), then merge(into, from) pairwise. Merges must be associative and exact (integer
// sums, bitmaps), which makes the result independent of how the rows were split.
template <typename Init, typename Update, typename Merge>
auto ParallelAggregate(size_t rows, Init init, Update update, Merge merge,
                       size_t grain = size_t{1} << 15) {
  using State = decltype(init());
  return tbb::parallel_reduce(
      tbb::blocked_range<size_t>(0, rows, grain), init(),
      [&](const tbb::blocked_range<size_t>& range, State state) {
        update(state, range.begin(), range.end());
        return state;
      },
      [&](State into, State from) {
        merge(into, from);
        return into;
      });
}

}  // namespace storepulse
