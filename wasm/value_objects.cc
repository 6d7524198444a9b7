// Embind value_object registrations: each engine struct that crosses to JS becomes a plain object,
// one .field per member in the struct's order (tests/parity/api.test.mjs compares them with the
// headers and wasm/voigtfit.d.ts). Enums cross as their to_string() names, uint64 seeds as numbers.
#include <emscripten/bind.h>

#include <cstdint>
#include <stdexcept>
#include <string>

#include "voigt/fit.h"
#include "voigt/pick.h"
#include "voigt/series.h"
#include "voigt/simulate.h"

using emscripten::val;
using namespace voigt;

namespace {

// The enum value whose to_string() is `name` (the setter of an enum field).
template <typename E, E... kValues>
E enum_named(const std::string& name) {
  for (E v : {kValues...}) if (name == to_string(v)) return v;
  throw std::invalid_argument("'" + name + "' is not a known value");
}

}  // namespace

// One .field per member, in the struct's order (api.test.mjs compares them with the headers).
#define F(T, f) .field(#f, &T::f)
#define ENUM_F(T, f, parse) \
  .field(#f, +[](const T& o) { return std::string(to_string(o.f)); }, +[](T& o, std::string s) { o.f = parse(s); })
#define STATUS_F(T) ENUM_F(T, status, (enum_named<PeakStatus, PeakStatus::kOk, PeakStatus::kAdded, \
  PeakStatus::kAbsent, PeakStatus::kDuplicate, \
  PeakStatus::kOutside, PeakStatus::kFailed, PeakStatus::kTimeout, PeakStatus::kCrashed, PeakStatus::kCancelled>))
#define U64_F(T, f) .field(#f, +[](const T& o) { return double(o.f); }, +[](T& o, double v) { o.f = std::uint64_t(v); })

EMSCRIPTEN_BINDINGS(voigtfit_value_objects) {
  using namespace emscripten;
  using O = FitOptions;
  using S = SimulationOptions;
  using SS = SeriesSimulationOptions;
  using SO = SeriesOptions;
  using R = PeakResult;
  using Y = FitSummary;
  using Z = SeriesSummary;
  value_object<O>("FitOptions") ENUM_F(O, shape, shape_from_string) ENUM_F(O, solver, solver_from_string)
      F(O, window_x_ppm) F(O, window_y_ppm) ENUM_F(O, baseline, baseline_from_string) F(O, arpls_lambda)
      F(O, connect_level_noise) F(O, max_cluster_size) F(O, second_pass) F(O, detect_missed_peaks) F(O, missed_peak_noise_factor)
      F(O, missed_peak_residual_fraction) F(O, missed_peak_height_fraction) F(O, max_added_peaks)
      F(O, max_iterations) F(O, noise) F(O, plane) F(O, cross_sections) F(O, reconcile) F(O, pick_threshold_noise)
      F(O, search_x_ppm) F(O, search_y_ppm) F(O, estimate_offset);
  value_object<S>("SimulationOptions") F(S, num_peaks) U64_F(S, seed) F(S, nx) F(S, ny) F(S, overlap)
      F(S, noise_sd) F(S, baseline) F(S, unlisted) F(S, scatter_x_ppm) F(S, scatter_y_ppm) F(S, offset_x_ppm)
      F(S, offset_y_ppm);
  value_object<SS>("SeriesSimulationOptions") F(SS, spectrum)
      .field("delays_s", +[](const SS& o) { return val::array(o.delays_s); },
             +[](SS& o, val v) { o.delays_s = emscripten::vecFromJSArray<double>(v); })
      F(SS, rate_min_per_s) F(SS, rate_max_per_s);
  value_object<SO>("SeriesOptions") F(SO, reference_plane) F(SO, fit_offset) F(SO, joint_fit)
      F(SO, monte_carlo_draws) U64_F(SO, monte_carlo_seed) F(SO, max_decay_iterations);
  using P = PickOptions;
  value_object<P>("PickOptions") F(P, threshold_noise) F(P, noise) F(P, positive) F(P, negative) F(P, min_fwhm_x_pt)
      F(P, min_fwhm_y_pt) F(P, max_fwhm_x_pt) F(P, max_fwhm_y_pt) F(P, min_drop_fraction) F(P, min_drop_noise)
      F(P, sidelobe_ratio) F(P, sidelobe_search_pt) F(P, strip_rows);
  value_object<Axis>("Axis") F(Axis, size_pt) F(Axis, sw_hz) F(Axis, obs_mhz) F(Axis, orig_hz) F(Axis, label);
  value_object<Peak>("Peak") F(Peak, assignment) F(Peak, x_ppm) F(Peak, y_ppm) F(Peak, height_hint)
      F(Peak, linewidth_x_hz_hint) F(Peak, linewidth_y_hz_hint) F(Peak, window_x_ppm) F(Peak, window_y_ppm)
      F(Peak, source_line);
  value_object<R>("PeakResult") F(R, index) F(R, assignment) F(R, x_ppm_in) F(R, y_ppm_in) F(R, x_ppm_start) F(R, y_ppm_start) F(R, x_ppm) F(R, y_ppm)
      F(R, height) F(R, volume) F(R, fwhm_x_hz) F(R, fwhm_y_hz) F(R, sigma_x_hz) F(R, gamma_x_hz) F(R, sigma_y_hz)
      F(R, gamma_y_hz) F(R, eta_x) F(R, eta_y) F(R, x_ppm_err) F(R, y_ppm_err) F(R, height_err) F(R, volume_err)
      F(R, r2) F(R, snr) F(R, chi2_red)
      ENUM_F(R, quality, (enum_named<Quality, Quality::kExcellent, Quality::kGood, Quality::kFair, Quality::kPoor, Quality::kNone>))
      F(R, cluster) F(R, cluster_size) F(R, iterations) STATUS_F(R) F(R, flags) F(R, message);
  value_object<PlaneValue>("PlaneValue") F(PlaneValue, height) F(PlaneValue, height_err) F(PlaneValue, volume)
      F(PlaneValue, volume_err) F(PlaneValue, chi2_red) STATUS_F(PlaneValue) F(PlaneValue, message);
  value_object<DecayFit>("DecayFit") F(DecayFit, i0) F(DecayFit, i0_err) F(DecayFit, r) F(DecayFit, r_err)
      F(DecayFit, r_err_mc) F(DecayFit, offset) F(DecayFit, offset_err) F(DecayFit, chi2_red) F(DecayFit, planes_used)
      F(DecayFit, iterations) STATUS_F(DecayFit) F(DecayFit, message);
  value_object<Y>("FitSummary") F(Y, peaks_total) F(Y, ok) F(Y, added) F(Y, absent) F(Y, duplicate) F(Y, outside) F(Y, failed)
      F(Y, timeout) F(Y, crashed) F(Y, cancelled) F(Y, reconciled) F(Y, matched) F(Y, picked_added)
      F(Y, offset_x_ppm) F(Y, offset_y_ppm) F(Y, search_x_ppm) F(Y, search_y_ppm) F(Y, tasks) F(Y, threads_requested) F(Y, threads_used) F(Y, median_r2)
      F(Y, noise) F(Y, wall_time_s) F(Y, executor) F(Y, message);
  value_object<Z>("SeriesSummary") F(Z, shapes) F(Z, num_planes) F(Z, reference_plane) F(Z, plane_values_ok)
      F(Z, plane_values_failed) F(Z, rates_ok) F(Z, rates_failed) F(Z, message);
}
