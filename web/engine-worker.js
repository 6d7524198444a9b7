// The engine's dedicated Worker (classic script): the only code that loads voigtfit_mt/_st.
// Picks the build by feature test (shared/TOOLCHAIN.md §5.6, like Squoosh's
// supports-wasm-threads.ts), initialises it once (cached promise), and answers the bridge's
// messages {id, method, args} with {id, result} or {id, error}; a fit also posts {id, progress}.
// Results are plain objects and fresh typed arrays (never heap views); their buffers are
// transferred, so each array crosses to the page once.
'use strict';

function detect() {
  let wasmThreads = false;
  try {
    wasmThreads = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof SharedArrayBuffer;
  } catch (e) { wasmThreads = false; }
  const env = {
    crossOriginIsolated: self.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    wasmThreads,
    hardwareConcurrency: navigator.hardwareConcurrency || 1,
    // Both modules are built with -msimd128 (TOOLCHAIN §5.6 probe: one v128 instruction).
    wasmSimd: WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0,
                                                   10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11])),
  };
  env.build = env.crossOriginIsolated && env.sharedArrayBuffer && env.wasmThreads ? 'mt' : 'st';
  return env;
}

let ready = null;  // Promise<{M, env}>
let engine = null; // the Engine holding the current spectrum (the bridge records how it was made)

function init() {
  if (ready) return ready;
  const env = detect();
  const base = new URL(`wasm/${env.build}/`, self.location.href).href;
  const script = `${base}voigtfit_${env.build}.js`;
  ready = new Promise((resolve, reject) => {
    if (!env.wasmSimd) {
      reject(new Error('this browser does not run WebAssembly SIMD, which the engine is built with ' +
                       '(Chrome/Edge 91+, Firefox 89+, Safari 16.4+ do)'));
      return;
    }
    try {
      importScripts(script);
    } catch (e) {
      reject(new Error(`could not load ${script}: ${e.message}. Run bash scripts/build_wasm.sh`));
      return;
    }
    const options = { locateFile: (p) => base + p, mainScriptUrlOrBlob: script };
    if (env.build === 'mt') options.pthreadPoolSize = env.hardwareConcurrency;
    self.createVoigtfit(options).then((M) => {
      env.poolSize = M.pool_size();
      env.defaultFitOptions = M.default_fit_options();
      env.defaultSimulationOptions = M.default_simulation_options();
      env.defaultPickOptions = M.default_pick_options();
      resolve({ M, env });
    }, (e) => reject(new Error(`could not start voigtfit_${env.build}: ${e && e.message || e}`)));
  });
  return ready;
}

// The plane shown by the contour plot, plus the axes: a fresh Float32Array to transfer.
function spectrumMessage(info, extra = {}) {
  return { info, plane: engine.plane_data(0), ...extra };
}

// Makes `next` the engine once `load` has filled it; a failed load leaves the current engine as
// it was (so a bad file keeps the open spectrum, its peak list and delays).
function adopt(next, load) {
  try {
    const info = load(next);
    if (engine) engine.delete();
    engine = next;
    return info;
  } catch (e) { next.delete(); throw e; }
}

function reportProgress(id) {
  let last = 0;
  const start = performance.now();
  return (p) => {
    const now = performance.now();
    if (now - last > 50 || p.tasks_done === p.tasks_total) {
      last = now;
      self.postMessage({ id, progress: { ...p, elapsed_s: (now - start) / 1000 } });
    }
    return false;
  };
}

const methods = {
  async init() { return (await init()).env; },

  async simulate(options) {
    const { M } = await init();
    let sim;
    const info = adopt(new M.Engine(), (next) => { sim = next.simulate(options); return next.info(); });
    return spectrumMessage(info, { peaks: sim.peaks });
  },

  async simulateSeries(options) {
    const { M } = await init();
    let sim;
    const info = adopt(new M.Engine(), (next) => { sim = next.simulate_series(options); return next.info(); });
    return spectrumMessage(info, { peaks: sim.peaks, delays: sim.delays_s, rates_per_s: sim.rates_per_s });
  },

  async openSpectrum(bytes, name) {
    const { M } = await init();
    return spectrumMessage(adopt(new M.Engine(), (next) => next.load_spectrum(new Uint8Array(bytes), name)));
  },

  async openPlanes(buffers, names) {
    const { M } = await init();
    return spectrumMessage(adopt(new M.Engine(), (next) => next.load_planes(buffers.map((b) => new Uint8Array(b)), names)));
  },

  // What a file holds ('spectrum', 'peaks', 'delays', 'unknown'), from its first bytes.
  async classify(bytes) {
    const { M } = await init();
    return M.classify_input(new Uint8Array(bytes));
  },

  // The picks of plane `plane` become the peak list.
  async pickPeaks(options, plane) {
    await init();
    if (!engine) throw new Error('open a spectrum before picking its peaks');
    return { peaks: engine.pick_peaks(options || {}, plane || 0) };
  },

  // A failed parse (or a count that is not the plane count) keeps the previous delays.
  async openDelays(text, name, factor) {
    await init();
    if (!engine) throw new Error('open a series before its delays');
    return { delays: engine.load_delays(text, name, factor) };
  },

  // A failed parse keeps the previous peak list (Engine.load_peaks assigns only on success).
  async openPeaks(text, name, format) {
    await init();
    if (!engine) throw new Error('open a spectrum before a peak list');
    return { peaks: engine.load_peaks(text, name, format || 'auto') };
  },

  async fit(options, threads, id) {
    await init();
    if (!engine) throw new Error('no spectrum loaded');
    return engine.fit(options || {}, threads, reportProgress(id));
  },

  // Plane k of the open spectrum (a fresh Float32Array, transferred).
  async planeData(k) {
    await init();
    if (!engine) throw new Error('no spectrum loaded');
    return engine.plane_data(k);
  },

  // The last fit's model over its plane (a fresh Float32Array, transferred).
  async modelPlane() {
    await init();
    if (!engine) throw new Error('no spectrum loaded');
    return engine.model_data();
  },

  async fitSeries(fitOptions, seriesOptions, threads, id) {
    await init();
    if (!engine) throw new Error('no series loaded');
    return engine.fit_series(fitOptions || {}, seriesOptions || {}, threads, reportProgress(id));
  },

  async exportText(kind) {
    await init();
    if (!engine) throw new Error('no spectrum loaded');
    if (kind === 'csv') return engine.results_csv();
    if (kind === 'json') return engine.results_json();
    if (kind === 'lunanmr') return engine.results_lunanmr();
    if (kind === 'nef') return engine.results_nef();
    if (kind === 'tab') return engine.results_tab();
    if (kind === 'sparky') return engine.results_sparky();
    return engine.series_table(kind);  // throws for an unknown name
  },
};

function transferables(value, out = []) {
  if (ArrayBuffer.isView(value)) { if (!out.includes(value.buffer)) out.push(value.buffer); }
  else if (Array.isArray(value)) value.forEach((v) => transferables(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => transferables(v, out));
  return out;
}

self.onmessage = async ({ data: { id, method, args } }) => {
  try {
    if (!methods[method]) throw new Error(`unknown method ${method}`);
    const result = await methods[method](...args, id);
    self.postMessage({ id, result }, transferables(result));
  } catch (e) {
    self.postMessage({ id, error: String(e && e.message || e) });
  }
};
