#include "voigt/fit_options.h"

#include <sstream>
#include <stdexcept>

namespace voigt {
namespace {

template <typename T>
std::string field_error(const char* field, T value, const char* constraint) {
  std::ostringstream msg;
  msg << "FitOptions::" << field << " = " << value << "; must " << constraint;
  return msg.str();
}

}  // namespace

std::string FitOptions::validate() const {
  if (!(window_x_ppm > 0 && std::isfinite(window_x_ppm)))
    return field_error("window_x_ppm", window_x_ppm, "be > 0");
  if (!(window_y_ppm > 0 && std::isfinite(window_y_ppm)))
    return field_error("window_y_ppm", window_y_ppm, "be > 0");
  if (!(arpls_lambda > 0)) return field_error("arpls_lambda", arpls_lambda, "be > 0");
  if (!(connect_level_noise > 0))
    return field_error("connect_level_noise", connect_level_noise, "be > 0");
  if (max_cluster_size < 1) return field_error("max_cluster_size", max_cluster_size, "be >= 1");
  if (!(missed_peak_noise_factor > 0))
    return field_error("missed_peak_noise_factor", missed_peak_noise_factor, "be > 0");
  if (!(missed_peak_residual_fraction > 0 && missed_peak_residual_fraction <= 1))
    return field_error("missed_peak_residual_fraction", missed_peak_residual_fraction,
                       "satisfy 0 < fraction <= 1");
  if (!(missed_peak_height_fraction > 0 && missed_peak_height_fraction <= 1))
    return field_error("missed_peak_height_fraction", missed_peak_height_fraction,
                       "satisfy 0 < fraction <= 1");
  if (max_added_peaks < 0) return field_error("max_added_peaks", max_added_peaks, "be >= 0");
  if (max_iterations < 1) return field_error("max_iterations", max_iterations, "be >= 1");
  if (!std::isnan(noise) && !(noise >= 0 && std::isfinite(noise)))
    return field_error("noise", noise, "be >= 0 (or NaN to estimate it)");
  if (plane < 0) return field_error("plane", plane, "be >= 0");
  if (!(pick_threshold_noise > 0 && std::isfinite(pick_threshold_noise)))
    return field_error("pick_threshold_noise", pick_threshold_noise, "be > 0");
  if (!std::isnan(search_x_ppm) && !(search_x_ppm > 0 && std::isfinite(search_x_ppm)))
    return field_error("search_x_ppm", search_x_ppm, "be > 0 (or NaN to derive it)");
  if (!std::isnan(search_y_ppm) && !(search_y_ppm > 0 && std::isfinite(search_y_ppm)))
    return field_error("search_y_ppm", search_y_ppm, "be > 0 (or NaN to derive it)");
  return "";
}

const char* to_string(Shape shape) {
  switch (shape) {
    case Shape::kVoigt: return "voigt";
    case Shape::kPseudoVoigt: return "pvoigt";
    case Shape::kGaussian: return "gauss";
    case Shape::kLorentzian: return "lorentz";
  }
  return "?";
}

const char* to_string(SolverKind solver) {
  return solver == SolverKind::kLevenbergMarquardt ? "lm" : "lbfgsb";
}

const char* to_string(BaselineMethod baseline) {
  switch (baseline) {
    case BaselineMethod::kArpls: return "arpls";
    case BaselineMethod::kConstant: return "constant";
    case BaselineMethod::kPlane: return "plane";
    case BaselineMethod::kNone: return "none";
  }
  return "?";
}

Shape shape_from_string(const std::string& name) {
  for (Shape s : {Shape::kVoigt, Shape::kPseudoVoigt, Shape::kGaussian, Shape::kLorentzian})
    if (name == to_string(s)) return s;
  throw std::invalid_argument("shape '" + name + "': must be voigt, pvoigt, gauss or lorentz");
}

SolverKind solver_from_string(const std::string& name) {
  if (name == "lm") return SolverKind::kLevenbergMarquardt;
  if (name == "lbfgsb") return SolverKind::kLbfgsb;
  throw std::invalid_argument("solver '" + name + "': must be lm or lbfgsb");
}

BaselineMethod baseline_from_string(const std::string& name) {
  for (BaselineMethod b : {BaselineMethod::kArpls, BaselineMethod::kConstant,
                           BaselineMethod::kPlane, BaselineMethod::kNone})
    if (name == to_string(b)) return b;
  throw std::invalid_argument("baseline '" + name + "': must be arpls, constant, plane or none");
}

}  // namespace voigt
