// Fitting a spectrum: plan() splits the peak list into independent tasks (clusters of
// overlapping peaks), fit_task() fits one task as a pure function, and fit_spectrum() runs the
// tasks on an Executor and gathers one row per peak in input order.
#ifndef VOIGT_PUBLIC_FIT_H_
#define VOIGT_PUBLIC_FIT_H_

#include <string>
#include <vector>

#include "voigt/executor.h"
#include "voigt/fit_options.h"
#include "voigt/peak_list.h"
#include "voigt/peak_result.h"
#include "voigt/pick.h"
#include "voigt/spectrum.h"

namespace voigt {

// One cluster: the unit of parallel work.
struct FitTask {
  int id = 0;                     // cluster id, reported in the rows
  std::vector<int> peaks;         // indices into the peak list, ascending
  // Listed peaks of other clusters whose centres lie in this region: fitted along so that their
  // signal does not bias this cluster's peaks (or pass for a missed peak), but not reported here.
  std::vector<int> neighbours;
  // Picked peaks no listed peak matched (indices into FitPlan::picked) whose centres lie in this
  // region: fitted along after the neighbours; reported (status `added`, flag `picked`) by the
  // task FitPlan::picked_owner names.
  std::vector<int> picked;
  int x_begin_pt = 0, x_end_pt = 0;  // region [begin, end) on the grid
  int y_begin_pt = 0, y_end_pt = 0;
  std::size_t cost() const {      // for largest-first scheduling: region points x peaks
    return static_cast<std::size_t>(x_end_pt - x_begin_pt) * (y_end_pt - y_begin_pt) * peaks.size();
  }
};

struct FitPlan {
  std::vector<Peak> peaks;        // the input list
  std::vector<FitTask> tasks;     // largest first
  std::vector<int> outside;       // peaks outside the spectrum: status `outside`, not fitted
  // Peaks inside listed twice (same position to 0.01 point): {index, index of the first
  // listing}, ascending; the repeat is not fitted (two identical peaks are not identifiable) and
  // its row says so. A repeat of a peak outside the spectrum is in `outside`.
  std::vector<std::pair<int, int>> duplicates;
  // Noise sd of the fitted plane: FitOptions::noise, else the robust estimate; 0 when the plane
  // has no noise to measure (then SNR and chi2_red come from each fit's residual).
  double noise = NAN;

  // Reconciliation of the list with the picked peaks (FitOptions::reconcile; empty when off).
  // Per listed peak, the fit's start (ppm): its matched pick, else listed + common offset.
  std::vector<double> start_x_ppm, start_y_ppm;
  std::vector<char> unmatched;    // per listed peak: a closer listed peak took its signal
  // Per listed peak: another listed peak lies within half a linewidth on both axes (one signal
  // listed twice, or two the list cannot tell apart); both are fitted, their rows flagged.
  std::vector<char> coinciding;
  std::vector<int> absent;        // listed peaks with no signal in their window, ascending
  std::vector<PickedPeak> picked; // unmatched picks inside some task's region
  std::vector<int> picked_owner;  // per picked peak, the id of the task that reports it
  double search_x_ppm = NAN, search_y_ppm = NAN;  // windows used (the furthest a start moves)
  double offset_x_ppm = 0, offset_y_ppm = 0;
  int matched = 0;
  bool reconciled = false;
  // Where listed peak `index` starts (the listed position when not reconciled).
  double start_x(int index) const { return reconciled ? start_x_ppm[index] : peaks[index].x_ppm; }
  double start_y(int index) const { return reconciled ? start_y_ppm[index] : peaks[index].y_ppm; }
};

// The rows of one task: its listed peaks, then any added peaks; slices parallel to rows.
struct TaskResult {
  int task_id = 0;
  std::vector<PeakResult> rows;
  std::vector<PeakSlices> slices;
  // Numbers a task function returns besides rows (series: each plane row's covariance with the
  // other planes; a plane's noise). Executors carry them unchanged.
  std::vector<double> values;
  // kOk when fit_task ran; otherwise the executor's verdict (timeout, crashed, cancelled) and
  // `rows` is empty: fit_spectrum then fills the task's rows with this status and message.
  PeakStatus status = PeakStatus::kOk;
  std::string message;
};

// Robust noise standard deviation of a plane (MAD with clipping of the signal).
double estimate_plane_noise(const Spectrum2D& plane);

// Validates the options (std::invalid_argument with FitOptions::validate()'s message), estimates
// the noise, maps peaks to the grid and clusters them.
FitPlan plan(const Spectrum2D& spectrum, const PeakList& peaks, const FitOptions& options);

// Fits one task. Pure: reads the spectrum, owns its scratch, touches no globals; never throws
// (a failure becomes rows with status `failed` and a message).
TaskResult fit_task(const Spectrum2D& spectrum,
                    const FitPlan& plan,
                    const FitTask& task,
                    const FitOptions& options,
                    const StopFlag* stop = nullptr);

// One task of a run as it was scheduled and ran (voigtfit fit --trace): what a model of the
// run on more workers needs.
struct TaskTrace {
  int task = 0;            // index in the run's task graph
  int cluster = 0;         // FitTask::id
  int pass = 1;            // 1: first fit, 2: second fit
  int peaks = 0;           // listed peaks reported by the task
  long points = 0;         // points in its region
  int iterations = 0;      // solver iterations of its final fit (the most of its rows')
  double priority = 0;     // TaskGraph::priority
  std::vector<int> after;  // TaskGraph::after
  TaskTiming timing;       // worker -1 where the executor does not measure
};

struct FitResults {
  std::vector<PeakResult> rows;   // one per input peak in input order, then added peaks
  std::vector<PeakSlices> slices; // parallel to rows
  FitSummary summary;
  std::vector<TaskTrace> trace;   // one per task of the run
};

// plan + executor.run + gather. Rows of tasks that did not finish keep the executor's status.
FitResults fit_spectrum(const Spectrum2D& spectrum,
                        const PeakList& peaks,
                        const FitOptions& options,
                        Executor& executor,
                        const ProgressCallback& progress = {});

}  // namespace voigt

#endif  // VOIGT_PUBLIC_FIT_H_
