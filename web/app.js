// UI wiring only: the engine lives behind EngineBridge (its Worker), the views are UI modules
// that take data and callbacks. The compute steps are plain async functions (signal, ..., bridge).
import { EngineBridge } from './engine-bridge.js';
import { ContourPlot } from './contour-plot.js';
import { ResultsTable } from './results-table.js';
import { SlicePlot } from './slice-plot.js';

// The bundled demo: the engine's simulated spectrum, as `voigtfit simulate demo --peaks 150 --seed 1`.
export const DEMO = { num_peaks: 150, seed: 1 };
const SPECTRUM_EXT = /\.(ft\d?|fid|pipe|dat|ucsf|nv)$/i;
const PEAKS_EXT = /\.(csv|tab|list|txt|peaks|sparky|xpk)$/i;

const $ = (id) => document.getElementById(id);
const bridge = new EngineBridge();
const contour = new ContourPlot($('contour'), { onSelect: (i) => select(i),
  onError: (e) => showMessage(`contour plot: ${e}`) });
const table = new ResultsTable($('table'), { onSelect: (i) => select(i) });
const slices = new SlicePlot($('slices'));
slices.clear();

// Page state. `source` says how to rebuild the engine's state after a cancel ended the worker.
const state = { spectrum: null, peaks: [], results: null, source: null, peakFile: null, fitting: null };
window.voigtfitApp = { state, bridge, ready: false };

function showMessage(text, kind = 'error') {
  const m = $('message');
  m.hidden = !text;
  m.textContent = text || '';
  m.className = `message ${kind}`;
}

// ---- compute steps (no DOM) ----
const loadDemo = (signal, b) => b.simulate(signal, DEMO);
async function loadSpectrumFile(signal, file, b) {
  return b.openSpectrum(signal, await file.arrayBuffer(), file.name);
}
async function loadPeakFile(signal, file, b, format = 'auto') {
  return b.openPeaks(signal, await file.text(), file.name, format);
}

// ---- views ----
function noiseOf(info) { return info.noise?.[0] || 1; }
function drawLevels() {
  if (!state.spectrum) return;
  const lowest = Number($('lowest-level').value) * noiseOf(state.spectrum.info);
  contour.setLevels({ lowest, factor: 1.4, count: 12 });
}
function markerPeaks() {
  if (state.results) return state.results.rows.map((r) => ({ label: r.assignment, x_ppm: Number.isFinite(r.x_ppm) ? r.x_ppm : r.x_ppm_in,
    y_ppm: Number.isFinite(r.y_ppm) ? r.y_ppm : r.y_ppm_in, quality: r.quality }));
  return state.peaks.map((p) => ({ label: p.assignment, x_ppm: p.x_ppm, y_ppm: p.y_ppm }));
}
function showSpectrum({ info, plane, peaks }, sourceName) {
  state.spectrum = { info, plane };
  state.peaks = peaks;
  state.results = null;
  clearSelection();
  contour.setSpectrum(state.spectrum, { lowest: Number($('lowest-level').value) * noiseOf(info), factor: 1.4, count: 12 });
  contour.setPeaks(markerPeaks());
  table.setRows([]);
  slices.clear(peaks.length ? 'Run the fit, then click a peak.' : 'Open a peak list to fit.');
  $('summary').textContent = `${info.format}: ${info.x.size_pt} × ${info.y.size_pt} points, ` +
    `${info.x.label} × ${info.y.label}, noise ${noiseOf(info).toPrecision(3)}; ${peaks.length} peaks listed`;
  $('source-name').textContent = sourceName;
  updateButtons();
}
function showPeaks(peaks, name) {
  state.peaks = peaks;
  state.results = null;
  clearSelection();
  contour.setPeaks(markerPeaks());
  table.setRows([]);
  slices.clear('Run the fit, then click a peak.');
  $('source-name').textContent = `${state.source?.name ?? ''} + ${name} (${peaks.length} peaks)`;
  $('summary').textContent = $('summary').textContent.replace(/\d+ peaks listed$/, `${peaks.length} peaks listed`);
  updateButtons();
}
function updateButtons() {
  const busy = !!state.fitting;
  $('run-button').disabled = busy || !state.spectrum || !state.peaks.length;
  $('cancel-button').disabled = !busy;
  $('export-csv').disabled = $('export-json').disabled = busy || !state.results;
  $('demo-button').disabled = busy;
  $('file-input').disabled = busy;
}
function clearSelection() { table.select(-1); contour.select(-1); }
function select(i) {
  if (!state.results) { slices.clear('Run the fit first.'); contour.select(i); return; }
  const row = state.results.rows[i];
  if (!row) return;
  table.select(i);
  contour.select(i);
  slices.show(row, state.results.slices[i]);
}
function announceEngine(env) {
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
}

// ---- actions ----
async function openDemo() {
  showMessage('');
  const r = await loadDemo(undefined, bridge);
  state.source = { kind: 'demo', name: `demo (simulated, ${DEMO.num_peaks} peaks, seed ${DEMO.seed})` };
  state.peakFile = null;
  showSpectrum(r, state.source.name);
}

async function openFiles(files) {
  if (state.fitting) return;
  const list = [...files];
  const spectra = list.filter((f) => !PEAKS_EXT.test(f.name));
  const peakFiles = list.filter((f) => PEAKS_EXT.test(f.name));
  showMessage('');
  try {
    if (spectra.length > 1) throw new Error('open one spectrum at a time');
    if (spectra.length) {
      const f = spectra[0];
      let r;
      try { r = await loadSpectrumFile(undefined, f, bridge); }
      catch (e) { throw new Error(`${f.name}: not a readable NMRPipe or UCSF spectrum — ${e.message}. The previous spectrum is kept.`); }
      state.source = { kind: 'file', file: f, name: f.name };
      state.peakFile = r.peaks.length ? state.peakFile : null;
      showSpectrum(r, f.name);
    }
    for (const f of peakFiles) {
      try {
        const { peaks } = await loadPeakFile(undefined, f, bridge, $('peak-format').value);
        state.peakFile = f;
        showPeaks(peaks, f.name);
      } catch (e) {
        throw new Error(`${f.name}: the peak list could not be read — ${e.message}. The previous peak list is kept.`);
      }
    }
  } catch (e) {
    showMessage(e.message);
  }
}

// After a cancel the worker is gone: rebuild the engine's spectrum and peaks from the source.
async function restoreSource() {
  const s = state.source;
  if (!s) return;
  if (s.kind === 'demo') await loadDemo(undefined, bridge);
  else await loadSpectrumFile(undefined, s.file, bridge);
  if (state.peakFile) await loadPeakFile(undefined, state.peakFile, bridge, $('peak-format').value);
}

async function runFit() {
  const controller = new AbortController();
  state.fitting = controller;
  state.results = null;
  updateButtons();
  showMessage('');
  const threads = Number($('threads').value) || 1;
  const bar = $('progress'), text = $('progress-text');
  bar.value = 0;
  text.textContent = 'starting…';
  const t0 = performance.now();
  try {
    const result = await bridge.fit(controller.signal, {}, threads, (p) => {
      bar.max = p.tasks_total || 1;
      bar.value = p.tasks_done;
      const rate = p.peaks_done / Math.max(p.elapsed_s, 1e-3);
      text.textContent = `${p.peaks_done}/${state.peaks.length} peaks · ${rate.toFixed(0)} peaks/s`;
    });
    state.results = result;
    bar.max = 1; bar.value = 1;
    const s = result.summary;
    text.textContent = `${result.rows.length}/${result.rows.length} peaks · ${(result.rows.length / Math.max(s.wall_time_s, 1e-6)).toFixed(0)} peaks/s · ` +
      `${s.wall_time_s.toFixed(2)} s on ${s.threads_used} thread${s.threads_used > 1 ? 's' : ''}`;
    clearSelection();
    table.setRows(result.rows);
    contour.setPeaks(markerPeaks());
    $('summary').textContent = s.brief_report;
    slices.clear('Click a peak in the table or on the contour plot.');
  } catch (e) {
    if (e.name === 'AbortError') {
      text.textContent = `cancelled after ${((performance.now() - t0) / 1000).toFixed(1)} s`;
      bar.value = 0;
      showMessage('Fit cancelled; the engine was restarted with the same spectrum.', 'info');
      state.fitting = null;
      try { await restoreSource(); } catch (err) { showMessage(`could not restore the spectrum: ${err.message}`); }
    } else {
      text.textContent = '';
      showMessage(`fit failed: ${e.message}`);
    }
  } finally {
    state.fitting = null;
    updateButtons();
  }
}

function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
async function exportResults(kind) {
  try {
    const text = await bridge.exportText(undefined, kind);
    const base = (state.source?.name || 'spectrum').replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_');
    download(text, `${base}.voigtfit.${kind}`, kind === 'csv' ? 'text/csv' : 'application/json');
  } catch (e) { showMessage(`export failed: ${e.message}`); }
}

// ---- wiring ----
$('file-input').addEventListener('change', (e) => { openFiles(e.target.files); e.target.value = ''; });
$('demo-button').addEventListener('click', () => openDemo().catch((e) => showMessage(e.message)));
$('lowest-level').addEventListener('change', drawLevels);
$('run-button').addEventListener('click', runFit);
$('cancel-button').addEventListener('click', () => state.fitting?.abort());
$('export-csv').addEventListener('click', () => exportResults('csv'));
$('export-json').addEventListener('click', () => exportResults('json'));
const overlay = $('drop-overlay');
let dragDepth = 0;
addEventListener('dragenter', (e) => { e.preventDefault(); if (++dragDepth === 1) overlay.hidden = false; });
addEventListener('dragleave', () => { if (--dragDepth <= 0) { dragDepth = 0; overlay.hidden = true; } });
addEventListener('dragover', (e) => e.preventDefault());
addEventListener('drop', (e) => {
  e.preventDefault();
  dragDepth = 0;
  overlay.hidden = true;
  if (e.dataTransfer?.files?.length) openFiles(e.dataTransfer.files);
});

(async () => {
  try {
    announceEngine(await bridge.init());
    await openDemo();
    window.voigtfitApp.ready = true;
  } catch (e) {
    $('engine-status').textContent = 'Engine failed to start';
    showMessage(e.message);
  }
})();
