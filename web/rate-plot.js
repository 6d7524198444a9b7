// R over the peaks of a series (UI module: rates in, onSelect(index) out): one point per peak in
// row order with its ±1 SE error bar, peaks whose rate was not fitted left out; the selected peak
// is highlighted. With `truth` (a simulated series' known rates) a cross marks each true R.
import { el, ticks } from './svg.js';

export class RatePlot {
  constructor(host, { onSelect } = {}) {
    this.host = host;
    this.onSelect = onSelect;
    this.selected = -1;
  }

  clear() { this.host.replaceChildren(); }

  // rates: DecayFit[] parallel to rows; truth: number[] or null
  setRates(rows, rates, truth = null) {
    this.host.replaceChildren();
    const W = 420, H = 200, m = { l: 64, r: 10, t: 18, b: 30 };
    const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, class: 'rate-plot' }, this.host);
    el('text', { x: m.l, y: 12, class: 'plot-title' }, svg).textContent = 'R over the peaks (±1 SE)';
    const fitted = rates.map((f, i) => ({ i, f })).filter(({ f }) => f.status === 'ok' && Number.isFinite(f.r));
    // The range of the rates, widened by the error bars that are not larger than that range (a
    // few unidentifiable rates with huge errors would otherwise flatten every other point); the
    // rest are clipped at the frame.
    const r = fitted.map(({ f }) => f.r);
    const spread = Math.max(...r) - Math.min(...r) || Math.abs(r[0]) || 1;
    const values = [...r, ...fitted.flatMap(({ f }) => (f.r_err <= spread ? [f.r - f.r_err, f.r + f.r_err] : []))];
    if (truth) values.push(...truth.filter(Number.isFinite));
    const pad = 0.05 * ((Math.max(...values) - Math.min(...values)) || 1);
    const vmin = Math.min(...values) - pad, vmax = Math.max(...values) + pad;
    const n = Math.max(rows.length, 1);
    const px = (i) => m.l + (i + 0.5) / n * (W - m.l - m.r);
    const py = (v) => m.t + (vmax - v) / (vmax - vmin || 1) * (H - m.t - m.b);
    el('rect', { x: m.l, y: m.t, width: W - m.l - m.r, height: H - m.t - m.b, class: 'frame' }, svg);
    const clip = el('clipPath', { id: 'rate-plot-frame' }, el('defs', {}, svg));
    el('rect', { x: m.l, y: m.t, width: W - m.l - m.r, height: H - m.t - m.b }, clip);
    for (const v of ticks(vmin, vmax, 4))
      el('text', { x: m.l - 4, y: py(v) + 3, 'text-anchor': 'end' }, svg).textContent = String(Number(v.toPrecision(3)));
    el('text', { x: (W + m.l) / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis-label' }, svg).textContent = 'peak (table order)';
    const g = el('g', { class: 'rates', 'clip-path': 'url(#rate-plot-frame)' }, svg);
    for (const { i, f } of fitted) {
      const x = px(i).toFixed(1);
      const point = el('g', { class: 'rate', 'data-index': i }, g);
      if (Number.isFinite(f.r_err)) el('line', { x1: x, x2: x, y1: py(f.r - f.r_err), y2: py(f.r + f.r_err), class: 'error-bar' }, point);
      el('circle', { cx: x, cy: py(f.r).toFixed(1), r: 2.5 }, point);
      const title = el('title', {}, point);
      title.textContent = `${rows[i].assignment || `peak ${rows[i].index}`}: R = ${f.r.toPrecision(4)} ± ${f.r_err.toPrecision(2)}`;
    }
    if (truth) {
      const t = el('g', { class: 'truth', 'clip-path': 'url(#rate-plot-frame)' }, svg);
      truth.forEach((v, i) => {
        if (i >= rows.length || !Number.isFinite(v)) return;
        const x = px(i), y = py(v);
        el('path', { d: `M${(x - 2.5).toFixed(1)},${(y - 2.5).toFixed(1)}l5,5m0,-5l-5,5` }, t);
      });
    }
    g.addEventListener('click', (e) => {
      const point = e.target.closest('g.rate');
      if (point) this.onSelect?.(Number(point.dataset.index));
    });
    this.select(this.selected);
  }

  select(index) {
    this.selected = index;
    for (const p of this.host.querySelectorAll('g.rate')) p.classList.toggle('selected', Number(p.dataset.index) === index);
  }
}
