// Deterministic random numbers for simulation: SplitMix64 (S. Vigna) with Box-Muller normals, so
// that a seed gives the same numbers natively and in WebAssembly (std:: distributions differ
// between standard libraries).
#ifndef VOIGT_INTERNAL_SIMULATE_RANDOM_H_
#define VOIGT_INTERNAL_SIMULATE_RANDOM_H_

#include <cmath>
#include <cstdint>

namespace voigt::detail {

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  // The next 64 bits. Its output mixer also derives independent seeds from (seed, stream).
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return (next() >> 11) * 0x1.0p-53; }  // in [0, 1), 53 random bits
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Box-Muller, cosine branch; 1 - u1 is in (0, 1], so the logarithm is finite.
  double normal() {
    const double u1 = uniform(), u2 = uniform();
    return std::sqrt(-2 * std::log(1 - u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  std::uint64_t state_;
};

}  // namespace voigt::detail

#endif  // VOIGT_INTERNAL_SIMULATE_RANDOM_H_
