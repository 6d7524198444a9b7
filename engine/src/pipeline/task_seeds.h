// fit_task()'s steps for peaks beyond the list and for a reconciled list: picked neighbours as
// seeds, listed peaks bounded to their search windows, listed identities kept against added
// peaks, and the rows' start columns and origin flags.
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

// A listed peak next to one the list missed may have moved onto the missed (often taller) one
// while the added peak took its place: the model is the same either way, but the listed row
// would report the other peak. Each added peak (index >= listed.size() among `num_peaks`) is
// swapped, values and bounds, with the listed peak whose listed position it is nearer than that
// peak's own fit, if any; distances are in half windows, the scale a listed position is trusted on.
void keep_listed_identities(const std::vector<PeakSeed>& listed, int per_peak, int num_peaks,
                            StartAndBounds& best);

// An added row found by picking says so (flag `picked`, its start the pick), in the second pass
// too, where it comes back as one of the first pass's added rows (`previous`).
void mark_picked_row(const FitPlan& plan, int pick, const PeakResult* previous, PeakResult& row);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_PIPELINE_TASK_SEEDS_H_
