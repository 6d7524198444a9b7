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

BackgroundMargin background_margin(const Spectrum2D& spectrum, const FitOptions& options) {
  constexpr double kMarginWindows = 2;
  return {kMarginWindows * options.window_x_ppm / spectrum.x.ppm_per_pt(),
          kMarginWindows * options.window_y_ppm / spectrum.y.ppm_per_pt()};
}

bool FirstPass::by_identity(const Placed& a, const Placed& b) {
  return std::tie(a.added, a.index_or_task, a.order) < std::tie(b.added, b.index_or_task, b.order);
}

FirstPass::FirstPass(const Spectrum2D& spectrum, const std::vector<const TaskResult*>& first_fits,
                     Shape shape)
    : spectrum_(spectrum), shape_(shape) {
  for (const TaskResult* fit : first_fits)
    for (int r = 0; r < static_cast<int>(fit->rows.size()); ++r) {
      const PeakResult& row = fit->rows[r];
      if (!usable(row)) continue;
      const bool added = row.status == PeakStatus::kAdded;
      by_x_pt_.push_back({spectrum_.x.pt_at(row.x_ppm), added ? 1 : 0,
                          added ? fit->task_id : row.index, r, &row});
    }
  by_identity_ = by_x_pt_;
  std::sort(by_x_pt_.begin(), by_x_pt_.end());
  std::sort(by_identity_.begin(), by_identity_.end(), by_identity);
}

// The rows of one listed peak (added 0) or of one cluster's added peaks (added 1) in by_identity_.
std::pair<std::vector<FirstPass::Placed>::const_iterator, std::vector<FirstPass::Placed>::const_iterator>
FirstPass::identified(int added, int index_or_task) const {
  const Placed key{0, added, index_or_task, 0, nullptr};
  return std::equal_range(by_identity_.begin(), by_identity_.end(), key, [](const Placed& a, const Placed& b) {
    return std::tie(a.added, a.index_or_task) < std::tie(b.added, b.index_or_task);
  });
}

const PeakResult* FirstPass::listed(int index) const {
  const auto [begin, end] = identified(0, index);
  return begin != end ? begin->row : nullptr;
}

std::vector<const PeakResult*> FirstPass::added_by(int task_id) const {
  std::vector<const PeakResult*> rows;
  const auto [begin, end] = identified(1, task_id);
  for (auto it = begin; it != end; ++it) rows.push_back(it->row);
  return rows;
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
  auto begin = std::lower_bound(by_x_pt_.begin(), by_x_pt_.end(), x_lo,
                                [](const Placed& p, double x) { return p.x_pt < x; });
  for (auto it = begin; it != by_x_pt_.end() && it->x_pt <= x_hi; ++it) {
    const PeakResult& row = *it->row;
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
