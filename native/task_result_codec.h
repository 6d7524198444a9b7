// Byte encoding of a TaskResult, for the fork pool's pipes. Doubles travel as their bit patterns,
// so a result decoded in the parent is bit-identical to the one the child computed.
#ifndef VOIGT_NATIVE_TASK_RESULT_CODEC_H_
#define VOIGT_NATIVE_TASK_RESULT_CODEC_H_

#include <string>

#include "voigt/fit.h"

namespace voigt {

std::string encode_task_result(const TaskResult& result);
// Throws std::runtime_error on a truncated or malformed buffer.
TaskResult decode_task_result(const std::string& bytes);

}  // namespace voigt

#endif  // VOIGT_NATIVE_TASK_RESULT_CODEC_H_
