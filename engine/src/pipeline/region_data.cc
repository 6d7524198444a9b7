#include "pipeline/region_data.h"

#include <algorithm>
#include <vector>

#include "pipeline/arpls_baseline.h"

namespace voigt::detail {

RegionData extract_region(const Spectrum2D& spectrum, const FitTask& task, const FitOptions& options) {
  RegionData region;
  region.x_begin_pt = task.x_begin_pt;
  region.y_begin_pt = task.y_begin_pt;
  const int nx = task.x_end_pt - task.x_begin_pt, ny = task.y_end_pt - task.y_begin_pt;
  region.values.resize(nx, ny);
  region.baseline.setZero(nx, ny);
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i)
      region.values(i, j) = spectrum.at(task.x_begin_pt + i, task.y_begin_pt + j);
  if (options.baseline != BaselineMethod::kArpls) return region;

  const int pad = 2 * nx;
  const int strip_begin = std::max(0, task.x_begin_pt - pad);
  const int strip_end = std::min(spectrum.x.size_pt, task.x_end_pt + pad);
  const int strip_n = strip_end - strip_begin;
  std::vector<double> strip(strip_n), baseline(strip_n);
  ArplsScratch scratch;
  ArplsOptions arpls;
  arpls.lambda = options.arpls_lambda;
  for (int j = 0; j < ny; ++j) {
    for (int i = 0; i < strip_n; ++i) strip[i] = spectrum.at(strip_begin + i, task.y_begin_pt + j);
    arpls_baseline(strip.data(), strip_n, arpls, baseline.data(), scratch);
    for (int i = 0; i < nx; ++i) {
      const double b = baseline[task.x_begin_pt - strip_begin + i];
      region.baseline(i, j) = b;
      region.values(i, j) -= b;
    }
  }
  return region;
}

BaselineModel model_baseline(BaselineMethod method) {
  switch (method) {
    case BaselineMethod::kNone:
    case BaselineMethod::kArpls: return BaselineModel::kNone;  // subtracted by extract_region
    case BaselineMethod::kPlane: return BaselineModel::kPlane;
    case BaselineMethod::kConstant: return BaselineModel::kConstant;
  }
  return BaselineModel::kConstant;
}

}  // namespace voigt::detail
