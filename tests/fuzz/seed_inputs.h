// Seed inputs for the fuzz targets, built in memory from shared/data (never copied into the
// repository) and from small simulated spectra and lists. Used by make_fuzz_corpora (writes one
// directory per target before a fuzz run) and by fuzz_regressions_test.cc (replays them all in
// the normal and sanitizer suites).
//
// Why small seeds: libFuzzer's speed is inversely proportional to input size, and its mutations
// explore from the seeds. A real header shrunk to a 12 x 10 grid keeps every field a real file
// sets (dimension order, flags, labels) at 3 KB instead of 2.2 MB; truncations and byte swaps
// start the fuzzer on each rejection path.
#ifndef VOIGT_TESTS_FUZZ_SEED_INPUTS_H_
#define VOIGT_TESTS_FUZZ_SEED_INPUTS_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "io/byte_order.h"
#include "io/nmrpipe_header.h"
#include "voigt/peak_list.h"
#include "voigt/spectrum.h"
#include "voigt/spectrum_io.h"

namespace voigt::fuzz {

using Bytes = std::vector<std::uint8_t>;

struct Seed {
  std::string name;  // file name in a corpus directory: SOURCE-VARIANT
  Bytes bytes;
};

inline Bytes read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

inline Bytes to_bytes(const std::string& text) { return Bytes(text.begin(), text.end()); }

// ---- spectra ------------------------------------------------------------------------------

// A smooth plane of two Gaussian peaks (one negative) on a small grid: finite, deterministic.
inline std::vector<float> simulated_planes(int nx, int ny, int planes) {
  std::vector<float> data;
  for (int p = 0; p < planes; ++p)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) {
        const double a = std::exp(
            -0.5 * (std::pow((i - nx / 3.0) / 1.5, 2) + std::pow((j - ny / 2.0) / 1.2, 2)));
        const double b = std::exp(
            -0.5 * (std::pow((i - 2 * nx / 3.0) / 2.0, 2) + std::pow((j - ny / 3.0) / 1.0, 2)));
        data.push_back(
            static_cast<float>((1000 * a - 400 * b) / (1 + p) + 0.25 * ((i * 7 + j * 3) % 5)));
      }
  return data;
}

inline Axis simulated_axis(int size_pt, bool proton) {
  return proton ? Axis{size_pt, 3200.0 * size_pt / 1024, 800.0, 5200.0, "1H"}
                : Axis{size_pt, 1946.0 * size_pt / 256, 81.1, 8650.0, "15N"};
}

inline Bytes simulated_nmrpipe(int nx, int ny, int planes) {
  const std::vector<float> data = simulated_planes(nx, ny, planes);
  SpectrumSeries s;
  s.data = data.data();
  s.x = simulated_axis(nx, true);
  s.y = simulated_axis(ny, false);
  s.num_planes = planes;
  s.plane_label = planes > 1 ? "ID" : "";
  return write_nmrpipe(s);
}

// Every 4-byte word swapped except NMRPipe's text locations: the file a big-endian machine
// would have written.
inline Bytes byte_swapped_nmrpipe(Bytes b) {
  for (std::size_t w = 0; w + 4 <= b.size(); w += 4) {
    if (w < detail::kPipeHeaderBytes && detail::is_text_location(static_cast<int>(w / 4))) continue;
    std::reverse(b.begin() + static_cast<std::ptrdiff_t>(w),
                 b.begin() + static_cast<std::ptrdiff_t>(w + 4));
  }
  return b;
}

// A real NMRPipe file with its stored X, Y and Z sizes cut to at most 12, 10 and 12 points and
// only that many data values kept (the first ones of the file: real, finite numbers).
inline Bytes shrunk_nmrpipe(const Bytes& file) {
  if (file.size() < detail::kPipeHeaderBytes) return {};
  Bytes out(file.begin(), file.begin() + detail::kPipeHeaderBytes);
  bool swap = false;
  if (!detail::pipe_byte_order(file.data(), file.size(), &swap)) return {};
  auto get = [&](int i) { return detail::load_f32(out.data() + 4 * i, swap); };
  auto set = [&](int i, float v) { detail::store_f32(out.data() + 4 * i, v, swap); };
  const double x = get(detail::kFdSize), y = get(detail::kFdSpecNum), z = get(detail::kFdF3Size);
  const double plane_floats = x * y;
  const double present_z = (file.size() - detail::kPipeHeaderBytes) / 4.0 / plane_floats;
  const float nx = static_cast<float>(std::min(x, 12.0)),
              ny = static_cast<float>(std::min(y, 10.0));
  const float nz = static_cast<float>(std::min(z, 12.0));
  set(detail::kFdSize, nx);
  set(detail::kFdSpecNum, ny);
  set(detail::kFdF3Size, nz);
  const std::size_t keep =
      static_cast<std::size_t>(nx * ny * std::min<double>(nz, std::max(1.0, present_z)));
  out.insert(out.end(),
             file.begin() + detail::kPipeHeaderBytes,
             file.begin() + static_cast<std::ptrdiff_t>(detail::kPipeHeaderBytes + 4 * keep));
  return out;
}

inline void put_be32(Bytes& b, std::size_t offset, std::uint32_t v) {
  for (int k = 0; k < 4; ++k) b[offset + k] = static_cast<std::uint8_t>(v >> (24 - 8 * k));
}
inline void put_be_float(Bytes& b, std::size_t offset, float v) {
  std::uint32_t bits;
  std::memcpy(&bits, &v, 4);
  put_be32(b, offset, bits);
}

constexpr std::size_t kUcsfFileHeader = 180, kUcsfAxisHeader = 128;

// A Sparky UCSF file holding `planes` planes (3D, the series first with SF 1 MHz) or one
// (2D): big-endian, tiles of tile_pt points along every spectral axis.
inline Bytes simulated_ucsf(int nx, int ny, int planes, int tile_pt) {
  const int num_axes = planes > 1 ? 3 : 2;
  Bytes b(kUcsfFileHeader + kUcsfAxisHeader * num_axes, 0);
  std::memcpy(b.data(), "UCSF NMR", 8);
  b[10] = static_cast<std::uint8_t>(num_axes);
  b[11] = 1;
  b[13] = 2;
  struct AxisSpec {
    const char* nucleus;
    int size, tile;
    float sf, sw, centre;
  };
  std::vector<AxisSpec> axes;
  if (num_axes == 3) axes.push_back({"ID", planes, 1, 1.0f, 4.0f, 1.0f});
  axes.push_back({"15N", ny, tile_pt, 81.1f, 60.0f * ny, 118.5f});
  axes.push_back({"1H", nx, tile_pt, 800.0f, 3.1f * nx, 8.5f});
  for (int a = 0; a < num_axes; ++a) {
    const std::size_t o = kUcsfFileHeader + kUcsfAxisHeader * a;
    std::memcpy(b.data() + o, axes[a].nucleus, std::strlen(axes[a].nucleus));
    put_be32(b, o + 8, static_cast<std::uint32_t>(axes[a].size));
    put_be32(b, o + 16, static_cast<std::uint32_t>(axes[a].tile));
    put_be_float(b, o + 20, axes[a].sf);
    put_be_float(b, o + 24, axes[a].sw);
    put_be_float(b, o + 28, axes[a].centre);
  }
  // Tiled data: the simulated values where a point exists, 0 in the padding.
  const std::vector<float> values = simulated_planes(nx, ny, planes);
  const int ty = (ny + tile_pt - 1) / tile_pt, tx = (nx + tile_pt - 1) / tile_pt;
  for (int p = 0; p < planes; ++p)
    for (int a = 0; a < ty; ++a)
      for (int c = 0; c < tx; ++c)
        for (int j = 0; j < tile_pt; ++j)
          for (int i = 0; i < tile_pt; ++i) {
            const int y = a * tile_pt + j, x = c * tile_pt + i;
            const float v =
                (y < ny && x < nx) ? values[(static_cast<std::size_t>(p) * ny + y) * nx + x] : 0.0f;
            b.resize(b.size() + 4);
            put_be_float(b, b.size() - 4, v);
          }
  return b;
}

// test1.ucsf with every axis cut to at most 10 points in tiles of at most 4, and the data cut
// to the tiles that grid needs (real, finite values from the start of the file's data).
inline Bytes shrunk_ucsf(const Bytes& file) {
  if (file.size() < kUcsfFileHeader || std::memcmp(file.data(), "UCSF NMR", 8) != 0) return {};
  const int num_axes = file[10];
  const std::size_t data_offset = kUcsfFileHeader + kUcsfAxisHeader * num_axes;
  if (num_axes < 2 || num_axes > 3 || file.size() < data_offset) return {};
  Bytes out(file.begin(), file.begin() + static_cast<std::ptrdiff_t>(data_offset));
  std::size_t values = 1;
  for (int a = 0; a < num_axes; ++a) {
    const std::size_t o = kUcsfFileHeader + kUcsfAxisHeader * a;
    const int size = std::min(detail::load_i32_be(out.data() + o + 8), 10);
    const int tile = std::max(1, std::min(detail::load_i32_be(out.data() + o + 16), 4));
    put_be32(out, o + 8, static_cast<std::uint32_t>(size));
    put_be32(out, o + 16, static_cast<std::uint32_t>(tile));
    values *= static_cast<std::size_t>((size + tile - 1) / tile * tile);
  }
  if (file.size() < data_offset + 4 * values) return {};
  out.insert(out.end(),
             file.begin() + static_cast<std::ptrdiff_t>(data_offset),
             file.begin() + static_cast<std::ptrdiff_t>(data_offset + 4 * values));
  return out;
}

// Cuts that land on each rejection path: empty, inside the header, header only, one byte and
// one value short of the data.
inline void add_truncations(const std::string& name,
                            const Bytes& whole,
                            std::size_t header,
                            std::vector<Seed>* seeds) {
  for (std::size_t cut : {std::size_t{0}, std::size_t{12}, header - 1, header}) {
    if (cut < whole.size())
      seeds->push_back({name + "-first" + std::to_string(cut),
                        Bytes(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(cut))});
  }
  for (std::size_t short_by : {std::size_t{1}, std::size_t{4}})
    if (whole.size() > header + short_by)
      seeds->push_back({name + "-short" + std::to_string(short_by),
                        Bytes(whole.begin(), whole.end() - static_cast<std::ptrdiff_t>(short_by))});
}

inline std::vector<Seed> nmrpipe_seeds(const std::string& shared_dir) {
  std::vector<Seed> seeds;
  const std::pair<const char*, const char*> files[] = {
      {"test1", "data/proteinL_pseudo3d/test1.ft2"},
      {"test_tp", "data/proteinL_pseudo3d/test_tp.ft2"},
      {"test_tp2", "data/proteinL_pseudo3d/test_tp2.ft2"},
      {"plane001", "data/deep_850MHz_planes/plane001.ft2"}};
  for (const auto& [name, relative] : files) {
    const Bytes file = read_file_bytes(shared_dir + "/" + relative);
    const Bytes shrunk = shrunk_nmrpipe(file);
    if (shrunk.empty()) continue;
    seeds.push_back({std::string(name) + "-shrunk", shrunk});
    seeds.push_back({std::string(name) + "-shrunk-swapped", byte_swapped_nmrpipe(shrunk)});
    add_truncations(std::string(name) + "-shrunk", shrunk, detail::kPipeHeaderBytes, &seeds);
  }
  seeds.push_back({"simulated-2d", simulated_nmrpipe(16, 12, 1)});
  seeds.push_back({"simulated-3d", simulated_nmrpipe(10, 8, 3)});
  seeds.push_back({"simulated-3d-swapped", byte_swapped_nmrpipe(simulated_nmrpipe(10, 8, 3))});
  return seeds;
}

inline std::vector<Seed> ucsf_seeds(const std::string& shared_dir) {
  std::vector<Seed> seeds;
  const Bytes shrunk =
      shrunk_ucsf(read_file_bytes(shared_dir + "/data/proteinL_pseudo3d/test1.ucsf"));
  if (!shrunk.empty()) {
    seeds.push_back({"test1-shrunk", shrunk});
    add_truncations("test1-shrunk", shrunk, kUcsfFileHeader + 3 * kUcsfAxisHeader, &seeds);
  }
  seeds.push_back({"simulated-2d", simulated_ucsf(12, 10, 1, 4)});
  seeds.push_back({"simulated-3d", simulated_ucsf(9, 6, 3, 4)});
  seeds.push_back({"simulated-2d-untiled", simulated_ucsf(7, 5, 1, 1)});
  return seeds;
}

// ---- peak lists ---------------------------------------------------------------------------

// The first `lines` lines of `text`.
inline std::string first_lines(const std::string& text, int lines) {
  std::size_t end = 0;
  for (int k = 0; k < lines && end != std::string::npos; ++k) {
    end = text.find('\n', end);
    if (end != std::string::npos) ++end;
  }
  return end == std::string::npos ? text : text.substr(0, end);
}

// CRLF line ends and a UTF-8 byte order mark, as spreadsheet exports write them.
inline std::string windows_text(const std::string& text) {
  std::string out = "\xEF\xBB\xBF";
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// Shared lists (whole, cut to the header plus a few rows, and in Windows form) plus small
// hand-made lists for what the shared files do not show.
inline std::vector<Seed> peak_list_seeds(PeakListFormat format, const std::string& shared_dir) {
  std::vector<std::pair<std::string, std::string>> files;        // name, shared path
  std::vector<std::pair<std::string, std::string>> inline_text;  // name, content
  const std::string pl = shared_dir + "/data/proteinL_pseudo3d/";
  const bool all = format == PeakListFormat::kAuto;
  if (all || format == PeakListFormat::kCsv) {
    files.push_back(
        {"localmax", shared_dir + "/data/deep_850MHz_planes/localmax_plane001_derived.csv"});
    inline_text.push_back(
        {"lunanmr",
         "Assignment,Position_X,Position_Y,Height,Linewidth_X,Linewidth_Y,"
         "Window_X,Window_Y\nG12N-H,8.456,120.123,1.2e7,15.5,20.1,0.2,2.0\n"
         "\"A,13\",9.01,118.2,None,,,nan,\n# comment\nT14,7.5,110,-3,0,-1,0.1,1\n"});
    inline_text.push_back({"quoted-multiline",
                           "# lunaNMR\nPosition_Y,Position_X,Assignment,Linewidth\n"
                           "121.5,8.1,\"two\nlines \"\"q\"\"\",12\n"});
    // ppm columns named by nucleus or dimension, as everyday lists name them.
    inline_text.push_back({"res-hn-n", "res, hn_ppm, n_ppm\nG12,8.456,120.123\nA13,9.01,118.2\n"});
    inline_text.push_back({"nucleus-names",
                           "1H (ppm),15N (ppm),label,Height\n8.456,120.123,G12,1.2e7\n"
                           "9.01,118.2,,None\n"});
    inline_text.push_back({"dimension-names", "Assignment,w1,w2\nG12N-H,120.123,8.456\n"});
  }
  if (all || format == PeakListFormat::kNmrPipeTab) {
    files.push_back({"test", pl + "test.tab"});
    files.push_back({"nlin", pl + "nlin.tab"});
    files.push_back({"test_pipe", pl + "test_pipe.tab"});
    inline_text.push_back(
        {"points-only",
         "DATA X_AXIS 1H 1 546 10.498ppm 6.502ppm\nVARS INDEX X_AXIS Y_AXIS XW YW "
         "HEIGHT ASS\nFORMAT %5d %9.3f %9.3f %6.3f %6.3f %+e %s\nNULLVALUE -666\n"
         "NULLSTRING *\n\n 1 159.453 10.230 2.886 2.666 +2.5e+07 G12\n"
         " 2 17.02 13.935 -666 * -666 *\n"});
  }
  if (all || format == PeakListFormat::kSparky) {
    files.push_back({"peaks", pl + "peaks.sparky"});
    inline_text.push_back({"sparky-lt",
                           "      Assignment         w1         w2   Data Height\n\n"
                           "          G12N-H    120.123      8.456      1.2e+07\n"
                           "             ?-?    109.5        7.25       -3e5\n"});
    inline_text.push_back({"sparky-3d", "Assignment w1 w2 w3\nA 1 2 3\n"});
  }
  if (all || format == PeakListFormat::kCcpnA2) {
    files.push_back({"peaks", pl + "peaks.a2"});
    inline_text.push_back({"a2-nuclei",
                           "Number\t#\tPosition F2 (1H ppm)\tPosition F1 (15N ppm)\tAssign F1\t"
                           "Assign F2\tHeight\tLine Width F1 (Hz)\tLine Width F2 (Hz)\n"
                           "1\t1\t8.45\t120.1\t{1}N[2]\t{1}H[3]\t1e6\t20\t15\n"
                           "2\t2\t9.1\t118\t\tNone\tNone\t\t\n"});
  }
  if (all || format == PeakListFormat::kNef) {
    // After the NEF 1.1 example: comments, quotes, a text field, a 3D list that is skipped, a
    // 2D list whose dimension 1 is 15N, and a peak with two assignments (one peak_id).
    inline_text.push_back(
        {"nef-project",
         "# NEF\ndata_nef_p\nsave_nef_nmr_meta_data\n _nef_nmr_meta_data.sf_category "
         "nef_nmr_meta_data\n _nef_nmr_meta_data.format_version 1.1\n loop_\n"
         "  _nef_program_script.program_name _nef_program_script.script\n  CYANA\n;\nread "
         "seq\n# in text\n;\n stop_\nsave_\nsave_nef_nmr_spectrum_noesy\n"
         " _nef_nmr_spectrum.sf_category nef_nmr_spectrum\n _nef_nmr_spectrum.num_dimensions 3\n"
         " loop_ _nef_peak.index _nef_peak.position_1 _nef_peak.position_2 _nef_peak.position_3\n"
         "  1 3.2 119.5 8.3\n stop_\nsave_\nsave_nef_nmr_spectrum_hsqc\n"
         " _nef_nmr_spectrum.sf_category nef_nmr_spectrum\n _nef_nmr_spectrum.num_dimensions 2\n"
         " _nef_nmr_spectrum.experiment_type '15N HSQC'\n loop_\n"
         "  _nef_spectrum_dimension.dimension_id _nef_spectrum_dimension.axis_unit\n"
         "  _nef_spectrum_dimension.axis_code _nef_spectrum_dimension.is_acquisition\n"
         "  1 ppm 15N false\n  2 ppm 1H true\n stop_\n loop_\n  _nef_peak.index _nef_peak.peak_id "
         "_nef_peak.height _nef_peak.position_1 _nef_peak.position_2\n"
         "  _nef_peak.chain_code_1 _nef_peak.sequence_code_1 _nef_peak.residue_name_1 "
         "_nef_peak.atom_name_1\n  _nef_peak.chain_code_2 _nef_peak.sequence_code_2 "
         "_nef_peak.residue_name_2 _nef_peak.atom_name_2\n"
         "  1 1 3.5e7 120.123 8.456 A 12 GLY N A 12 GLY H\n"
         "  2 2 ? 118.2 9.01 A 13 ALA N A 13 ALA H\n  3 2 ? 118.2 9.01 A 14 TRP N A 14 TRP H\n"
         "  4 3 \"-3e5\" 110.0 7.5 . . . . . . . .\n stop_\nsave_\n"});
    // No dimension loop: the proton atom names decide x.
    inline_text.push_back(
        {"nef-minimal",
         "data_nef_m\nsave_nef_nmr_spectrum_a\n loop_\n  _nef_peak.position_1 "
         "_nef_peak.position_2 _nef_peak.atom_name_1 _nef_peak.atom_name_2\n"
         "  8.1 121.5 H N\n  7.9 110.25 H' 'N x'\n stop_\nsave_\n"});
    // As format_results_nef writes a fit: program columns, a label in a text field.
    inline_text.push_back(
        {"nef-voigtfit",
         "data_nef_voigtfit\nsave_nef_nmr_spectrum_voigtfit\n"
         " _nef_nmr_spectrum.sf_category nef_nmr_spectrum\n _nef_nmr_spectrum.num_dimensions 2\n"
         " loop_\n  _nef_spectrum_dimension.dimension_id _nef_spectrum_dimension.axis_unit\n"
         "  _nef_spectrum_dimension.axis_code\n  1 ppm 1H\n  2 ppm 15N\n stop_\n loop_\n"
         "  _nef_peak.index _nef_peak.peak_id _nef_peak.volume _nef_peak.height "
         "_nef_peak.position_1 _nef_peak.position_uncertainty_1 _nef_peak.position_2\n"
         "  _nef_peak.voigtfit_status _nef_peak.voigtfit_label\n"
         "  1 1 246.8 126.1 7.978 0.0005 123.348 ok 'res 14'\n"
         "  2 2 . . 8.1 . 117.5 failed\n;\ntwo\nlines\n;\n stop_\nsave_\n"});
  }
  std::vector<Seed> seeds;
  for (const auto& [name, path] : files) {
    const Bytes whole = read_file_bytes(path);
    if (whole.empty()) continue;
    const std::string text(whole.begin(), whole.end());
    seeds.push_back({name + "-whole", whole});
    seeds.push_back({name + "-head", to_bytes(first_lines(text, 4))});
    seeds.push_back({name + "-head12", to_bytes(first_lines(text, 12))});
    seeds.push_back({name + "-windows", to_bytes(windows_text(first_lines(text, 8)))});
  }
  for (const auto& [name, text] : inline_text) {
    seeds.push_back({name, to_bytes(text)});
    seeds.push_back({name + "-windows", to_bytes(windows_text(text))});
  }
  return seeds;
}

}  // namespace voigt::fuzz

#endif  // VOIGT_TESTS_FUZZ_SEED_INPUTS_H_
