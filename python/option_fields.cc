// The field tables: one entry per member, in the struct's order (tests/python/test_api.py
// compares them with the headers). Only the shells' run options of ExecutorOptions are bound:
// the fork pool (processes) is the CLI's.
#include "option_fields.h"

#include <cstdint>
#include <stdexcept>

namespace voigt::python {
namespace {

template <typename M>
M cast_field(const py::handle& value, const std::string& name) {
  try {
    return value.cast<M>();
  } catch (const py::cast_error&) {
    const std::string type = py::str(py::type::handle_of(value).attr("__name__"));
    throw py::type_error(name + ": a value of type '" + type + "' cannot be " +
                         (std::is_same_v<M, bool> ? "a bool" : std::is_same_v<M, std::string> ? "a str"
                          : std::is_floating_point_v<M> ? "a float" : "an int"));
  }
}

template <typename T, typename M>
Field<T> member(const char* name, M T::*m) {
  return {name, [m](const T& o) { return py::cast(o.*m); },
          [m, name](T& o, const py::handle& v) { o.*m = cast_field<M>(v, name); }};
}

template <typename T, typename E>
Field<T> enum_member(const char* name, E T::*m, E (*parse)(const std::string&)) {
  return {name, [m](const T& o) { return py::cast(std::string(to_string(o.*m))); },
          [m, name, parse](T& o, const py::handle& v) { o.*m = parse(cast_field<std::string>(v, name)); }};
}

// A summary field: read only.
template <typename T, typename M>
Field<T> out(const char* name, M T::*m) {
  return {name, [m](const T& o) { return py::cast(o.*m); }, nullptr};
}

}  // namespace

#define F(T, f) member(#f, &T::f)
#define OUT(T, f) out(#f, &T::f)

template <>
const std::vector<Field<FitOptions>>& fields() {
  using O = FitOptions;
  static const std::vector<Field<O>> k = {
      enum_member("shape", &O::shape, &shape_from_string), enum_member("solver", &O::solver, &solver_from_string),
      F(O, window_x_ppm), F(O, window_y_ppm), enum_member("baseline", &O::baseline, &baseline_from_string),
      F(O, arpls_lambda), F(O, connect_level_noise), F(O, max_cluster_size), F(O, second_pass),
      F(O, detect_missed_peaks), F(O, missed_peak_noise_factor), F(O, missed_peak_residual_fraction),
      F(O, missed_peak_height_fraction), F(O, max_added_peaks), F(O, max_iterations), F(O, noise), F(O, plane),
      F(O, cross_sections), F(O, reconcile), F(O, pick_threshold_noise), F(O, search_x_ppm), F(O, search_y_ppm),
      F(O, estimate_offset)};
  return k;
}

template <>
const std::vector<Field<SeriesOptions>>& fields() {
  using O = SeriesOptions;
  static const std::vector<Field<O>> k = {F(O, reference_plane), F(O, fit_offset), F(O, joint_fit),
                                          F(O, monte_carlo_draws), F(O, monte_carlo_seed), F(O, max_decay_iterations)};
  return k;
}

template <>
const std::vector<Field<PickOptions>>& fields() {
  using O = PickOptions;
  static const std::vector<Field<O>> k = {
      F(O, threshold_noise), F(O, noise), F(O, positive), F(O, negative), F(O, min_fwhm_x_pt),
      F(O, min_fwhm_y_pt), F(O, max_fwhm_x_pt), F(O, max_fwhm_y_pt), F(O, min_drop_fraction),
      F(O, min_drop_noise), F(O, sidelobe_ratio), F(O, sidelobe_search_pt), F(O, strip_rows)};
  return k;
}

template <>
const std::vector<Field<ExecutorOptions>>& fields() {
  using O = ExecutorOptions;
  static const std::vector<Field<O>> k = {F(O, threads), F(O, task_time_limit_s)};
  return k;
}

template <>
const std::vector<Field<FitSummary>>& fields() {
  using Y = FitSummary;
  static const std::vector<Field<Y>> k = {
      OUT(Y, peaks_total), OUT(Y, ok), OUT(Y, added), OUT(Y, absent), OUT(Y, duplicate), OUT(Y, outside),
      OUT(Y, failed), OUT(Y, timeout), OUT(Y, crashed), OUT(Y, cancelled), OUT(Y, reconciled), OUT(Y, matched),
      OUT(Y, picked_added), OUT(Y, offset_x_ppm), OUT(Y, offset_y_ppm), OUT(Y, search_x_ppm),
      OUT(Y, search_y_ppm), OUT(Y, tasks), OUT(Y, threads_requested), OUT(Y, threads_used), OUT(Y, median_r2),
      OUT(Y, noise), OUT(Y, wall_time_s), OUT(Y, executor), OUT(Y, message)};
  return k;
}

template <>
const std::vector<Field<SeriesSummary>>& fields() {
  using Z = SeriesSummary;
  static const std::vector<Field<Z>> k = {
      {"shapes", [](const Z& o) -> py::object { return summary_dict(o.shapes); }, nullptr},
      OUT(Z, num_planes), OUT(Z, reference_plane), OUT(Z, plane_values_ok), OUT(Z, plane_values_failed),
      OUT(Z, rates_ok), OUT(Z, rates_failed), OUT(Z, message)};
  return k;
}

#undef F
#undef OUT

py::dict summary_dict(const FitSummary& summary) {
  py::dict d = to_dict(summary);
  d["brief_report"] = summary.brief_report();
  d["all_fitted"] = summary.all_fitted();
  return d;
}

py::dict summary_dict(const SeriesSummary& summary) {
  py::dict d = to_dict(summary);
  d["brief_report"] = summary.brief_report();
  d["all_fitted"] = summary.all_fitted();
  return d;
}

}  // namespace voigt::python
