// Chemical-shift perturbations across a titration: for each peak, how far it moved from the
// group's reference point (its lowest concentration), combining 1H and the heteronucleus as
//   csp = sqrt(dH^2 + (alpha dN)^2),  ppm,
// alpha scaling the heteronucleus' shift (0.14 for 15N, a common choice; 0.3 or so for 13C).
#ifndef VOIGT_NATIVE_CSP_H_
#define VOIGT_NATIVE_CSP_H_

#include <string>
#include <vector>

namespace voigt {

struct PeakPosition {
  int index = 0;           // the peak's row in its list, the same peak across the group
  std::string assignment;
  double x_ppm = 0, y_ppm = 0;
  bool fitted = false;     // status ok
};

struct TitrationPoint {
  std::string job;
  double concentration = 0;
  std::vector<PeakPosition> peaks;
};

struct CspRow {
  std::string group, job;
  double concentration = 0;
  int index = 0;
  std::string assignment;
  double dx_ppm = 0, dy_ppm = 0, csp_ppm = 0;  // NaN unless status is "ok"
  // "ok", "not fitted" (here or at the reference), "not at the reference" (no peak of that
  // index there), "assignment differs" (the lists name the index differently).
  std::string status;
};

// One row per peak of each point (the reference's rows too, all zero), points in order of
// concentration (ties in the given order), peaks in index order. Empty when `points` is.
std::vector<CspRow> chemical_shift_perturbations(const std::string& group,
                                                 std::vector<TitrationPoint> points,
                                                 double alpha);

// group, concentration, job, index, assignment, dx_ppm, dy_ppm, csp_ppm, status.
std::string format_csp_csv(const std::vector<CspRow>& rows);

}  // namespace voigt

#endif  // VOIGT_NATIVE_CSP_H_
