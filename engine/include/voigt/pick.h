// Peak picking over a whole 2D plane: the local extrema that look like peaks in both dimensions.
//
// A grid point is picked when
//   * |v| >= threshold_noise x noise and its sign is wanted (positive and/or negative peaks);
//   * it is the strict extremum of its 3 x 3 neighbourhood (ties go to the first point in
//     row-major order, so a plateau gives one pick); points on the plane's border are not picked
//     (no interpolation is possible across the edge);
//   * along each axis it is peak-shaped: walking away from it on either side the intensity falls
//     below half height, or rises again to higher ground only after a dip of at least
//     min_drop_fraction of its height (a resolved neighbour); at least one side must fall, the
//     half-height width must lie in [min_fwhm_*_pt, max_fwhm_*_pt] (single-point spikes are
//     narrower, t1-noise ridges and baseline humps never fall within the bound), and a noise
//     bump on the flank of a stronger peak (no dip before higher ground) is rejected;
//   * |v| >= threshold_noise x the robust noise of its own column and of its own row: a t1-noise
//     ridge (a stripe of random intensity along y at one x) raises its column's noise, and its
//     maxima are no more than noise there;
//   * it is not a truncation wiggle: no point of magnitude >= sidelobe_ratio x |v| lies along
//     its row or column within sidelobe_search_pt after an excursion of the opposite sign of at
//     least half its height (the alternating lobes of a sinc beside a much stronger peak).
//
// Positions are refined to sub-point precision in each dimension by a least-squares parabola
// through the logarithm of the intensities (Gaussian interpolation: exact for a Gaussian line)
// over the top of the line: +-1 point for lines up to ~3 points wide, up to +-3 for wider ones,
// where three points on a flat top resolve less than the noise; through the values themselves
// when a point of the stencil is of the other sign. On isolated Voigt lines at SNR 50 the error
// is below 0.2 point (rms 0.05). Widths are the half-height crossings, interpolated in the
// logarithm between the two bracketing points (linearly when the outer one is of the other sign).
//
// Parallel use: pick_strip() is a pure function of (plane, noise, row range, options) that
// examines the candidate centres in rows [y_begin, y_end) but reads any row it needs, so every
// decision depends on the data alone and never on other picks. Strips may run in any order on
// any thread; merge_strips() concatenates them in strip order and the result equals one strip
// over all rows, byte for byte. pick_peaks() runs the strips in order on the calling thread.
#ifndef VOIGT_PUBLIC_PICK_H_
#define VOIGT_PUBLIC_PICK_H_

#include <cmath>
#include <string>
#include <vector>

#include "voigt/peak_list.h"
#include "voigt/peak_result.h"
#include "voigt/spectrum.h"

namespace voigt {

struct PickOptions {
  // Minimum |height| in units of the noise sd, > 0. Pure Gaussian noise exceeds 6 sd at a local
  // maximum about once in 10^9 points, so false picks come from artefacts, not noise; peaks
  // below ~6 sd are also too weak to fit a Voigt shape to.
  double threshold_noise = 6;
  // Noise sd (intensity units), > 0; NaN = the engine's robust estimate (clipped MAD) over the
  // plane. A plane whose estimate is 0 (noiseless data) takes 1e-6 of its largest |value| (float
  // resolution) as the unit, so only rounding ripples are ignored; snr is then in that unit.
  double noise = NAN;
  bool positive = true;                 // pick maxima
  bool negative = true;                 // pick minima (folded or edited peaks)
  // Half-height width bounds in points, 0 < min < max. A single-point spike measures ~0.3-0.6
  // point; real lines are >= ~0.8 point even when the indirect dimension holds only one point
  // per linewidth (the simulator's 15N: 7.6 Hz per point, lines of 7-15 Hz), and several points
  // in the direct dimension, hence the two minima.
  double min_fwhm_x_pt = 1.5;
  double min_fwhm_y_pt = 0.5;
  // A line that does not fall to half height within this many points is a ridge or a hump.
  double max_fwhm_x_pt = 64;
  double max_fwhm_y_pt = 64;
  // Higher ground beside a candidate counts as a separate peak only behind a dip of at least
  // this fraction of the candidate's height, in [0, 1), otherwise the candidate is a bump on a
  // stronger peak's flank (noise riding on a Lorentzian tail).
  double min_drop_fraction = 0.05;
  // ... and of at least this many noise sd, >= 0: noise riding on a tail makes dips of 1-2 sd.
  double min_drop_noise = 3;
  // Truncation wiggles: a stronger point of >= sidelobe_ratio x |height| (> 1) within
  // sidelobe_search_pt (>= 1) along the row or column, behind an opposite-sign excursion. A sinc's
  // first sidelobe is 0.217 of its main lobe (ratio 4.6), later ones smaller still.
  double sidelobe_ratio = 3;
  int sidelobe_search_pt = 32;
  // Rows per strip in pick_peaks(), >= 1; the result does not depend on it.
  int strip_rows = 64;

  // "" when valid, else "PickOptions::FIELD = VALUE; must ...".
  std::string validate() const;
};

struct PickedPeak {
  double x_pt = NAN, y_pt = NAN;        // sub-point position, 0-based grid coordinates
  double x_ppm = NAN, y_ppm = NAN;
  double height = NAN;                  // interpolated extremum, signed, intensity units
  double fwhm_x_pt = NAN, fwhm_y_pt = NAN;  // half-height widths (rough)
  double snr = NAN;                     // |height| / noise unit
  int sign = 1;                         // +1 maximum, -1 minimum
};

// The noise unit the picker uses for `plane`: options.noise when given, else the robust estimate
// (noise.h), else (noiseless data) 1e-6 of the largest |value|. Throws std::invalid_argument
// when options.validate() is not "".
double pick_noise(const Spectrum2D& plane, const PickOptions& options);

// Picks with centres in rows [y_begin, y_end), in row-major order; noise > 0 (pick_noise's
// unit). Throws std::invalid_argument on invalid options, a row range outside [0, ny] or a
// noise that is not > 0.
std::vector<PickedPeak> pick_strip(const Spectrum2D& plane,
                                   double noise,
                                   int y_begin,
                                   int y_end,
                                   const PickOptions& options);

// Concatenates strips given in row order (strip k covers rows before strip k + 1's).
std::vector<PickedPeak> merge_strips(const std::vector<std::vector<PickedPeak>>& strips);

// The whole plane, strip after strip on the calling thread (no threads in the engine).
std::vector<PickedPeak> pick_peaks(const Spectrum2D& plane, const PickOptions& options = {});

// The picks as a peak list (what `voigtfit pick` writes and the page fits when no list is
// loaded): assignments "P1", "P2", ... in pick order, positions in ppm, the picked height and
// the half-height widths (converted to Hz on `plane`'s axes) as the fit's hints.
PeakList to_peak_list(const std::vector<PickedPeak>& picked, const Spectrum2D& plane);

// The picks as rows for the result writers (what `voigtfit pick` writes as .tab, Sparky .list,
// NEF or a lunaNMR CSV, every one of which the fit reads back as a peak list): the list's names
// and positions (fitted = listed), height, widths in Hz and SNR; status ok, message "picked".
std::vector<PeakResult> to_result_rows(const std::vector<PickedPeak>& picked, const Spectrum2D& plane);

}  // namespace voigt

#endif  // VOIGT_PUBLIC_PICK_H_
