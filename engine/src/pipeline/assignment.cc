// Sparse optimal assignment: connected components, then the Hungarian method per component.
// See assignment.h for the formulation and the reference.
#include "pipeline/assignment.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace voigt::detail {
namespace {

// Union-find over rows (0 .. rows-1) and columns (rows .. rows+columns-1).
class Components {
 public:
  explicit Components(int n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  int find(int a) {
    while (parent_[a] != a) a = parent_[a] = parent_[parent_[a]];
    return a;
  }
  // The smaller root wins, so the partition's representatives do not depend on pair order.
  void join(int a, int b) {
    a = find(a), b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<int> parent_;
};

// Hungarian method on a dense n x m cost matrix (row-major, n <= m, every row has a finite
// entry): the column of each row. Potentials u, v keep reduced costs a - u - v >= 0; each row is
// added by a Dijkstra-like search for the cheapest augmenting path (minv = tentative distances).
std::vector<int> hungarian(const std::vector<double>& a, int n, int m) {
  const double kInf = std::numeric_limits<double>::infinity();
  std::vector<double> u(n + 1, 0), v(m + 1, 0), minv(m + 1);
  std::vector<int> p(m + 1, 0), way(m + 1, 0);  // p[j]: row (1-based) on column j; 0 = free
  std::vector<char> used(m + 1);
  for (int i = 1; i <= n; ++i) {
    p[0] = i;
    int j0 = 0;
    std::fill(minv.begin(), minv.end(), kInf);
    std::fill(used.begin(), used.end(), 0);
    do {
      used[j0] = 1;
      const int i0 = p[j0];
      double delta = kInf;
      int j1 = 0;
      for (int j = 1; j <= m; ++j) {
        if (used[j]) continue;
        const double reduced = a[(i0 - 1) * static_cast<std::size_t>(m) + (j - 1)] - u[i0] - v[j];
        if (reduced < minv[j]) minv[j] = reduced, way[j] = j0;
        if (minv[j] < delta) delta = minv[j], j1 = j;
      }
      for (int j = 0; j <= m; ++j) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {  // flip the augmenting path
      const int j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  std::vector<int> column_of_row(n, -1);
  for (int j = 1; j <= m; ++j)
    if (p[j] != 0) column_of_row[p[j] - 1] = j - 1;
  return column_of_row;
}

}  // namespace

std::vector<int> assign_rows(int rows,
                             int columns,
                             const std::vector<AllowedPair>& pairs,
                             double unmatched_cost) {
  std::vector<int> assigned(rows, -1);
  Components components(rows + columns);
  std::vector<const AllowedPair*> useful;
  for (const AllowedPair& e : pairs)
    if (e.cost < unmatched_cost) {
      useful.push_back(&e);
      components.join(e.row, rows + e.column);
    }
  // Members of each component in index order; isolated rows stay unmatched.
  std::vector<std::vector<int>> members(rows + columns);
  for (int k = 0; k < rows + columns; ++k) members[components.find(k)].push_back(k);
  std::vector<std::vector<const AllowedPair*>> pairs_of(rows + columns);
  for (const AllowedPair* e : useful) pairs_of[components.find(e->row)].push_back(e);

  std::vector<int> local(rows + columns, -1);  // node -> index within its component's rows/cols
  std::vector<double> cost;
  for (int root = 0; root < rows + columns; ++root) {
    if (pairs_of[root].empty()) continue;
    std::vector<int> comp_rows, comp_cols;
    for (int k : members[root]) {
      if (k < rows) {
        local[k] = static_cast<int>(comp_rows.size()), comp_rows.push_back(k);
      } else {
        local[k] = static_cast<int>(comp_cols.size()), comp_cols.push_back(k - rows);
      }
    }
    const int n = static_cast<int>(comp_rows.size()), m = static_cast<int>(comp_cols.size()) + n;
    // Forbidden entries cost more than leaving every row of the component unmatched.
    const double forbidden = 2 * unmatched_cost * (n + 1) + 1;
    cost.assign(static_cast<std::size_t>(n) * m, forbidden);
    for (const AllowedPair* e : pairs_of[root])
      cost[local[e->row] * static_cast<std::size_t>(m) + local[rows + e->column]] = e->cost;
    const int first_dummy = m - n;
    for (int r = 0; r < n; ++r) cost[r * static_cast<std::size_t>(m) + first_dummy + r] = unmatched_cost;
    const std::vector<int> column_of_row = hungarian(cost, n, m);
    for (int r = 0; r < n; ++r)
      if (column_of_row[r] >= 0 && column_of_row[r] < first_dummy)
        assigned[comp_rows[r]] = comp_cols[column_of_row[r]];
  }
  return assigned;
}

}  // namespace voigt::detail
