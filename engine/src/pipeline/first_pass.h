// What the second pass of fit_spectrum() needs of the first: every fitted peak as a model to
// subtract from the other clusters' regions, and as the starting point of its own refit.
//
// Why a second pass: a cluster's region is fitted with the peaks whose centres lie in it, but
// the tails of peaks just outside it (Lorentzian wings reach far on finely digitised spectra)
// are in its data too and bias its heights and widths. Once every cluster has been fitted, those
// tails are known; the second pass fits each cluster again on its data minus the first pass's
// peaks of the other clusters. On the simulated 150-peak HSQC (seed 7) this moves the volumes
// within 5 % of the truth from 85 % to 89 % of the peaks (Cramér-Rao limit 92 %). One Jacobi
// sweep of block coordinate descent: each cluster sees only first-pass values of the others, so
// the result does not depend on the order the tasks run in.
//
// A cluster's second fit reads only the first fits of the clusters whose regions lie within the
// background margin of its own (pipeline/pass_graph.h): it can start as soon as those are done.
#ifndef VOIGT_INTERNAL_PIPELINE_FIRST_PASS_H_
#define VOIGT_INTERNAL_PIPELINE_FIRST_PASS_H_

#include <tuple>
#include <utility>
#include <vector>

#include "pipeline/region_data.h"
#include "voigt/fit.h"
#include "voigt/peak_result.h"
#include "voigt/spectrum.h"

namespace voigt::detail {

// How far around a region (points) the second pass subtracts the first pass's peaks: a
// Lorentzian 2 fitting windows (~16 linewidths on a 1H-15N HSQC) away is down to ~1e-3 of its
// height.
struct BackgroundMargin {
  double x_pt = 0, y_pt = 0;
};
BackgroundMargin background_margin(const Spectrum2D& spectrum, const FitOptions& options);

class FirstPass {
 public:
  // The first fits of the clusters around one cluster (its own included), which must outlive
  // this object. Only rows with status ok or added and finite numbers take part.
  FirstPass(const Spectrum2D& spectrum, const std::vector<const TaskResult*>& first_fits,
            Shape shape);

  // The fitted row of listed peak `index`, or nullptr.
  const PeakResult* listed(int index) const;
  // The peaks cluster `task_id` added, in the order it added them.
  std::vector<const PeakResult*> added_by(int task_id) const;

  // Subtracts from region.values the model of every fitted peak that is not one of `members`
  // and whose centre lies within the margins of the region (points). Returns the largest
  // |value| subtracted at any point.
  double subtract_others(RegionData& region, const std::vector<const PeakResult*>& members,
                       double margin_x_pt, double margin_y_pt) const;

  // Peak k's parameters in the region model's layout (height, x0, y0, widths; region-local
  // points, height in data units) from its row.
  void params_of(const PeakResult& row, const RegionData& region, double* params) const;

 private:
  // A usable row, ordered by x (points), then as fit_spectrum lists rows (listed peaks by
  // index, then added peaks by cluster): the order the background sums in, fixed so that the
  // result is the same however the first fits arrived.
  struct Placed {
    double x_pt;
    int added;          // 0 listed, 1 added
    int index_or_task;  // listed: peak index; added: cluster id
    int order;          // position in its task's rows
    const PeakResult* row;
    bool operator<(const Placed& o) const {
      return std::tie(x_pt, added, index_or_task, order) <
             std::tie(o.x_pt, o.added, o.index_or_task, o.order);
    }
  };
  static bool by_identity(const Placed& a, const Placed& b);
  std::pair<std::vector<Placed>::const_iterator, std::vector<Placed>::const_iterator> identified(
      int added, int index_or_task) const;

  const Spectrum2D& spectrum_;
  Shape shape_;
  std::vector<Placed> by_x_pt_;
  std::vector<Placed> by_identity_;  // the same, by (added, index or cluster id, order)
};

// A row's widths as the region model's width parameters of `shape` (points; pseudo-Voigt's
// Lorentzian fraction as is): width_params_per_dim(shape) values each into wx and wy.
void row_width_params(const PeakResult& row, Shape shape, double hz_per_pt_x, double hz_per_pt_y,
                      double* wx, double* wy);

// The second pass of one cluster: fit_task() on its region minus the first pass's other peaks,
// from the first pass's values of its own, without missed-peak detection (see fit_task.cc).
TaskResult refit_task(const Spectrum2D& spectrum, const FitPlan& plan, const FitTask& task,
                      const FitOptions& options, const FirstPass& first, const StopFlag* stop);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_PIPELINE_FIRST_PASS_H_
