// Sparse optimal assignment: connected components, then the Hungarian method per component.
// See assignment.h for the formulation and the reference.
#include "pipeline/assignment.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <numeric>
#include <queue>
#include <tuple>

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

struct Arc {
  int column = 0;
  double cost = 0;
};

// Shortest-augmenting-path assignment on sparse rows (Crouse's formulation of Jonker-Volgenant,
// IEEE TAES 52 (2016) 1679, as in SciPy's linear_sum_assignment, with the scan over all columns
// replaced by a heap over the arcs seen): each row in turn grows a Dijkstra tree over reduced
// costs c - u - v from itself until it reaches a free column, the duals u, v are updated on the
// tree and the path is flipped. The search touches only the columns it reaches, so a row costs
// O(k log k) for the k arcs of its tree, not O(columns). Every row must reach a free column
// (here: its private "unmatched" column). Returns the column of each row.
std::vector<int> augmenting_paths(const std::vector<std::vector<Arc>>& arcs, int columns) {
  const double kInf = std::numeric_limits<double>::infinity();
  const int n = static_cast<int>(arcs.size());
  std::vector<double> u(n, 0), v(columns, 0), dist(columns, kInf);
  std::vector<int> row_of(columns, -1), column_of(n, -1), path(columns, -1);
  std::vector<char> scanned(columns, 0);
  std::vector<int> tree_rows, tree_columns;
  // (distance, column taken, column): ties go to a free column, then the lower index.
  using Entry = std::tuple<double, int, int>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap;
  for (int start = 0; start < n; ++start) {
    tree_rows.clear(), tree_columns.clear();
    heap = {};
    int i = start, sink = -1;
    double reach = 0;  // distance of the last column scanned
    while (sink < 0) {
      tree_rows.push_back(i);
      for (const Arc& a : arcs[i]) {
        const int j = a.column;
        if (scanned[j]) continue;
        const double d = reach + a.cost - u[i] - v[j];
        if (d < dist[j]) {
          if (dist[j] == kInf) tree_columns.push_back(j);
          dist[j] = d, path[j] = i;
          heap.emplace(d, row_of[j] >= 0, j);
        }
      }
      int j = -1;
      while (j < 0) {  // skip entries superseded by a shorter distance
        const auto [d, taken, column] = heap.top();
        heap.pop();
        if (!scanned[column] && d == dist[column]) j = column, reach = d;
      }
      scanned[j] = 1;
      if (row_of[j] < 0) sink = j;
      else i = row_of[j];
    }
    // Duals: the tree's edges become tight, every other reduced cost stays >= 0.
    u[start] += reach;
    for (int r : tree_rows)
      if (r != start) u[r] += reach - dist[column_of[r]];
    for (int c : tree_columns)
      if (scanned[c]) v[c] -= reach - dist[c];
    for (int j = sink;;) {  // flip the path
      const int r = path[j];
      row_of[j] = r;
      std::swap(column_of[r], j);
      if (r == start) break;
    }
    for (int c : tree_columns) dist[c] = kInf, scanned[c] = 0;
  }
  return column_of;
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
    // Columns: the component's picks, then one private "unmatched" column per row.
    const int n = static_cast<int>(comp_rows.size()), m = static_cast<int>(comp_cols.size());
    std::vector<std::vector<Arc>> arcs(n);
    for (const AllowedPair* e : pairs_of[root])
      arcs[local[e->row]].push_back({local[rows + e->column], e->cost});
    for (int r = 0; r < n; ++r) arcs[r].push_back({m + r, unmatched_cost});
    const std::vector<int> column_of_row = augmenting_paths(arcs, m + n);
    for (int r = 0; r < n; ++r)
      if (column_of_row[r] < m) assigned[comp_rows[r]] = comp_cols[column_of_row[r]];
  }
  return assigned;
}

}  // namespace voigt::detail
