// The result tables' columns, listed once: the CSV writers format them, and shells that pass
// columns on (the Python module) take them as they are, so both carry the same names and values.
#include "voigt/result_table.h"

#include <cmath>
#include <functional>

#include "io/text_table.h"

namespace voigt {
namespace {

using Kind = ResultColumn::Kind;

// A table filled one row at a time: each column is declared with a function of the row.
template <typename Row>
class TableOf {
 public:
  void integer(const char* name, std::function<long long(const Row&)> get) {
    add(name, Kind::kInteger, [get](ResultColumn& c, const Row& r) { c.integers.push_back(get(r)); });
  }
  void number(const char* name, std::function<double(const Row&)> get) {
    add(name, Kind::kNumber, [get](ResultColumn& c, const Row& r) { c.numbers.push_back(get(r)); });
  }
  void text(const char* name, std::function<std::string(const Row&)> get) {
    add(name, Kind::kText, [get](ResultColumn& c, const Row& r) { c.texts.push_back(get(r)); });
  }
  void append(const Row& row) {
    for (std::size_t k = 0; k < table_.size(); ++k) fill_[k](table_[k], row);
  }
  ResultTable take() { return std::move(table_); }

 private:
  void add(const char* name, Kind kind, std::function<void(ResultColumn&, const Row&)> fill) {
    ResultColumn c;
    c.name = name;
    c.kind = kind;
    table_.push_back(std::move(c));
    fill_.push_back(std::move(fill));
  }
  ResultTable table_;
  std::vector<std::function<void(ResultColumn&, const Row&)>> fill_;
};

// A series row's position: fitted, or the listed one when not fitted.
double position(double fitted, double input) { return std::isfinite(fitted) ? fitted : input; }

int num_planes(const SeriesResults& results) {
  return results.planes.empty() ? static_cast<int>(results.plane_noise.size())
                                : static_cast<int>(results.planes.front().size());
}

}  // namespace

// Column name = field name, so the macros spell each once.
#define VOIGT_INTEGER(f) t.integer(#f, [](const PeakResult& r) { return r.f; })
#define VOIGT_NUMBER(f) t.number(#f, [](const PeakResult& r) { return r.f; })

ResultTable result_table(const std::vector<PeakResult>& rows) {
  TableOf<PeakResult> t;
  VOIGT_INTEGER(index);
  t.text("assignment", [](const PeakResult& r) { return r.assignment; });
  VOIGT_NUMBER(x_ppm_in), VOIGT_NUMBER(y_ppm_in), VOIGT_NUMBER(x_ppm_start), VOIGT_NUMBER(y_ppm_start);
  VOIGT_NUMBER(x_ppm), VOIGT_NUMBER(y_ppm), VOIGT_NUMBER(height), VOIGT_NUMBER(volume);
  VOIGT_NUMBER(fwhm_x_hz), VOIGT_NUMBER(fwhm_y_hz), VOIGT_NUMBER(sigma_x_hz), VOIGT_NUMBER(gamma_x_hz);
  VOIGT_NUMBER(sigma_y_hz), VOIGT_NUMBER(gamma_y_hz), VOIGT_NUMBER(eta_x), VOIGT_NUMBER(eta_y);
  VOIGT_NUMBER(x_ppm_err), VOIGT_NUMBER(y_ppm_err), VOIGT_NUMBER(height_err), VOIGT_NUMBER(volume_err);
  VOIGT_NUMBER(r2), VOIGT_NUMBER(snr), VOIGT_NUMBER(chi2_red);
  t.text("quality", [](const PeakResult& r) { return to_string(r.quality); });
  VOIGT_INTEGER(cluster), VOIGT_INTEGER(cluster_size), VOIGT_INTEGER(iterations);
  t.text("status", [](const PeakResult& r) { return to_string(r.status); });
  t.text("flags", [](const PeakResult& r) { return r.flags; });
  t.text("message", [](const PeakResult& r) { return r.message; });
  for (const PeakResult& r : rows) t.append(r);
  return t.take();
}

#undef VOIGT_INTEGER
#undef VOIGT_NUMBER

namespace {

// One (peak, plane) pair of a series.
struct PlaneRow {
  const PeakResult* peak;
  const PlaneValue* value;
  int plane;
  double delay;
};

}  // namespace

ResultTable series_planes_table(const SeriesResults& results) {
  TableOf<PlaneRow> t;
  t.integer("index", [](const PlaneRow& r) { return r.peak->index; });
  t.text("assignment", [](const PlaneRow& r) { return r.peak->assignment; });
  t.integer("plane", [](const PlaneRow& r) { return r.plane; });
  t.number("delay", [](const PlaneRow& r) { return r.delay; });
  t.number("height", [](const PlaneRow& r) { return r.value->height; });
  t.number("height_err", [](const PlaneRow& r) { return r.value->height_err; });
  t.number("volume", [](const PlaneRow& r) { return r.value->volume; });
  t.number("volume_err", [](const PlaneRow& r) { return r.value->volume_err; });
  t.text("status", [](const PlaneRow& r) { return to_string(r.value->status); });
  const int planes = num_planes(results);
  for (std::size_t r = 0; r < results.shapes.size(); ++r)
    for (int k = 0; k < planes; ++k)
      t.append({&results.shapes[r], &results.planes[r][k], k,
                k < static_cast<int>(results.delays.size()) ? results.delays[k] : NAN});
  return t.take();
}

namespace {

struct RateRow {
  const PeakResult* peak;
  const DecayFit* fit;
};

}  // namespace

ResultTable series_rates_table(const SeriesResults& results) {
  TableOf<RateRow> t;
  t.integer("index", [](const RateRow& r) { return r.peak->index; });
  t.text("assignment", [](const RateRow& r) { return r.peak->assignment; });
  t.number("x_ppm", [](const RateRow& r) { return position(r.peak->x_ppm, r.peak->x_ppm_in); });
  t.number("y_ppm", [](const RateRow& r) { return position(r.peak->y_ppm, r.peak->y_ppm_in); });
#define VOIGT_DECAY(f) t.number(#f, [](const RateRow& r) { return r.fit->f; })
  VOIGT_DECAY(i0), VOIGT_DECAY(i0_err), VOIGT_DECAY(r), VOIGT_DECAY(r_err), VOIGT_DECAY(r_err_mc);
  VOIGT_DECAY(offset), VOIGT_DECAY(offset_err), VOIGT_DECAY(chi2_red);
#undef VOIGT_DECAY
  t.integer("planes_used", [](const RateRow& r) { return r.fit->planes_used; });
  t.text("status", [](const RateRow& r) { return to_string(r.fit->status); });
  t.text("message", [](const RateRow& r) { return r.fit->message; });
  for (std::size_t r = 0; r < results.shapes.size(); ++r) t.append({&results.shapes[r], &results.rates[r]});
  return t.take();
}

std::string format_table_csv(const ResultTable& table) {
  std::string out;
  for (std::size_t k = 0; k < table.size(); ++k) out += (k ? "," : "") + table[k].name;
  out += '\n';
  const std::size_t rows = table.empty() ? 0
                           : table[0].kind == Kind::kInteger ? table[0].integers.size()
                           : table[0].kind == Kind::kNumber  ? table[0].numbers.size()
                                                             : table[0].texts.size();
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t k = 0; k < table.size(); ++k) {
      if (k) out += ',';
      const ResultColumn& c = table[k];
      if (c.kind == Kind::kInteger) out += std::to_string(c.integers[i]);
      else if (c.kind == Kind::kNumber) out += detail::format_double(c.numbers[i]);
      else out += detail::csv_field(c.texts[i]);
    }
    out += '\n';
  }
  return out;
}

}  // namespace voigt
