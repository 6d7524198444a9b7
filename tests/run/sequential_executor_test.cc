// The sequential executor starts no thread, yet keeps the time limit and stops a running task
// on cancellation: both through the StopFlag the task polls.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "voigt/executor.h"
#include "voigt/fit.h"
#include "support/simulated_300.h"

namespace voigt {
namespace {

std::vector<FitTask> numbered_tasks(int n) {
  std::vector<FitTask> tasks(n);
  for (int i = 0; i < n; ++i) tasks[i].id = i, tasks[i].peaks = {i};
  return tasks;
}

// Task `endless` runs until its flag is raised (a solver polling it each iteration); the others
// return one row at once. `on_start` runs as the endless task begins.
template <typename OnStart>
TaskFunction one_endless_task(int endless, OnStart on_start) {
  return [endless, on_start](const FitTask& task, const StopFlag& stop) {
    TaskResult r;
    r.task_id = task.id;
    if (task.id == endless) {
      on_start();
      while (!stop.raised()) {
      }
      r.status = PeakStatus::kCancelled;
      return r;
    }
    r.rows.resize(1);
    return r;
  };
}

TEST(SequentialExecutor, TaskPastItsTimeLimitIsStoppedAndMarkedTimeout) {
  auto sequential = make_sequential_executor(0.2);
  const auto results = sequential->run(numbered_tasks(3), one_endless_task(1, [] {}), {});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[1].status, PeakStatus::kTimeout);
  EXPECT_NE(results[1].message.find("time limit of 0.2 s"), std::string::npos)
      << results[1].message;
  EXPECT_EQ(results[0].rows.size(), 1u);
  EXPECT_EQ(results[2].rows.size(), 1u) << "the task after the timed-out one runs normally";
}

// What a Ctrl-C handler does mid-task: the running task stops at its next poll, the rest are
// skipped, and the executor runs normally afterwards.
TEST(SequentialExecutor, CancelStopsTheRunningTaskAndSkipsTheRest) {
  auto sequential = make_sequential_executor(300);
  Executor* executor = sequential.get();
  const auto results = sequential->run(
      numbered_tasks(3), one_endless_task(1, [executor] { executor->request_cancel(); }), {});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].rows.size(), 1u);
  EXPECT_EQ(results[1].status, PeakStatus::kCancelled);
  EXPECT_EQ(results[2].status, PeakStatus::kCancelled);
  EXPECT_TRUE(results[2].rows.empty());

  const auto again = sequential->run(numbered_tasks(2), one_endless_task(-1, [] {}), {});
  EXPECT_EQ(again[0].rows.size(), 1u);
  EXPECT_EQ(again[1].rows.size(), 1u);
}

// Through the real solvers: with a limit no fit can meet, every cluster stops at the solvers'
// first poll and every row says `timeout`.
TEST(SequentialExecutor, SolversPollTheTimeLimit) {
  auto sequential = make_sequential_executor(1e-9);
  const FitResults got = testing::fit300(*sequential);
  EXPECT_EQ(got.summary.timeout, got.summary.peaks_total) << got.summary.brief_report();
  for (const PeakResult& r : got.rows)
    EXPECT_NE(r.message.find("time limit"), std::string::npos) << r.index << ": " << r.message;
}

}  // namespace
}  // namespace voigt
