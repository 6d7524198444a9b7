// The axes of shared/data/proteinL_pseudo3d/test1.ft2 (from that folder's README), for tests that
// parse its peak lists without loading the spectrum.
#ifndef VOIGT_TESTS_SUPPORT_PROTEIN_L_H_
#define VOIGT_TESTS_SUPPORT_PROTEIN_L_H_

#include "voigt/axis.h"

namespace voigt::testing {

inline Axis ProteinLX() { return Axis{546, 3204.346, 800.3040, 5203.279, "HN"}; }
inline Axis ProteinLY() { return Axis{256, 1946.283, 81.1030, 8648.374, "15N"}; }

}  // namespace voigt::testing

#endif  // VOIGT_TESTS_SUPPORT_PROTEIN_L_H_
