// Series text: the delays file (Bruker vclist / vdlist) in, the per-plane and rate tables out.
// Numbers are written as format_results_csv writes them (shortest round trip, "nan"), so the
// tables are byte-identical across runs, thread counts and platforms.
#include <cctype>
#include <cmath>
#include <stdexcept>
#include <string>

#include "io/text_table.h"
#include "voigt/result_table.h"
#include "voigt/series.h"
#include "voigt/series_io.h"

namespace voigt {
namespace {

using detail::csv_field;
using detail::format_double;

// Bruker vdlist unit suffixes (TopSpin accepts s, m for ms and u for us); "ms" and "us" too.
bool unit_factor(std::string_view unit, double* factor) {
  const std::string u = detail::to_lower(unit);
  if (u.empty()) *factor = 1;
  else if (u == "s") *factor = 1;
  else if (u == "m" || u == "ms") *factor = 1e-3;
  else if (u == "u" || u == "us") *factor = 1e-6;
  else return false;
  return true;
}

// The shape columns of a row: fitted position, or the input one when not fitted.
double position(double fitted, double input) { return std::isfinite(fitted) ? fitted : input; }

void append_number(std::string& out, double v) {
  out += ',';
  out += format_double(v);
}

int num_planes(const SeriesResults& results) {
  return results.planes.empty() ? static_cast<int>(results.plane_noise.size())
                                : static_cast<int>(results.planes.front().size());
}

}  // namespace

std::vector<double> parse_delays(std::string_view text, const std::string& name, double factor) {
  if (!(std::isfinite(factor) && factor > 0))
    throw std::invalid_argument(name + ": delay factor " + format_double(factor) +
                                " must be finite and > 0");
  std::vector<double> delays;
  for (const detail::TextLine& line : detail::split_lines(text)) {
    const std::string_view field = detail::trim(line.text);
    if (field.empty() || field[0] == '#') continue;
    // The number, then an optional unit: split where the unit's letters start (not at an 'e'
    // exponent, which a digit or sign follows).
    std::size_t split = field.size();
    while (split > 0 && std::isalpha(static_cast<unsigned char>(field[split - 1]))) --split;
    double value = 0, unit = 1;
    if (!detail::parse_double(field.substr(0, split), &value) ||
        !unit_factor(field.substr(split), &unit) || !std::isfinite(value))
      detail::throw_input_error(name, line.number,
                                "'" + std::string(field) +
                                    "' is not a delay (a number, optionally followed by s, m/ms "
                                    "or u/us)");
    if (value < 0)
      detail::throw_input_error(name, line.number,
                                "delay '" + std::string(field) + "' is negative");
    delays.push_back(value * unit * factor);
  }
  if (delays.empty()) detail::throw_input_error(name, 0, "no delays");
  return delays;
}

// The long and rates tables are result_table.cc's columns (the Python module hands them over as
// arrays); the wide table and the intensity matrix are laid out here.
std::string format_series_planes_csv(const SeriesResults& results) {
  return format_table_csv(series_planes_table(results));
}

std::string format_series_wide_csv(const SeriesResults& results) {
  const int planes = num_planes(results);
  std::string out = "index,assignment,x_ppm,y_ppm";
  for (const char* column : {"height_", "height_err_", "volume_", "volume_err_"})
    for (int k = 0; k < planes; ++k) out += ',' + std::string(column) + std::to_string(k);
  out += ",status,message\n";
  for (std::size_t r = 0; r < results.shapes.size(); ++r) {
    const PeakResult& row = results.shapes[r];
    const std::vector<PlaneValue>& v = results.planes[r];
    out += std::to_string(row.index);
    out += ',';
    out += csv_field(row.assignment);
    append_number(out, position(row.x_ppm, row.x_ppm_in));
    append_number(out, position(row.y_ppm, row.y_ppm_in));
    for (int k = 0; k < planes; ++k) append_number(out, v[k].height);
    for (int k = 0; k < planes; ++k) append_number(out, v[k].height_err);
    for (int k = 0; k < planes; ++k) append_number(out, v[k].volume);
    for (int k = 0; k < planes; ++k) append_number(out, v[k].volume_err);
    // The worst plane's status: ok only when every plane was solved.
    const PlaneValue* worst = nullptr;
    for (const PlaneValue& p : v)
      if (p.status != PeakStatus::kOk) {
        worst = &p;
        break;
      }
    out += ',';
    out += to_string(worst ? worst->status : row.status);
    out += ',';
    out += csv_field(worst ? worst->message : row.message);
    out += '\n';
  }
  return out;
}

std::string format_series_rates_csv(const SeriesResults& results) {
  return format_table_csv(series_rates_table(results));
}

std::string format_series_intensity_matrix(const SeriesResults& results,
                                           const std::vector<std::string>& spectrum_names) {
  const int planes = num_planes(results);
  if (!spectrum_names.empty() && static_cast<int>(spectrum_names.size()) != planes)
    throw std::invalid_argument(std::to_string(spectrum_names.size()) + " spectrum names for " +
                                std::to_string(planes) + " planes");
  // pandas writes a missing number as an empty field.
  auto number = [](double v) { return std::isfinite(v) ? format_double(v) : std::string(); };
  std::string out = "Assignment,Peak_Number,Position_X,Position_Y";
  for (int k = 0; k < planes; ++k)
    out += ',' + csv_field(spectrum_names.empty() ? "plane_" + std::to_string(k)
                                                  : spectrum_names[k]);
  out += '\n';
  for (std::size_t r = 0; r < results.shapes.size(); ++r) {
    const PeakResult& row = results.shapes[r];
    out += csv_field(row.assignment);
    out += ',' + std::to_string(row.index + 1);
    out += ',' + number(position(row.x_ppm, row.x_ppm_in));
    out += ',' + number(position(row.y_ppm, row.y_ppm_in));
    for (int k = 0; k < planes; ++k) {
      const PlaneValue& v = results.planes[r][k];
      out += ',' + number(v.status == PeakStatus::kOk ? v.height : NAN);
    }
    out += '\n';
  }
  return out;
}

}  // namespace voigt
