// Embind bindings: the engine as one JS class and a few functions, for voigtfit_mt (pthreads, the
// engine's std::thread pool) and voigtfit_st (sequential); typed in voigtfit.d.ts. Shaped like
// Squoosh's codecs/webp/enc/webp_enc.cpp: a value_object per struct, results copied out as plain
// objects and fresh typed arrays (never live heap views). The JS glue (errors, option defaults,
// progress) is in js_glue.h, the structs' value_objects in value_objects.cc; every rule and number
// comes from the engine (voigt/input_checks.h, owned_spectrum.h, plot_data.h, series_io.h).
#include "js_glue.h"

#include "voigt/fit.h"
#include "voigt/input_checks.h"
#include "voigt/input_kind.h"
#include "voigt/owned_spectrum.h"
#include "voigt/peak_list_io.h"
#include "voigt/pick.h"
#include "voigt/plot_data.h"
#include "voigt/result_io.h"
#include "voigt/series.h"
#include "voigt/series_io.h"
#include "voigt/simulate.h"
#include "voigt/spectrum_io.h"

using emscripten::val;
using namespace voigt;
using namespace voigt::wasm;

namespace {

val axis_object(const Axis& a) {
  val o(a);
  o.set("hz_per_pt", a.hz_per_pt());
  o.set("ppm", copy_of(ppm_grid(a)));
  return o;
}

val slice_object(const std::vector<double>& ppm, const std::vector<double>& data, const std::vector<double>& fit) {
  val o = val::object();
  for (auto [key, v] : {std::pair{"ppm", &ppm}, {"data", &data}, {"fit", &fit}}) o.set(key, copy_of(*v));
  o.set("residual", copy_of(slice_residual(data, fit)));
  return o;
}

// One spectrum or series (its heap copy is the only copy), one peak list, the series' delays and
// the last fit's results.
class Engine {
 public:
  val load_spectrum(const val& bytes, const std::string& name) {
    return js_errors([&] {
      require_bytes(bytes, name);  // a wrong argument keeps the current state
      *this = Engine{};  // release the previous spectrum first, to make room
      spectrum_ = read_spectrum_owning(heap_copy(bytes, name), bytes["length"].as<std::size_t>(), name);
      return info();
    });
  }
  val load_planes(const val& files, const val& names) {  // plane files, in series order
    return js_errors([&] {
      if (!files.isArray() || !names.isArray() || files["length"].as<int>() != names["length"].as<int>())
        throw std::invalid_argument("load_planes: give an array of files and an array of as many names");
      for (int k = 0; k < files["length"].as<int>(); ++k) require_bytes(files[k], names[k].as<std::string>());
      *this = Engine{};
      std::vector<LoadedSpectrum> planes;
      for (int k = 0; k < files["length"].as<int>(); ++k) {
        plane_names_.push_back(names[k].as<std::string>());
        planes.push_back(read_spectrum_owning(heap_copy(files[k], plane_names_[k]),
                                              files[k]["length"].as<std::size_t>(), plane_names_[k]));
      }
      if (planes.empty()) throw std::invalid_argument("load_planes: no plane files");
      spectrum_ = stack_planes(std::move(planes), plane_names_.front() + " ... " + plane_names_.back() + " (" +
                                                      std::to_string(plane_names_.size()) + " plane files)");
      return info();
    });
  }
  val info() const {
    return js_errors([&] {
      val o = val::object();
      o.set("format", spectrum_.format);
      o.set("num_planes", loaded().num_planes);
      o.set("plane_label", loaded().plane_label);
      o.set("noise", val::array(plane_noise(loaded())));
      o.set("x", axis_object(loaded().x));
      o.set("y", axis_object(loaded().y));
      return o;
    });
  }
  val plane_data(int k) const {
    return js_errors([&] {
      check_plane_index(loaded(), k, "plane_data");
      return copy_of(loaded().plane(k).data, loaded().plane_size());
    });
  }
  val load_peaks(const val& text, const std::string& name, const std::string& format) {
    return js_errors([&] {
      peaks_ = parse_peak_list(text.as<std::string>(), name, peak_list_format_from_name(format), loaded().x, loaded().y);
      return val::array(peaks_.peaks);
    });
  }
  // The peaks picked on plane `plane` become the engine's peak list (for a spectrum opened
  // without one).
  val pick_peaks(const val& options, int plane) {
    return js_errors([&] {
      const PickOptions o = valid(with_defaults<PickOptions>(options, "PickOptions"));
      check_plane_index(loaded(), plane, "--plane");
      peaks_ = to_peak_list(voigt::pick_peaks(loaded().plane(plane), o), loaded().plane(plane));
      return val::array(peaks_.peaks);
    });
  }
  val load_delays(const val& text, const std::string& name, double factor) {
    return js_errors([&] {
      std::vector<double> delays = parse_delays(text.as<std::string>(), name, factor);
      check_delay_count(delays, loaded(), name);
      delays_ = std::move(delays);
      return val::array(delays_);
    });
  }
  val simulate(const val& options) {
    return js_errors([&] {
      SimulatedSpectrum sim = simulate_spectrum(valid(with_defaults<SimulationOptions>(options, "SimulationOptions")));
      *this = Engine{};
      peaks_ = sim.listed;
      val o = val::object();
      o.set("peaks", val::array(peaks_.peaks));
      o.set("truth", val::array(sim.truth));
      spectrum_ = hold_simulation(std::move(sim));
      return o;
    });
  }
  val simulate_series(const val& options) {
    return js_errors([&] {
      SimulatedSeries sim = voigt::simulate_series(with_defaults<SeriesSimulationOptions>(options, "SeriesSimulationOptions"));
      *this = Engine{};
      peaks_ = sim.listed;
      delays_ = sim.delays_s;
      val o = val::object();
      for (auto [key, v] : {std::pair{"peaks", val::array(peaks_.peaks)}, {"truth", val::array(sim.truth)},
                            {"rates_per_s", val::array(sim.rates_per_s)}, {"delays_s", val::array(delays_)}})
        o.set(key, v);
      spectrum_ = hold_simulation(std::move(sim));
      return o;
    });
  }
  val fit(const val& options, int threads, const val& progress) {
    return with_progress(progress, [&](const ProgressCallback& callback) {
      const FitOptions o = valid(with_defaults<FitOptions>(options, "FitOptions"));
      check_plane_index(loaded(), o.plane, "--plane");
      if (peaks_.peaks.empty()) throw std::logic_error("fit: load a spectrum and a peak list first");
      const double start_ms = emscripten_get_now();
      results_ = fit_spectrum(loaded().plane(o.plane), peaks_, o, *executor_for(threads), callback);
      fitted_plane_ = o.plane;
      fitted_shape_ = o.shape;
      stamp(results_.summary, threads, start_ms);
      val slices = val::array();
      for (const PeakSlices& p : results_.slices) {
        val slice = val::object();
        slice.set("x", slice_object(p.x_ppm, p.x_data, p.x_fit));
        slice.set("y", slice_object(p.y_ppm, p.y_data, p.y_fit));
        slices.call<void>("push", slice);
      }
      val r = val::object();
      r.set("rows", val::array(results_.rows));
      r.set("slices", slices);
      r.set("summary", with_report(results_.summary));
      return r;
    });
  }
  val fit_series(const val& fit_options, const val& series_options, int threads, const val& progress) {
    return with_progress(progress, [&](const ProgressCallback& callback) {
      const FitOptions f = valid(with_defaults<FitOptions>(fit_options, "FitOptions"));
      const SeriesOptions s = valid(with_defaults<SeriesOptions>(series_options, "SeriesOptions"));
      if (peaks_.peaks.empty()) throw std::logic_error("fit_series: load a spectrum and a peak list first");
      if (delays_.empty()) throw std::logic_error("fit_series: load the delays first");
      const double start_ms = emscripten_get_now();
      series_ = voigt::fit_series(loaded(), peaks_, delays_, f, s, *executor_for(threads), callback);
      stamp(series_.summary.shapes, threads, start_ms);
      val planes = val::array(), curves = val::array();
      for (std::size_t r = 0; r < series_.shapes.size(); ++r) {
        planes.call<void>("push", val::array(series_.planes[r]));
        const DecayCurve c = decay_curve(series_.rates[r], delays_);
        val curve = val::object();
        curve.set("delay", copy_of(c.delay));
        curve.set("height", copy_of(c.height));
        curves.call<void>("push", curve);
      }
      val summary = with_report(series_.summary);
      summary.set("shapes", with_report(series_.summary.shapes));
      val o = val::object();
      for (auto [key, v] : {std::pair{"rows", val::array(series_.shapes)}, {"planes", planes},
                            {"rates", val::array(series_.rates)}, {"curves", curves},
                            {"delays", val::array(delays_)}, {"plane_noise", val::array(series_.plane_noise)},
                            {"summary", summary}})
        o.set(key, v);
      return o;
    });
  }
  // The last fit's peaks summed over the plane it fitted (for a residual map: data - model).
  val model_data() const {
    return js_errors([&] {
      if (results_.rows.empty()) throw std::logic_error("model_data: fit first");
      const std::vector<float> model = model_plane(loaded().plane(fitted_plane_), results_.rows, fitted_shape_);
      return copy_of(model.data(), model.size());
    });
  }
  val results_csv() const { return js_errors([&] { return val(format_results_csv(results_.rows)); }); }
  val results_lunanmr() const { return js_errors([&] { return val(format_results_lunanmr(results_.rows)); }); }
  val results_nef() const {
    return js_errors([&] { return val(format_results_nef(results_.rows, loaded().x, loaded().y)); });
  }
  val results_tab() const {
    return js_errors([&] { return val(format_results_nmrpipe_tab(results_.rows, loaded().x, loaded().y)); });
  }
  val results_sparky() const { return js_errors([&] { return val(format_results_sparky(results_.rows)); }); }
  val results_json() const {
    return js_errors([&] { return val(format_results_json(results_.rows, &results_.slices)); });
  }
  val series_table(const std::string& table) const {
    return js_errors([&] { return val(format_series_table(series_, table, plane_names_)); });
  }

 private:
  const SpectrumSeries& loaded() const {
    if (!spectrum_.view.data) throw std::logic_error("no spectrum: call load_spectrum or simulate first");
    return spectrum_.view;
  }
  LoadedSpectrum spectrum_;
  std::vector<std::string> plane_names_;  // of load_planes: the intensity matrix's columns
  PeakList peaks_;
  std::vector<double> delays_;
  FitResults results_;
  int fitted_plane_ = 0;
  Shape fitted_shape_ = Shape::kVoigt;
  SeriesResults series_;
};

}  // namespace

// The structs' value_object registrations are in value_objects.cc.
EMSCRIPTEN_BINDINGS(voigtfit) {
  using namespace emscripten;
  function("default_fit_options", +[] { return FitOptions{}; });
  function("default_simulation_options", +[] { return SimulationOptions{}; });
  function("default_series_options", +[] { return SeriesOptions{}; });
  function("default_series_simulation_options", +[] { return SeriesSimulationOptions{}; });
  function("series_table_names", +[] { return val::array(series_table_names()); });
  function("default_pick_options", +[] { return PickOptions{}; });
  function("classify_input", +[](const val& bytes) {
    const std::vector<std::uint8_t> b = emscripten::convertJSArrayToNumberVector<std::uint8_t>(bytes);
    return std::string(to_string(voigt::classify_input(b.data(), b.size())));
  });
  function("pool_size", &pool_size);
  function("heap_bytes", &heap_bytes);
  class_<Engine>("Engine").constructor<>()
      .function("load_spectrum", &Engine::load_spectrum).function("load_planes", &Engine::load_planes)
      .function("info", &Engine::info).function("plane_data", &Engine::plane_data)
      .function("load_peaks", &Engine::load_peaks).function("load_delays", &Engine::load_delays)
      .function("pick_peaks", &Engine::pick_peaks)
      .function("simulate", &Engine::simulate).function("simulate_series", &Engine::simulate_series)
      .function("fit", &Engine::fit).function("fit_series", &Engine::fit_series)
      .function("model_data", &Engine::model_data).function("results_csv", &Engine::results_csv).function("results_lunanmr", &Engine::results_lunanmr)
      .function("results_nef", &Engine::results_nef).function("results_tab", &Engine::results_tab)
      .function("results_sparky", &Engine::results_sparky)
      .function("results_json", &Engine::results_json).function("series_table", &Engine::series_table);
}
