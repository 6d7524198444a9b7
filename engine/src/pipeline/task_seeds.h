// fit_task()'s steps for a reconciled list: picked neighbours as seeds, listed peaks bounded to
// their search windows, and the rows' start columns and origin flags.
#ifndef VOIGT_INTERNAL_PIPELINE_TASK_SEEDS_H_
#define VOIGT_INTERNAL_PIPELINE_TASK_SEEDS_H_

#include <string>
#include <vector>

#include "pipeline/initial_estimates.h"
#include "voigt/fit.h"

namespace voigt::detail {

// Appends one seed per picked neighbour of `task` (after the listed peaks and neighbours), with
// the pick's position, widths and height (divided by `scale`, the region's data scale).
void append_picked_seeds(const FitPlan& plan, const FitTask& task, PeakSeed prototype,
                         double scale, std::vector<PeakSeed>& seeds);

// Listed peak k < num_listed may end at most the plan's search window from its start (the seed):
// its centre bounds are narrowed to it (where the fitting window is wider) and its start
// clamped into them. Nothing changes when the list was not reconciled.
void bound_listed_moves(const Spectrum2D& spectrum, const FitPlan& plan,
                        const std::vector<PeakSeed>& seeds, int num_listed, int per_peak,
                        StartAndBounds& sb);

// Appends `flag` to a row's ';'-separated flags.
void add_flag(PeakResult& row, const std::string& flag);

// A listed row's start (plan.start_x/y) and flags: "unmatched" (its signal went to a closer
// listed peak), "coincides" (another listed peak lies within half a linewidth of it).
void mark_listed_row(const FitPlan& plan, int index, PeakResult& row);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_PIPELINE_TASK_SEEDS_H_
