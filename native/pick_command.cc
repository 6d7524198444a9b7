// `voigtfit pick`: the peaks of a spectrum's plane (the engine's picker), written as a peak list
// in any of the formats the fit reads back (.tab, Sparky .list, CSV, NEF).
#include <iostream>

#include "atomic_file.h"
#include "command.h"
#include "command_args.h"
#include "result_formats.h"
#include "spectrum_loader.h"
#include "voigt/input_checks.h"
#include "voigt/pick.h"

namespace voigt {
namespace {

constexpr const char* kUsage =
    "  voigtfit pick SPECTRUM -o peaks.tab|.list|.csv|.nef [--threshold K] [--plane K]\n"
    "               [--positive-only] [--format tab|sparky|lunanmr|nef]\n";

// The list format from --format, else from the output's extension (.tab, .list, .nef; any other
// is a CSV the fit reads as a lunaNMR list).
std::string list_format(const Args& a, const std::string& out) {
  if (a.has("--format")) return a.get("--format", "");
  const auto ends = [&](const char* ext) {
    const std::string e(ext);
    return out.size() >= e.size() && out.compare(out.size() - e.size(), e.size(), e) == 0;
  };
  if (ends(".tab")) return "tab";
  if (ends(".list")) return "sparky";
  if (ends(".nef")) return "nef";
  return "lunanmr";
}

int run_pick(const Args& a) {
  if (a.positional.size() != 1) throw UsageError("pick needs SPECTRUM");
  const std::string out = a.get("-o", a.get("--output", ""));
  const std::string format = list_format(a, out);
  if (format == "csv") throw UsageError("--format csv is a results table; a peak list is lunanmr, tab, sparky or nef");
  check_result_format(format);
  PickOptions options;
  options.threshold_noise = a.number("--threshold", options.threshold_noise);
  options.negative = !a.has("--positive-only");
  if (const std::string e = options.validate(); !e.empty()) throw UsageError(e + "\n  set by --threshold");
  const int plane_index = static_cast<int>(a.number("--plane", 0));
  if (!out.empty()) check_writable(out);

  const OpenSpectrum open = open_spectrum({a.positional[0]});
  as_usage_error([&] { check_plane_index(open.spectrum.view, plane_index, "--plane"); });
  const Spectrum2D plane = open.spectrum.view.plane(plane_index);
  const std::vector<PickedPeak> picks = pick_peaks(plane, options);
  const std::string text = format_result_table(format, to_result_rows(picks, plane), plane.x, plane.y);
  check_unchanged(open);
  if (out.empty())
    std::cout << text;
  else
    write_file_atomically(out, text);
  if (!a.has("--quiet"))
    std::cerr << picks.size() << " peaks picked above " << options.threshold_noise << " x noise"
              << (out.empty() ? "" : ", written to " + out) << "\n";
  return 0;
}

}  // namespace

Command pick_command() {
  return {"pick", kUsage, {{"--positive-only", "--quiet"}, {"-o", "--output", "--threshold", "--plane", "--format"}},
          &run_pick};
}

}  // namespace voigt
