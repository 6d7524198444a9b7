// Writes the seed corpus of every fuzz target: make_fuzz_corpora SHARED_DIR OUT_DIR creates
// OUT_DIR/<target>/<seed> for each target (tests/fuzz/seed_inputs.h says what the seeds are).
// Run by scripts/test.d/40-fuzz.sh before fuzzing, so no seed is stored in the repository.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fuzz/seed_inputs.h"

namespace {

namespace fs = std::filesystem;
using voigt::PeakListFormat;
using voigt::fuzz::Seed;

int write_corpus(const fs::path& dir, const std::vector<Seed>& seeds) {
  fs::create_directories(dir);
  for (const Seed& s : seeds) {
    std::ofstream out(dir / s.name, std::ios::binary);
    out.write(reinterpret_cast<const char*>(s.bytes.data()),
              static_cast<std::streamsize>(s.bytes.size()));
    if (!out) {
      std::fprintf(stderr, "make_fuzz_corpora: cannot write %s\n", (dir / s.name).c_str());
      return 1;
    }
  }
  std::printf("%-24s %3zu seeds\n", dir.filename().c_str(), seeds.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: make_fuzz_corpora SHARED_DIR OUT_DIR\n");
    return 2;
  }
  const std::string shared = argv[1];
  const fs::path out = argv[2];
  const std::vector<Seed> pipe = voigt::fuzz::nmrpipe_seeds(shared);
  const std::vector<Seed> ucsf = voigt::fuzz::ucsf_seeds(shared);
  if (pipe.size() < 10 || ucsf.size() < 5) {
    std::fprintf(stderr, "make_fuzz_corpora: shared data missing under %s\n", shared.c_str());
    return 1;
  }
  int rc = write_corpus(out / "nmrpipe_reader_fuzz", pipe);
  rc |= write_corpus(out / "ucsf_reader_fuzz", ucsf);
  const std::pair<const char*, PeakListFormat> lists[] = {
      {"peak_list_csv_fuzz", PeakListFormat::kCsv},
      {"peak_list_tab_fuzz", PeakListFormat::kNmrPipeTab},
      {"peak_list_sparky_fuzz", PeakListFormat::kSparky},
      {"peak_list_a2_fuzz", PeakListFormat::kCcpnA2},
      {"peak_list_nef_fuzz", PeakListFormat::kNef},
      {"peak_list_auto_fuzz", PeakListFormat::kAuto}};
  for (const auto& [target, format] : lists)
    rc |= write_corpus(out / target, voigt::fuzz::peak_list_seeds(format, shared));
  return rc;
}
