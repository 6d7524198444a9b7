// Which manifest rows one batch process runs: shard I of N takes rows I, I + N, I + 2N, ...
// (0-based), from --shard I/N or, inside a Slurm job array, from the array's variables.
#ifndef VOIGT_NATIVE_BATCH_SHARD_H_
#define VOIGT_NATIVE_BATCH_SHARD_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace voigt {

struct Shard {
  int index = 0;  // 0 <= index < count
  int count = 1;
};

// "I/N" with 0 <= I < N; UsageError naming --shard otherwise.
Shard parse_shard(const std::string& text);

// An environment lookup: the value of a variable, or nullptr when it is not set.
using Environment = std::function<const char*(const char*)>;

// The shard of this Slurm array task: index (SLURM_ARRAY_TASK_ID - MIN) / STEP, count
// SLURM_ARRAY_TASK_COUNT or else (MAX - MIN) / STEP + 1 (MIN 0 and STEP 1 when not set).
// nullopt outside an array (no SLURM_ARRAY_TASK_ID). std::invalid_argument naming the variable
// when the values are not whole numbers or do not make a shard.
std::optional<Shard> shard_from_environment(const Environment& env);

// The rows of `rows` that `shard` takes, in manifest order.
std::vector<std::size_t> shard_rows(std::size_t rows, Shard shard);

// Threads per job from SLURM_CPUS_PER_TASK: "" when not set, else the whole number > 0 (as text,
// the value of --threads); std::invalid_argument naming the variable otherwise.
std::string threads_from_environment(const Environment& env);

}  // namespace voigt

#endif  // VOIGT_NATIVE_BATCH_SHARD_H_
