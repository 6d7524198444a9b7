// Chemical-shift perturbations (native/csp.h) against hand-computed values.
#include "csp.h"

#include <gtest/gtest.h>

#include <cmath>

namespace voigt {
namespace {

TEST(Csp, FromTheLowestConcentrationWithAlpha) {
  const std::vector<TitrationPoint> points = {
      {"high", 2.0, {{0, "A1", 8.10, 120.5, true}, {1, "A2", 7.0, 110.0, true}}},
      {"zero", 0.0, {{0, "A1", 8.00, 120.0, true}, {1, "A2", 7.0, 110.0, false}}},
  };
  const std::vector<CspRow> rows = chemical_shift_perturbations("g", points, 0.2);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].job, "zero");  // the reference first, all zero
  EXPECT_EQ(rows[0].csp_ppm, 0);
  EXPECT_EQ(rows[2].job, "high");
  EXPECT_NEAR(rows[2].dx_ppm, 0.1, 1e-12);
  EXPECT_NEAR(rows[2].dy_ppm, 0.5, 1e-12);
  EXPECT_NEAR(rows[2].csp_ppm, std::sqrt(0.01 + 0.2 * 0.2 * 0.25), 1e-12);
  EXPECT_EQ(rows[3].status, "not fitted");  // not fitted at the reference
  EXPECT_TRUE(std::isnan(rows[3].csp_ppm));
}

TEST(Csp, PeaksThatDoNotMatchAreSaidSo) {
  const std::vector<TitrationPoint> points = {
      {"ref", 0.0, {{0, "A1", 8.0, 120.0, true}}},
      {"b", 1.0, {{0, "B7", 8.0, 120.0, true}, {1, "A2", 8.0, 120.0, true}}},
  };
  const std::vector<CspRow> rows = chemical_shift_perturbations("g", points, 0.14);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].status, "assignment differs");
  EXPECT_EQ(rows[2].status, "not at the reference");
  EXPECT_EQ(format_csp_csv({rows[0]}),
            "group,concentration,job,index,assignment,dx_ppm,dy_ppm,csp_ppm,status\n"
            "g,0,ref,0,A1,0,0,0,ok\n");
}

}  // namespace
}  // namespace voigt
