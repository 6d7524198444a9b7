// Synthetic regions with known parameters, for the model and solver tests.
#ifndef VOIGT_TESTS_FIT_SYNTHETIC_REGION_H_
#define VOIGT_TESTS_FIT_SYNTHETIC_REGION_H_

#include <Eigen/Core>
#include <cmath>
#include <cstdint>

#include "fit/region_model.h"
#include "simulate/random.h"

namespace voigt::testing {

// Deterministic standard normal deviates, the same generator as the simulator's.
using NormalDeviates = detail::Random;

// Up to three overlapping peaks on a 32 x 24 grid, each with its own widths per dimension
// (points), plus a constant baseline. Returns the parameter vector in RegionModel's layout.
inline Eigen::VectorXd true_cluster(voigt::Shape shape, int num_peaks, bool baseline) {
  using voigt::Shape;
  struct Peak { double h, x0, y0, sx, gx, sy, gy, etax, etay; };
  const Peak peaks[3] = {{1.0, 14.3, 11.2, 1.4, 1.1, 1.2, 0.9, 0.3, 0.6},
                         {0.6, 17.9, 12.6, 1.1, 1.6, 0.9, 1.3, 0.5, 0.2},
                         {0.35, 11.2, 13.9, 1.8, 0.8, 1.5, 0.7, 0.7, 0.4}};
  const int per_peak = 3 + 2 * voigt::detail::width_params_per_dim(shape);
  Eigen::VectorXd p(num_peaks * per_peak + (baseline ? 1 : 0));
  for (int k = 0; k < num_peaks; ++k) {
    const Peak& q = peaks[k];
    double* o = p.data() + k * per_peak;
    o[0] = q.h, o[1] = q.x0, o[2] = q.y0;
    switch (shape) {
      case Shape::kVoigt: o[3] = q.sx, o[4] = q.gx, o[5] = q.sy, o[6] = q.gy; break;
      case Shape::kPseudoVoigt: o[3] = q.sx, o[4] = q.etax, o[5] = q.sy, o[6] = q.etay; break;
      case Shape::kGaussian: o[3] = q.sx, o[4] = q.sy; break;
      case Shape::kLorentzian: o[3] = q.gx, o[4] = q.gy; break;
    }
  }
  if (baseline) p[p.size() - 1] = 0.02;
  return p;
}

}  // namespace voigt::testing

#endif  // VOIGT_TESTS_FIT_SYNTHETIC_REGION_H_
