#include "pipeline/first_pass.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "fit/region_model.h"
#include "lineshape/profile.h"

namespace voigt::detail {
namespace {

// A fit that ran into the edge of its window or widened to its largest width explains no peak
// (on crowded spectra such fits appear where two listed peaks fight over one signal); its model
// would subtract a broad artefact from the neighbours' data. A Lorentzian's sigma at its lower
// bound is a genuine shape.
bool ran_away(const std::string& flags) {
  std::size_t begin = 0;
  while (begin < flags.size()) {
    const std::size_t end = std::min(flags.find(';', begin), flags.size());
    const std::string flag = flags.substr(begin, end - begin);
    if (flag.rfind("x@", 0) == 0 || flag.rfind("y@", 0) == 0 ||
        (flag.size() >= 6 && flag.compare(flag.size() - 6, 6, "@upper") == 0))
      return true;
    begin = end + 1;
  }
  return false;
}

bool usable(const PeakResult& row) {
  return (row.status == PeakStatus::kOk || row.status == PeakStatus::kAdded) &&
         std::isfinite(row.height) && std::isfinite(row.x_ppm) && std::isfinite(row.y_ppm) &&
         !ran_away(row.flags);
}

}  // namespace

FirstPass::FirstPass(const Spectrum2D& spectrum, const std::vector<PeakResult>& rows, Shape shape)
    : spectrum_(spectrum), rows_(rows), shape_(shape) {
  for (int r = 0; r < static_cast<int>(rows_.size()); ++r)
    if (usable(rows_[r])) by_x_pt_.emplace_back(spectrum_.x.pt_at(rows_[r].x_ppm), r);
  std::sort(by_x_pt_.begin(), by_x_pt_.end());
}

const PeakResult* FirstPass::listed(int index) const {
  const PeakResult& row = rows_[index];
  return row.status == PeakStatus::kOk && usable(row) ? &row : nullptr;
}

std::vector<const PeakResult*> FirstPass::added_by(int task_id) const {
  std::vector<const PeakResult*> added;
  for (const PeakResult& row : rows_)
    if (row.status == PeakStatus::kAdded && row.cluster == task_id && usable(row))
      added.push_back(&row);
  return added;
}

void FirstPass::params_of(const PeakResult& row, const RegionData& region, double* p) const {
  p[0] = row.height;
  p[1] = spectrum_.x.pt_at(row.x_ppm) - region.x_begin_pt;
  p[2] = spectrum_.y.pt_at(row.y_ppm) - region.y_begin_pt;
  row_width_params(row, shape_, spectrum_.x.hz_per_pt(), spectrum_.y.hz_per_pt(), p + 3,
                   p + 3 + width_params_per_dim(shape_));
}

double FirstPass::subtract_others(RegionData& region, const std::vector<const PeakResult*>& members,
                                double margin_x_pt, double margin_y_pt) const {
  const int nx = region.nx(), ny = region.ny();
  const double x_lo = region.x_begin_pt - margin_x_pt, x_hi = region.x_begin_pt + nx - 1 + margin_x_pt;
  const double y_lo = region.y_begin_pt - margin_y_pt, y_hi = region.y_begin_pt + ny - 1 + margin_y_pt;
  const int w = width_params_per_dim(shape_);
  double p[7];
  Eigen::VectorXd profile_x(nx), profile_y(ny);
  Eigen::MatrixXd subtracted = Eigen::MatrixXd::Zero(nx, ny);
  auto begin = std::lower_bound(by_x_pt_.begin(), by_x_pt_.end(), std::pair{x_lo, -1});
  for (auto it = begin; it != by_x_pt_.end() && it->first <= x_hi; ++it) {
    const PeakResult& row = rows_[it->second];
    const double y_pt = spectrum_.y.pt_at(row.y_ppm);
    if (y_pt < y_lo || y_pt > y_hi) continue;
    if (std::find(members.begin(), members.end(), &row) != members.end()) continue;
    params_of(row, region, p);
    const NormalisedProfile vx(shape_, widths_from_params(shape_, p + 3));
    const NormalisedProfile vy(shape_, widths_from_params(shape_, p + 3 + w));
    for (int i = 0; i < nx; ++i) profile_x[i] = vx(i - p[1]).value;
    for (int j = 0; j < ny; ++j) profile_y[j] = p[0] * vy(j - p[2]).value;
    subtracted.noalias() += profile_x * profile_y.transpose();
  }
  region.values -= subtracted;
  return subtracted.cwiseAbs().maxCoeff();
}

void row_width_params(const PeakResult& row, Shape shape, double hz_per_pt_x, double hz_per_pt_y,
                      double* wx, double* wy) {
  switch (shape) {
    case Shape::kVoigt:
      wx[0] = row.sigma_x_hz / hz_per_pt_x, wx[1] = row.gamma_x_hz / hz_per_pt_x;
      wy[0] = row.sigma_y_hz / hz_per_pt_y, wy[1] = row.gamma_y_hz / hz_per_pt_y;
      return;
    case Shape::kPseudoVoigt:
      wx[0] = row.sigma_x_hz / hz_per_pt_x, wx[1] = row.eta_x;
      wy[0] = row.sigma_y_hz / hz_per_pt_y, wy[1] = row.eta_y;
      return;
    case Shape::kGaussian: wx[0] = row.sigma_x_hz / hz_per_pt_x, wy[0] = row.sigma_y_hz / hz_per_pt_y; return;
    case Shape::kLorentzian: wx[0] = row.gamma_x_hz / hz_per_pt_x, wy[0] = row.gamma_y_hz / hz_per_pt_y; return;
  }
}

}  // namespace voigt::detail
