// Shards of a campaign (native/batch_shard.h): --shard I/N and Slurm's array variables.
#include "batch_shard.h"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>

#include "command_args.h"

namespace voigt {
namespace {

Environment Env(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const char* name) -> const char* {
    const auto it = values.find(name);
    return it == values.end() ? nullptr : it->second.c_str();
  };
}

TEST(BatchShard, TakesEveryNthRowFromI) {
  EXPECT_EQ(shard_rows(7, {1, 3}), (std::vector<std::size_t>{1, 4}));
  EXPECT_EQ(shard_rows(7, {0, 1}), (std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6}));
  EXPECT_TRUE(shard_rows(2, {2, 3}).empty());
  // The shards of N together take every row exactly once.
  std::vector<int> taken(23, 0);
  for (int i = 0; i < 5; ++i)
    for (std::size_t r : shard_rows(taken.size(), {i, 5})) ++taken[r];
  EXPECT_EQ(taken, std::vector<int>(23, 1));
}

TEST(BatchShard, ParsesIOverN) {
  const Shard s = parse_shard("2/5");
  EXPECT_EQ(s.index, 2);
  EXPECT_EQ(s.count, 5);
  for (const char* bad : {"5/5", "-1/3", "1", "a/2", "1/0", "1/2x", ""})
    EXPECT_THROW(parse_shard(bad), UsageError) << bad;
}

TEST(BatchShard, FromSlurmArrayVariables) {
  EXPECT_FALSE(shard_from_environment(Env({})).has_value());
  const auto count = shard_from_environment(
      Env({{"SLURM_ARRAY_TASK_ID", "2"}, {"SLURM_ARRAY_TASK_COUNT", "3"}}));
  ASSERT_TRUE(count.has_value());
  EXPECT_EQ(count->index, 2);
  EXPECT_EQ(count->count, 3);
  // An array 1-7:2 (tasks 1, 3, 5, 7): task 5 is shard 2 of 4.
  const auto stepped = shard_from_environment(Env({{"SLURM_ARRAY_TASK_ID", "5"},
                                                   {"SLURM_ARRAY_TASK_MIN", "1"},
                                                   {"SLURM_ARRAY_TASK_MAX", "7"},
                                                   {"SLURM_ARRAY_TASK_STEP", "2"}}));
  ASSERT_TRUE(stepped.has_value());
  EXPECT_EQ(stepped->index, 2);
  EXPECT_EQ(stepped->count, 4);
  EXPECT_THROW(shard_from_environment(Env({{"SLURM_ARRAY_TASK_ID", "1"}})), std::invalid_argument);
  EXPECT_THROW(shard_from_environment(Env({{"SLURM_ARRAY_TASK_ID", "x"},
                                           {"SLURM_ARRAY_TASK_COUNT", "3"}})),
               std::invalid_argument);
  EXPECT_THROW(shard_from_environment(Env({{"SLURM_ARRAY_TASK_ID", "3"},
                                           {"SLURM_ARRAY_TASK_COUNT", "3"}})),
               std::invalid_argument);
}

TEST(BatchShard, ThreadsFromSlurmCpusPerTask) {
  EXPECT_EQ(threads_from_environment(Env({})), "");
  EXPECT_EQ(threads_from_environment(Env({{"SLURM_CPUS_PER_TASK", "4"}})), "4");
  EXPECT_THROW(threads_from_environment(Env({{"SLURM_CPUS_PER_TASK", "0"}})),
               std::invalid_argument);
}

}  // namespace
}  // namespace voigt
