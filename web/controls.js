// The toolbar's engine status and controls (UI module): set from what the engine says it is and
// its defaults (never the page's own), enabled by what the page holds, and read back as the
// engine's option objects.
const $ = (id) => document.getElementById(id);

// Which build runs (and why), the threads it offers, and the controls at the engine's defaults.
export function announceEngine(env) {
  const s = $('engine-status');
  if (env.build === 'mt') {
    s.textContent = `Engine: multi-threaded WebAssembly (voigtfit_mt, ${env.poolSize} threads available)`;
    s.className = 'engine-status mt';
  } else {
    s.textContent = 'Engine: single-threaded WebAssembly (voigtfit_st) — this page is not cross-origin ' +
      'isolated (no COOP/COEP headers), so threads are unavailable';
    s.className = 'engine-status fallback';
  }
  s.dataset.build = env.build;
  const threads = $('threads');
  const max = env.build === 'mt' ? env.poolSize : 1;
  threads.max = max;
  threads.value = Math.min(navigator.hardwareConcurrency || 1, max);
  threads.disabled = max === 1;
  $('threads-note').textContent = `(navigator.hardwareConcurrency = ${navigator.hardwareConcurrency})`;
  // The fit options start at the engine's defaults (default_fit_options()), never the page's own.
  const d = env.defaultFitOptions;
  $('fit-shape').value = d.shape;
  $('fit-baseline').value = d.baseline;
  $('fit-connect').value = d.connect_level_noise;
  $('fit-detect').checked = d.detect_missed_peaks;
  $('fit-reconcile').checked = d.reconcile;
  $('pick-threshold').value = env.defaultPickOptions.threshold_noise;
}
// The options the user set, as FitOptions fields (`plane` for a 2D fit; a series fits every
// plane); the engine checks them (a bad value is its Error).
export function fitOptions(plane) {
  return { shape: $('fit-shape').value, baseline: $('fit-baseline').value,
           connect_level_noise: Number($('fit-connect').value), detect_missed_peaks: $('fit-detect').checked,
           reconcile: $('fit-reconcile').checked, ...(plane === undefined ? {} : { plane }) };
}

// Which controls can be used now: nothing that changes the engine's state while it fits, exports
// only of what exists. `state` is app.js's UI state.
export function setControls(state) {
  const busy = !!state.fitting;
  $('run-button').disabled = busy || !state.spectrum || !state.peaks.length;
  $('cancel-button').disabled = !busy;
  $('export-csv').disabled = busy || !(state.results || state.series);
  $('export-json').disabled = $('export-list').disabled = busy || !state.results;
  $('contour-show').disabled = busy || !state.results;
  $('export-plot-svg').disabled = $('export-plot-png').disabled = busy || !state.spectrum;
  $('export-peak-svg').disabled = $('export-peak-png').disabled =
    busy || state.selected < 0 || !(state.results || state.series);
  $('demo-button').disabled = $('demo-series-button').disabled = busy;
  $('pick-button').disabled = busy || !state.spectrum;
  $('file-input').disabled = busy;
  for (const id of ['fit-shape', 'fit-baseline', 'fit-connect', 'fit-joint', 'delay-factor', 'pick-threshold', 'plane', 'fit-detect', 'fit-reconcile']) $(id).disabled = busy;
}
