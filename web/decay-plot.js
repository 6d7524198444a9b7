// The decay of one series peak (UI module: data in, nothing out): its plane heights against the
// delays as points with ±1 SE error bars, the fitted mono-exponential (the engine's curve, so the
// page restates no model) as a line, and R ± its standard error.
//   show({assignment, index}, planes: PlaneValue[], rate: DecayFit, curve: {delay, height}, delays)
import { el, ticks, withError } from './svg.js';

export class DecayPlot {
  constructor(host) { this.host = host; }

  clear(message = 'Run the series fit, then click a peak.') {
    this.host.replaceChildren();
    const p = document.createElement('p');
    p.className = 'hint';
    p.textContent = message;
    this.host.appendChild(p);
  }

  show(row, planes, rate, curve, delays) {
    this.host.replaceChildren();
    const name = row.assignment || `peak ${row.index}`;
    const h = document.createElement('h3');
    h.textContent = `${name} — R = ${withError(rate.r, rate.r_err)}`;
    h.className = 'decay-title';
    this.host.appendChild(h);
    const W = 420, H = 240, m = { l: 64, r: 12, t: 14, b: 36 };
    const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, class: 'decay', 'data-peak': row.index }, this.host);
    const points = planes.map((p, k) => ({ t: delays[k], h: p.height, e: p.height_err, ok: p.status === 'ok' }))
      .filter((p) => Number.isFinite(p.t) && Number.isFinite(p.h));
    const values = [0, ...points.flatMap((p) => [p.h + (p.e || 0), p.h - (p.e || 0)]), ...curve.height];
    const tmax = Math.max(...delays.filter(Number.isFinite), 0) || 1;
    const vmin = Math.min(...values), vmax = Math.max(...values) || 1;
    const px = (t) => m.l + t / tmax * (W - m.l - m.r);
    const py = (v) => m.t + (vmax - v) / (vmax - vmin || 1) * (H - m.t - m.b);
    el('rect', { x: m.l, y: m.t, width: W - m.l - m.r, height: H - m.t - m.b, class: 'frame' }, svg);
    for (const t of ticks(0, tmax)) {
      el('text', { x: px(t), y: H - m.b + 14, 'text-anchor': 'middle' }, svg).textContent = String(t);
    }
    for (const v of ticks(vmin, vmax, 4)) {
      el('text', { x: m.l - 4, y: py(v) + 3, 'text-anchor': 'end' }, svg).textContent = v.toPrecision(3);
    }
    el('text', { x: (W + m.l) / 2, y: H - 4, 'text-anchor': 'middle', class: 'axis-label' }, svg).textContent = 'delay';
    if (curve.delay.length) {
      let d = '';
      curve.delay.forEach((t, i) => { d += `${i ? 'L' : 'M'}${px(t).toFixed(1)},${py(curve.height[i]).toFixed(1)}`; });
      el('path', { d, class: 'fit' }, svg);
    }
    const g = el('g', { class: 'points' }, svg);
    for (const p of points) {
      const x = px(p.t).toFixed(1);
      if (Number.isFinite(p.e)) el('line', { x1: x, x2: x, y1: py(p.h - p.e), y2: py(p.h + p.e), class: 'error-bar' }, g);
      el('circle', { cx: x, cy: py(p.h).toFixed(1), r: 3, class: p.ok ? 'ok' : 'not-ok' }, g);
    }
    const dl = document.createElement('dl');
    dl.className = 'params';
    const items = [
      ['R (per delay unit)', withError(rate.r, rate.r_err)],
      ['I₀', withError(rate.i0, rate.i0_err)],
      ['χ²ᵣ / planes', `${Number.isFinite(rate.chi2_red) ? rate.chi2_red.toPrecision(4) : '–'} / ${rate.planes_used}`],
      ['status', `${rate.status}${rate.message ? ` — ${rate.message}` : ''}`],
    ];
    if (Number.isFinite(rate.r_err_mc)) items.splice(1, 0, ['R error (Monte Carlo)', rate.r_err_mc.toPrecision(3)]);
    for (const [k, v] of items) {
      const dt = document.createElement('dt'), dd = document.createElement('dd');
      dt.textContent = k; dd.textContent = v;
      dl.append(dt, dd);
    }
    this.host.appendChild(dl);
  }
}
