#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

#include "voigt/fit.h"
#include "voigt/result_io.h"
#include "support/simulated_300.h"
#include "voigt/simulate.h"

namespace voigt {
namespace {

using testing::spectrum300;
FitResults fit_with(Executor& executor) { return testing::fit300(executor); }

TEST(ThreadPoolExecutor, RowsAreBitIdenticalToSequential) {
  auto sequential = make_sequential_executor();
  const FitResults reference = fit_with(*sequential);
  const std::string csv = format_results_csv(reference.rows);
  const std::string json = format_results_json(reference.rows, &reference.slices);
  for (int threads : {1, 2, 3, 8}) {
    auto pool = make_thread_pool_executor(threads);
    const FitResults got = fit_with(*pool);
    EXPECT_EQ(format_results_csv(got.rows), csv) << threads << " threads";
    EXPECT_EQ(format_results_json(got.rows, &got.slices), json) << threads << " threads";
    EXPECT_EQ(got.summary.threads_used, threads);
  }
}

// Without cross-sections (the CLI without --json) the rows are the same bytes and the slices
// empty; with them every row has its sections.
TEST(ThreadPoolExecutor, CrossSectionsOffChangeNoRow) {
  auto pool = make_thread_pool_executor(2);
  const FitResults with = fit_with(*pool);
  FitOptions options;
  options.cross_sections = false;
  const FitResults without =
      fit_spectrum(testing::plane300(), spectrum300().listed, options, *pool);
  EXPECT_EQ(format_results_csv(without.rows), format_results_csv(with.rows));
  ASSERT_EQ(without.slices.size(), without.rows.size());
  for (const PeakSlices& s : without.slices) EXPECT_TRUE(s.x_ppm.empty() && s.y_data.empty());
  for (std::size_t i = 0; i < with.rows.size(); ++i) {
    if (with.rows[i].status == PeakStatus::kOk) {
      EXPECT_FALSE(with.slices[i].x_ppm.empty()) << i;
    }
  }
}

TEST(ThreadPoolExecutor, PoolIsReusedAcrossRuns) {
  auto pool = make_thread_pool_executor(3);
  const std::string first = format_results_csv(fit_with(*pool).rows);
  EXPECT_EQ(format_results_csv(fit_with(*pool).rows), first);
}

TEST(ThreadPoolExecutor, ProgressRunsOnCallingThreadAndCountsEveryTask) {
  auto pool = make_thread_pool_executor(4);
  const std::thread::id caller = std::this_thread::get_id();
  int calls = 0, last_done = 0, total = 0, peaks = 0;
  bool same_thread = true;
  const SimulatedSpectrum& sim = spectrum300();
  const Spectrum2D plane{sim.data.data(), sim.x, sim.y};
  fit_spectrum(plane, sim.listed, FitOptions{}, *pool, [&](const Progress& p) {
    same_thread &= std::this_thread::get_id() == caller;
    ++calls;
    EXPECT_EQ(p.tasks_done, last_done + 1);
    last_done = p.tasks_done;
    total = p.tasks_total;
    peaks = p.peaks_done;
    return ProgressAction::kContinue;
  });
  EXPECT_TRUE(same_thread);
  EXPECT_EQ(calls, total);
  EXPECT_EQ(peaks, 300);
}

TEST(ThreadPoolExecutor, AbortCancelsRemainingTasksAndKeepsFinishedRows) {
  auto pool = make_thread_pool_executor(2);
  const SimulatedSpectrum& sim = spectrum300();
  const Spectrum2D plane{sim.data.data(), sim.x, sim.y};
  const FitResults fit = fit_spectrum(plane, sim.listed, FitOptions{}, *pool, [](const Progress& p) {
    return p.tasks_done >= 10 ? ProgressAction::kAbort : ProgressAction::kContinue;
  });
  EXPECT_GT(fit.summary.cancelled, 0);
  EXPECT_GE(fit.summary.ok, 10);
  ASSERT_GE(fit.rows.size(), 300u);  // listed peaks, then any the finished clusters added
  for (const PeakResult& r : fit.rows)
    EXPECT_TRUE(r.status == PeakStatus::kOk || r.status == PeakStatus::kAdded ||
                r.status == PeakStatus::kCancelled)
        << r.message;
}

}  // namespace
}  // namespace voigt

namespace voigt {
namespace {

// A task that would never end unless stopped: its flag must stop it at the time limit and
// the pool must label it `timeout` while the other tasks finish normally.
TEST(ThreadPoolExecutor, TaskPastItsTimeLimitIsStoppedAndMarkedTimeout) {
  std::vector<FitTask> tasks(4);
  for (int i = 0; i < 4; ++i) tasks[i].id = i, tasks[i].peaks = {i};
  auto pool = make_thread_pool_executor(2, 0.2);
  const auto results = pool->run(
      tasks,
      [](const FitTask& task, const StopFlag& stop) {
        TaskResult r;
        r.task_id = task.id;
        if (task.id == 1) {
          while (!stop.raised()) std::this_thread::yield();
          r.status = PeakStatus::kCancelled;
          return r;
        }
        r.rows.resize(1);
        r.rows[0].status = PeakStatus::kOk;
        return r;
      },
      {});
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[1].status, PeakStatus::kTimeout);
  EXPECT_NE(results[1].message.find("time limit"), std::string::npos);
  for (int i : {0, 2, 3}) EXPECT_EQ(results[i].rows.size(), 1u) << i;
}

// The one-thread path (one thread, or fewer than 3 tasks) keeps the time limit: a task that never
// ends by itself is stopped and labelled `timeout`, the other finishes normally.
TEST(ThreadPoolExecutor, OneThreadPathStopsATaskAtTheTimeLimit) {
  std::vector<FitTask> tasks(2);
  for (int i = 0; i < 2; ++i) tasks[i].id = i, tasks[i].peaks = {i};
  for (int threads : {1, 4}) {
    auto pool = make_thread_pool_executor(threads, 0.2);
    const auto results = pool->run(
        tasks,
        [](const FitTask& task, const StopFlag& stop) {
          TaskResult r;
          r.task_id = task.id;
          if (task.id == 0) {
            while (!stop.raised()) std::this_thread::yield();
            r.status = PeakStatus::kCancelled;
            return r;
          }
          r.rows.resize(1);
          return r;
        },
        {});
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[0].status, PeakStatus::kTimeout) << threads << " threads";
    EXPECT_EQ(results[1].rows.size(), 1u) << threads << " threads";
  }
}

// An exception from a task function on the one-thread path reaches the caller and the pool still
// runs (the run's cancel request is cleared on the way out).
TEST(ThreadPoolExecutor, OneThreadPathPassesATaskExceptionToTheCaller) {
  std::vector<FitTask> tasks(1);
  auto pool = make_thread_pool_executor(1, 300);
  EXPECT_THROW(pool->run(
                   tasks,
                   [](const FitTask&, const StopFlag&) -> TaskResult {
                     throw std::runtime_error("task failed");
                   },
                   {}),
               std::runtime_error);
  const auto results =
      pool->run(tasks, [](const FitTask&, const StopFlag&) { return TaskResult{}; }, {});
  EXPECT_EQ(results.size(), 1u);
}

}  // namespace
}  // namespace voigt
