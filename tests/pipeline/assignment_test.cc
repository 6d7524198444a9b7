// The sparse assignment against exhaustive search on small random problems.
#include "pipeline/assignment.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <vector>

#include "simulate/random.h"

namespace voigt::detail {
namespace {

constexpr double kUnmatched = 1.0;

double total_cost(const std::vector<int>& column_of_row,
                  const std::vector<std::vector<double>>& cost) {
  double total = 0;
  for (std::size_t r = 0; r < column_of_row.size(); ++r)
    total += column_of_row[r] < 0 ? kUnmatched : cost[r][column_of_row[r]];
  return total;
}

// Every partial one-to-one assignment over the allowed pairs: the least total cost.
double brute_force(const std::vector<std::vector<double>>& cost, int columns) {
  const int rows = static_cast<int>(cost.size());
  std::vector<char> used(columns, 0);
  std::function<double(int)> best = [&](int r) -> double {
    if (r == rows) return 0;
    double b = kUnmatched + best(r + 1);
    for (int c = 0; c < columns; ++c)
      if (!used[c] && std::isfinite(cost[r][c])) {
        used[c] = 1;
        b = std::min(b, cost[r][c] + best(r + 1));
        used[c] = 0;
      }
    return b;
  };
  return best(0);
}

// 2000 random problems of up to 7 rows and 7 columns, a third to two thirds of the pairs
// allowed, costs in [0, 1.3) (some worse than leaving the row unmatched).
TEST(Assignment, MatchesExhaustiveSearchOnSmallProblems) {
  Random rng(42);
  for (int trial = 0; trial < 2000; ++trial) {
    const int rows = 1 + static_cast<int>(rng.uniform() * 7);
    const int columns = static_cast<int>(rng.uniform() * 8);
    const double density = rng.uniform(0.3, 0.7);
    std::vector<std::vector<double>> cost(rows, std::vector<double>(columns, INFINITY));
    std::vector<AllowedPair> pairs;
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < columns; ++c)
        if (rng.uniform() < density) {
          cost[r][c] = rng.uniform(0, 1.3);
          pairs.push_back({r, c, cost[r][c]});
        }
    const std::vector<int> got = assign_rows(rows, columns, pairs, kUnmatched);
    std::vector<int> uses(columns, 0);
    for (int r = 0; r < rows; ++r) {
      if (got[r] < 0) continue;
      ASSERT_TRUE(std::isfinite(cost[r][got[r]])) << "trial " << trial << ": a forbidden pair";
      ASSERT_EQ(++uses[got[r]], 1) << "trial " << trial << ": a column used twice";
    }
    EXPECT_NEAR(total_cost(got, cost), brute_force(cost, columns), 1e-12) << "trial " << trial;
  }
}

TEST(Assignment, IndependentComponentsAreSolvedSeparately) {
  // Two chains, {0, 1} x {0, 1} and {2} x {2, 3}, plus a row with no pair.
  const std::vector<AllowedPair> pairs = {
      {0, 0, 0.1}, {1, 0, 0.05}, {1, 1, 0.5}, {2, 3, 0.2}, {2, 2, 0.3}};
  const std::vector<int> got = assign_rows(4, 4, pairs, 1.0);
  EXPECT_EQ(got, (std::vector<int>{0, 1, 3, -1}));
}

}  // namespace
}  // namespace voigt::detail
