// plan()'s steps for approximate and partial lists (FitOptions::reconcile): the list matched to
// the plane's picked peaks before clustering, and the unmatched picks given to the clusters
// whose regions hold them.
#ifndef VOIGT_INTERNAL_PIPELINE_PLAN_RECONCILE_H_
#define VOIGT_INTERNAL_PIPELINE_PLAN_RECONCILE_H_

#include <vector>

#include "voigt/fit.h"

namespace voigt::detail {

// Picks the plane with plan.noise, matches plan.peaks to the picks and fills the plan's
// reconciliation fields (starts, unmatched, absent, windows, offset, matched). A listed peak is
// absent when no pick lies in its window and the intensity at its start is below the picking
// threshold: a signal the picker's shape tests rejected (a shoulder, a blend) is still fitted.
// Listed peaks closer than half a linewidth on both axes (one signal, or two that the list
// cannot tell apart) are both fitted and flagged (plan.coinciding). Returns the picks no listed
// peak took. Does nothing when options.reconcile is off.
std::vector<PickedPeak> reconcile_list(const Spectrum2D& spectrum, const FitOptions& options,
                                  FitPlan& plan);

// Gives each pick that lies in some task's region to every such task (FitTask::picked, at most
// the strongest kMaxPicked per task) and to the first of them to report (plan.picked_owner).
// Expects the tasks in creation order (task t has id t).
void add_picked_neighbours(const std::vector<PickedPeak>& picks, FitPlan& plan);

// The intensity at (x_ppm, y_ppm), bilinear between the four grid points around it.
double intensity_at(const Spectrum2D& spectrum, double x_ppm, double y_ppm);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_PIPELINE_PLAN_RECONCILE_H_
