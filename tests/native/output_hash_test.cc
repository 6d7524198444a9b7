// Pins the exact bytes of the result tables on the simulated 300-peak set, protein L (fit and
// series, with the joint fit too) and the DEEP planes (fit and a 3-plane series): a refactoring
// that moves code between files must not move a single digit.
//
// The digests change only when the numbers change on purpose (a new algorithm, a fixed bug, a
// different default). Then regenerate them: build, run
//   build/tests/voigt_tests --gtest_filter='OutputHash.*'
// each failing case prints the new digest ("Which is: ..."); paste it below in the same commit as
// the change that moved the numbers, and say in its message why they moved. The tables are the
// ones `voigtfit fit -o` and `voigtfit series -o` write, so `sha256sum` on those files agrees.
//
// Native only: the digests pin this build's floating point (x86-64, glibc's libm); WebAssembly's
// libm may round a last bit differently, which the parity tests allow and a digest cannot.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "support/sha256.h"
#include "support/shared_data.h"
#include "support/simulated_300.h"
#include "voigt/owned_spectrum.h"
#include "voigt/peak_list_io.h"
#include "voigt/result_io.h"
#include "voigt/series.h"
#include "voigt/series_io.h"
#include "voigt/simulate.h"
#include "voigt/spectrum_io.h"

namespace voigt {
namespace {

TEST(OutputHash, Sha256MatchesTheStandardsVectors) {
  // FIPS 180-4 examples (one block, two blocks) and the empty string.
  EXPECT_EQ(testing::sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(testing::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(testing::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

LoadedSpectrum load(const std::string& relative) {
  const std::vector<std::uint8_t> bytes = testing::read_bytes(testing::shared_path(relative));
  // read_spectrum may point into the bytes: keep a copy owned by the result.
  std::vector<float> buffer((bytes.size() + 3) / 4);
  std::memcpy(buffer.data(), bytes.data(), bytes.size());
  return read_spectrum_owning(std::move(buffer), bytes.size(), relative);
}

PeakList peaks_of(const std::string& relative, const SpectrumSeries& spectrum) {
  const std::string path = testing::shared_path(relative);
  return parse_peak_list(
      testing::read_text(path), path, PeakListFormat::kAuto, spectrum.x, spectrum.y);
}

std::string fit_csv(const Spectrum2D& plane, const PeakList& peaks) {
  auto executor = make_thread_pool_executor(2);
  return format_results_csv(fit_spectrum(plane, peaks, FitOptions{}, *executor).rows);
}

// Every table `voigtfit series -o PREFIX` writes, each one's digest keyed by its name.
void expect_series_tables(const SeriesResults& results,
                          const std::vector<std::string>& plane_names,
                          const std::vector<std::pair<std::string, std::string>>& expected) {
  ASSERT_EQ(expected.size(), series_table_names().size());
  for (std::size_t t = 0; t < expected.size(); ++t) {
    ASSERT_EQ(expected[t].first, series_table_names()[t]);
    EXPECT_EQ(testing::sha256_hex(format_series_table(results, expected[t].first, plane_names)),
              expected[t].second)
        << "table " << expected[t].first;
  }
}

TEST(OutputHash, Simulated300Fit) {
  auto executor = make_thread_pool_executor(2);
  EXPECT_EQ(testing::sha256_hex(format_results_csv(testing::fit300(*executor).rows)),
            "0027784d8cc2fc065c92bc34d069e96bff393243dfd2758f5f29065d461f62b6");
}

TEST(OutputHash, ProteinLFit) {
  const LoadedSpectrum s = load("data/proteinL_pseudo3d/test1.ft2");
  EXPECT_EQ(testing::sha256_hex(
                fit_csv(s.view.plane(0), peaks_of("data/proteinL_pseudo3d/test.tab", s.view))),
            "9a68e1602d66357e70a0cc00c1575a86d8b21ef5a1051c70575771d525a6d7f9");
}

SeriesResults protein_l_series(bool joint) {
  const LoadedSpectrum s = load("data/proteinL_pseudo3d/test1.ft2");
  const std::string vclist = testing::shared_path("data/proteinL_pseudo3d/vclist");
  SeriesOptions options;
  options.joint_fit = joint;
  auto executor = make_thread_pool_executor(2);
  return fit_series(s.view,
                    peaks_of("data/proteinL_pseudo3d/test.tab", s.view),
                    parse_delays(testing::read_text(vclist), vclist),
                    FitOptions{},
                    options,
                    *executor);
}

TEST(OutputHash, ProteinLSeries) {
  expect_series_tables(
      protein_l_series(false),
      {},
      {{"shapes", "31d9506c977ed318ffc4b9ae909568120f5e74aef53cda562df29404022abdb9"},
       {"planes", "45d99bf6984b7992ad4e0a61741493c22c5baebcce7ff14dd0dc9e85d55559b1"},
       {"planes_wide", "9ff853896d8e639e861fb46f60ae956d3d7bca27ba4c88902209b352f73d8b6e"},
       {"rates", "0a2debd64012fc48037232efa6ce6bf12527a8ceac50f0e59e4fa6668617b848"},
       {"intensities", "4b5b4a9381ddd3598083296406ff14902f5310d0955bc162f494c585a4494ce7"}});
}

TEST(OutputHash, ProteinLJointSeries) {
  expect_series_tables(
      protein_l_series(true),
      {},
      {{"shapes", "31d9506c977ed318ffc4b9ae909568120f5e74aef53cda562df29404022abdb9"},
       {"planes", "a9df987c19d8fe38958f2518b023f5ab8ed82c9857efd1d5700e7627e7f47c18"},
       {"planes_wide", "4618dd067fddd54a0d16c2467d91f8a8f631207bcc27d5830dbc975c1ba3597b"},
       {"rates", "5c0eaea196a8c1eb0c144a79405f8d249aa0f6e12874f728dd99cbec0d0ae9ad"},
       {"intensities", "83e1e670e13c732db84d73e9b0481cc4a18348700394d9c0117f48b1425f223e"}});
}

constexpr const char* kDeepPeaks = "data/deep_850MHz_planes/localmax_plane001_derived.csv";

TEST(OutputHash, DeepFit) {
  const LoadedSpectrum s = load("data/deep_850MHz_planes/plane001.ft2");
  EXPECT_EQ(testing::sha256_hex(fit_csv(s.view.plane(0), peaks_of(kDeepPeaks, s.view))),
            "af09f1335d1e47d266097314b7d7302d3e434e03cb8bbee02b99c53423fb2063");
}

TEST(OutputHash, DeepSeries) {
  const std::vector<std::string> names = {"plane001.ft2", "plane002.ft2", "plane003.ft2"};
  std::vector<LoadedSpectrum> planes;
  for (const std::string& name : names) planes.push_back(load("data/deep_850MHz_planes/" + name));
  const LoadedSpectrum series = stack_planes(std::move(planes), "deep planes");
  auto executor = make_thread_pool_executor(2);
  const SeriesResults results = fit_series(series.view,
                                           peaks_of(kDeepPeaks, series.view),
                                           parse_delays("10m\n30m\n60m\n", "vdlist"),
                                           FitOptions{},
                                           SeriesOptions{},
                                           *executor);
  expect_series_tables(
      results,
      names,
      {{"shapes", "625c71f987ab66ad54931a2146958c596cfcf3d70eb3f9b41df4eee0ff4e7581"},
       {"planes", "1a624468b0b7093c99541d60c5faae46f14f026a6233448b7ac2773807487fd7"},
       {"planes_wide", "fb56517d9e878aea20202661f38023323ff2aa72a6404010c26990349224f29d"},
       {"rates", "4abd3505a90df5597c73ba1e59ef6487b2c77fa9dff9211fe40f6bf42e9adcba"},
       {"intensities", "6746b420492efddebbf6b28e2e696245e9aa400d0ae830ccfcf6f2ab94510e94"}});
}

}  // namespace
}  // namespace voigt
