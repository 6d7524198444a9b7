// A region of data and its RegionModel as a LeastSquaresProblem.
#ifndef VOIGT_INTERNAL_FIT_REGION_PROBLEM_H_
#define VOIGT_INTERNAL_FIT_REGION_PROBLEM_H_

#include <Eigen/Core>

#include "fit/least_squares_problem.h"
#include "fit/region_model.h"

namespace voigt::detail {

class RegionProblem : public LeastSquaresProblem {
 public:
  // `data` is nx x ny (x fastest) and must outlive the problem.
  RegionProblem(RegionModel& model, const Eigen::MatrixXd& data) : model_(model), data_(data) {}

  int num_params() const override { return model_.num_params(); }
  int num_residuals() const override { return static_cast<int>(data_.size()); }
  double cost(const Eigen::VectorXd& p) override {
    model_.set_params(p);
    return model_.residual(data_, residual_);
  }
  void normal_equations(Eigen::MatrixXd& jtj, Eigen::VectorXd& jtr) override {
    model_.normal_equations(residual_, jtj, jtr);
  }
  const Eigen::MatrixXd& residual() const { return residual_; }  // model - data, at the last cost()

 private:
  RegionModel& model_;
  const Eigen::MatrixXd& data_;
  Eigen::MatrixXd residual_;
};

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_FIT_REGION_PROBLEM_H_
