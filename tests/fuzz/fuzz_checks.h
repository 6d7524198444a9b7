// What every fuzz target checks on one input, shared by the libFuzzer executables
// (tests/fuzz/*_fuzz.cc) and the regression test that replays stored inputs in the normal suite
// (tests/fuzz/fuzz_regressions_test.cc). Header-only so that the GoogleTest executable, which
// compiles tests/**/*_test.cc and nothing else from here, can use it.
//
// The contract under test (voigt/spectrum_io.h, voigt/peak_list_io.h): a reader or parser either
// returns a result that satisfies its documented invariants, or throws std::invalid_argument.
// Anything else is a bug: another exception type (std::length_error, std::bad_alloc,
// std::out_of_range: an unchecked size or index), a result breaking an invariant, and, caught by
// the sanitizers rather than here, an out-of-bounds access, a leak or undefined behaviour.
// Each check returns "" when the input was handled as documented, else what went wrong.
#ifndef VOIGT_TESTS_FUZZ_FUZZ_CHECKS_H_
#define VOIGT_TESTS_FUZZ_FUZZ_CHECKS_H_

#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "voigt/axis.h"
#include "voigt/peak_list.h"
#include "voigt/peak_list_io.h"
#include "voigt/spectrum.h"
#include "voigt/spectrum_io.h"

namespace voigt::fuzz {

enum class SpectrumReader { kNmrPipe, kUcsf };

inline std::string describe_exception(const std::exception& e) {
  return std::string(typeid(e).name()) + ": " + e.what();
}

// Invariants of a loaded spectrum; reads every value, so a view pointing past the input shows up
// under AddressSanitizer.
inline std::string check_loaded(const LoadedSpectrum& s,
                                const std::uint8_t* bytes,
                                std::size_t size) {
  const SpectrumSeries& v = s.view;
  if (v.data == nullptr) return "loaded spectrum has no data";
  if (s.format != "nmrpipe" && s.format != "ucsf") return "unknown format '" + s.format + "'";
  if (!v.x.validate("x").empty()) return "accepted an invalid axis: " + v.x.validate("x");
  if (!v.y.validate("y").empty()) return "accepted an invalid axis: " + v.y.validate("y");
  if (v.num_planes < 1) return "num_planes = " + std::to_string(v.num_planes);
  const std::size_t n = v.plane_size() * static_cast<std::size_t>(v.num_planes);
  const auto* begin = reinterpret_cast<const std::uint8_t*>(v.data);
  const bool in_input = begin >= bytes && begin < bytes + size;
  if (in_input) {
    if (static_cast<std::size_t>(bytes + size - begin) / sizeof(float) < n)
      return "view of " + std::to_string(n) + " floats runs past the input";
  } else if (s.storage.size() != n || v.data != s.storage.data()) {
    return "view neither inside the input nor equal to the storage (" +
           std::to_string(s.storage.size()) + " stored, " + std::to_string(n) + " viewed)";
  }
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(v.data[i])) return "accepted a non-finite value at " + std::to_string(i);
  return "";
}

// Two loads of the same bytes must agree bit for bit (axes and values).
inline std::string compare_loaded(const LoadedSpectrum& a, const LoadedSpectrum& b) {
  const SpectrumSeries &u = a.view, &v = b.view;
  auto same_axis = [](const Axis& p, const Axis& q) {
    return p.size_pt == q.size_pt && p.sw_hz == q.sw_hz && p.obs_mhz == q.obs_mhz &&
           p.orig_hz == q.orig_hz && p.label == q.label;
  };
  if (!same_axis(u.x, v.x) || !same_axis(u.y, v.y) || u.num_planes != v.num_planes ||
      u.plane_label != v.plane_label)
    return "aligned and unaligned reads disagree on the axes";
  const std::size_t n = u.plane_size() * static_cast<std::size_t>(u.num_planes);
  if (std::memcmp(u.data, v.data, n * sizeof(float)) != 0)
    return "aligned and unaligned reads disagree on the values";
  return "";
}

inline LoadedSpectrum read_with(SpectrumReader reader,
                                const std::uint8_t* bytes,
                                std::size_t size) {
  return reader == SpectrumReader::kNmrPipe ? read_nmrpipe(bytes, size, "fuzz")
                                            : read_ucsf(bytes, size, "fuzz");
}

// One spectrum input: the reader at an aligned address (where NMRPipe data may be viewed in
// place) and at an odd one (always copied) must agree, and read_spectrum must pick the same
// reader whenever the bytes carry that format's magic.
inline std::string check_spectrum_input(SpectrumReader reader,
                                        const std::uint8_t* data,
                                        std::size_t size) {
  // Own copies: the fuzzer's buffer has no slack, and the shifted copy must be exactly as long.
  std::vector<std::uint8_t> aligned(data, data + size);
  std::vector<std::uint8_t> shifted(size + 1);
  if (size > 0) std::memcpy(shifted.data() + 1, data, size);
  const std::uint8_t* a = size > 0 ? aligned.data() : nullptr;
  const std::uint8_t* b = size > 0 ? shifted.data() + 1 : nullptr;
  std::string problem;
  try {
    const LoadedSpectrum first = read_with(reader, a, size);
    if (!(problem = check_loaded(first, a, size)).empty()) return problem;
    const LoadedSpectrum second = read_with(reader, b, size);
    if (!(problem = check_loaded(second, b, size)).empty()) return "unaligned: " + problem;
    if (!(problem = compare_loaded(first, second)).empty()) return problem;
    // Bytes may carry both magics; read_spectrum then prefers UCSF, as documented.
    if (reader == SpectrumReader::kNmrPipe && size >= 8 && std::memcmp(a, "UCSF NMR", 8) == 0)
      return "";
    const LoadedSpectrum any = read_spectrum(a, size, "fuzz");
    if (any.format != first.format) return "read_spectrum chose " + any.format;
    return compare_loaded(first, any);
  } catch (const std::invalid_argument& e) {
    // Documented rejection; the message must name the input.
    if (std::string_view(e.what()).substr(0, 6) != "fuzz: ")
      return std::string("message does not start with the name: ") + e.what();
    return "";
  } catch (const std::exception& e) {
    return "undocumented exception " + describe_exception(e);
  }
}

// Axes the peak-list parsers are given: unknown (size 0: point positions are rejected and each
// format's own column order is trusted), protein L's (test1.ft2: 1H 10.5-6.5 ppm, 15N 130.5-106.6
// ppm) and a coarse one whose point-to-ppm factors are huge, so that point positions far out
// overflow to infinity unless the parser checks the converted value.
inline std::vector<std::pair<Axis, Axis>> peak_list_axes() {
  Axis h{546, 3204.346, 800.304, 5203.279, "HN"};
  Axis n{256, 1946.283, 81.103, 8648.374, "15N"};
  Axis coarse_x{2, 1e30, 1e-3, 0, "X"};
  Axis coarse_y{3, 1e30, 1e-3, 0, "Y"};
  return {{Axis{}, Axis{}}, {h, n}, {coarse_x, coarse_y}};
}

inline std::string check_peak_list(const PeakList& list,
                                   PeakListFormat expected,
                                   std::size_t num_lines) {
  if (list.peaks.empty()) return "accepted a list without peaks";
  if (list.format != expected)
    return std::string("format ") + to_string(list.format) + ", expected " + to_string(expected);
  for (const Peak& p : list.peaks) {
    const std::string where = "peak of line " + std::to_string(p.source_line) + ": ";
    if (p.source_line < 1 || static_cast<std::size_t>(p.source_line) > num_lines)
      return where + "source_line outside the text's " + std::to_string(num_lines) + " lines";
    if (!std::isfinite(p.x_ppm) || !std::isfinite(p.y_ppm)) return where + "position not finite";
    if (!std::isnan(p.height_hint) && !std::isfinite(p.height_hint))
      return where + "height hint infinite";
    for (double w : {p.linewidth_x_hz_hint, p.linewidth_y_hz_hint, p.window_x_ppm, p.window_y_ppm})
      if (!std::isnan(w) && !(std::isfinite(w) && w > 0))
        return where + "width or window hint neither NaN nor finite and > 0";
  }
  return "";
}

// One peak-list input parsed as `format` (kAuto: detected) against each set of axes.
inline std::string check_peak_list_input(PeakListFormat format,
                                         const std::uint8_t* data,
                                         std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::size_t num_lines = 1;
  for (char c : text) num_lines += c == '\n';
  for (const auto& [x, y] : peak_list_axes()) {
    try {
      PeakListFormat expected = format;
      if (format == PeakListFormat::kAuto) {
        expected = detect_peak_list_format(text, "fuzz");
        if (expected == PeakListFormat::kAuto) return "detection returned kAuto";
      }
      const PeakList list = parse_peak_list(text, "fuzz", format, x, y);
      const std::string problem = check_peak_list(list, expected, num_lines);
      if (!problem.empty()) return problem;
    } catch (const std::invalid_argument& e) {
      if (std::string_view(e.what()).substr(0, 4) != "fuzz")
        return std::string("message does not start with the name: ") + e.what();
    } catch (const std::exception& e) {
      return "undocumented exception " + describe_exception(e);
    }
  }
  return "";
}

}  // namespace voigt::fuzz

#endif  // VOIGT_TESTS_FUZZ_FUZZ_CHECKS_H_
