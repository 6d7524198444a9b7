#include "batch_shard.h"

#include <cstdlib>
#include <stdexcept>

#include "command_args.h"

namespace voigt {
namespace {

// A whole number in `text`, or nullopt.
std::optional<long> whole(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (*end) return std::nullopt;
  return value;
}

// The variable's whole value; `fallback` when it is not set.
long variable(const Environment& env, const char* name, long fallback) {
  const char* text = env(name);
  if (!text) return fallback;
  const std::optional<long> value = whole(text);
  if (!value)
    throw std::invalid_argument(std::string(name) + " '" + text + "' is not a whole number");
  return *value;
}

}  // namespace

Shard parse_shard(const std::string& text) {
  const std::size_t slash = text.find('/');
  const std::optional<long> index = whole(text.substr(0, slash));
  const std::optional<long> count =
      slash == std::string::npos ? std::nullopt : whole(text.substr(slash + 1));
  if (!index || !count || *count < 1 || *index < 0 || *index >= *count)
    throw UsageError("--shard '" + text + "' must be I/N with 0 <= I < N (e.g. 0/4)");
  return {static_cast<int>(*index), static_cast<int>(*count)};
}

std::optional<Shard> shard_from_environment(const Environment& env) {
  if (!env("SLURM_ARRAY_TASK_ID")) return std::nullopt;
  const long id = variable(env, "SLURM_ARRAY_TASK_ID", 0);
  const long min = variable(env, "SLURM_ARRAY_TASK_MIN", 0);
  const long step = variable(env, "SLURM_ARRAY_TASK_STEP", 1);
  if (step < 1) throw std::invalid_argument("SLURM_ARRAY_TASK_STEP must be >= 1");
  long count = variable(env, "SLURM_ARRAY_TASK_COUNT", -1);
  if (count < 0) {
    if (!env("SLURM_ARRAY_TASK_MAX"))
      throw std::invalid_argument(
          "SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor "
          "SLURM_ARRAY_TASK_MAX: pass --shard I/N");
    count = (variable(env, "SLURM_ARRAY_TASK_MAX", 0) - min) / step + 1;
  }
  const long index = (id - min) / step;
  if (id < min || (id - min) % step != 0 || index >= count)
    throw std::invalid_argument("SLURM_ARRAY_TASK_ID " + std::to_string(id) +
                                " is not a task of the array (min " + std::to_string(min) +
                                ", step " + std::to_string(step) + ", count " +
                                std::to_string(count) + ")");
  return Shard{static_cast<int>(index), static_cast<int>(count)};
}

std::vector<std::size_t> shard_rows(std::size_t rows, Shard shard) {
  std::vector<std::size_t> taken;
  for (std::size_t r = static_cast<std::size_t>(shard.index); r < rows;
       r += static_cast<std::size_t>(shard.count))
    taken.push_back(r);
  return taken;
}

std::string threads_from_environment(const Environment& env) {
  const char* text = env("SLURM_CPUS_PER_TASK");
  if (!text) return "";
  const std::optional<long> cpus = whole(text);
  if (!cpus || *cpus < 1)
    throw std::invalid_argument(std::string("SLURM_CPUS_PER_TASK '") + text +
                                "' is not a whole number > 0");
  return std::to_string(*cpus);
}

}  // namespace voigt
