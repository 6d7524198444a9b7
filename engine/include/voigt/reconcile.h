// Reconciling a peak list with the peaks picked from the spectrum (voigt/pick.h), before the fit.
//
// Each listed peak is matched to at most one picked peak and each picked peak to at most one
// listed peak. The matching is optimal, not greedy: it minimises
//   sum over matched pairs (dx / wx)^2 + (dy / wy)^2  +  (number of unmatched listed peaks) x 1
// where dx, dy are the ppm distances from the (offset-corrected) listed position to the picked
// one and wx, wy the search windows, and a pair is allowed only inside the window ellipse
// (dx / wx)^2 + (dy / wy)^2 <= 1. The unmatched cost of 1 (the ellipse's edge) means a match is
// never forced: a listed peak stays unmatched rather than take a picked peak that a closer listed
// peak needs, and two listed peaks never share one picked peak. A weak listed peak beside a
// stronger unlisted one takes the closer picked peak: strength plays no part in the cost.
//
// Common offset: lists carried over from other referencing are shifted as a whole. When at least
// min_offset_match_fraction of the listed peaks match, the offset is re-estimated as the median
// of the matched shifts (robust to the few wrong matches), the listed positions are moved by it
// and matched again, until the offset moves by less than offset_tolerance x the window or
// max_offset_iterations passes are done.
//
// Search windows: search_x_ppm / search_y_ppm when given (the CLI's --search-x/--search-y), else
// window_fwhm_factor x the median half-height width of the picked peaks in that dimension.
//
// The result says, per listed peak, where its fit should start (the matched picked position, or
// the offset-corrected listed position when nothing matched), whether any signal lies in its
// window at all (none: absent), how far that is from the listed position, the offset and its
// support, which picked peaks no listed peak took (the neighbours to add to the fit), and which
// listed peaks coincide (closer than
// coincide_fwhm_fraction of a linewidth in both dimensions: one signal, listed twice).
//
// Cost: the window pairs are found by a sweep over the picked peaks sorted by x, the problem is
// split into connected components of the pair graph, and each component is solved exactly by
// shortest augmenting paths over its pairs only (Jonker-Volgenant; no dense matrix): 3000 listed
// peaks in one chained component take ~0.1 s.
//
// Deterministic: the same inputs give the same result on every platform and thread count.
#ifndef VOIGT_PUBLIC_RECONCILE_H_
#define VOIGT_PUBLIC_RECONCILE_H_

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "voigt/axis.h"
#include "voigt/peak_list.h"
#include "voigt/pick.h"

namespace voigt {

struct ReconcileOptions {
  // Half-axes of the search ellipse around each listed peak, ppm, > 0; NaN = derived.
  double search_x_ppm = NAN;
  double search_y_ppm = NAN;
  // Derived windows: this many median picked linewidths (FWHM), > 0. 4 covers list errors of
  // ~0.05 ppm 1H and ~0.5 ppm 15N at typical HSQC linewidths (0.02-0.03 and 0.1-0.15 ppm).
  double window_fwhm_factor = 4;
  bool estimate_offset = true;              // estimate, apply and report a common shift
  // The offset is estimated only when at least this fraction of the listed peaks match, in
  // (0, 1]: with fewer, a median of matched shifts says more about wrong matches than the list.
  double min_offset_match_fraction = 0.5;
  int min_offset_matches = 3;               // and at least this many matches, >= 1
  double offset_tolerance = 0.01;           // stop when the offset moves < this x window, > 0
  int max_offset_iterations = 10;           // >= 1
  // Two listed peaks coincide when |dx| and |dy| are both below this fraction of the median
  // picked FWHM, in (0, 1].
  double coincide_fwhm_fraction = 0.5;

  // "" when valid, else "ReconcileOptions::FIELD = VALUE; must ...".
  std::string validate() const;
};

struct ListedMatch {
  int picked = -1;                 // index into the picked peaks matched to it, or -1
  // The nearest picked peak inside its window, matched or not; -1 = no signal in its window
  // (absent). Unmatched with a nearest pick: the signal there went to a closer listed peak
  // (two listed peaks on one blended maximum, or a list error larger than their separation).
  int nearest_picked = -1;
  double start_x_ppm = NAN;        // the fit's start: matched position, or listed + offset
  double start_y_ppm = NAN;
  double shift_x_ppm = NAN;        // start - listed position
  double shift_y_ppm = NAN;
};

struct Reconciliation {
  std::vector<ListedMatch> listed;        // one per listed peak, in list order
  double search_x_ppm = NAN;              // the windows used
  double search_y_ppm = NAN;
  double offset_x_ppm = 0;                // common shift applied to the list (0 when none)
  double offset_y_ppm = 0;
  bool offset_estimated = false;          // enough matches supported an estimate
  int offset_support = 0;                 // matches the final offset is the median of
  int offset_iterations = 0;              // rematch passes done
  int matched = 0;                        // listed peaks with a picked peak
  std::vector<int> unmatched_picked;      // picked indices no listed peak took, ascending
  std::vector<std::pair<int, int>> coinciding;  // listed index pairs (i < j), ascending
};

// Throws std::invalid_argument when options.validate() is not "". Listed peaks with a
// non-finite position stay unmatched. With no picked peak and no explicit windows, the windows
// stay NaN and every listed peak is unmatched. `x` and `y` convert the picks' widths to ppm.
Reconciliation reconcile(const std::vector<Peak>& listed,
                         const std::vector<PickedPeak>& picked,
                         const Axis& x,
                         const Axis& y,
                         const ReconcileOptions& options = {});

}  // namespace voigt

#endif  // VOIGT_PUBLIC_RECONCILE_H_
