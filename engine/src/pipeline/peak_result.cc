#include "voigt/peak_result.h"

namespace voigt {

const char* to_string(PeakStatus status) {
  switch (status) {
    case PeakStatus::kOk: return "ok";
    case PeakStatus::kAdded: return "added";
    case PeakStatus::kAbsent: return "absent";
    case PeakStatus::kDuplicate: return "duplicate";
    case PeakStatus::kOutside: return "outside";
    case PeakStatus::kFailed: return "failed";
    case PeakStatus::kTimeout: return "timeout";
    case PeakStatus::kCrashed: return "crashed";
    case PeakStatus::kCancelled: return "cancelled";
  }
  return "unknown";
}

const char* to_string(Quality quality) {
  switch (quality) {
    case Quality::kExcellent: return "excellent";
    case Quality::kGood: return "good";
    case Quality::kFair: return "fair";
    case Quality::kPoor: return "poor";
    case Quality::kNone: return "none";
  }
  return "none";
}

Quality quality_from_r2(double r2) {
  if (!(r2 == r2)) return Quality::kNone;  // NaN: not fitted
  if (r2 >= 0.9) return Quality::kExcellent;
  if (r2 >= 0.8) return Quality::kGood;
  if (r2 >= 0.7) return Quality::kFair;
  return Quality::kPoor;
}

}  // namespace voigt
