// The JS side of the bindings (bindings.cc), none of it engine logic: C++ exceptions as JS
// Errors, option objects laid over the C++ defaults, fresh typed arrays, the heap budget, the
// pthread pool and the progress callback that cancels.
#ifndef VOIGT_WASM_JS_GLUE_H_
#define VOIGT_WASM_JS_GLUE_H_

#include <emscripten.h>
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "voigt/executor.h"

namespace voigt::wasm {

using emscripten::val;

EM_JS(void, throw_js_error, (const char* message), { throw new Error(UTF8ToString(message)); });

// Calls the JS progress callback: 1 = abort (it returned true or "abort", or it threw; the error
// goes to box.error and with_progress() rethrows it after the run, never from inside the pool).
EM_JS(int, progress_aborts, (emscripten::EM_VAL callback, emscripten::EM_VAL box, int tasks_done,
                             int tasks_total, int peaks_done, const char* assignment), {
  try {
    var r = Emval.toValue(callback)({tasks_done: tasks_done, tasks_total: tasks_total,
        peaks_done: peaks_done, current_assignment: UTF8ToString(assignment)});
    return r === true || r === 'abort' ? 1 : 0;
  } catch (e) { Emval.toValue(box).error = e; return 1; }
});

inline std::string mib(std::size_t bytes) { return std::to_string((bytes + 1048575) >> 20) + " MiB"; }

// What malloc can still hand out: free chunks plus what sbrk can take below the heap's maximum
// (the fixed size of voigtfit_mt, the growth limit of voigtfit_st).
inline std::size_t heap_free_bytes() {
  return emscripten_get_heap_max() - reinterpret_cast<std::size_t>(sbrk(0)) + mallinfo().fordblks;
}

inline val heap_bytes() {
  val o = val::object();
  o.set("max", double(emscripten_get_heap_max()));
  o.set("free", double(heap_free_bytes()));
  o.set("peak", double(mallinfo().usmblks));  // malloc's high-water footprint
  return o;
}

// The pthread pool's size (wasm/module_pre.js); every thread of a fit must come from it.
inline int pool_size() {
#ifdef __EMSCRIPTEN_PTHREADS__
  return std::max(1, EM_ASM_INT({ return Module['pthreadPoolSize'] | 0; }));
#else
  return 1;
#endif
}

// threads <= 0: the whole pool; never more than the pool. voigtfit_st: sequential.
inline std::unique_ptr<Executor> executor_for(int threads) {
#ifdef __EMSCRIPTEN_PTHREADS__
  return make_thread_pool_executor(std::clamp(threads > 0 ? threads : pool_size(), 1, pool_size()));
#else
  (void)threads;
  return make_sequential_executor();
#endif
}

// Runs `body`; a C++ exception becomes a JS Error with the same message, thrown once the catch
// block has ended so that every C++ destructor has run (the JS throw skips only this frame).
template <typename F>
val js_errors(F&& body) {
  static std::string message;
  try {
    return body();
  } catch (const std::bad_alloc&) {
    message = "out of memory: the WebAssembly heap (" + mib(emscripten_get_heap_max()) +
              ") cannot hold this spectrum and its fit";
  } catch (const std::exception& e) {
    message = e.what();
  }
  throw_js_error(message.c_str());
  __builtin_unreachable();
}

// js_errors() around a run that reports to the JS `progress` function (if it is one): body gets
// the ProgressCallback; an exception the callback threw is rethrown once the run is over.
template <typename F>
val with_progress(const val& progress, F&& body) {
  val box = val::object();
  ProgressCallback callback;
  if (progress.typeOf().as<std::string>() == "function") callback = [&](const Progress& p) {
    return progress_aborts(progress.as_handle(), box.as_handle(), p.tasks_done, p.tasks_total, p.peaks_done,
                           p.current_assignment.c_str()) ? ProgressAction::kAbort : ProgressAction::kContinue;
  };
  val out = js_errors([&] { return body(callback); });
  if (!box["error"].isUndefined()) box["error"].throw_();
  return out;
}

// `partial`'s fields written over `full`'s; a nested object (SeriesSimulationOptions::spectrum)
// is merged field by field, so JS names only what it changes. An unknown name throws.
inline void merge_fields(val& full, const val& partial, const std::string& type) {
  const val keys = val::global("Object").call<val>("keys", partial);
  for (int i = 0; i < keys["length"].as<int>(); ++i) {
    const std::string key = keys[i].as<std::string>();
    if (!full.hasOwnProperty(key.c_str())) throw std::invalid_argument(type + ": unknown field '" + key + "'");
    val inner = full[key];
    const bool nested = inner.typeOf().as<std::string>() == "object" && !inner.isArray() &&
                        partial[key].typeOf().as<std::string>() == "object" && !partial[key].isNull();
    if (nested) merge_fields(inner, partial[key], type + "." + key);
    else full.set(key, partial[key]);
  }
}

// `partial` laid over T's C++ defaults (undefined or null: the defaults).
template <typename T>
T with_defaults(const val& partial, const std::string& type) {
  if (partial.isUndefined() || partial.isNull()) return T{};
  val full(T{});
  merge_fields(full, partial, type);
  return full.as<T>();
}

// Options as given when valid; else std::invalid_argument with validate()'s message.
template <typename T>
T valid(T options) {
  if (const std::string e = options.validate(); !e.empty()) throw std::invalid_argument(e);
  return options;
}

template <typename T>
val copy_of(const T* data, std::size_t n) {  // a fresh Float64Array/Float32Array, not a heap view
  static thread_local const val kArray = val::global(sizeof(T) == 8 ? "Float64Array" : "Float32Array");
  return kArray.new_(emscripten::typed_memory_view(n, data));
}
inline val copy_of(const std::vector<double>& v) { return copy_of(v.data(), v.size()); }

// A Uint8Array's bytes copied once into the heap, as floats (4-byte aligned, so the readers can
// point into them). Checked against the free heap first: no abort, no half-loaded state.
inline void require_bytes(const val& bytes, const std::string& name) {
  if (!bytes.instanceof(val::global("Uint8Array"))) throw std::invalid_argument(name + ": bytes must be a Uint8Array");
}
inline std::vector<float> heap_copy(const val& bytes, const std::string& name) {
  require_bytes(bytes, name);
  const std::size_t size = bytes["length"].as<std::size_t>();
  if (size > heap_free_bytes())
    throw std::invalid_argument(name + ": " + mib(size) + " do not fit in the WebAssembly heap (" +
                                mib(heap_free_bytes()) + " free of " + mib(emscripten_get_heap_max()) + ")");
  std::vector<float> copy((size + sizeof(float) - 1) / sizeof(float));
  val(emscripten::typed_memory_view(size, reinterpret_cast<std::uint8_t*>(copy.data()))).call<void>("set", bytes);
  return copy;
}

// What the shell measures and the engine cannot (it has no clock): the threads asked for and the
// wall time since `start_ms` (emscripten_get_now()).
inline void stamp(FitSummary& summary, int threads_requested, double start_ms) {
  summary.threads_requested = threads_requested;
  summary.wall_time_s = (emscripten_get_now() - start_ms) / 1000;
}

// A summary as a plain object plus its one-line brief_report().
template <typename T>
val with_report(const T& summary) {
  val o(summary);
  o.set("brief_report", summary.brief_report());
  return o;
}

}  // namespace voigt::wasm

#endif  // VOIGT_WASM_JS_GLUE_H_
