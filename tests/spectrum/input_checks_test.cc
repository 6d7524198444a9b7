#include <gtest/gtest.h>

#include <stdexcept>

#include "voigt/input_checks.h"

namespace voigt {
namespace {

// The message of `f`'s std::invalid_argument, or "" when it does not throw one.
template <typename F>
std::string MessageOf(F f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

SpectrumSeries FourPlanes() {
  static const std::vector<float> data(4 * 6, 0.f);
  return SpectrumSeries{data.data(), Axis{3, 1, 1, 0, "x"}, Axis{2, 1, 1, 0, "y"}, 4, "ID"};
}

TEST(CheckPlaneIndex, PlanesInsideTheSeriesAreAccepted) {
  for (int k = 0; k < 4; ++k) EXPECT_NO_THROW(check_plane_index(FourPlanes(), k, "--plane"));
}

TEST(CheckPlaneIndex, PlanePastTheEndGivesTheCliMessage) {
  EXPECT_EQ(MessageOf([] { check_plane_index(FourPlanes(), 4, "--plane"); }),
            "--plane 4: the spectrum has 4 plane(s)");
  EXPECT_EQ(MessageOf([] { check_plane_index(FourPlanes(), -1, "plane_data"); }),
            "plane_data -1: the spectrum has 4 plane(s)");
}

TEST(CheckDelayCount, OneDelayPerPlaneIsAccepted) {
  EXPECT_NO_THROW(check_delay_count({2, 50, 100, 150}, FourPlanes(), "vclist"));
}

TEST(CheckDelayCount, WrongCountGivesTheCliMessage) {
  EXPECT_EQ(MessageOf([] { check_delay_count({2, 50, 100}, FourPlanes(), "vclist"); }),
            "vclist: 3 delays, but the series has 4 plane(s)");
}

}  // namespace
}  // namespace voigt
