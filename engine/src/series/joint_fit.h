// The joint fit of one series cluster (SeriesOptions::joint_fit): positions and widths shared by
// every plane, heights and baseline terms per plane, all fitted at once to every plane's region.
//
// Why: the default fits the shapes to the reference (the sum of planes) and then only the
// heights per plane; shapes that differ from plane to plane in their weighting (a fast-decaying
// peak next to a slow one changes the sum's overlap) are then seen through the sum alone. The
// joint fit minimises
//     sum_k |(model_k - data_k) / noise_k|^2,   model_k = sum_m h_mk u_m(x) v_m(y) + baseline_k
// over the shared shapes and all h_mk, so each plane weighs in with its own noise, and the
// heights' covariance (JᵀJ)^-1 includes the shapes' uncertainty directly (no propagation step).
// Its Jacobian is assembled from one region model per plane (fit/region_model.h): plane k's
// parameters map one to one onto the joint vector (its heights and baseline, and the shared
// shapes), so JᵀJ is the sum of the planes' JᵀJ scattered through that map.
#ifndef VOIGT_INTERNAL_SERIES_JOINT_FIT_H_
#define VOIGT_INTERNAL_SERIES_JOINT_FIT_H_

#include <Eigen/Core>
#include <string>
#include <vector>

#include "fit/region_model.h"
#include "series/heights.h"
#include "voigt/stop_flag.h"

namespace voigt::detail {

struct JointFit {
  std::vector<FixedShape> shapes;             // as given, the free ones refined
  // For each of the first `reported` columns: the covariance of its heights over the planes
  // (planes x planes, intensity units squared); NaN where a height was not identifiable.
  std::vector<Eigen::MatrixXd> height_covariances;
  std::string note;                           // "" or why the result deserves a remark
};

// Fits `shapes` (region-local points; shape_free[m] false keeps shape m as given: tails of
// other clusters' peaks) jointly to every plane's region values (nx x ny, x fastest), starting
// from `start_heights` (columns x planes). `noise` per plane; when any is not > 0 the planes are
// weighted alike and the errors come from the residual. Throws std::runtime_error when the
// solver fails; returns early with the start when `stop` is raised.
JointFit fit_planes_jointly(Shape shape,
                            BaselineModel baseline,
                            const std::vector<FixedShape>& shapes,
                            const std::vector<bool>& shape_free,
                            const Eigen::MatrixXd& start_heights,
                            const std::vector<Eigen::MatrixXd>& plane_values,
                            const std::vector<double>& noise,
                            int reported,
                            const StopFlag* stop);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_SERIES_JOINT_FIT_H_
