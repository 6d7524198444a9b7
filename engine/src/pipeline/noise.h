// Robust noise level of a spectrum plane: the standard deviation of its noise, ignoring peaks.
//
// Method: MAD estimate with iterative sigma clipping.
//   sigma = 1.4826 * median_i |v_i - median(v)|       (1.4826 = 1 / Phi^-1(3/4): consistent for
//                                                      Gaussian noise; Rousseeuw & Croux, JASA 88
//                                                      (1993) 1273, section 1)
// then drop the points with |v - median| > kClip * sigma (peaks, both signs) and recompute on the
// rest until no point changes side (at most a few passes). The clipped sample is a Gaussian
// truncated at +-kClip sigma, whose MAD is slightly smaller than the untruncated one; the estimate
// is divided by that known ratio so the iteration's fixed point is unbiased for pure noise.
#ifndef VOIGT_INTERNAL_PIPELINE_NOISE_H_
#define VOIGT_INTERNAL_PIPELINE_NOISE_H_

#include <cstddef>

#include "voigt/spectrum.h"

namespace voigt::detail {

// Noise standard deviation of `n` values (intensity units). Non-finite values are skipped.
// Returns 0 for constant data, NaN when there is no finite value. Planes over 2^21 points are
// subsampled with a fixed odd stride (at least 1e6 points kept), so the result is deterministic.
double estimate_noise(const float* data, std::size_t n);

// estimate_noise over all points of `plane`.
double estimate_noise(const Spectrum2D& plane);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_PIPELINE_NOISE_H_
