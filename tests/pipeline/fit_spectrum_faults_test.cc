// Faults during a real run: a cluster past its time limit, and cancellation while a
// cluster is being fitted. Unlike tests/run/thread_pool_executor_test.cc (dummy tasks), these go
// through fit_spectrum and fit_task, so they check that a real solve notices its stop flag and
// that the gather keeps every finished row. In every case: one row per listed peak in input
// order, the unaffected peaks' rows exactly as in an undisturbed run, the affected ones with
// status timeout/cancelled, a message and NaN numbers, and summary counts that say so.
//
// A cluster that is slow on every machine and build: how long a real fit takes depends on the
// planner, the solver and the sanitizer, so the "slow" cluster is made slow by refitting it,
// with the executor's own stop flag, until that flag stops a solve (SlowClusterExecutor). Every
// solve is the real fit_task; only the repetition is the test's.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>
#include <vector>

#include "voigt/fit.h"
#include "voigt/lineshape.h"
#include "voigt/result_io.h"

namespace voigt {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A 512 x 128 plane (1H 3.125 Hz/pt at 800 MHz from 10 ppm, 15N 7.6 Hz/pt at 81.1 MHz from
// 130 ppm): first a cluster of 3 overlapping peaks at x ~ 40 (the "slow" one), then kSmallPeaks
// isolated peaks on a grid 40 points apart in x and 30 in y, with unit noise.
constexpr int kSlowPeaks = 3;
constexpr int kSmallPeaks = 30;

struct Scene {
  std::vector<float> data;
  Axis x, y;
  PeakList list;
  Spectrum2D view() const { return Spectrum2D{data.data(), x, y}; }
};

Axis axis_from(int n, double hz_per_pt, double obs_mhz, double first_ppm) {
  Axis a;
  a.size_pt = n;
  a.sw_hz = hz_per_pt * n;
  a.obs_mhz = obs_mhz;
  a.orig_hz = first_ppm * obs_mhz - a.sw_hz + hz_per_pt;
  return a;
}

Scene make_scene(bool with_slow_cluster) {
  Scene s;
  const int nx = 512, ny = 128;
  s.x = axis_from(nx, 3.125, 800.0, 10.0);
  s.y = axis_from(ny, 7.6, 81.1, 130.0);
  s.data.assign(static_cast<std::size_t>(nx) * ny, 0.0f);
  auto add = [&](double x0, double y0, double h, bool listed) {
    const double v0x = voigt_profile(0, 1.5, 1.2), v0y = voigt_profile(0, 0.9, 0.7);
    for (int j = 0; j < ny; ++j) {
      const double vy = voigt_profile(j - y0, 0.9, 0.7) / v0y;
      for (int i = 0; i < nx; ++i)
        s.data[static_cast<std::size_t>(j) * nx + i] +=
            static_cast<float>(h * vy * voigt_profile(i - x0, 1.5, 1.2) / v0x);
    }
    if (!listed) return;
    Peak p;
    p.assignment = "P" + std::to_string(s.list.peaks.size());
    p.x_ppm = s.x.ppm_at(x0);
    p.y_ppm = s.y.ppm_at(y0);
    s.list.peaks.push_back(p);
  };
  // The slow cluster's peaks are always in the data (so every plane has the same noise
  // estimate), listed only when asked.
  for (int k = 0; k < kSlowPeaks; ++k)
    add(40 + 3.0 * k, 64 + 1.0 * k, 400 + 100 * k, with_slow_cluster);
  for (int k = 0; k < kSmallPeaks; ++k)
    add(120 + 40.0 * (k % 10), 20 + 30.0 * (k / 10), 150 + 5 * k, true);
  std::uint64_t state = 17;
  for (float& v : s.data) {
    auto uniform = [&state] {
      std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      return ((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
    };
    const double u1 = uniform(), u2 = uniform();
    v += static_cast<float>(std::sqrt(-2 * std::log(1 - u1)) * std::cos(6.283185307179586 * u2));
  }
  return s;
}

const Scene& scene() {
  static const Scene s = make_scene(true);
  return s;
}

// Runs `inner`, refitting the cluster of peak 0 with the same stop flag until a solve returns
// stopped (empty rows), so that it runs until its time limit or a cancellation. Gives up after
// kGiveUp_s (then the cluster's last, complete result is returned: a stop flag that never came).
class SlowClusterExecutor : public Executor {
 public:
  static constexpr double kGiveUp_s = 3;
  explicit SlowClusterExecutor(std::unique_ptr<Executor> inner)
      : owned_(std::move(inner)), inner_(owned_.get()) {}
  explicit SlowClusterExecutor(Executor* inner) : inner_(inner) {}
  std::vector<TaskResult> run(const std::vector<FitTask>& tasks,
                              const TaskFunction& fit,
                              const ProgressCallback& progress) override {
    return inner_->run(
        tasks,
        [&fit, this](const FitTask& task, const StopFlag& stop) {
          if (std::find(task.peaks.begin(), task.peaks.end(), 0) == task.peaks.end())
            return fit(task, stop);
          const Clock::time_point start = Clock::now();
          for (;;) {
            TaskResult result = fit(task, stop);
            ++slow_solves_;
            if (result.rows.empty() || seconds_since(start) > kGiveUp_s) return result;
          }
        },
        progress);
  }
  int threads_used() const override { return inner_->threads_used(); }
  std::string name() const override { return inner_->name(); }
  void request_cancel() override { inner_->request_cancel(); }
  int slow_solves() const { return slow_solves_; }

 private:
  std::unique_ptr<Executor> owned_;
  Executor* inner_;
  std::atomic<int> slow_solves_{0};
};

// The small peaks' rows from an undisturbed sequential run of the list without the slow cluster,
// after both passes or (what a cancelled run keeps: cancellation skips the second pass) after the
// first only.
const std::vector<PeakResult>& reference_rows(bool second_pass = true) {
  auto fit = [](bool two_passes) {
    const Scene small = make_scene(false);
    auto sequential = make_sequential_executor();
    FitOptions options;
    options.second_pass = two_passes;
    return fit_spectrum(small.view(), small.list, options, *sequential).rows;
  };
  static const std::vector<PeakResult> both = fit(true), first = fit(false);
  return second_pass ? both : first;
}

// One row per listed peak in input order, each fitted (`ok`) or with the fault's status, a
// message and NaN numbers; the slow cluster's rows all have the fault's status.
void expect_rows_kept(const FitResults& fit, PeakStatus fault) {
  ASSERT_GE(fit.rows.size(), static_cast<std::size_t>(kSlowPeaks + kSmallPeaks));
  for (int k = 0; k < kSlowPeaks + kSmallPeaks; ++k) {
    const PeakResult& r = fit.rows[k];
    EXPECT_EQ(r.index, k);
    EXPECT_EQ(r.assignment, scene().list.peaks[k].assignment);
    if (k < kSlowPeaks) {
      EXPECT_EQ(r.status, fault) << "slow cluster row " << k << ": " << r.message;
    }
    if (r.status == PeakStatus::kOk) continue;
    EXPECT_EQ(r.status, fault) << "row " << k << ": " << r.message;
    EXPECT_FALSE(r.message.empty()) << "row " << k;
    EXPECT_TRUE(std::isnan(r.height) && std::isnan(r.x_ppm)) << "row " << k;
  }
}

// The small peaks' fitted rows equal those of the undisturbed run: the slow cluster's region does
// not reach theirs, so a fault there must not change them. (Cluster ids differ between the two
// lists, so the numbers are compared, not the text.)
void expect_small_rows_match_reference(const FitResults& fit, bool second_pass = true) {
  const std::vector<PeakResult>& ref = reference_rows(second_pass);
  ASSERT_GE(ref.size(), static_cast<std::size_t>(kSmallPeaks));
  for (int k = 0; k < kSmallPeaks; ++k) {
    const PeakResult& r = fit.rows[kSlowPeaks + k];
    if (r.status != PeakStatus::kOk) continue;
    EXPECT_EQ(r.height, ref[k].height) << "small peak " << k;
    EXPECT_EQ(r.x_ppm, ref[k].x_ppm) << "small peak " << k;
    EXPECT_EQ(r.volume_err, ref[k].volume_err) << "small peak " << k;
  }
}

// Calls request_cancel on `executor` after `delay_ms` from its own thread, joined on scope exit
// (also when the test body throws).
class CancelAfter {
 public:
  CancelAfter(Executor& executor, int delay_ms)
      : thread_([&executor, delay_ms] {
          std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
          executor.request_cancel();
        }) {}
  ~CancelAfter() { thread_.join(); }

 private:
  std::thread thread_;
};

int count(const FitResults& fit, PeakStatus status) {
  int n = 0;
  for (const PeakResult& r : fit.rows) n += r.status == status;
  return n;
}

// The slow cluster runs past a 0.3 s limit and is stopped in a solve: its peaks are `timeout`
// with a message naming the limit, every small peak is fitted as in an undisturbed run.
TEST(FitSpectrumFaults, ClusterPastItsTimeLimitIsStoppedAndOthersAreKept) {
  SlowClusterExecutor executor(make_thread_pool_executor(2, 0.3));
  const Clock::time_point start = Clock::now();
  const FitResults fit = fit_spectrum(scene().view(), scene().list, FitOptions{}, executor);
  const double wall_s = seconds_since(start);
  expect_rows_kept(fit, PeakStatus::kTimeout);
  for (int k = 0; k < kSlowPeaks; ++k)
    EXPECT_NE(fit.rows[k].message.find("time limit"), std::string::npos) << fit.rows[k].message;
  for (int k = kSlowPeaks; k < kSlowPeaks + kSmallPeaks; ++k)
    EXPECT_EQ(fit.rows[k].status, PeakStatus::kOk) << "row " << k << ": " << fit.rows[k].message;
  expect_small_rows_match_reference(fit);
  EXPECT_EQ(fit.summary.timeout, kSlowPeaks);
  EXPECT_EQ(fit.summary.ok, kSmallPeaks);
  EXPECT_FALSE(fit.summary.all_fitted());
  EXPECT_LT(wall_s, SlowClusterExecutor::kGiveUp_s) << "the stop flag never stopped a solve";
  std::printf("time limit 0.3 s: %d solves of the slow cluster, run %.2f s; %s\n",
              executor.slow_solves(),
              wall_s,
              fit.summary.brief_report().c_str());
}

// Cancellation from another thread (what the CLI's SIGINT handler does) 0.2 s into the run,
// while the slow cluster is being fitted: its solve stops, its peaks and every small peak not yet
// fitted are `cancelled`, the small peaks already fitted keep their rows.
TEST(FitSpectrumFaults, CancelMidRunStopsTheRunningClusterAndKeepsFinishedRows) {
  SlowClusterExecutor executor(make_thread_pool_executor(2, 300));
  const Scene& input = scene();  // built before the clock starts (a first call takes a while)
  const Clock::time_point start = Clock::now();
  FitResults fit;
  {
    CancelAfter cancel(executor, 200);
    fit = fit_spectrum(input.view(), input.list, FitOptions{}, executor);
  }
  const double wall_s = seconds_since(start);
  expect_rows_kept(fit, PeakStatus::kCancelled);
  expect_small_rows_match_reference(fit, /*second_pass=*/false);
  EXPECT_EQ(fit.summary.cancelled, count(fit, PeakStatus::kCancelled));
  EXPECT_GE(fit.summary.cancelled, kSlowPeaks);
  EXPECT_EQ(fit.summary.ok + fit.summary.cancelled, static_cast<int>(fit.rows.size()));
  EXPECT_LT(wall_s, SlowClusterExecutor::kGiveUp_s) << "the cancellation never stopped a solve";
  std::printf("cancel at 0.2 s: run %.2f s; %s\n", wall_s, fit.summary.brief_report().c_str());
}

// The pool is reusable after a cancelled run: the next run fits everything, bit for bit as an
// undisturbed run.
TEST(FitSpectrumFaults, PoolRunsNormallyAfterACancelledRun) {
  auto pool = make_thread_pool_executor(2, 300);
  SlowClusterExecutor slow(pool.get());
  const Scene& input = scene();  // built before the canceller starts
  FitResults cancelled;
  {
    CancelAfter cancel(slow, 100);
    cancelled = fit_spectrum(input.view(), input.list, FitOptions{}, slow);
  }
  EXPECT_GE(cancelled.summary.cancelled, kSlowPeaks);
  const Scene small = make_scene(false);
  const FitResults again = fit_spectrum(small.view(), small.list, FitOptions{}, *pool);
  EXPECT_TRUE(again.summary.all_fitted()) << again.summary.brief_report();
  EXPECT_EQ(format_results_csv(again.rows), format_results_csv(reference_rows()));
}

// The sequential executor takes a cancellation between clusters: the clusters finished before it
// keep their rows, every later one is `cancelled`.
TEST(FitSpectrumFaults, SequentialCancelTakesEffectBetweenClusters) {
  const Scene small = make_scene(false);
  auto sequential = make_sequential_executor();
  Executor* executor = sequential.get();
  int peaks_done_at_cancel = -1, calls_after_cancel = 0;
  const FitResults fit =
      fit_spectrum(small.view(), small.list, FitOptions{}, *sequential, [&](const Progress& p) {
        if (peaks_done_at_cancel >= 0) ++calls_after_cancel;
        if (p.tasks_done == 3) {
          peaks_done_at_cancel = p.peaks_done;
          executor->request_cancel();
        }
        return ProgressAction::kContinue;
      });
  ASSERT_GT(peaks_done_at_cancel, 0);
  EXPECT_EQ(calls_after_cancel, 0) << "a cluster was fitted after the cancellation";
  EXPECT_EQ(fit.summary.ok, peaks_done_at_cancel) << fit.summary.brief_report();
  EXPECT_EQ(fit.summary.cancelled, kSmallPeaks - peaks_done_at_cancel)
      << fit.summary.brief_report();
  for (const PeakResult& r : fit.rows) {
    if (r.status == PeakStatus::kOk) {
      EXPECT_EQ(r.height, reference_rows(/*second_pass=*/false)[r.index].height);
    }
  }
}

// A cancellation that arrives before the executor's run() starts, i.e. while fit_spectrum is
// still planning (what the CLI's Ctrl-C handler does when pressed during plan(): it is installed
// before fit_spectrum is called), must still cancel the run. (Found when written: both executors
// reset their cancel flag at the start of run(), so the request was lost.)
TEST(FitSpectrumFaults, CancelRequestedBeforeTheRunStartsIsNotLost) {
  const Scene& input = scene();
  for (int threads : {1, 2}) {
    SlowClusterExecutor executor(make_thread_pool_executor(threads, 300));
    executor.request_cancel();
    const FitResults fit = fit_spectrum(input.view(), input.list, FitOptions{}, executor);
    EXPECT_EQ(fit.summary.ok, 0) << threads << " threads: " << fit.summary.brief_report();
    for (int k = 0; k < kSlowPeaks; ++k)
      EXPECT_EQ(fit.rows[k].status, PeakStatus::kCancelled) << threads << " threads, row " << k;
  }
}

// A time limit must hold whatever path the pool takes. With one thread, or with fewer than three
// clusters, the pool runs the tasks on the calling thread. (Found when written: that path checked
// no deadline, so the limit was silently ignored.)
TEST(FitSpectrumFaults, TimeLimitHoldsWithOneThreadOrFewerThanThreeClusters) {
  Scene two = scene();
  two.list.peaks.resize(kSlowPeaks + 1);  // the slow cluster and one small peak: two tasks
  for (int threads : {1, 2}) {
    SlowClusterExecutor executor(make_thread_pool_executor(threads, 0.3));
    const FitResults fit = fit_spectrum(two.view(), two.list, FitOptions{}, executor);
    for (int k = 0; k < kSlowPeaks; ++k)
      EXPECT_EQ(fit.rows[k].status, PeakStatus::kTimeout) << threads << " threads, row " << k;
  }
}

// The sequential executor keeps a request made before its run too, and clears it when the run
// ends: the next run fits everything.
TEST(FitSpectrumFaults, SequentialExecutorKeepsACancelRequestedBeforeTheRun) {
  const Scene small = make_scene(false);
  auto sequential = make_sequential_executor();
  sequential->request_cancel();
  const FitResults cancelled = fit_spectrum(small.view(), small.list, FitOptions{}, *sequential);
  EXPECT_EQ(cancelled.summary.ok, 0) << cancelled.summary.brief_report();
  EXPECT_EQ(cancelled.summary.cancelled, kSmallPeaks) << cancelled.summary.brief_report();
  const FitResults again = fit_spectrum(small.view(), small.list, FitOptions{}, *sequential);
  EXPECT_TRUE(again.summary.all_fitted()) << again.summary.brief_report();
}

// On the pool's calling-thread path (one thread) a cancellation from another thread stops the
// cluster being fitted, as on the threaded path, instead of waiting for it to finish.
TEST(FitSpectrumFaults, CancelMidTaskStopsTheSolveWithOneThread) {
  SlowClusterExecutor executor(make_thread_pool_executor(1, 300));
  const Scene& input = scene();
  const Clock::time_point start = Clock::now();
  FitResults fit;
  {
    CancelAfter cancel(executor, 200);
    fit = fit_spectrum(input.view(), input.list, FitOptions{}, executor);
  }
  const double wall_s = seconds_since(start);
  expect_rows_kept(fit, PeakStatus::kCancelled);
  EXPECT_LT(wall_s, SlowClusterExecutor::kGiveUp_s) << "the cancellation never stopped a solve";
}

}  // namespace
}  // namespace voigt
