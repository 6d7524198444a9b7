#include "fork_pool_executor.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdlib>

#include "task_result_codec.h"
#include "voigt/fit.h"
#include "voigt/result_io.h"
#include "support/simulated_300.h"
#include "voigt/simulate.h"

namespace voigt {
namespace {

using testing::spectrum300;
FitResults fit_with(Executor& executor) { return testing::fit300(executor); }

// A row outside the faulted cluster is fitted, or failed with a message as a fit can be (the
// simulated set has a peak the first pass finds no height for): never crashed, timed out or
// cancelled. Its numbers, and even whether that peak is found, may differ from an undisturbed
// run: the second pass subtracts the other clusters' first fits, and the faulted one has none.
void expect_undisturbed(const PeakResult& r) {
  EXPECT_TRUE(r.status == PeakStatus::kOk || r.status == PeakStatus::kAdded ||
              (r.status == PeakStatus::kFailed && !r.message.empty()))
      << r.index << ": " << to_string(r.status) << " " << r.message;
}

// The undisturbed sequential run.
const FitResults& reference300() {
  static const FitResults fit = [] {
    auto sequential = make_sequential_executor();
    return fit_with(*sequential);
  }();
  return fit;
}

bool no_children_left() {
  errno = 0;
  return ::waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD;
}

TEST(ForkPoolExecutor, RowsAreBitIdenticalToSequential) {
  auto sequential = make_sequential_executor();
  const FitResults reference = fit_with(*sequential);
  for (int processes : {2, 3}) {
    auto pool = make_fork_pool_executor(processes, 300);
    const FitResults got = fit_with(*pool);
    EXPECT_EQ(format_results_csv(got.rows), format_results_csv(reference.rows)) << processes;
    EXPECT_EQ(format_results_json(got.rows, &got.slices),
              format_results_json(reference.rows, &reference.slices))
        << processes;
    EXPECT_TRUE(no_children_left());
  }
}

// The cluster whose task the child crashes on must come back `crashed`; every other peak is fitted.
// A run of the 300-peak fit on a fork pool whose child fails as VOIGTFIT_FAULT_TASK says
// ("ID:segv" or "ID:hang").
FitResults fit_with_fault(const char* fault, int processes, double time_limit_s) {
  ::setenv("VOIGTFIT_FAULT_TASK", fault, 1);
  auto pool = make_fork_pool_executor(processes, time_limit_s);
  const FitResults got = fit_with(*pool);
  ::unsetenv("VOIGTFIT_FAULT_TASK");
  return got;
}

TEST(ForkPoolExecutor, CrashedChildFailsOnlyItsTask) {
  const FitResults got = fit_with_fault("5:segv", 2, 300);
  int crashed = 0;
  for (const PeakResult& r : got.rows) {
    if (r.status == PeakStatus::kCrashed) {
      ++crashed;
      EXPECT_EQ(r.cluster, 5);
      EXPECT_NE(r.message.find("signal 11"), std::string::npos) << r.message;
    } else {
      expect_undisturbed(r);
    }
  }
  EXPECT_GE(crashed, 1);
  EXPECT_TRUE(no_children_left());
}

// Cluster `id`'s rows say `timeout`, every other row is fitted, and no child is left.
void expect_only_cluster_timed_out(const FitResults& got, int id) {
  int timed_out = 0;
  for (const PeakResult& r : got.rows) {
    if (r.status == PeakStatus::kTimeout) {
      ++timed_out;
      EXPECT_EQ(r.cluster, id);
    } else {
      expect_undisturbed(r);
    }
  }
  EXPECT_GE(timed_out, 1);
  EXPECT_TRUE(no_children_left());
}

TEST(ForkPoolExecutor, HangingChildIsKilledAtTheTimeLimit) {
  expect_only_cluster_timed_out(fit_with_fault("7:hang", 2, 1.0), 7);
}

TEST(ForkPoolExecutor, CancellationKeepsFinishedRowsAndReapsChildren) {
  auto pool = make_fork_pool_executor(2, 300);
  const SimulatedSpectrum& sim = spectrum300();
  const Spectrum2D plane{sim.data.data(), sim.x, sim.y};
  const FitResults got = fit_spectrum(plane, sim.listed, FitOptions{}, *pool, [](const Progress& p) {
    return p.tasks_done >= 20 ? ProgressAction::kAbort : ProgressAction::kContinue;
  });
  EXPECT_GT(got.summary.cancelled, 0);
  EXPECT_GE(got.summary.ok, 20);
  EXPECT_TRUE(no_children_left());
}

// One process still forks: a hanging task is killed at the time limit and only its cluster is
// lost (run on the calling process, the hang would have taken the whole run with it).
TEST(ForkPoolExecutor, OneProcessStillKillsAHangingTaskAtTheTimeLimit) {
  expect_only_cluster_timed_out(fit_with_fault("7:hang", 1, 1.0), 7);
}

// A cancellation requested before run() (Ctrl-C while planning) cancels that run: nothing is
// fitted, no child is left; the next run fits everything again.
TEST(ForkPoolExecutor, CancelRequestedBeforeTheRunCancelsItAndOnlyIt) {
  auto pool = make_fork_pool_executor(2, 300);
  pool->request_cancel();
  const FitResults cancelled = fit_with(*pool);
  EXPECT_EQ(cancelled.summary.ok, 0) << cancelled.summary.brief_report();
  EXPECT_EQ(cancelled.summary.cancelled, cancelled.summary.peaks_total);
  EXPECT_TRUE(no_children_left());
  const FitResults again = fit_with(*pool);
  EXPECT_EQ(format_results_csv(again.rows), format_results_csv(reference300().rows));
}

TEST(TaskResultCodec, RoundTripIsBitExact) {
  auto sequential = make_sequential_executor();
  const FitResults fit = fit_with(*sequential);
  TaskResult t;
  t.task_id = 3;
  t.message = "with, comma";
  t.rows.assign(fit.rows.begin(), fit.rows.begin() + 3);
  t.slices.assign(fit.slices.begin(), fit.slices.begin() + 3);
  const TaskResult back = decode_task_result(encode_task_result(t));
  EXPECT_EQ(back.task_id, 3);
  EXPECT_EQ(back.message, t.message);
  EXPECT_EQ(format_results_json(back.rows, &back.slices), format_results_json(t.rows, &t.slices));
  const std::string bytes = encode_task_result(t);
  EXPECT_THROW(decode_task_result(bytes.substr(0, bytes.size() - 1)), std::runtime_error);
}

}  // namespace
}  // namespace voigt
