// Embind bindings: the engine as one JS class and four functions, for voigtfit_mt (pthreads, the
// engine's std::thread pool) and voigtfit_st (sequential); typed in voigtfit.d.ts. Shaped like
// Squoosh's codecs/webp/enc/webp_enc.cpp: a value_object per struct, results copied out as plain
// objects and fresh typed arrays (never live heap views), and every C++ exception turned into a JS
// Error carrying the message the CLI prints after "voigtfit: ". No numerics, no defaults here.
#include <emscripten.h>
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <new>
#include <stdexcept>

#include "voigt/fit.h"
#include "voigt/peak_list_io.h"
#include "voigt/result_io.h"
#include "voigt/simulate.h"
#include "voigt/spectrum_io.h"

using emscripten::val;
using namespace voigt;

namespace {

EM_JS(void, throw_js_error, (const char* message), { throw new Error(UTF8ToString(message)); });

// Calls the JS progress callback: 1 = abort (it returned true or "abort", or it threw; the error
// goes to box.error and fit() rethrows it after the run, never from inside the pool).
EM_JS(int, progress_aborts, (emscripten::EM_VAL callback, emscripten::EM_VAL box, int tasks_done,
                             int tasks_total, int peaks_done, const char* assignment), {
  try {
    var r = Emval.toValue(callback)({tasks_done: tasks_done, tasks_total: tasks_total,
        peaks_done: peaks_done, current_assignment: UTF8ToString(assignment)});
    return r === true || r === 'abort' ? 1 : 0;
  } catch (e) { Emval.toValue(box).error = e; return 1; }
});

std::string mib(std::size_t bytes) { return std::to_string((bytes + 1048575) >> 20) + " MiB"; }

// What malloc can still hand out: free chunks plus what sbrk can take below the heap's maximum
// (the fixed size of voigtfit_mt, the growth limit of voigtfit_st).
std::size_t heap_free_bytes() {
  return emscripten_get_heap_max() - reinterpret_cast<std::size_t>(sbrk(0)) + mallinfo().fordblks;
}

// The pthread pool's size (wasm/module_pre.js); every thread of a fit must come from it (G11).
int pool_size() {
#ifdef __EMSCRIPTEN_PTHREADS__
  return std::max(1, EM_ASM_INT({ return Module['pthreadPoolSize'] | 0; }));
#else
  return 1;
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

// `partial` laid over T's C++ defaults: JS names only what it changes; an unknown name throws.
template <typename T>
T with_defaults(const val& partial, const std::string& type) {
  val full(T{});
  if (partial.isUndefined() || partial.isNull()) return T{};
  const val keys = val::global("Object").call<val>("keys", partial);
  for (int i = 0; i < keys["length"].as<int>(); ++i) {
    const std::string key = keys[i].as<std::string>();
    if (!full.hasOwnProperty(key.c_str())) throw std::invalid_argument(type + ": unknown field '" + key + "'");
    full.set(key, partial[key]);
  }
  return full.as<T>();
}

// The enum value whose to_string() is `name` (the setter of an enum field).
template <typename E, E... kValues>
E enum_named(const std::string& name) {
  for (E v : {kValues...}) if (name == to_string(v)) return v;
  throw std::invalid_argument("'" + name + "' is not a known value");
}

template <typename T>
val copy_of(const T* data, std::size_t n) {  // a fresh Float64Array/Float32Array, not a heap view
  static thread_local const val kArray = val::global(sizeof(T) == 8 ? "Float64Array" : "Float32Array");
  return kArray.new_(emscripten::typed_memory_view(n, data));
}
val copy_of(const std::vector<double>& v) { return copy_of(v.data(), v.size()); }

val axis_object(const Axis& a) {
  std::vector<double> ppm(a.size_pt);
  for (int i = 0; i < a.size_pt; ++i) ppm[i] = a.ppm_at(i);
  val o(a);
  o.set("hz_per_pt", a.hz_per_pt());
  o.set("ppm", copy_of(ppm));
  return o;
}

val slice_object(const std::vector<double>& ppm, const std::vector<double>& data, const std::vector<double>& fit) {
  std::vector<double> residual(std::min(data.size(), fit.size()));
  for (std::size_t i = 0; i < residual.size(); ++i) residual[i] = data[i] - fit[i];
  val o = val::object();
  o.set("ppm", copy_of(ppm));
  o.set("data", copy_of(data));
  o.set("fit", copy_of(fit));
  o.set("residual", copy_of(residual));
  return o;
}

// One spectrum (its heap copy is the only copy), one peak list and the last fit's results.
class Engine {
 public:
  val load_spectrum(const val& bytes, const std::string& name) {
    return js_errors([&] {
      if (!bytes.instanceof(val::global("Uint8Array"))) throw std::invalid_argument("load_spectrum: bytes must be a Uint8Array");
      *this = Engine{};  // release the previous spectrum first, to make room
      const std::size_t size = bytes["length"].as<std::size_t>();
      if (size > heap_free_bytes())  // checked before allocating: no abort, no half-loaded state
        throw std::invalid_argument(name + ": " + mib(size) + " do not fit in the WebAssembly heap (" +
                                    mib(heap_free_bytes()) + " free of " + mib(emscripten_get_heap_max()) + ")");
      std::vector<std::uint8_t> copy(size);
      val(emscripten::typed_memory_view(size, copy.data())).call<void>("set", bytes);
      LoadedSpectrum spectrum = read_spectrum(copy.data(), size, name);
      if (spectrum.storage.empty()) bytes_ = std::move(copy);  // the view points into the copy
      spectrum_ = std::move(spectrum);
      return info();
    });
  }
  val info() const {
    return js_errors([&] {
      std::vector<double> noise;
      for (int k = 0; k < loaded().num_planes; ++k) noise.push_back(estimate_plane_noise(loaded().plane(k)));
      val o = val::object();
      o.set("format", spectrum_.format);
      o.set("num_planes", loaded().num_planes);
      o.set("plane_label", loaded().plane_label);
      o.set("noise", val::array(noise));
      o.set("x", axis_object(loaded().x));
      o.set("y", axis_object(loaded().y));
      return o;
    });
  }
  val plane_data(int k) const {
    return js_errors([&] {
      if (k < 0 || k >= loaded().num_planes) throw std::invalid_argument("plane_data: no plane " + std::to_string(k));
      return copy_of(loaded().plane(k).data, loaded().plane_size());
    });
  }
  val load_peaks(const val& text, const std::string& name, const std::string& format) {
    return js_errors([&] {
      peaks_ = parse_peak_list(text.as<std::string>(), name, peak_list_format_from_name(format), loaded().x, loaded().y);
      return val::array(peaks_.peaks);
    });
  }
  val simulate(const val& options) {
    return js_errors([&] {
      const SimulationOptions so = with_defaults<SimulationOptions>(options, "SimulationOptions");
      if (const std::string e = so.validate(); !e.empty()) throw std::invalid_argument(e);
      SimulatedSpectrum sim = simulate_spectrum(so);
      *this = Engine{};
      spectrum_.storage = std::move(sim.data);
      spectrum_.view = SpectrumSeries{spectrum_.storage.data(), sim.x, sim.y, 1, ""};
      spectrum_.format = "simulated";
      peaks_ = std::move(sim.listed);
      val o = val::object();
      o.set("peaks", val::array(peaks_.peaks));
      o.set("truth", val::array(sim.truth));
      return o;
    });
  }
  val fit(const val& options, int threads, const val& progress) {
    val box = val::object();
    val out = js_errors([&] {
      if (peaks_.peaks.empty()) throw std::logic_error("fit: load a spectrum and a peak list first");
      const FitOptions o = with_defaults<FitOptions>(options, "FitOptions");
      if (const std::string e = o.validate(); !e.empty()) throw std::invalid_argument(e);
      if (o.plane >= loaded().num_planes)
        throw std::invalid_argument("--plane " + std::to_string(o.plane) + ": the spectrum has " +
                                    std::to_string(loaded().num_planes) + " plane(s)");
#ifdef __EMSCRIPTEN_PTHREADS__
      auto executor = make_thread_pool_executor(std::clamp(threads > 0 ? threads : pool_size(), 1, pool_size()));
#else
      auto executor = make_sequential_executor();
#endif
      ProgressCallback callback;
      if (progress.typeOf().as<std::string>() == "function") callback = [&](const Progress& p) {
        return progress_aborts(progress.as_handle(), box.as_handle(), p.tasks_done, p.tasks_total, p.peaks_done,
                               p.current_assignment.c_str()) ? ProgressAction::kAbort : ProgressAction::kContinue;
      };
      const double start_ms = emscripten_get_now();
      results_ = fit_spectrum(loaded().plane(o.plane), peaks_, o, *executor, callback);
      results_.summary.threads_requested = threads;
      results_.summary.wall_time_s = (emscripten_get_now() - start_ms) / 1000;
      val slices = val::array();
      for (const PeakSlices& p : results_.slices) {
        val slice = val::object();
        slice.set("x", slice_object(p.x_ppm, p.x_data, p.x_fit));
        slice.set("y", slice_object(p.y_ppm, p.y_data, p.y_fit));
        slices.call<void>("push", slice);
      }
      val summary(results_.summary);
      summary.set("brief_report", results_.summary.brief_report());
      val r = val::object();
      r.set("rows", val::array(results_.rows));
      r.set("slices", slices);
      r.set("summary", summary);
      return r;
    });
    if (!box["error"].isUndefined()) box["error"].throw_();
    return out;
  }
  val results_csv() const { return js_errors([&] { return val(format_results_csv(results_.rows)); }); }
  val results_lunanmr() const { return js_errors([&] { return val(format_results_lunanmr(results_.rows)); }); }
  val results_json() const {
    return js_errors([&] { return val(format_results_json(results_.rows, &results_.slices)); });
  }

 private:
  const SpectrumSeries& loaded() const {
    if (!spectrum_.view.data) throw std::logic_error("no spectrum: call load_spectrum or simulate first");
    return spectrum_.view;
  }
  std::vector<std::uint8_t> bytes_;  // the file's heap copy when the view points into it
  LoadedSpectrum spectrum_;
  PeakList peaks_;
  FitResults results_;
};

}  // namespace

// One .field per member, in the struct's order (api.test.mjs compares them with the headers).
#define F(T, f) .field(#f, &T::f)
#define ENUM_F(T, f, parse) \
  .field(#f, +[](const T& o) { return std::string(to_string(o.f)); }, +[](T& o, std::string s) { o.f = parse(s); })

EMSCRIPTEN_BINDINGS(voigtfit) {
  using namespace emscripten;
  using O = FitOptions;
  using S = SimulationOptions;
  using R = PeakResult;
  using Y = FitSummary;
  value_object<O>("FitOptions") ENUM_F(O, shape, shape_from_string) ENUM_F(O, solver, solver_from_string)
      F(O, window_x_ppm) F(O, window_y_ppm) ENUM_F(O, baseline, baseline_from_string) F(O, arpls_lambda)
      F(O, connect_level_noise) F(O, max_cluster_size) F(O, detect_missed_peaks) F(O, missed_peak_noise_factor)
      F(O, missed_peak_residual_fraction) F(O, missed_peak_height_fraction) F(O, max_added_peaks)
      F(O, max_iterations) F(O, noise) F(O, plane);
  value_object<S>("SimulationOptions") F(S, num_peaks)
      .field("seed", +[](const S& o) { return double(o.seed); }, +[](S& o, double s) { o.seed = std::uint64_t(s); })
      F(S, nx) F(S, ny) F(S, overlap) F(S, noise_sd) F(S, baseline) F(S, unlisted);
  value_object<Axis>("Axis") F(Axis, size_pt) F(Axis, sw_hz) F(Axis, obs_mhz) F(Axis, orig_hz) F(Axis, label);
  value_object<Peak>("Peak") F(Peak, assignment) F(Peak, x_ppm) F(Peak, y_ppm) F(Peak, height_hint)
      F(Peak, linewidth_x_hz_hint) F(Peak, linewidth_y_hz_hint) F(Peak, window_x_ppm) F(Peak, window_y_ppm)
      F(Peak, source_line);
  value_object<R>("PeakResult") F(R, index) F(R, assignment) F(R, x_ppm_in) F(R, y_ppm_in) F(R, x_ppm) F(R, y_ppm)
      F(R, height) F(R, volume) F(R, fwhm_x_hz) F(R, fwhm_y_hz) F(R, sigma_x_hz) F(R, gamma_x_hz) F(R, sigma_y_hz)
      F(R, gamma_y_hz) F(R, eta_x) F(R, eta_y) F(R, x_ppm_err) F(R, y_ppm_err) F(R, height_err) F(R, volume_err)
      F(R, r2) F(R, snr) F(R, chi2_red)
      ENUM_F(R, quality, (enum_named<Quality, Quality::kExcellent, Quality::kGood, Quality::kFair, Quality::kPoor, Quality::kNone>))
      F(R, cluster) F(R, cluster_size) F(R, iterations)
      ENUM_F(R, status, (enum_named<PeakStatus, PeakStatus::kOk, PeakStatus::kAdded, PeakStatus::kOutside,
                                    PeakStatus::kFailed, PeakStatus::kTimeout, PeakStatus::kCrashed, PeakStatus::kCancelled>))
      F(R, flags) F(R, message);
  value_object<Y>("FitSummary") F(Y, peaks_total) F(Y, ok) F(Y, added) F(Y, outside) F(Y, failed) F(Y, timeout)
      F(Y, crashed) F(Y, cancelled) F(Y, tasks) F(Y, threads_requested) F(Y, threads_used) F(Y, median_r2)
      F(Y, noise) F(Y, wall_time_s) F(Y, executor) F(Y, message);
  function("default_fit_options", +[] { return FitOptions{}; });
  function("default_simulation_options", +[] { return SimulationOptions{}; });
  function("pool_size", &pool_size);
  function("heap_bytes", +[] {
    val o = val::object();
    o.set("max", double(emscripten_get_heap_max()));
    o.set("free", double(heap_free_bytes()));
    o.set("peak", double(mallinfo().usmblks));  // malloc's high-water footprint
    return o;
  });
  class_<Engine>("Engine").constructor<>()
      .function("load_spectrum", &Engine::load_spectrum).function("info", &Engine::info)
      .function("plane_data", &Engine::plane_data).function("load_peaks", &Engine::load_peaks)
      .function("simulate", &Engine::simulate).function("fit", &Engine::fit)
      .function("results_csv", &Engine::results_csv).function("results_lunanmr", &Engine::results_lunanmr)
      .function("results_json", &Engine::results_json);
}
