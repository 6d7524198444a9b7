// NEF peak lists: a project file as CcpNmr Analysis writes it (meta data, molecular system, a 3D
// NOESY list and a 2D HSQC list), read through parse_peak_list.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "voigt/peak_list_io.h"

namespace voigt {
namespace {

// Modelled on the NEF specification's Commented_Example_v1_1.nef: comments, quoted values, a
// text field, a 3D list before the 2D one, and a 2D list whose dimension 1 is 15N (so the
// column order must not decide x). Peak 2 has two assignments (two rows, one peak_id).
constexpr const char* kProject = R"(# written by hand after the NEF 1.1 example
data_nef_my_project

save_nef_nmr_meta_data
   _nef_nmr_meta_data.sf_category      nef_nmr_meta_data
   _nef_nmr_meta_data.sf_framecode     nef_nmr_meta_data
   _nef_nmr_meta_data.format_name      nmr_exchange_format
   _nef_nmr_meta_data.format_version   1.1
   _nef_nmr_meta_data.program_name     CcpNmr
   loop_
      _nef_program_script.program_name
      _nef_program_script.script
      CYANA
;
read seq protein.seq
# not a comment inside a text field
;
   stop_
save_

save_nef_molecular_system
   _nef_molecular_system.sf_category   nef_molecular_system
   _nef_molecular_system.sf_framecode  nef_molecular_system
   loop_
      _nef_sequence.index _nef_sequence.chain_code _nef_sequence.sequence_code
      _nef_sequence.residue_name
      1 A 12 GLY   2 A 13 ALA   3 A 14 TRP
   stop_
save_

save_nef_nmr_spectrum_noesy
   _nef_nmr_spectrum.sf_category      nef_nmr_spectrum
   _nef_nmr_spectrum.sf_framecode     nef_nmr_spectrum_noesy
   _nef_nmr_spectrum.num_dimensions   3
   loop_
      _nef_peak.index _nef_peak.peak_id _nef_peak.position_1 _nef_peak.position_2
      _nef_peak.position_3
      1 1 3.2 119.5 8.3
   stop_
save_

save_nef_nmr_spectrum_hsqc
   _nef_nmr_spectrum.sf_category                nef_nmr_spectrum
   _nef_nmr_spectrum.sf_framecode               nef_nmr_spectrum_hsqc
   _nef_nmr_spectrum.num_dimensions             2
   _nef_nmr_spectrum.chemical_shift_list        .
   _nef_nmr_spectrum.experiment_type            '15N HSQC'
   loop_
      _nef_spectrum_dimension.dimension_id
      _nef_spectrum_dimension.axis_unit
      _nef_spectrum_dimension.axis_code
      _nef_spectrum_dimension.spectrometer_frequency
      _nef_spectrum_dimension.is_acquisition
      1  ppm  15N  81.103   false
      2  ppm  1H   800.304  true
   stop_
   loop_
      _nef_peak.index
      _nef_peak.peak_id
      _nef_peak.volume
      _nef_peak.height
      _nef_peak.position_1
      _nef_peak.position_2
      _nef_peak.chain_code_1
      _nef_peak.sequence_code_1
      _nef_peak.residue_name_1
      _nef_peak.atom_name_1
      _nef_peak.chain_code_2
      _nef_peak.sequence_code_2
      _nef_peak.residue_name_2
      _nef_peak.atom_name_2
      1  1  2.2e8  3.5e7  120.123  8.456  A  12  GLY  N  A  12  GLY  H
      2  2  .      ?      118.2    9.01   A  13  ALA  N  A  13  ALA  H   # ambiguous:
      3  2  .      ?      118.2    9.01   A  14  TRP  N  A  14  TRP  H   # same peak_id
      4  3  1e6    "-3e5" 110.0    7.5    .  .   .    .  .  .   .    .
   stop_
save_
)";

// 1-based line of kProject where `needle` first appears.
int LineOf(const std::string& needle) {
  const std::string text = kProject;
  const std::size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

std::string At(const std::string& needle) { return "p.nef:" + std::to_string(LineOf(needle)); }

PeakList Parse(const std::string& text, PeakListFormat format = PeakListFormat::kAuto) {
  return parse_peak_list(text, "p.nef", format, Axis{}, Axis{});
}

std::string ErrorOf(const std::string& text) {
  try {
    Parse(text, PeakListFormat::kNef);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

// kProject with `from` replaced by `to` (once).
std::string With(const std::string& from, const std::string& to) {
  std::string text = kProject;
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(NefPeakList, ReadsTheFirst2DSpectrumWithXFromTheProtonAxis) {
  EXPECT_EQ(detect_peak_list_format(kProject, "p.nef"), PeakListFormat::kNef);
  const PeakList list = Parse(kProject);
  EXPECT_EQ(list.format, PeakListFormat::kNef);
  ASSERT_EQ(list.peaks.size(), 3u);
  const Peak& p = list.peaks[0];
  EXPECT_EQ(p.x_ppm, 8.456);  // position_2: dimension 2 is the 1H axis
  EXPECT_EQ(p.y_ppm, 120.123);
  EXPECT_EQ(p.height_hint, 3.5e7);
  EXPECT_EQ(p.assignment, "A.12.GLY.H;A.12.GLY.N");
  EXPECT_EQ(p.source_line, LineOf("1  1  2.2e8"));
  EXPECT_EQ(list.peaks[1].assignment, "A.13.ALA.H;A.13.ALA.N|A.14.TRP.H;A.14.TRP.N");
  EXPECT_TRUE(std::isnan(list.peaks[1].height_hint));  // '?' is unknown
  EXPECT_EQ(list.peaks[2].assignment, "");
  EXPECT_EQ(list.peaks[2].height_hint, -3e5);  // a quoted number is still a number
  EXPECT_EQ(list.peaks[2].source_line, LineOf("4  3  1e6"));
}

TEST(NefPeakList, AcquisitionDimensionDecidesWhenAxisCodesDoNot) {
  const PeakList list = Parse(With("1  ppm  15N  81.103", "1  ppm  H  81.103"));
  EXPECT_EQ(list.peaks[0].x_ppm, 8.456);
  EXPECT_EQ(list.peaks[0].y_ppm, 120.123);
}

TEST(NefPeakList, ProtonAtomDecidesWithoutADimensionLoop) {
  std::string text = kProject;
  const std::size_t from = text.find("   loop_\n      _nef_spectrum_dimension.dimension_id");
  const std::size_t to = text.find("stop_", from) + 6;
  text.erase(from, to - from);
  const PeakList list = Parse(text);
  EXPECT_EQ(list.peaks[0].x_ppm, 8.456);
}

TEST(NefPeakList, NameSelectsNefWhereverFormatsAreNamed) {
  EXPECT_EQ(peak_list_format_from_name("NEF"), PeakListFormat::kNef);
  EXPECT_STREQ(to_string(PeakListFormat::kNef), "nef");
  EXPECT_EQ(Parse(kProject, PeakListFormat::kNef).peaks.size(), 3u);
}

TEST(NefPeakList, ErrorsNameTheLine) {
  EXPECT_EQ(ErrorOf(With("'15N HSQC'", "'15N HSQC")), At("'15N HSQC'") + ": unterminated ' quoted value");
  EXPECT_EQ(ErrorOf(With("1e6    \"-3e5\" 110.0    7.5    .  .   .    .  .  .   .    .",
                         "1e6    \"-3e5\" 110.0    7.5    .  .   .    .  .  .   .")),
            At("4  3  1e6") + ": loop_ of line " + std::to_string(LineOf("_nef_peak.index\n") - 1) +
                " has 55 values for 14 tags; the row starting here has 13 of its 14 values");
  EXPECT_EQ(ErrorOf(With("      _nef_peak.position_1\n", "      _nef_peak.position_x\n")),
            "p.nef:" + std::to_string(LineOf("_nef_peak.index\n") - 1) +
                ": the _nef_peak loop has no position_1 column (save_nef_nmr_spectrum_hsqc)");
  EXPECT_EQ(ErrorOf(With("120.123  8.456", "120.123  .")),
            At("1  1  2.2e8") + ": _nef_peak.position_2 '.' is not a number");
  EXPECT_EQ(ErrorOf(With("1  ppm  15N", "1  Hz  15N")),
            At("1  ppm  15N") + ": dimension 1 axis_unit 'Hz': only ppm positions are read");
  EXPECT_EQ(ErrorOf(With("num_dimensions             2", "num_dimensions             4")),
            "p.nef: no 2D NEF peak list (save frame nef_nmr_spectrum_* with a _nef_peak loop); "
            "found nef_nmr_spectrum_noesy (line " + std::to_string(LineOf("save_nef_nmr_spectrum_noesy")) +
                ", 3D), nef_nmr_spectrum_hsqc (line " +
                std::to_string(LineOf("save_nef_nmr_spectrum_hsqc")) + ", 4D)");
}

TEST(NefPeakList, OtherFormatsAreNotTakenForNef) {
  EXPECT_EQ(detect_peak_list_format("Assignment w1 w2\nA 1 2\n", "p"), PeakListFormat::kSparky);
  // A STAR file without NEF tags (NMR-STAR) is not a NEF list.
  EXPECT_THROW(detect_peak_list_format("data_x\nsave_a\n_Entry.ID 1\nsave_\n", "p"),
               std::invalid_argument);
}

}  // namespace
}  // namespace voigt
