// Checks of a shell's inputs against the spectrum before a run, with the CLI's messages (the flag
// or file named), so that the page and the CLI say the same thing.
#ifndef VOIGT_PUBLIC_INPUT_CHECKS_H_
#define VOIGT_PUBLIC_INPUT_CHECKS_H_

#include <string>
#include <vector>

#include "voigt/series.h"
#include "voigt/spectrum.h"

namespace voigt {

// Throws std::invalid_argument "FLAG K: the spectrum has N plane(s)" unless 0 <= plane < planes
// (FLAG as the CLI spells it: "--plane", "--reference").
void check_plane_index(const SpectrumSeries& spectrum, int plane, const std::string& flag);

// check_plane_index for a series' reference plane, which may also be kSumOfPlanes.
void check_reference_plane(const SpectrumSeries& spectrum,
                           int reference_plane,
                           const std::string& flag);

// Throws std::invalid_argument "NAME: N delays, but the series has M plane(s)" unless there is
// one delay per plane (as `voigtfit series --delays NAME`), and "NAME: delay K is not a finite
// number" (K 0-based) for a delay that is NaN or infinite.
void check_delay_count(const std::vector<double>& delays,
                       const SpectrumSeries& spectrum,
                       const std::string& name);

}  // namespace voigt

#endif  // VOIGT_PUBLIC_INPUT_CHECKS_H_
