// UI wiring only: the engine lives behind EngineBridge (its Worker), the views are UI modules
// that take data and callbacks. The compute steps are plain async functions (signal, ..., bridge).
import { EngineBridge } from './engine-bridge.js';
import { ContourPlot } from './contour-plot.js';
import { ResultsTable } from './results-table.js';
import { SlicePlot } from './slice-plot.js';
import { SeriesView } from './series-view.js';
import { nextFrame } from './frames.js';
import { svgFigure, pngOf } from './figure.js';
import { download, fileBase, resultFile } from './downloads.js';
import { announceEngine, fitOptions, setControls } from './controls.js';
import { onDroppedFiles } from './drop-target.js';

// The bundled demo: the engine's simulated spectrum, as `voigtfit simulate demo --peaks 150 --seed 1`.
export const DEMO = { num_peaks: 150, seed: 1 };
// The demo series: the same peaks decaying over the engine's default delays (10 planes, 0-0.18 s).
export const DEMO_SERIES = { spectrum: { num_peaks: 150, seed: 1 } };

const $ = (id) => document.getElementById(id);
const bridge = new EngineBridge();
const contour = new ContourPlot($('contour'), { onSelect: (i) => select(i),
  onError: (e) => showMessage(`contour plot: ${e}`) });
const table = new ResultsTable($('table'), { onSelect: (i) => select(i) });
const slices = new SlicePlot($('slices'));
const seriesView = new SeriesView({ table: $('rates-table'), decay: $('decay'), rates: $('rate-plot') },
                                  { onSelect: (i) => select(i) });
slices.clear();

// UI state only: what the views show. What the engine holds (and how to open it again after a
// cancel) is the bridge's. A series is open when delays are loaded (one per plane): the run
// button then fits the series.
const state = { spectrum: null, peaks: [], results: null, series: null, delays: [], truthRates: null,
                sourceName: '', selected: -1, modelShown: false, plane: 0, fitting: null };
window.voigtfitApp = { state, bridge, ready: false };

function showMessage(text, kind = 'error') {
  const m = $('message');
  m.hidden = !text;
  m.textContent = text || '';
  m.className = `message ${kind}`;
}

// ---- compute steps (no DOM) ----
const loadDemo = (signal, b) => b.simulate(signal, DEMO);
async function loadPeakFile(signal, file, b, format = 'auto') {
  return b.openPeaks(signal, await file.text(), file.name, format);
}
async function loadDelaysFile(signal, file, b, factor) {
  return b.openDelays(signal, await file.text(), file.name, factor);
}

// ---- views ----
function noiseOf(info) { return info.noise?.[state.plane] || info.noise?.[0] || 1; }
function drawLevels() {
  if (!state.spectrum) return;
  const lowest = Number($('lowest-level').value) * noiseOf(state.spectrum.info);
  contour.setLevels({ lowest, factor: 1.4, count: 12 });
}
function markerPeaks() {
  const fitted = state.results || state.series;
  if (fitted) return fitted.rows.map((r) => ({ label: r.assignment, x_ppm: Number.isFinite(r.x_ppm) ? r.x_ppm : r.x_ppm_in,
    y_ppm: Number.isFinite(r.y_ppm) ? r.y_ppm : r.y_ppm_in, quality: r.quality }));
  return state.peaks.map((p) => ({ label: p.assignment, x_ppm: p.x_ppm, y_ppm: p.y_ppm }));
}
const isSeries = () => state.delays.length > 0;
function seriesNote() {
  if (!isSeries()) return '';
  const d = state.delays;
  return `; series of ${d.length} planes, delays ${d.slice(0, 4).map((v) => Number(v.toPrecision(4))).join(', ')}${d.length > 4 ? ', …' : ''}`;
}
// Which view the side panel and the table area show: the 2D fit's or the series'.
function showMode() {
  const series = isSeries();
  $('series-view').hidden = !series;
  $('slices').hidden = series;
  $('rates-table').hidden = !series;
  $('table').hidden = series;
  $('run-button').textContent = series ? 'Fit series' : 'Fit all peaks';
}
// A new fit, list or spectrum: the model of the last fit no longer applies.
function forgetModel() {
  if (state.modelShown) contour.setModel(null);
  if ($('contour-show').value !== 'data') { $('contour-show').value = 'data'; contour.show('data'); }
  state.modelShown = false;
}
function clearResults() {
  forgetModel();
  state.results = null;
  state.series = null;
  table.setRows([]);
  seriesView.clear(state.peaks.length ? 'Run the series fit, then click a peak.' : 'Open a peak list to fit.');
}
function showSpectrum({ info, plane, peaks, delays }, sourceName) {
  state.spectrum = { info, plane };
  state.plane = 0;
  $('plane').max = info.num_planes - 1;
  $('plane').value = 0;
  $('plane-choice').hidden = info.num_planes < 2;
  state.peaks = peaks;
  state.delays = delays || [];
  clearResults();
  clearSelection();
  contour.setSpectrum(state.spectrum, { lowest: Number($('lowest-level').value) * noiseOf(info), factor: 1.4, count: 12 });
  contour.setPeaks(markerPeaks());
  slices.clear(peaks.length ? 'Run the fit, then click a peak.' : 'Open a peak list to fit.');
  showSummary();
  $('source-name').textContent = sourceName;
  showMode();
  updateButtons();
}
function showSummary() {
  const info = state.spectrum.info;
  $('summary').textContent = `${info.format}: ${info.x.size_pt} × ${info.y.size_pt} points` +
    `${info.num_planes > 1 ? ` × ${info.num_planes} planes` : ''}, ${info.x.label} × ${info.y.label}, ` +
    `noise ${noiseOf(info).toPrecision(3)}${info.num_planes > 1 ? ` (plane ${state.plane})` : ''}${seriesNote()}; ${state.peaks.length} peaks listed`;
}
function showDelays(delays, name) {
  state.delays = delays;
  clearResults();
  clearSelection();
  contour.setPeaks(markerPeaks());
  showSummary();
  if (name) $('source-name').textContent += ` + ${name}`;
  showMode();
  updateButtons();
}
function showPeaks(peaks, name) {
  state.peaks = peaks;
  clearResults();
  clearSelection();
  contour.setPeaks(markerPeaks());
  slices.clear('Run the fit, then click a peak.');
  $('source-name').textContent = `${state.sourceName} + ${name} (${peaks.length} peaks)`;
  $('summary').textContent = $('summary').textContent.replace(/\d+ peaks listed$/, `${peaks.length} peaks listed`);
  updateButtons();
}
const updateButtons = () => setControls(state);
function clearSelection() {
  state.selected = -1;
  table.select(-1); seriesView.select(-1); contour.select(-1);
  updateButtons();
}
function select(i) {
  state.selected = i;
  updateButtons();
  if (isSeries()) return selectSeriesPeak(i);
  if (!state.results) { slices.clear('Run the fit first.'); contour.select(i); return; }
  const row = state.results.rows[i];
  if (!row) return;
  table.select(i);
  contour.select(i);
  slices.show(row, state.results.slices[i]);
}
function selectSeriesPeak(i) {
  contour.select(i);
  seriesView.select(i);
}
// Results are shown a view per frame: the main thread stays responsive while they arrive.
async function showSeriesResults(s) {
  state.series = s;
  clearSelection();
  await seriesView.setResults(s, state.truthRates?.slice(0, state.peaks.length));
  await nextFrame();
  contour.setPeaks(markerPeaks());
  $('summary').textContent = s.summary.brief_report;
}
// Plane k of a pseudo-3D spectrum: contoured, and the plane a 2D fit fits (a series fits all).
async function showPlane(k) {
  if (!state.spectrum || k === state.plane || !(k >= 0 && k < state.spectrum.info.num_planes)) return;
  try {
    const plane = await bridge.planeData(undefined, k);
    state.plane = k;
    clearResults();
    clearSelection();
    state.spectrum = { info: state.spectrum.info, plane };
    contour.setSpectrum(state.spectrum, { lowest: Number($('lowest-level').value) * noiseOf(state.spectrum.info), factor: 1.4, count: 12 });
    contour.setPeaks(markerPeaks());
    showSummary();
    updateButtons();
  } catch (e) { showMessage(`plane ${k}: ${e.message}`); }
}

// ---- actions ----
async function openDemo() {
  showMessage('');
  const r = await loadDemo(undefined, bridge);
  state.sourceName = `demo (simulated, ${DEMO.num_peaks} peaks, seed ${DEMO.seed})`;
  state.truthRates = null;
  showSpectrum(r, state.sourceName);
}

async function openDemoSeries() {
  showMessage('');
  const r = await bridge.simulateSeries(undefined, DEMO_SERIES);
  state.sourceName = `demo series (simulated, ${DEMO_SERIES.spectrum.num_peaks} peaks, ` +
    `${r.delays.length} planes; × marks the true R)`;
  state.truthRates = r.rates_per_s;
  showSpectrum(r, state.sourceName);
}

// Files are told apart by content, as the CLI's readers see them (a seriesTab list named .ser,
// a spectrum named .dat): never by name.
async function classifyFiles(list) {
  const kinds = [];
  for (const f of list) kinds.push(await bridge.classify(undefined, f));
  const forced = $('peak-format').value !== 'auto';  // the user says what the unknown text is
  const of = (kind) => list.filter((f, k) => kinds[k] === kind || (forced && kind === 'peaks' && kinds[k] === 'unknown'));
  return { spectra: of('spectrum'), peakFiles: of('peaks'), delayFiles: of('delays'),
           unknown: forced ? [] : of('unknown') };
}

async function openFiles(files) {
  if (state.fitting) return;
  showMessage('');
  const { spectra, peakFiles, delayFiles, unknown } = await classifyFiles([...files]);
  // Several spectra are the planes of one series, in name order (plane001.ft2, plane002.ft2, ...).
  spectra.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  try {
    if (unknown.length) {
      throw new Error(`${unknown.map((f) => f.name).join(', ')}: not a readable spectrum (NMRPipe, UCSF), peak list ` +
                      '(CSV, NMRPipe .tab, Sparky, CCPN) or delays list. Nothing was opened; the previous spectrum is kept.');
    }
    if (delayFiles.length > 1) throw new Error('open one delays file (vclist or vdlist) at a time');
    if (spectra.length) {
      const names = spectra.map((f) => f.name).join(', ');
      let r;
      try { r = spectra.length > 1 ? await bridge.openPlanes(undefined, spectra) : await bridge.openSpectrum(undefined, spectra[0]); }
      catch (e) { throw new Error(`${names}: not a readable NMRPipe or UCSF ${spectra.length > 1 ? 'series' : 'spectrum'} — ${e.message}. The previous spectrum is kept.`); }
      state.sourceName = spectra.length > 1 ? `${spectra[0].name} … ${spectra.at(-1).name} (${spectra.length} planes)` : spectra[0].name;
      state.truthRates = null;
      showSpectrum(r, state.sourceName);
    }
    for (const f of peakFiles) {
      try {
        const { peaks } = await loadPeakFile(undefined, f, bridge, $('peak-format').value);
        showPeaks(peaks, f.name);
      } catch (e) {
        throw new Error(`${f.name}: the peak list could not be read — ${e.message}. The previous peak list is kept.`);
      }
    }
    for (const f of delayFiles) {
      try {
        const { delays } = await loadDelaysFile(undefined, f, bridge, delayFactor());
        showDelays(delays, f.name);
      } catch (e) {
        throw new Error(`${f.name}: the delays could not be used — ${e.message}`);
      }
    }
  } catch (e) {
    showMessage(e.message);
  }
}

// Contours of the data, the last fit's model, or the residual (data - model), at the same levels.
async function showContours(what) {
  try {
    if (what !== 'data' && !state.modelShown) {
      contour.setModel(await bridge.modelPlane());
      state.modelShown = true;
    }
    contour.show(what);
  } catch (e) { showMessage(`could not show the ${what}: ${e.message}`); }
}

// The spectrum's own peaks (the engine's picker) become the peak list.
async function pickPeaks() {
  showMessage('');
  try {
    const { peaks } = await bridge.pickPeaks(undefined, { threshold_noise: Number($('pick-threshold').value) }, 0);
    showPeaks(peaks, `peaks picked above ${$('pick-threshold').value} × noise`);
  } catch (e) { showMessage(`peak picking failed: ${e.message}`); }
}

function delayFactor() { return Number($('delay-factor').value) || 1; }
async function changeDelayFactor() {
  if (!state.delays.length || state.fitting) return;
  showMessage('');
  try {
    const r = await bridge.setDelayFactor(undefined, delayFactor());
    if (r) showDelays(r.delays);
  } catch (e) { showMessage(`delays: ${e.message}`); }
}

async function runFit() {
  const controller = new AbortController();
  const series = isSeries();
  state.fitting = controller;
  forgetModel();
  state.results = null;
  state.series = null;
  updateButtons();
  showMessage('');
  const threads = Number($('threads').value) || 1;
  const bar = $('progress'), text = $('progress-text');
  bar.value = 0;
  text.textContent = 'starting…';
  const t0 = performance.now();
  try {
    const onProgress = (p) => {
      bar.max = p.tasks_total || 1;
      bar.value = p.tasks_done;
      const rate = p.peaks_done / Math.max(p.elapsed_s, 1e-3);
      text.textContent = `${p.peaks_done}/${state.peaks.length} peaks · ${rate.toFixed(0)} peaks/s`;
    };
    if (series) {
      const result = await bridge.fitSeries(controller.signal, fitOptions(), { joint_fit: $('fit-joint').checked },
                                            threads, onProgress);
      bar.max = 1; bar.value = 1;
      const s = result.summary.shapes;
      text.textContent = `${result.rows.length} peaks × ${result.delays.length} planes · ` +
        `${s.wall_time_s.toFixed(2)} s on ${s.threads_used} thread${s.threads_used > 1 ? 's' : ''}`;
      await showSeriesResults(result);
      return;
    }
    const result = await bridge.fit(controller.signal, fitOptions(state.plane), threads, onProgress);
    state.results = result;
    bar.max = 1; bar.value = 1;
    const s = result.summary;
    text.textContent = `${result.rows.length}/${result.rows.length} peaks · ${(result.rows.length / Math.max(s.wall_time_s, 1e-6)).toFixed(0)} peaks/s · ` +
      `${s.wall_time_s.toFixed(2)} s on ${s.threads_used} thread${s.threads_used > 1 ? 's' : ''}`;
    clearSelection();
    table.setRows(result.rows);
    await nextFrame();
    contour.setPeaks(markerPeaks());
    $('summary').textContent = s.brief_report;
    slices.clear('Click a peak in the table or on the contour plot.');
  } catch (e) {
    if (e.name === 'AbortError') {
      text.textContent = `cancelled after ${((performance.now() - t0) / 1000).toFixed(1)} s`;
      bar.value = 0;
      showMessage('Fit cancelled; the engine restarts with the same spectrum, peak list and delays.', 'info');
    } else {
      text.textContent = '';
      showMessage(`fit failed: ${e.message}`);
    }
  } finally {
    state.fitting = null;
    updateButtons();
  }
}

async function exportResults(kind) {
  try {
    // A series exports its rates table, as `voigtfit series -o PREFIX` writes PREFIX.rates.csv.
    if (state.series && kind === 'csv') kind = 'rates';
    const { name, type } = resultFile(state.sourceName, kind);
    download(await bridge.exportText(undefined, kind), name, type);
  } catch (e) { showMessage(`export failed: ${e.message}`); }
}

// A figure to keep: the spectrum as shown (contours, markers, zoom), or the selected peak's view
// (its cross-sections, or its decay in a series), as SVG or PNG.
async function exportFigure(what, kind) {
  try {
    let figure, name;
    if (what === 'plot') {
      figure = svgFigure([await contour.figure()], state.sourceName);
      name = `${fileBase(state.sourceName)}.spectrum`;
    } else {
      const host = isSeries() ? $('decay') : $('slices');
      const title = host.querySelector('h3')?.textContent || '';
      figure = svgFigure([...host.querySelectorAll('svg')], title);
      name = `${fileBase(state.sourceName)}.${fileBase(title.split(' — ')[0])}`;
    }
    if (kind === 'svg') download(figure.text, `${name}.svg`, 'image/svg+xml');
    else download(await pngOf(figure), `${name}.png`, 'image/png');
  } catch (e) { showMessage(`figure export failed: ${e.message}`); }
}

// ---- wiring ----
$('file-input').addEventListener('change', (e) => { openFiles(e.target.files); e.target.value = ''; });
$('demo-button').addEventListener('click', () => openDemo().catch((e) => showMessage(e.message)));
$('demo-series-button').addEventListener('click', () => openDemoSeries().catch((e) => showMessage(e.message)));
$('delay-factor').addEventListener('change', changeDelayFactor);
$('lowest-level').addEventListener('change', drawLevels);
$('contour-show').addEventListener('change', (e) => showContours(e.target.value));
$('plane').addEventListener('change', (e) => showPlane(Number(e.target.value)));
$('run-button').addEventListener('click', runFit);
$('pick-button').addEventListener('click', pickPeaks);
$('cancel-button').addEventListener('click', () => state.fitting?.abort());
$('export-csv').addEventListener('click', () => exportResults('csv'));
$('export-json').addEventListener('click', () => exportResults('json'));
$('export-list').addEventListener('click', () => exportResults($('export-list-format').value));
for (const what of ['plot', 'peak'])
  for (const kind of ['svg', 'png']) $(`export-${what}-${kind}`).addEventListener('click', () => exportFigure(what, kind));
onDroppedFiles($('drop-overlay'), openFiles);

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
