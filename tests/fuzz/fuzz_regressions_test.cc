// The fuzz targets' checks (fuzz_checks.h) in the normal suite, without libFuzzer: every input a
// fuzzer ever crashed on (tests/fuzz/regressions/<target>/, one file each), every seed of the
// corpora (seed_inputs.h), and deterministic sweeps over the header of a small real file. Under
// the AddressSanitizer build (scripts/test.d/30-sanitizers.sh) these also catch memory errors.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "fuzz/fuzz_checks.h"
#include "fuzz/seed_inputs.h"

namespace voigt::fuzz {
namespace {

namespace fs = std::filesystem;
using Check = std::function<std::string(const std::uint8_t*, std::size_t)>;

std::string shared_dir() {
  const char* env = std::getenv("VOIGTFIT_SHARED");
  return (env && *env) ? env : VOIGTFIT_SHARED_DIR;
}

// The check of each fuzz target, by executable name (tests/fuzz/CMakeLists.txt).
const std::map<std::string, Check>& checks() {
  static const std::map<std::string, Check> by_target = [] {
    std::map<std::string, Check> m;
    m["nmrpipe_reader_fuzz"] = [](const std::uint8_t* d, std::size_t n) {
      return check_spectrum_input(SpectrumReader::kNmrPipe, d, n);
    };
    m["ucsf_reader_fuzz"] = [](const std::uint8_t* d, std::size_t n) {
      return check_spectrum_input(SpectrumReader::kUcsf, d, n);
    };
    const std::pair<const char*, PeakListFormat> lists[] = {
        {"peak_list_csv_fuzz", PeakListFormat::kCsv},
        {"peak_list_tab_fuzz", PeakListFormat::kNmrPipeTab},
        {"peak_list_sparky_fuzz", PeakListFormat::kSparky},
        {"peak_list_a2_fuzz", PeakListFormat::kCcpnA2},
      {"peak_list_nef_fuzz", PeakListFormat::kNef},
        {"peak_list_auto_fuzz", PeakListFormat::kAuto}};
    for (const auto& [target, format] : lists) {
      const PeakListFormat f = format;
      m[target] = [f](const std::uint8_t* d, std::size_t n) {
        return check_peak_list_input(f, d, n);
      };
    }
    return m;
  }();
  return by_target;
}

std::string run(const std::string& target, const Bytes& bytes) {
  return checks().at(target)(bytes.data(), bytes.size());
}

TEST(FuzzRegressions, EveryStoredCrashInputIsHandled) {
  const fs::path root = fs::path(__FILE__).parent_path() / "regressions";
  int replayed = 0;
  for (const auto& target_dir : fs::directory_iterator(root)) {
    if (!target_dir.is_directory()) continue;
    const std::string target = target_dir.path().filename().string();
    ASSERT_TRUE(checks().count(target)) << "no fuzz target named " << target;
    for (const auto& file : fs::directory_iterator(target_dir.path())) {
      EXPECT_EQ(run(target, read_file_bytes(file.path().string())), "") << file.path();
      ++replayed;
    }
  }
  EXPECT_GT(replayed, 0) << "no regression inputs under " << root;
}

// Seeds named without a -firstN / -shortN cut are whole, valid files: the readers must accept
// them, or the fuzzer would start from rejections only.
TEST(FuzzSeeds, WholeSpectrumSeedsLoadAndCutOnesAreRejectedCleanly) {
  for (const auto& [target, seeds] :
       {std::pair{std::string("nmrpipe_reader_fuzz"), nmrpipe_seeds(shared_dir())},
        std::pair{std::string("ucsf_reader_fuzz"), ucsf_seeds(shared_dir())}}) {
    ASSERT_GE(seeds.size(), 10u) << target;
    for (const Seed& seed : seeds) {
      EXPECT_EQ(run(target, seed.bytes), "") << target << " " << seed.name;
      const bool cut = seed.name.find("-first") != std::string::npos ||
                       seed.name.find("-short") != std::string::npos;
      const bool ucsf = target == "ucsf_reader_fuzz";
      bool loads = true;
      try {
        ucsf ? read_ucsf(seed.bytes.data(), seed.bytes.size(), "seed")
             : read_nmrpipe(seed.bytes.data(), seed.bytes.size(), "seed");
      } catch (const std::invalid_argument&) {
        loads = false;
      }
      EXPECT_EQ(loads, !cut) << target << " " << seed.name;
    }
  }
}

TEST(FuzzSeeds, EveryPeakListSeedIsHandledAndWholeListsParse) {
  for (const auto& [target, format] : {std::pair{"peak_list_csv_fuzz", PeakListFormat::kCsv},
                                       std::pair{"peak_list_tab_fuzz", PeakListFormat::kNmrPipeTab},
                                       std::pair{"peak_list_sparky_fuzz", PeakListFormat::kSparky},
                                       std::pair{"peak_list_a2_fuzz", PeakListFormat::kCcpnA2},
                                       std::pair{"peak_list_nef_fuzz", PeakListFormat::kNef},
                                       std::pair{"peak_list_auto_fuzz", PeakListFormat::kAuto}}) {
    const std::vector<Seed> seeds = peak_list_seeds(format, shared_dir());
    ASSERT_GE(seeds.size(), 6u) << target;
    for (const Seed& seed : seeds) {
      EXPECT_EQ(run(target, seed.bytes), "") << target << " " << seed.name;
      if (seed.name.find("-whole") == std::string::npos) continue;
      const std::string text(seed.bytes.begin(), seed.bytes.end());
      EXPECT_NO_THROW(parse_peak_list(text, "seed", format, Axis{}, Axis{}))
          << target << " " << seed.name;
    }
  }
}

// Every header float of a small real NMRPipe file (test1.ft2's header on a 12 x 10 x 4 grid),
// in turn, set to values that sit on the readers' decision boundaries: sizes, dimension codes,
// flags, NaN and infinities, in the file's own byte order.
TEST(FuzzSeeds, NmrPipeHeaderSweepIsHandled) {
  const Bytes base =
      shrunk_nmrpipe(read_file_bytes(shared_dir() + "/data/proteinL_pseudo3d/test1.ft2"));
  ASSERT_FALSE(base.empty());
  const float values[] = {0.0f,
                          1.0f,
                          2.0f,
                          3.0f,
                          4.0f,
                          5.0f,
                          -1.0f,
                          0.5f,
                          12.0f,
                          1e9f,
                          16777217.0f,
                          std::numeric_limits<float>::quiet_NaN(),
                          std::numeric_limits<float>::infinity()};
  for (int index = 0; index < detail::kPipeHeaderFloats; ++index) {
    for (float v : values) {
      Bytes b = base;
      detail::store_f32(b.data() + 4 * index, v, false);
      const std::string problem = run("nmrpipe_reader_fuzz", b);
      EXPECT_EQ(problem, "") << "header float " << index << " = " << v;
      if (!problem.empty()) return;  // one report, not thousands
    }
  }
}

// Every byte of a small real UCSF header (test1.ucsf's on 10 x 4 x 10 points in tiles of 4), in
// turn, set to values at the readers' boundaries (counts, the sign bit, all ones).
TEST(FuzzSeeds, UcsfHeaderSweepIsHandled) {
  const Bytes base =
      shrunk_ucsf(read_file_bytes(shared_dir() + "/data/proteinL_pseudo3d/test1.ucsf"));
  ASSERT_FALSE(base.empty());
  const std::size_t header = kUcsfFileHeader + 3 * kUcsfAxisHeader;
  for (std::size_t at = 0; at < header; ++at) {
    for (std::uint8_t v : {0x00, 0x01, 0x02, 0x03, 0x04, 0x7f, 0x80, 0xff}) {
      Bytes b = base;
      b[at] = v;
      const std::string problem = run("ucsf_reader_fuzz", b);
      EXPECT_EQ(problem, "") << "header byte " << at << " = " << int(v);
      if (!problem.empty()) return;
    }
  }
}

}  // namespace
}  // namespace voigt::fuzz
