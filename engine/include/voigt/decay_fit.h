// The decay of one peak's heights over the delays, I(t) = I0 exp(-R t) [+ C]: the last step of
// fit_series (voigt/series.h), public for shells and tests that fit heights they already have.
#ifndef VOIGT_PUBLIC_DECAY_FIT_H_
#define VOIGT_PUBLIC_DECAY_FIT_H_

#include <cstdint>
#include <vector>

#include "voigt/series.h"

namespace voigt {

// Fit of I(t) = I0 exp(-R t) [+ C] to heights with independent standard errors (weights
// 1 / err^2). Points with a non-finite height or an error that is not > 0 are skipped. `stream`
// picks the Monte Carlo stream. Never throws: a failure is a DecayFit with status kFailed and a
// message.
DecayFit fit_decay(const std::vector<double>& delays,
                   const std::vector<double>& heights,
                   const std::vector<double>& height_errors,
                   const SeriesOptions& options,
                   std::uint64_t stream = 0);

// The same with correlated errors: `covariance` is planes x planes, row-major (generalised least
// squares; what fit_series uses, with the row index as `stream`). Planes whose height or
// variance is not finite, or whose variance is not > 0, are left out with their rows and columns.
DecayFit fit_decay_correlated(const std::vector<double>& delays,
                              const std::vector<double>& heights,
                              const std::vector<double>& covariance,
                              const SeriesOptions& options,
                              std::uint64_t stream = 0);

}  // namespace voigt

#endif  // VOIGT_PUBLIC_DECAY_FIT_H_
