#include "io/text_table.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <utility>
#if !defined(__cpp_lib_to_chars)
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#endif

namespace voigt::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string_view drop_bom(std::string_view text) {
  return text.substr(0, kUtf8Bom.size()) == kUtf8Bom ? text.substr(kUtf8Bom.size()) : text;
}

#if !defined(__cpp_lib_to_chars)
// Emscripten 3.1.6's libc++ has no floating-point <charconv> (__cpp_lib_to_chars is undefined).
// These stand-ins return what std::from_chars and plain std::to_chars return, from the C library
// (whose locale is always "C" in WebAssembly). Checked against libstdc++ 12 on 11 million
// doubles (random bit patterns, integers, every power of two and of ten): identical text.

// std::from_chars takes no leading '+', whitespace or "0x"; strtod would, so refuse them first.
bool from_chars_double(std::string_view field, double* value) {
  const std::string text(field);
  const char* body = text.c_str() + (text[0] == '-' ? 1 : 0);
  if (!(std::isalnum(static_cast<unsigned char>(body[0])) || body[0] == '.') ||
      (body[0] == '0' && (body[1] == 'x' || body[1] == 'X')))
    return false;
  errno = 0;
  char* end = nullptr;
  const double parsed = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return false;
  if (errno == ERANGE && (parsed == 0 || std::isinf(parsed))) return false;  // out of range
  *value = parsed;
  return true;
}

// d.ddd x 10^exponent as "%e" writes it ("1.5e+07").
std::string scientific_text(const std::string& digits, int exponent) {
  char text[40];
  std::snprintf(text, sizeof text, "%c%s%se%c%02d", digits[0], digits.size() > 1 ? "." : "",
                digits.c_str() + 1, exponent < 0 ? '-' : '+', std::abs(exponent));
  return text;
}

// Shortest round trip, as Ryu (which to_chars uses) finds it: the fewest significant digits that
// read back as `value` ("%.*e" with growing precision), written fixed or scientific, whichever is
// shorter (fixed on a tie). Finite, nonzero values only.
std::string to_chars_double(double value) {
  const double magnitude = std::fabs(value);
  int binary_exponent = 0;
  const bool power_of_two = std::frexp(magnitude, &binary_exponent) == 0.5;
  std::string digits;
  int exponent = 0;
  for (int precision = 0; precision <= 17; ++precision) {
    char text[40];
    std::snprintf(text, sizeof text, "%.*e", precision, magnitude);
    digits.clear();
    for (const char* c = text; *c != 'e'; ++c)
      if (*c != '.') digits += *c;
    exponent = std::atoi(std::strchr(text, 'e') + 1);
    if (std::strtod(scientific_text(digits, exponent).c_str(), nullptr) == magnitude) break;
    // Below a power of two the doubles are twice as dense, so the shortest text that reads back
    // can be the correctly rounded one plus one unit in its last digit (Ryu's choice then).
    if (!power_of_two) continue;
    std::string up = digits;
    int i = static_cast<int>(up.size()) - 1;
    for (; i >= 0 && up[i] == '9'; --i) up[i] = '0';
    if (i < 0) continue;  // 9.99..9 rounds up to the next power of ten: never the shortest here
    ++up[i];
    if (std::strtod(scientific_text(up, exponent).c_str(), nullptr) == magnitude) {
      digits = up;
      break;
    }
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int n = static_cast<int>(digits.size());
  std::string fixed;
  if (exponent >= n - 1) {  // an integer: to_chars writes all of its digits, as "%.0f" does
    char integer[320];
    std::snprintf(integer, sizeof integer, "%.0f", magnitude);
    fixed = integer;
  } else if (exponent >= 0) {
    fixed = digits.substr(0, exponent + 1) + "." + digits.substr(exponent + 1);
  } else {
    fixed = "0." + std::string(-exponent - 1, '0') + digits;
  }
  const std::string scientific = scientific_text(digits, exponent);
  return (value < 0 ? "-" : "") + (scientific.size() < fixed.size() ? scientific : fixed);
}
#endif

}  // namespace

std::vector<TextLine> split_lines(std::string_view text) {
  text = drop_bom(text);
  std::vector<TextLine> lines;
  int number = 1;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back({number++, line});
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_whitespace(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_space(line[i])) ++i;
    const size_t start = i;
    while (i < line.size() && !is_space(line[i])) ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

std::vector<std::string_view> split_on(std::string_view line, char delimiter) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    const size_t end = line.find(delimiter, start);
    out.push_back(line.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

bool iends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

bool parse_double(std::string_view field, double* value) {
  // Strip one '+' unless another sign follows, so "+-1" and "++1" still fail.
  if (field.size() > 1 && field[0] == '+' && field[1] != '-' && field[1] != '+')
    field.remove_prefix(1);
  if (field.empty()) return false;
  double parsed = 0;
  const char* const end = field.data() + field.size();
#if defined(__cpp_lib_to_chars)
  const auto [ptr, ec] = std::from_chars(field.data(), end, parsed);
  // ERANGE: from_chars leaves `parsed` untouched; treat overflow/underflow as "not a number we
  // can use" rather than guess (a position of 1e400 ppm is a broken file).
  if (ec != std::errc() || ptr != end) return false;
#else
  if (!from_chars_double(field, &parsed)) return false;
  (void)end;
#endif
  *value = parsed;
  return true;
}

bool is_null_token(std::string_view field) {
  field = trim(field);
  static constexpr std::string_view kNull[] = {
      "", "none", "nan", "na", "n/a", "null", "-", "*", "?", "?-?"};
  for (std::string_view token : kNull)
    if (iequals(field, token)) return true;
  return false;
}

std::string assignment_or_empty(std::string_view field) {
  field = trim(field);
  return is_null_token(field) ? std::string() : std::string(field);
}

void throw_input_error(const std::string& name, int line, const std::string& what) {
  if (line > 0) throw std::invalid_argument(name + ":" + std::to_string(line) + ": " + what);
  throw std::invalid_argument(name + ": " + what);
}

double parse_position(std::string_view field,
                      const std::string& column,
                      const std::string& name,
                      int line) {
  field = trim(field);
  if (field.empty()) throw_input_error(name, line, column + " is empty");
  double value = 0;
  const std::string quoted = column + " '" + std::string(field) + "'";
  if (!parse_double(field, &value)) throw_input_error(name, line, quoted + " is not a number");
  if (!std::isfinite(value)) throw_input_error(name, line, quoted + " is not finite");
  return value;
}

double parse_hint(std::string_view field,
                  const std::string& column,
                  const std::string& name,
                  int line) {
  field = trim(field);
  double value = NAN;
  if (parse_double(field, &value)) return value;
  if (is_null_token(field)) return NAN;
  throw_input_error(name, line, column + " '" + std::string(field) + "' is not a number");
}

double positive_or_nan(double value) { return (std::isfinite(value) && value > 0) ? value : NAN; }

std::string format_double(double value) {
  if (std::isnan(value)) return "nan";  // to_chars may write "-nan" for a negative NaN
#if defined(__cpp_lib_to_chars)
  char buffer[32];                      // shortest double is at most 24 characters
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) throw std::logic_error("format_double: buffer too small");
  return std::string(buffer, end);
#else
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  if (value == 0) return std::signbit(value) ? "-0" : "0";
  return to_chars_double(value);
#endif
}

// Division by an exact power of ten gives the double nearest the decimal k / 10^d, whose
// shortest text therefore has at most d decimals.
std::string format_rounded(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  const double r = std::round(value * scale) / scale;
  if (!std::isfinite(r)) return format_double(value);
  return format_double(r == 0 ? 0.0 : r);
}

std::string format_significant(double value, int digits) {
  if (!std::isfinite(value) || value == 0) return format_double(value == 0 ? 0.0 : value);
  const int shift = digits - 1 - static_cast<int>(std::floor(std::log10(std::fabs(value))));
  const double scale = std::pow(10.0, std::abs(shift));
  const double r = shift >= 0 ? std::round(value * scale) / scale : std::round(value / scale) * scale;
  return format_double(std::isfinite(r) ? r : value);
}

std::string whitespace_free_field(std::string_view text, std::string_view if_empty) {
  std::string out(text.empty() ? if_empty : text);
  for (char& c : out)
    if (is_space(c)) c = '_';
  return out;
}

}  // namespace voigt::detail

namespace voigt {

std::string csv_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::vector<CsvRecord> split_csv(std::string_view text, const std::string& name) {
  text = detail::drop_bom(text);
  std::vector<CsvRecord> records;
  int line = 1;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    // At the start of a line: skip blank and comment lines whole.
    const size_t eol = std::min(text.find('\n', i), n);
    const std::string_view whole = detail::trim(text.substr(i, eol - i));
    if (whole.empty() || whole.front() == '#') {
      i = eol + 1;
      ++line;
      continue;
    }
    CsvRecord record;
    record.line = line;
    bool end_of_record = false;
    while (!end_of_record) {
      // One field, starting at i.
      while (i < n && (text[i] == ' ' || text[i] == '\t')) ++i;
      std::string field;
      if (i < n && text[i] == '"') {
        const int quote_line = line;
        ++i;
        for (;;) {
          if (i >= n) detail::throw_input_error(name, quote_line, "unterminated quoted field");
          const char c = text[i++];
          if (c == '"') {
            if (i < n && text[i] == '"') {
              field += '"';
              ++i;
            } else {
              break;
            }
          } else {
            if (c == '\n') ++line;
            field += c;
          }
        }
        // Text between the closing quote and the delimiter is not RFC 4180; keep it rather
        // than drop data silently ("a"b -> ab).
        size_t stop = i;
        while (stop < n && text[stop] != ',' && text[stop] != '\n') ++stop;
        field += std::string(detail::trim(text.substr(i, stop - i)));
        i = stop;
      } else {
        size_t stop = i;
        while (stop < n && text[stop] != ',' && text[stop] != '\n') ++stop;
        field = std::string(detail::trim(text.substr(i, stop - i)));
        i = stop;
      }
      record.fields.push_back(std::move(field));
      if (i < n && text[i] == ',') {
        ++i;
      } else {
        end_of_record = true;
        if (i < n) ++i;  // the '\n'
        ++line;
      }
    }
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace voigt

namespace voigt::detail {

void orient_by_axes(std::vector<Peak>* peaks, const Axis& x, const Axis& y) {
  if (!x.validate("x").empty() || !y.validate("y").empty()) return;
  // Half a point beyond each edge still belongs to the grid point at the edge.
  auto inside = [](const Axis& axis, double ppm) {
    const double pt = axis.pt_at(ppm);
    return pt >= -0.5 && pt <= axis.size_pt - 0.5;
  };
  int as_read = 0, swapped = 0;
  for (const Peak& p : *peaks) {
    as_read += inside(x, p.x_ppm) && inside(y, p.y_ppm);
    swapped += inside(x, p.y_ppm) && inside(y, p.x_ppm);
  }
  if (swapped <= as_read) return;
  for (Peak& p : *peaks) {
    std::swap(p.x_ppm, p.y_ppm);
    std::swap(p.linewidth_x_hz_hint, p.linewidth_y_hz_hint);
    std::swap(p.window_x_ppm, p.window_y_ppm);
  }
}

std::size_t first_content_line(const std::vector<TextLine>& lines, const std::string& name) {
  std::size_t i = 0;
  while (i < lines.size() && trim(lines[i].text).empty()) ++i;
  if (i == lines.size()) throw_input_error(name, 0, "no peaks");
  return i;
}

}  // namespace voigt::detail
