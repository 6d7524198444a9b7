// Optimal one-to-one assignment on a sparse cost graph, with a cost for leaving a row unmatched.
//
// Rows (listed peaks) and columns (picked peaks) are joined by the allowed pairs only. Each row
// is matched to one column of its pairs or left unmatched at `unmatched_cost`; each column takes
// at most one row; unmatched columns cost nothing. The total cost is minimal.
//
// Method: the pair graph is split into connected components (union-find), which are independent
// problems; each is solved exactly by shortest augmenting paths with dual potentials (the
// Jonker-Volgenant form of the Hungarian method, Computing 38 (1987) 325; Crouse, IEEE TAES 52
// (2016) 1679) over the component's picks plus one private "unmatched" column per row, searching
// only the arcs that exist: a component of thousands of peaks with a few pairs each costs about
// as many heap operations as it has pairs, never a dense n x m matrix.
#ifndef VOIGT_INTERNAL_PIPELINE_ASSIGNMENT_H_
#define VOIGT_INTERNAL_PIPELINE_ASSIGNMENT_H_

#include <vector>

namespace voigt::detail {

struct AllowedPair {
  int row = 0;
  int column = 0;
  double cost = 0;  // finite, >= 0
};

// The column assigned to each of `rows` rows, or -1. Pairs with cost >= unmatched_cost are never
// better than leaving the row unmatched and may be dropped. Deterministic for a given input
// order of `pairs`.
std::vector<int> assign_rows(int rows,
                             int columns,
                             const std::vector<AllowedPair>& pairs,
                             double unmatched_cost);

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_PIPELINE_ASSIGNMENT_H_
