// The project's result JSON: the CSV columns per peak plus the cross-sections the page plots.
// Hand-written (RFC 8259) so the engine needs no JSON library in native or WebAssembly builds.
// Layout: one peak object per line inside {"peaks": [...]}, so files diff line by line.
#include <cmath>
#include <stdexcept>
#include <string>

#include "io/text_table.h"
#include "voigt/result_io.h"

namespace voigt {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid (RFC 3629
// table: no overlong forms, no surrogates, nothing above U+10FFFF).
size_t utf8_length(const std::string& s, size_t i) {
  const auto byte = [&s](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c == 0xE0)
    n = 3, lo = 0xA0;
  else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
    n = 3;
  else if (c == 0xED)
    n = 3, hi = 0x9F;  // U+D800..U+DFFF are surrogates
  else if (c == 0xF0)
    n = 4, lo = 0x90;
  else if (c >= 0xF1 && c <= 0xF3)
    n = 4;
  else if (c == 0xF4)
    n = 4, hi = 0x8F;  // above U+10FFFF otherwise
  else
    return 0;
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return n;
}

void append_string(std::string* out, const std::string& s) {
  static constexpr char kHex[] = "0123456789abcdef";
  *out += '"';
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        *out += "\\\"";
        ++i;
        continue;
      case '\\':
        *out += "\\\\";
        ++i;
        continue;
      case '\b':
        *out += "\\b";
        ++i;
        continue;
      case '\f':
        *out += "\\f";
        ++i;
        continue;
      case '\n':
        *out += "\\n";
        ++i;
        continue;
      case '\r':
        *out += "\\r";
        ++i;
        continue;
      case '\t':
        *out += "\\t";
        ++i;
        continue;
      default:
        break;
    }
    if (c < 0x20) {  // other control characters must be escaped
      *out += "\\u00";
      *out += kHex[c >> 4];
      *out += kHex[c & 0xF];
      ++i;
      continue;
    }
    const size_t n = utf8_length(s, i);
    if (n == 0) {
      *out += "\\ufffd";  // replacement character for a byte that is not UTF-8
      ++i;
    } else {
      out->append(s, i, n);
      i += n;
    }
  }
  *out += '"';
}

void append_number(std::string* out, double v) {
  *out += std::isfinite(v) ? detail::format_double(v) : "null";
}

void append_array(std::string* out, const std::vector<double>& values) {
  *out += '[';
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) *out += ',';
    append_number(out, values[i]);
  }
  *out += ']';
}

// {"ppm": [...], "data": [...], "fit": [...], "residual": [...]}
void append_slice(std::string* out,
                  const std::vector<double>& ppm,
                  const std::vector<double>& data,
                  const std::vector<double>& fit,
                  int row,
                  char axis) {
  if (data.size() != ppm.size() || fit.size() != ppm.size())
    throw std::logic_error("format_results_json: row " + std::to_string(row) + " slice " + axis +
                           ": ppm, data and fit differ in length (" + std::to_string(ppm.size()) +
                           ", " + std::to_string(data.size()) + ", " + std::to_string(fit.size()) +
                           ")");
  std::vector<double> residual(ppm.size());
  for (size_t i = 0; i < ppm.size(); ++i) residual[i] = data[i] - fit[i];
  *out += "{\"ppm\":";
  append_array(out, ppm);
  *out += ",\"data\":";
  append_array(out, data);
  *out += ",\"fit\":";
  append_array(out, fit);
  *out += ",\"residual\":";
  append_array(out, residual);
  *out += '}';
}

void append_slices(std::string* out, const PeakSlices& s, int row) {
  const bool has_x = !s.x_ppm.empty() || !s.x_data.empty() || !s.x_fit.empty();
  const bool has_y = !s.y_ppm.empty() || !s.y_data.empty() || !s.y_fit.empty();
  if (!has_x && !has_y) return;
  *out += ",\"slices\":{";
  if (has_x) {
    *out += "\"x\":";
    append_slice(out, s.x_ppm, s.x_data, s.x_fit, row, 'x');
  }
  if (has_y) {
    if (has_x) *out += ',';
    *out += "\"y\":";
    append_slice(out, s.y_ppm, s.y_data, s.y_fit, row, 'y');
  }
  *out += '}';
}

}  // namespace

std::string format_results_json(const std::vector<PeakResult>& rows,
                                const std::vector<PeakSlices>* slices) {
  if (slices && slices->size() != rows.size())
    throw std::logic_error("format_results_json: " + std::to_string(slices->size()) +
                           " slices for " + std::to_string(rows.size()) + " rows");
  std::string out = "{\"peaks\":[";
  for (size_t i = 0; i < rows.size(); ++i) {
    const PeakResult& r = rows[i];
    out += i ? ",\n" : "\n";
    bool first = true;
    auto key = [&out, &first](const char* name) {
      out += first ? "{\"" : ",\"";
      first = false;
      out += name;
      out += "\":";
    };
    auto num = [&](const char* name, double v) {
      key(name);
      append_number(&out, v);
    };
    auto integer = [&](const char* name, int v) {
      key(name);
      out += std::to_string(v);
    };
    auto text = [&](const char* name, const std::string& v) {
      key(name);
      append_string(&out, v);
    };
    integer("index", r.index);
    text("assignment", r.assignment);
    num("x_ppm_in", r.x_ppm_in);
    num("y_ppm_in", r.y_ppm_in);
    num("x_ppm_start", r.x_ppm_start);
    num("y_ppm_start", r.y_ppm_start);
    num("x_ppm", r.x_ppm);
    num("y_ppm", r.y_ppm);
    num("height", r.height);
    num("volume", r.volume);
    num("fwhm_x_hz", r.fwhm_x_hz);
    num("fwhm_y_hz", r.fwhm_y_hz);
    num("sigma_x_hz", r.sigma_x_hz);
    num("gamma_x_hz", r.gamma_x_hz);
    num("sigma_y_hz", r.sigma_y_hz);
    num("gamma_y_hz", r.gamma_y_hz);
    num("eta_x", r.eta_x);
    num("eta_y", r.eta_y);
    num("x_ppm_err", r.x_ppm_err);
    num("y_ppm_err", r.y_ppm_err);
    num("height_err", r.height_err);
    num("volume_err", r.volume_err);
    num("r2", r.r2);
    num("snr", r.snr);
    num("chi2_red", r.chi2_red);
    text("quality", to_string(r.quality));
    integer("cluster", r.cluster);
    integer("cluster_size", r.cluster_size);
    integer("iterations", r.iterations);
    text("status", to_string(r.status));
    text("flags", r.flags);
    text("message", r.message);
    if (slices) append_slices(&out, (*slices)[i], static_cast<int>(i));
    out += '}';
  }
  out += rows.empty() ? "]}\n" : "\n]}\n";
  return out;
}

}  // namespace voigt
