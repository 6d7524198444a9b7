#include "pipeline/clustering.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <set>
#include <stdexcept>
#include <vector>

namespace voigt::detail {
namespace {

struct TruePeak {
  double x_pt, y_pt, height;
};

// A plane holding Gaussian peaks (sd 1.5 points in x, 1.2 in y, a typical HSQC line of FWHM
// ~3 points), optionally with unit-sd noise from a fixed-seed generator.
class Plane {
 public:
  Plane(int nx, int ny, const std::vector<TruePeak>& peaks, std::uint64_t noise_seed = 0)
      : data_(static_cast<std::size_t>(nx) * ny, 0.0f) {
    std::mt19937_64 rng(noise_seed);
    if (noise_seed != 0)
      for (float& v : data_) {
        // Box-Muller on our own uniforms: independent of the library's normal_distribution.
        const double u1 = 1.0 - static_cast<double>(rng() >> 11) * 0x1.0p-53;
        const double u2 = static_cast<double>(rng() >> 11) * 0x1.0p-53;
        v = static_cast<float>(std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2));
      }
    for (const TruePeak& p : peaks) {
      const int x0 = static_cast<int>(p.x_pt), y0 = static_cast<int>(p.y_pt);
      for (int y = std::max(0, y0 - 10); y <= std::min(ny - 1, y0 + 10); ++y)
        for (int x = std::max(0, x0 - 12); x <= std::min(nx - 1, x0 + 12); ++x) {
          const double dx = (x - p.x_pt) / 1.5, dy = (y - p.y_pt) / 1.2;
          data_[static_cast<std::size_t>(y) * nx + x] +=
              static_cast<float>(p.height * std::exp(-0.5 * (dx * dx + dy * dy)));
        }
    }
    view_.data = data_.data();
    view_.x.size_pt = nx;
    view_.y.size_pt = ny;
  }
  const Spectrum2D& view() const { return view_; }

 private:
  std::vector<float> data_;
  Spectrum2D view_;
};

std::vector<ClusterPeak> WithWindows(const std::vector<TruePeak>& truth, double hx, double hy) {
  std::vector<ClusterPeak> out;
  for (const TruePeak& p : truth) out.push_back({p.x_pt, p.y_pt, hx, hy});
  return out;
}

ClusteringOptions Level(double level) {
  ClusteringOptions o;
  o.connect_level = level;
  return o;
}

// Every index exactly once, members ascending, clusters ordered by their first member, sizes
// within the limit.
void ExpectWellFormedPartition(const std::vector<std::vector<int>>& clusters,
                               int num_peaks,
                               int max_size) {
  std::vector<int> seen(num_peaks, 0);
  int previous_first = -1;
  for (const std::vector<int>& c : clusters) {
    ASSERT_FALSE(c.empty());
    EXPECT_LE(static_cast<int>(c.size()), max_size);
    EXPECT_TRUE(std::is_sorted(c.begin(), c.end()));
    EXPECT_GT(c[0], previous_first);
    previous_first = c[0];
    for (int i : c) {
      ASSERT_GE(i, 0);
      ASSERT_LT(i, num_peaks);
      ++seen[i];
    }
  }
  for (int i = 0; i < num_peaks; ++i) EXPECT_EQ(seen[i], 1) << "peak " << i;
}

using Clusters = std::vector<std::vector<int>>;

TEST(ClusteringOptions, DefaultsAreValid) { EXPECT_EQ(ClusteringOptions().validate(), ""); }

TEST(ClusteringOptions, InvalidFieldsAreNamedAndRejected) {
  ClusteringOptions o;
  o.max_cluster_size = 0;
  EXPECT_EQ(o.validate(), "ClusteringOptions::max_cluster_size = 0; must be >= 1");
  o = ClusteringOptions();
  o.connect_level = -1;
  EXPECT_NE(o.validate().find("connect_level"), std::string::npos);
  o.connect_level = std::numeric_limits<double>::quiet_NaN();
  EXPECT_NE(o.validate().find("connect_level"), std::string::npos);
  o = ClusteringOptions();
  o.seed_radius_pt = -1;
  EXPECT_NE(o.validate().find("seed_radius_pt"), std::string::npos);
  const Plane plane(20, 20, {});
  EXPECT_THROW(cluster_peaks(plane.view(), {}, o), std::invalid_argument);
}

TEST(ClusterPeaks, NegativeHalfWindowIsRejected) {
  const Plane plane(20, 20, {});
  EXPECT_THROW(cluster_peaks(plane.view(), {{5, 5, -1, 2}}, ClusteringOptions()),
               std::invalid_argument);
}

TEST(ClusterPeaks, TwoCloseOverlappingPeaksJoin) {
  const std::vector<TruePeak> truth = {{50, 40, 100}, {54, 41, 80}};
  const Plane plane(120, 80, truth, 1);
  EXPECT_EQ(cluster_peaks(plane.view(), WithWindows(truth, 5, 4), Level(5)), (Clusters{{0, 1}}));
}

TEST(ClusterPeaks, FarApartPeaksStaySeparate) {
  const std::vector<TruePeak> truth = {{20, 20, 100}, {80, 60, 100}};
  const Plane plane(120, 80, truth, 1);
  EXPECT_EQ(cluster_peaks(plane.view(), WithWindows(truth, 5, 4), Level(5)),
            (Clusters{{0}, {1}}));
}

TEST(ClusterPeaks, OverlappingWindowsWithSignalGapStaySeparate) {
  // 10 points apart, windows of +-8 overlap; midway the two lines sum to 2 * 100 *
  // exp(-0.5 * (5 / 1.5)^2) = 0.8, well below the level of 5 noise sd.
  const std::vector<TruePeak> truth = {{50, 40, 100}, {60, 40, 100}};
  const Plane plane(120, 80, truth, 1);
  const std::vector<ClusterPeak> peaks = WithWindows(truth, 8, 4);
  EXPECT_EQ(cluster_peaks(plane.view(), peaks, Level(5)), (Clusters{{0}, {1}}));
  // Level 0 switches the signal test off: window overlap alone joins them.
  EXPECT_EQ(cluster_peaks(plane.view(), peaks, Level(0)), (Clusters{{0, 1}}));
}

TEST(ClusterPeaks, NegativePeaksJoinOnMagnitude) {
  const std::vector<TruePeak> truth = {{50, 40, -100}, {53, 40, -90}, {90, 40, 100}};
  const Plane plane(120, 80, truth, 2);
  EXPECT_EQ(cluster_peaks(plane.view(), WithWindows(truth, 5, 4), Level(5)),
            (Clusters{{0, 1}, {2}}));
}

TEST(ClusterPeaks, SignalPathMayLeaveTheStraightLine) {
  // Two peaks joined by an L-shaped ridge of signal: the straight segment between them crosses
  // empty plane, the flood fill goes round the corner (all within the union of the windows).
  // Midway on the straight segment, (45, 35), the ridge contributes < 0.2, below the level.
  std::vector<TruePeak> ridge;
  for (int k = 0; k <= 10; ++k) ridge.push_back({40.0 + k, 30, 50});
  for (int k = 1; k <= 10; ++k) ridge.push_back({50, 30.0 + k, 50});
  const Plane plane(100, 80, ridge, 3);
  const std::vector<ClusterPeak> peaks = {{40, 30, 12, 12}, {50, 40, 12, 12}};
  EXPECT_EQ(cluster_peaks(plane.view(), peaks, Level(5)), (Clusters{{0, 1}}));
}

TEST(ClusterPeaks, SignalMeetingOnlyOutsideBothWindowsDoesNotLink) {
  // A U-shaped ridge joins the two peaks far above both windows: they lie in one component of
  // the whole plane (which the clustering labels first to find candidate pairs), but no path
  // inside the union of their windows stays above the level, so they must stay apart.
  std::vector<TruePeak> ridge;
  for (int k = 0; k <= 50; ++k) ridge.push_back({50, 30.0 + k, 50});   // up from A
  for (int k = 1; k <= 12; ++k) ridge.push_back({50.0 + k, 80, 50});   // across, outside
  for (int k = 0; k < 50; ++k) ridge.push_back({62, 80.0 - k, 50});    // down to B
  const Plane plane(120, 100, ridge, 7);
  const std::vector<ClusterPeak> peaks = {{50, 30, 8, 4}, {62, 30, 8, 4}};
  EXPECT_EQ(cluster_peaks(plane.view(), peaks, Level(5)), (Clusters{{0}, {1}}));
  // Windows tall enough to hold the ridge: now the path lies inside them.
  const std::vector<ClusterPeak> tall = {{50, 30, 8, 55}, {62, 30, 8, 55}};
  EXPECT_EQ(cluster_peaks(plane.view(), tall, Level(5)), (Clusters{{0, 1}}));
}

TEST(ClusterPeaks, PeaksOutsideTheGridAreSingletons) {
  const std::vector<TruePeak> truth = {{10, 10, 100}, {12, 10, 100}};
  const Plane plane(40, 30, truth);
  std::vector<ClusterPeak> peaks = WithWindows(truth, 5, 4);
  peaks.push_back({-1, 10, 5, 4});                                        // left of the grid
  peaks.push_back({11, 30, 5, 4});                                        // one past the top row
  peaks.push_back({std::numeric_limits<double>::quiet_NaN(), 10, 5, 4});  // not a position
  peaks.push_back({11, 10, std::numeric_limits<double>::infinity(), 4});  // not a window
  EXPECT_EQ(cluster_peaks(plane.view(), peaks, Level(5)),
            (Clusters{{0, 1}, {2}, {3}, {4}, {5}}));
}

TEST(ClusterPeaks, ChainLongerThanMaxSizeIsSplitIntoBalancedPieces) {
  // 30 peaks 3 points apart along x: neighbours touch (midway 2 * 100 * exp(-0.5) = 121 > 5), so
  // they form one chain, which must be cut into ceil(30 / 12) = 3 pieces of 10 consecutive peaks.
  std::vector<TruePeak> truth;
  for (int k = 0; k < 30; ++k) truth.push_back({10.0 + 3 * k, 30, 100});
  const Plane plane(120, 60, truth, 4);
  const Clusters clusters = cluster_peaks(plane.view(), WithWindows(truth, 5, 4), Level(5));
  ExpectWellFormedPartition(clusters, 30, 12);
  ASSERT_EQ(clusters.size(), 3u);
  for (std::size_t c = 0; c < 3; ++c) {
    ASSERT_EQ(clusters[c].size(), 10u);
    for (int k = 0; k < 10; ++k) EXPECT_EQ(clusters[c][k], static_cast<int>(10 * c) + k);
  }
  // Without the limit the chain is one cluster.
  ClusteringOptions unlimited = Level(5);
  unlimited.max_cluster_size = 1000;
  EXPECT_EQ(cluster_peaks(plane.view(), WithWindows(truth, 5, 4), unlimited).size(), 1u);
}

std::vector<TruePeak> RandomPeaks(int count, int nx, int ny, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto uniform = [&] { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };
  std::vector<TruePeak> truth;
  for (int k = 0; k < count; ++k)
    truth.push_back({uniform() * (nx - 1), uniform() * (ny - 1), 20 + 200 * uniform()});
  return truth;
}

TEST(ClusterPeaks, ThreeThousandRandomPeaksArePartitioned) {
  const int nx = 1024, ny = 512;
  const std::vector<TruePeak> truth = RandomPeaks(3000, nx, ny, 17);
  const Plane plane(nx, ny, truth, 5);
  const Clusters clusters = cluster_peaks(plane.view(), WithWindows(truth, 5, 4), Level(5));
  ExpectWellFormedPartition(clusters, 3000, 12);
  // Dense enough that some clusters form, sparse enough that most peaks do not all merge.
  EXPECT_LT(clusters.size(), 3000u);
  EXPECT_GT(clusters.size(), 300u);
}

TEST(ClusterPeaks, PartitionDoesNotDependOnInputOrder) {
  const int nx = 400, ny = 200;
  const std::vector<TruePeak> truth = RandomPeaks(600, nx, ny, 23);
  const Plane plane(nx, ny, truth, 6);
  const std::vector<ClusterPeak> peaks = WithWindows(truth, 5, 4);
  const Clusters forward = cluster_peaks(plane.view(), peaks, Level(5));

  // Reverse the list: index i becomes n - 1 - i. Map the clusters back and compare as sets.
  const int n = static_cast<int>(peaks.size());
  const std::vector<ClusterPeak> reversed(peaks.rbegin(), peaks.rend());
  std::set<std::set<int>> a, b;
  for (const auto& c : forward) a.insert(std::set<int>(c.begin(), c.end()));
  for (const auto& c : cluster_peaks(plane.view(), reversed, Level(5))) {
    std::set<int> mapped;
    for (int i : c) mapped.insert(n - 1 - i);
    b.insert(mapped);
  }
  EXPECT_EQ(a, b);
  EXPECT_EQ(cluster_peaks(plane.view(), peaks, Level(5)), forward);  // and repeatable
}

}  // namespace
}  // namespace voigt::detail
