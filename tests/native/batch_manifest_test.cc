// Campaign manifests (native/batch_manifest.h) and the commands their rows become
// (native/batch_job.h): what a row says, and every error naming its row and column.
#include "batch_manifest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "batch_job.h"

namespace voigt {
namespace {

Manifest Parse(const std::string& text) {
  return parse_manifest(text, "dir/m.csv", option_columns());
}

// The message parse_manifest throws for `text`.
std::string Error(const std::string& text) {
  try {
    Parse(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

TEST(BatchManifest, ReadsRowsWithTheirOptionalColumns) {
  const Manifest m = Parse(
      "name,spectrum,peaks,delays,plane,shape\n"
      "a,a.ft2,a.tab,,2,gauss\n"
      "r,p1.ft2; p2.ft2 ;p3.ft2,r.list,vclist,,\n");
  ASSERT_EQ(m.rows.size(), 2u);
  EXPECT_EQ(m.folder, "dir/");
  EXPECT_FALSE(m.titration);
  EXPECT_EQ(m.rows[0].line, 2);
  EXPECT_FALSE(m.rows[0].is_series());
  EXPECT_EQ(m.rows[0].plane, "2");
  ASSERT_EQ(m.rows[0].overrides.size(), 1u);
  EXPECT_EQ(m.rows[0].overrides[0].first, "shape");
  EXPECT_EQ(m.rows[0].overrides[0].second, "gauss");
  EXPECT_TRUE(m.rows[1].is_series());
  EXPECT_EQ(m.rows[1].spectra, (std::vector<std::string>{"p1.ft2", "p2.ft2", "p3.ft2"}));
  EXPECT_TRUE(m.rows[1].overrides.empty());
  EXPECT_EQ(manifest_path(m, "a.ft2"), "dir/a.ft2");
  EXPECT_EQ(manifest_path(m, "/abs/a.ft2"), "/abs/a.ft2");
}

TEST(BatchManifest, TitrationNeedsANumericConcentration) {
  const Manifest m = Parse("name,spectrum,peaks,group,concentration\na,a,p,g1,0\nb,b,p,g1,2.5\n");
  EXPECT_TRUE(m.titration);
  EXPECT_EQ(m.rows[1].concentration, "2.5");
  EXPECT_EQ(Error("name,spectrum,peaks,group,concentration\na,a,p,g1,lots\n"),
            "dir/m.csv:2: column 'concentration': 'lots' is not a number");
  // A row in no group (a series beside the titration) needs no concentration.
  EXPECT_EQ(Parse("name,spectrum,peaks,group,concentration\na,a,p,g1,0\nr,r,p,,\n").rows[1].group, "");
}

TEST(BatchManifest, ErrorsNameTheRowAndColumn) {
  EXPECT_EQ(Error("name,spectrum\na,a.ft2\n"), "dir/m.csv:1: column 'peaks': missing from the header");
  EXPECT_EQ(Error("name,spectrum,peaks\na,a.ft2,p\n\nb,b.ft2,\n"),
            "dir/m.csv:4: column 'peaks': is empty");
  EXPECT_EQ(Error("name,spectrum,peaks\na,a.ft2,p\na,b.ft2,p\n"),
            "dir/m.csv:3: column 'name': 'a' names an earlier row too");
  EXPECT_EQ(Error("name,spectrum,peaks\na.b,a.ft2,p\n"),
            "dir/m.csv:2: column 'name': 'a.b' may hold only letters, digits, '_' and '-' "
            "(it names files)");
  EXPECT_NE(Error("name,spectrum,peaks,colour\na,a.ft2,p,red\n")
                .find("dir/m.csv:1: column 'colour': unknown column"),
            std::string::npos);
  EXPECT_EQ(Error("name,spectrum,peaks,name\n"), "dir/m.csv:1: column 'name': appears twice in the header");
  EXPECT_EQ(Error("name,spectrum,peaks\na,a.ft2,p,extra\n"),
            "dir/m.csv:2: column '(beyond the header)': 4 fields, the header has 3");
  EXPECT_EQ(Error("name,spectrum,peaks\n"), "dir/m.csv: no jobs (only a header)");
  EXPECT_EQ(Error(""), "dir/m.csv: no header (name,spectrum,peaks)");
}

TEST(BatchManifest, UnreadableFileNamesRowAndColumn) {
  const Manifest m = parse_manifest("name,spectrum,peaks\na,/nonexistent/a.ft2,/dev/null\n",
                                    "m.csv", option_columns());
  try {
    check_manifest_files(m);
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()),
              "m.csv:2: column 'spectrum': cannot read /nonexistent/a.ft2: No such file or "
              "directory");
  }
}

// The row's command: outputs, the batch's options, the row's overrides over them.
TEST(BatchJob, RowOverridesWinOverTheBatchOptions) {
  const Manifest m = Parse(
      "name,spectrum,peaks,delays,shape,single-pass,joint\n"
      "a,a.ft2,a.tab,,gauss,yes,\n"
      "r,r.ft2,r.tab,d.txt,,no,1\n");
  Args batch;
  batch.flags = {{"--shape", "lorentz"}, {"--single-pass", ""}, {"--plane", "1"},
                 {"--mc", "5"}};
  const JobCommand a = job_command(m, m.rows[0], batch, "3", "out/a");
  EXPECT_EQ(a.command, "fit");
  EXPECT_EQ(a.words, (std::vector<std::string>{"dir/a.ft2", "dir/a.tab", "-o", "out/a.csv",
                                               "--plane", "1", "--shape", "gauss",
                                               "--single-pass", "--threads", "3"}));
  EXPECT_EQ(a.options,
            (std::vector<std::string>{"--plane", "1", "--shape", "gauss", "--single-pass"}));
  EXPECT_EQ(a.inputs_as_written, (std::vector<std::string>{"a.ft2", "a.tab"}));
  const JobCommand r = job_command(m, m.rows[1], batch, "", "out/r");
  EXPECT_EQ(r.command, "series");
  EXPECT_EQ(r.words, (std::vector<std::string>{"dir/r.ft2", "dir/r.tab", "--delays", "dir/d.txt",
                                               "-o", "out/r", "--joint", "--mc", "5",
                                               "--shape", "lorentz"}));
}

TEST(BatchJob, AnOptionTheRowsCommandRefusesNamesItsColumn) {
  auto error = [](const std::string& text) -> std::string {
    const Manifest m = Parse(text);
    try {
      job_command(m, m.rows[0], Args{}, "", "out/x");
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_EQ(error("name,spectrum,peaks,joint\na,a,p,yes\n"),
            "dir/m.csv:2: column 'joint': a 2D fit takes no --joint");
  EXPECT_EQ(error("name,spectrum,peaks,delays,plane\na,a,p,d,3\n"),
            "dir/m.csv:2: column 'plane': a series fits every plane");
  EXPECT_EQ(error("name,spectrum,peaks,shape\na,a,p,square\n").rfind("dir/m.csv:2: column 'shape': ", 0),
            0u);
  EXPECT_EQ(error("name,spectrum,peaks,window-x\na,a,p,wide\n"),
            "dir/m.csv:2: column 'window-x': --window-x 'wide' is not a number");
}

}  // namespace
}  // namespace voigt
