#include "csp.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "voigt/csv.h"

namespace voigt {
namespace {

// Shortest text that reads back as `x`; "nan" for NaN.
std::string number(double x) {
  if (std::isnan(x)) return "nan";
  char text[32];
  const auto result = std::to_chars(text, text + sizeof text, x);
  return std::string(text, result.ptr);
}

CspRow compare(const PeakPosition& p, const PeakPosition* ref, double alpha) {
  CspRow row;
  row.index = p.index;
  row.assignment = p.assignment;
  row.dx_ppm = row.dy_ppm = row.csp_ppm = NAN;
  if (!ref) {
    row.status = "not at the reference";
  } else if (ref->assignment != p.assignment) {
    row.status = "assignment differs";
  } else if (!p.fitted || !ref->fitted) {
    row.status = "not fitted";
  } else {
    row.dx_ppm = p.x_ppm - ref->x_ppm;
    row.dy_ppm = p.y_ppm - ref->y_ppm;
    row.csp_ppm = std::sqrt(row.dx_ppm * row.dx_ppm + alpha * alpha * row.dy_ppm * row.dy_ppm);
    row.status = "ok";
  }
  return row;
}

}  // namespace

std::vector<CspRow> chemical_shift_perturbations(const std::string& group,
                                                 std::vector<TitrationPoint> points,
                                                 double alpha) {
  std::stable_sort(points.begin(), points.end(), [](const auto& a, const auto& b) {
    return a.concentration < b.concentration;
  });
  std::vector<CspRow> rows;
  if (points.empty()) return rows;
  std::map<int, const PeakPosition*> reference;
  for (const PeakPosition& p : points.front().peaks) reference[p.index] = &p;
  for (const TitrationPoint& point : points) {
    std::vector<PeakPosition> peaks = point.peaks;
    std::stable_sort(peaks.begin(), peaks.end(),
                     [](const auto& a, const auto& b) { return a.index < b.index; });
    for (const PeakPosition& p : peaks) {
      const auto ref = reference.find(p.index);
      CspRow row = compare(p, ref == reference.end() ? nullptr : ref->second, alpha);
      row.group = group;
      row.job = point.job;
      row.concentration = point.concentration;
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::string format_csp_csv(const std::vector<CspRow>& rows) {
  std::string out = "group,concentration,job,index,assignment,dx_ppm,dy_ppm,csp_ppm,status\n";
  for (const CspRow& r : rows)
    out += csv_field(r.group) + "," + number(r.concentration) + "," + csv_field(r.job) + "," +
           std::to_string(r.index) + "," + csv_field(r.assignment) + "," + number(r.dx_ppm) +
           "," + number(r.dy_ppm) + "," + number(r.csp_ppm) + "," + r.status + "\n";
  return out;
}

}  // namespace voigt
