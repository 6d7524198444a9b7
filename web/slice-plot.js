// Cross-sections of one peak (UI module: data in, nothing out): for the x and y slice, data as
// points, the fit as a line and the residual below, ppm decreasing to the right; then the fitted
// parameters with their errors. slices: {x, y} each {ppm, data, fit, residual} (Float64Arrays).
import { el } from './svg.js';

function drawAxis(host, title, s) {
  const W = 420, H = 220, m = { l: 52, r: 10, t: 20, b: 32 };
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, class: 'slice', 'data-axis': title }, host);
  el('text', { x: m.l, y: 14, class: 'slice-title' }, svg).textContent = title;
  if (!s || !s.ppm.length) {
    el('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, svg).textContent = 'no slice (not fitted)';
    return;
  }
  const n = s.ppm.length;
  const lo = Math.min(...s.ppm), hi = Math.max(...s.ppm);
  const vals = [...s.data, ...s.fit, ...s.residual].filter(Number.isFinite);
  const vmin = Math.min(0, ...vals), vmax = Math.max(...vals);
  const px = (p) => m.l + (hi - p) / (hi - lo || 1) * (W - m.l - m.r);
  const py = (v) => m.t + (vmax - v) / (vmax - vmin || 1) * (H - m.t - m.b);
  el('line', { x1: m.l, x2: W - m.r, y1: py(0), y2: py(0), class: 'zero' }, svg);
  const line = (arr, cls) => {
    let d = '';
    for (let i = 0; i < n; ++i) if (Number.isFinite(arr[i])) d += `${d ? 'L' : 'M'}${px(s.ppm[i]).toFixed(1)},${py(arr[i]).toFixed(1)}`;
    el('path', { d, class: cls }, svg);
  };
  line(s.residual, 'residual');
  line(s.fit, 'fit');
  const dots = el('g', { class: 'data' }, svg);
  for (let i = 0; i < n; ++i) el('circle', { cx: px(s.ppm[i]).toFixed(1), cy: py(s.data[i]).toFixed(1), r: 1.8 }, dots);
  for (const [p, anchor] of [[hi, 'start'], [lo, 'end']])
    el('text', { x: px(p), y: H - 12, 'text-anchor': anchor }, svg).textContent = p.toFixed(3);
  el('text', { x: 4, y: py(vmax) + 4 }, svg).textContent = vmax.toPrecision(3);
  el('text', { x: 4, y: py(0) + 4 }, svg).textContent = '0';
  const legend = el('g', { class: 'legend', transform: `translate(${W - 175},14)` }, svg);
  [['data', 'data'], ['fit', 'fit'], ['residual', 'residual']].forEach(([cls, t], k) => {
    el('line', { x1: k * 55, x2: k * 55 + 12, y1: -4, y2: -4, class: cls === 'data' ? 'data-key' : cls }, legend);
    el('text', { x: k * 55 + 14, y: 0 }, legend).textContent = t;
  });
}

const pm = (v, e, digits) => Number.isFinite(v)
  ? `${v.toFixed(digits)}${Number.isFinite(e) ? ` ± ${e.toFixed(digits)}` : ''}` : '–';
const g = (v, e) => Number.isFinite(v) ? `${v.toPrecision(6)}${Number.isFinite(e) ? ` ± ${e.toPrecision(2)}` : ''}` : '–';

export class SlicePlot {
  constructor(host) { this.host = host; }

  clear(message = 'Click a peak in the table or on the contour plot.') {
    this.host.replaceChildren();
    const p = document.createElement('p');
    p.className = 'hint';
    p.textContent = message;
    this.host.appendChild(p);
  }

  // row: PeakResult; slices: {x, y}
  show(row, slices) {
    this.host.replaceChildren();
    const h = document.createElement('h3');
    h.textContent = `${row.assignment || `peak ${row.index}`} — ${row.status}, ${row.quality}`;
    this.host.appendChild(h);
    const plots = document.createElement('div');
    plots.className = 'slice-pair';
    this.host.appendChild(plots);
    drawAxis(plots, 'x cross-section', slices?.x);
    drawAxis(plots, 'y cross-section', slices?.y);
    const dl = document.createElement('dl');
    dl.className = 'params';
    const items = [
      ['x (ppm)', pm(row.x_ppm, row.x_ppm_err, 5)], ['y (ppm)', pm(row.y_ppm, row.y_ppm_err, 4)],
      ['height', g(row.height, row.height_err)], ['volume', g(row.volume, row.volume_err)],
      ['FWHM x / y (Hz)', `${pm(row.fwhm_x_hz, NaN, 2)} / ${pm(row.fwhm_y_hz, NaN, 2)}`],
      ['σ, γ x (Hz)', `${pm(row.sigma_x_hz, NaN, 2)}, ${pm(row.gamma_x_hz, NaN, 2)}`],
      ['σ, γ y (Hz)', `${pm(row.sigma_y_hz, NaN, 2)}, ${pm(row.gamma_y_hz, NaN, 2)}`],
      ['R² / SNR / χ²ᵣ', `${pm(row.r2, NaN, 4)} / ${pm(row.snr, NaN, 1)} / ${pm(row.chi2_red, NaN, 3)}`],
      ['cluster', `${row.cluster} (${row.cluster_size} peaks), ${row.iterations} iterations`],
    ];
    if (row.flags) items.push(['flags', row.flags]);
    if (row.message) items.push(['message', row.message]);
    for (const [k, v] of items) {
      const dt = document.createElement('dt'), dd = document.createElement('dd');
      dt.textContent = k; dd.textContent = v;
      dl.append(dt, dd);
    }
    this.host.appendChild(dl);
  }
}
