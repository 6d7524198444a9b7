// The JS-visible API of voigtfit_mt.js and voigtfit_st.js (wasm/bindings.cc), typed once.
// tests/parity/api.test.mjs checks it against the modules and the engine headers, so a field
// added to a C++ struct without its binding (or this file) fails a test.
//
// Both files are MODULARIZE factories: `require('voigtfit_mt.js')` in Node, or
// `importScripts('voigtfit_mt.js')` in a Worker, which defines `createVoigtfit`.
// Names are the engine's (snake_case); units are in the names (_ppm, _hz, _pt, _s).

declare function createVoigtfit(options?: createVoigtfit.ModuleOptions): Promise<createVoigtfit.VoigtfitModule>;

declare namespace createVoigtfit {
  interface ModuleOptions {
    /** voigtfit_mt: Workers in the pthread pool; default navigator.hardwareConcurrency (Node: os.cpus()). */
    pthreadPoolSize?: number;
    /** The .wasm bytes; Node 20 needs this or `node --no-experimental-fetch`. */
    wasmBinary?: ArrayBuffer | Uint8Array;
    /** Where the .wasm and .worker.js files are, when not next to the .js. */
    locateFile?: (path: string, prefix: string) => string;
    /** voigtfit_mt inside a Worker: the absolute URL of voigtfit_mt.js. */
    mainScriptUrlOrBlob?: string | Blob;
  }

  type Shape = 'voigt' | 'pvoigt' | 'gauss' | 'lorentz';
  type Solver = 'lm' | 'lbfgsb';
  type Baseline = 'none' | 'constant' | 'plane' | 'arpls';
  type PeakListFormat = 'auto' | 'csv' | 'tab' | 'sparky' | 'a2' | 'nef';
  type PeakStatus = 'ok' | 'added' | 'absent' | 'duplicate' | 'outside' | 'failed' | 'timeout' | 'crashed' | 'cancelled';
  type Quality = 'excellent' | 'good' | 'fair' | 'poor' | 'none';

  /** engine/include/voigt/fit_options.h; the defaults are default_fit_options(). */
  interface FitOptions {
    shape: Shape;
    solver: Solver;
    window_x_ppm: number;
    window_y_ppm: number;
    baseline: Baseline;
    arpls_lambda: number;
    connect_level_noise: number;
    max_cluster_size: number;
    second_pass: boolean;
    detect_missed_peaks: boolean;
    missed_peak_noise_factor: number;
    missed_peak_residual_fraction: number;
    missed_peak_height_fraction: number;
    max_added_peaks: number;
    max_iterations: number;
    /** NaN: estimated per plane. */
    noise: number;
    plane: number;
    /** false: `slices` stay empty (less memory when only the table is wanted). */
    cross_sections: boolean;
    /** Match the list to the picked peaks first (approximate, partial lists). */
    reconcile: boolean;
    pick_threshold_noise: number;
    /** NaN: derived from the picked linewidths. */
    search_x_ppm: number;
    search_y_ppm: number;
    estimate_offset: boolean;
  }

  /** engine/include/voigt/pick.h; the defaults are default_pick_options(). */
  interface PickOptions {
    /** Minimum |height| in noise sd. */
    threshold_noise: number;
    /** NaN: the plane's robust noise estimate. */
    noise: number;
    positive: boolean;
    negative: boolean;
    min_fwhm_x_pt: number;
    min_fwhm_y_pt: number;
    max_fwhm_x_pt: number;
    max_fwhm_y_pt: number;
    min_drop_fraction: number;
    min_drop_noise: number;
    sidelobe_ratio: number;
    sidelobe_search_pt: number;
    strip_rows: number;
  }

  /** What a file holds, from its content (engine/include/voigt/input_kind.h). */
  type InputKind = 'spectrum' | 'peaks' | 'delays' | 'unknown';

  /** engine/include/voigt/simulate.h; the defaults are default_simulation_options(). */
  interface SimulationOptions {
    num_peaks: number;
    seed: number;
    nx: number;
    ny: number;
    overlap: number;
    noise_sd: number;
    baseline: number;
    unlisted: number;
    /** An approximate list: per-peak Gaussian scatter (sd, ppm) and a common offset (ppm). */
    scatter_x_ppm: number;
    scatter_y_ppm: number;
    offset_x_ppm: number;
    offset_y_ppm: number;
  }

  /** engine/include/voigt/series.h; the defaults are default_series_options(). */
  interface SeriesOptions {
    /** -1: the sum of all planes; else a 0-based plane. */
    reference_plane: number;
    fit_offset: boolean;
    /** Refit positions and widths on all planes at once (per-plane heights). */
    joint_fit: boolean;
    monte_carlo_draws: number;
    monte_carlo_seed: number;
    max_decay_iterations: number;
  }

  /** engine/include/voigt/series.h; the defaults are default_series_simulation_options().
   *  `spectrum` is merged field by field: {spectrum: {num_peaks: 20}} keeps the other defaults. */
  interface SeriesSimulationOptions {
    spectrum: SimulationOptions;
    delays_s: number[];
    rate_min_per_s: number;
    rate_max_per_s: number;
  }

  /** engine/include/voigt/axis.h, plus hz_per_pt and the ppm of every grid point. */
  interface Axis {
    size_pt: number;
    sw_hz: number;
    obs_mhz: number;
    orig_hz: number;
    label: string;
    hz_per_pt: number;
    ppm: Float64Array;
  }

  /** What `voigtfit info` prints. */
  interface SpectrumInfo {
    format: 'nmrpipe' | 'ucsf' | 'simulated';
    num_planes: number;
    plane_label: string;
    /** Robust noise sd of each plane. */
    noise: number[];
    x: Axis;
    y: Axis;
  }

  /** engine/include/voigt/peak_list.h: a number the list did not give is NaN. */
  interface Peak {
    assignment: string;
    x_ppm: number;
    y_ppm: number;
    height_hint: number;
    linewidth_x_hz_hint: number;
    linewidth_y_hz_hint: number;
    window_x_ppm: number;
    window_y_ppm: number;
    source_line: number;
  }

  /** One result row: the CSV columns (engine/include/voigt/result_io.h), in order. NaN = not computed. */
  interface PeakResult {
    index: number;
    assignment: string;
    x_ppm_in: number;
    y_ppm_in: number;
    /** Where the fit started (the matched pick with `reconcile`, else the listed position). */
    x_ppm_start: number;
    y_ppm_start: number;
    x_ppm: number;
    y_ppm: number;
    height: number;
    volume: number;
    fwhm_x_hz: number;
    fwhm_y_hz: number;
    sigma_x_hz: number;
    gamma_x_hz: number;
    sigma_y_hz: number;
    gamma_y_hz: number;
    eta_x: number;
    eta_y: number;
    x_ppm_err: number;
    y_ppm_err: number;
    height_err: number;
    volume_err: number;
    r2: number;
    snr: number;
    chi2_red: number;
    quality: Quality;
    cluster: number;
    cluster_size: number;
    iterations: number;
    status: PeakStatus;
    flags: string;
    message: string;
  }

  /** A cross-section through a peak's centre over its cluster's region (empty when not fitted). */
  interface SliceAxis {
    ppm: Float64Array;
    data: Float64Array;
    fit: Float64Array;
    /** data - fit */
    residual: Float64Array;
  }
  interface PeakSlices {
    x: SliceAxis;
    y: SliceAxis;
  }

  /** engine/include/voigt/executor.h FitSummary, plus its brief_report(). */
  interface FitSummary {
    peaks_total: number;
    ok: number;
    added: number;
    absent: number;
    duplicate: number;
    outside: number;
    failed: number;
    timeout: number;
    crashed: number;
    cancelled: number;
    /** The list was matched to the picked peaks (FitOptions.reconcile). */
    reconciled: boolean;
    matched: number;
    picked_added: number;
    offset_x_ppm: number;
    offset_y_ppm: number;
    search_x_ppm: number;
    search_y_ppm: number;
    tasks: number;
    threads_requested: number;
    threads_used: number;
    median_r2: number;
    noise: number;
    wall_time_s: number;
    executor: string;
    message: string;
    brief_report: string;
  }

  interface FitResults {
    rows: PeakResult[];
    /** Parallel to rows. */
    slices: PeakSlices[];
    summary: FitSummary;
  }

  /** One peak in one plane (engine/include/voigt/series.h PlaneValue). NaN = not computed. */
  interface PlaneValue {
    height: number;
    height_err: number;
    volume: number;
    volume_err: number;
    chi2_red: number;
    status: PeakStatus;
    message: string;
  }

  /** A peak's decay I(t) = I0 exp(-R t) [+ offset] (series.h DecayFit); R per unit of the delays. */
  interface DecayFit {
    i0: number;
    i0_err: number;
    r: number;
    r_err: number;
    r_err_mc: number;
    offset: number;
    offset_err: number;
    chi2_red: number;
    planes_used: number;
    iterations: number;
    status: PeakStatus;
    message: string;
  }

  /** The fitted decay at evenly spaced delays from 0 to the last one (empty when not fitted). */
  interface DecayCurve {
    delay: Float64Array;
    height: Float64Array;
  }

  /** series.h SeriesSummary plus brief_report(); `shapes` is the reference fit's FitSummary. */
  interface SeriesSummary {
    shapes: FitSummary;
    num_planes: number;
    reference_plane: number;
    plane_values_ok: number;
    plane_values_failed: number;
    rates_ok: number;
    rates_failed: number;
    message: string;
    brief_report: string;
  }

  interface SeriesResults {
    /** The reference fit's rows (shapes shared by every plane), as `voigtfit series`' shapes.csv. */
    rows: PeakResult[];
    /** planes[row][plane], parallel to rows. */
    planes: PlaneValue[][];
    /** Parallel to rows. */
    rates: DecayFit[];
    /** Parallel to rows. */
    curves: DecayCurve[];
    /** One per plane, as loaded. */
    delays: number[];
    plane_noise: number[];
    summary: SeriesSummary;
  }

  interface SeriesSimulationResult {
    peaks: Peak[];
    truth: PeakResult[];
    /** The true R of each truth row, 1/s. */
    rates_per_s: number[];
    /** Now the engine's delays. */
    delays_s: number[];
  }

  /** The tables `voigtfit series -o PREFIX` writes as PREFIX.NAME.csv (series_table_names()). */
  type SeriesTable = 'shapes' | 'planes' | 'planes_wide' | 'rates' | 'intensities';

  interface Progress {
    tasks_done: number;
    tasks_total: number;
    peaks_done: number;
    current_assignment: string;
  }
  /** Called after each cluster, on the calling thread. true or 'abort' cancels: the clusters not
   *  yet fitted get status 'cancelled'. A throw cancels too, and fit() rethrows it. */
  type ProgressCallback = (progress: Progress) => boolean | 'abort' | void;

  interface SimulationResult {
    /** The listed peaks, now the engine's peak list. */
    peaks: Peak[];
    /** Every simulated peak (listed, then unlisted) with its true parameters. */
    truth: PeakResult[];
  }

  /** One spectrum or series (its heap copy is the only copy), one peak list, the delays, the last
   *  fits. Call delete(). */
  class Engine {
    constructor();
    /** Copies the file's bytes into the heap once; NMRPipe or Sparky UCSF (2D or pseudo-3D), from
     *  the content. The previous spectrum, peaks, delays and results are released first (to make
     *  room), also on failure. */
    load_spectrum(bytes: Uint8Array, name: string): SpectrumInfo;
    /** A series from one 2D file per plane, in series order (as `voigtfit series P1 P2 ... PEAKS`);
     *  `names` label the intensity table's columns. Releases the previous state like load_spectrum. */
    load_planes(files: Uint8Array[], names: string[]): SpectrumInfo;
    info(): SpectrumInfo;
    /** A copy of plane k: y_size rows of x_size values, x fastest (contour-ready). */
    plane_data(plane: number): Float32Array;
    /** Parses a peak list (after the spectrum: its axes convert point positions to ppm). */
    load_peaks(text: string, name: string, format: PeakListFormat): Peak[];
    /** Picks the peaks of plane `plane` (as `voigtfit pick`); they become the engine's peak list,
     *  named P1, P2, ... with the picked height and widths as hints. */
    pick_peaks(options: Partial<PickOptions>, plane: number): Peak[];
    /** A vclist/vdlist (one delay a line, optional s/ms/us unit), each value x factor; one per
     *  plane of the loaded spectrum (as `voigtfit series --delays NAME --delay-factor F`). */
    load_delays(text: string, name: string, factor: number): number[];
    /** Simulates a spectrum and makes it and its listed peaks the engine's. */
    simulate(options: Partial<SimulationOptions>): SimulationResult;
    /** Simulates a relaxation series with known rates; it, its peaks and its delays become the engine's. */
    simulate_series(options: Partial<SeriesSimulationOptions>): SeriesSimulationResult;
    /** Options not given keep default_fit_options(). threads <= 0: the whole pool; clamped to
     *  pool_size() (voigtfit_st: always 1). Throws an Error with the CLI's message on bad input. */
    fit(options: Partial<FitOptions>, threads: number, progress: ProgressCallback | null): FitResults;
    /** Fits the series (shapes on the reference plane, heights per plane, a rate per peak) as
     *  `voigtfit series` does; threads and progress as fit() (tasks_total counts every pass). */
    fit_series(fitOptions: Partial<FitOptions>, seriesOptions: Partial<SeriesOptions>, threads: number,
               progress: ProgressCallback | null): SeriesResults;
    /** A table of the last series fit, as `voigtfit series -o PREFIX` writes PREFIX.NAME.csv. */
    series_table(name: SeriesTable): string;
    /** The last fit's peaks summed over the plane it fitted, as plane_data() lays a plane out
     *  (data - model is the residual map). */
    model_data(): Float32Array;
    /** The last fit as `voigtfit fit -o` writes it. */
    results_csv(): string;
    /** The last fit as `voigtfit fit --format lunanmr` writes it. */
    results_lunanmr(): string;
    /** The last fit as `voigtfit fit --format nef` writes it (NEF 1.1, one 2D peak list). */
    results_nef(): string;
    /** The last fit as `voigtfit fit --format tab` writes it (NMRPipe .tab, nlinLS columns). */
    results_tab(): string;
    /** The last fit as `voigtfit fit --format sparky` writes it (Sparky .list). */
    results_sparky(): string;
    /** The last fit as `voigtfit fit --json` writes it (with the slices). */
    results_json(): string;
    delete(): void;
  }

  interface HeapBytes {
    /** The most the heap can hold: fixed in voigtfit_mt, the growth limit in voigtfit_st. */
    max: number;
    /** What malloc can still hand out. */
    free: number;
    /** The most the heap has held so far (malloc's high-water footprint). */
    peak: number;
  }

  interface VoigtfitModule {
    Engine: typeof Engine;
    default_fit_options(): FitOptions;
    default_simulation_options(): SimulationOptions;
    default_series_options(): SeriesOptions;
    default_series_simulation_options(): SeriesSimulationOptions;
    series_table_names(): SeriesTable[];
    default_pick_options(): PickOptions;
    /** What the bytes hold: a spectrum, a peak list, a delays list, or unknown (as the CLI's
     *  readers would take them, whatever the file's name). */
    classify_input(bytes: Uint8Array): InputKind;
    /** Threads a fit can use: the pthread pool's size (voigtfit_st: 1). */
    pool_size(): number;
    heap_bytes(): HeapBytes;
    /** Ends the pool's Workers so that Node can exit; the module is unusable afterwards. */
    terminate_workers(): void;
  }
}

export = createVoigtfit;
