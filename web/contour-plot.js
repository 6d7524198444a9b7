// Contour plot of one spectrum plane (UI module: data in, callbacks out; no engine access).
// Contours by d3-contour (marching squares), computed and drawn in their own Worker
// (contour-worker.js) on an OffscreenCanvas under the SVG that holds the axes and markers: the
// main thread only sends the view's grid-point -> pixel matrix, so zoom and pan, a large plane or
// a fit busy on every core never make it lay out or paint contour geometry. Levels are
// log-spaced from `lowest` up by `factor`, for positive and negative data. Axes follow the NMR
// convention of every viewer (Sparky, CcpNmr, NMRDraw): the direct dimension's ppm decreases to
// the right and the indirect dimension's ppm increases downwards. Wheel zooms about the cursor,
// drag pans, double-click resets. Peak markers are circles with labels; clicking one calls
// onSelect(index).

import { el, ticks } from './svg.js';

// Ticks over [a, b] in either order.
const niceTicks = (a, b, count) => ticks(Math.min(a, b), Math.max(a, b), count);

export class ContourPlot {
  // host: an element; onSelect(index) when a marker is clicked.
  constructor(host, { onSelect, onError } = {}) {
    this.onSelect = onSelect;
    this.onError = onError;
    this.host = host;
    this.margin = { left: 60, right: 16, top: 12, bottom: 44 };
    this.yIncreasesDown = true;  // the indirect dimension's ppm grows downwards
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'contour-canvas';
    this.svg = el('svg', { class: 'contour-plot', role: 'img', 'aria-label': 'contour plot' });
    host.append(this.canvas, this.svg);
    const defs = el('defs', {}, this.svg);
    this.clipRect = el('rect', {}, el('clipPath', { id: 'contour-clip' }, defs));
    this.plotArea = el('g', { 'clip-path': 'url(#contour-clip)' }, this.svg);
    this.background = el('rect', { class: 'plot-bg' }, this.plotArea);
    this.markerGroup = el('g', { class: 'markers' }, this.plotArea);
    this.axisGroup = el('g', { class: 'axes' }, this.svg);
    this.spectrum = null;
    this.peaks = [];
    this.selected = -1;
    this._installInteraction();
    new ResizeObserver(() => this._layout()).observe(host);
  }

  // spectrum: {info, plane}; levels: {lowest, factor, count}. The plane's buffer is transferred
  // to the contour worker, which keeps it for later level changes.
  setSpectrum(spectrum, levels) {
    this.spectrum = spectrum;
    this._contourWorker().postMessage({ type: 'plane', plane: spectrum.plane, nx: spectrum.info.x.size_pt,
                                        ny: spectrum.info.y.size_pt }, [spectrum.plane.buffer]);
    const { x, y } = spectrum.info;
    this.grid = {
      nx: x.size_pt, ny: y.size_pt,
      x0: x.ppm[0], dx: (x.ppm[x.size_pt - 1] - x.ppm[0]) / Math.max(1, x.size_pt - 1),
      y0: y.ppm[0], dy: (y.ppm[y.size_pt - 1] - y.ppm[0]) / Math.max(1, y.size_pt - 1),
    };
    this.fullView = {
      xl: Math.max(x.ppm[0], x.ppm[x.size_pt - 1]), xr: Math.min(x.ppm[0], x.ppm[x.size_pt - 1]),
      yt: Math.max(y.ppm[0], y.ppm[y.size_pt - 1]), yb: Math.min(y.ppm[0], y.ppm[y.size_pt - 1]),
    };
    if (this.yIncreasesDown) [this.fullView.yt, this.fullView.yb] = [this.fullView.yb, this.fullView.yt];
    this.view = { ...this.fullView };
    this._markers = null;
    this.markerGroup.replaceChildren();
    this.setLevels(levels);
  }

  // The fitted model over the plane (a Float32Array laid out as the plane, transferred), or null
  // when the shown fit is gone; then only the data can be shown.
  setModel(model) {
    this._contourWorker().postMessage({ type: 'model', model }, model ? [model.buffer] : []);
  }

  // 'data', 'model' or 'residual' (data - model), contoured at the same levels.
  show(what) {
    if (!this.spectrum) return;
    const id = ++this._contourId;
    this.svg.dataset.contours = 'drawing';
    this._contourWorker().postMessage({ type: 'show', what, id });
  }

  setLevels({ lowest, factor = 1.4, count = 10 }) {
    if (!this.spectrum) return;
    this.levels = { lowest, factor, count };
    const thresholds = Array.from({ length: count }, (_, k) => lowest * factor ** k);
    const id = ++this._contourId;
    this.svg.dataset.contours = 'drawing';
    this._contourWorker().postMessage({ type: 'levels', id, thresholds });
    this._layout();
  }

  _contourWorker() {
    if (this._worker) return this._worker;
    this._contourId = 0;
    this._worker = new Worker(new URL('./contour-worker.js', import.meta.url));
    this._replies = new Map();  // reply id -> {resolve, reject}
    this._worker.onmessage = ({ data }) => {
      if (data.reply) return this._answer(data);
      if (data.id !== this._contourId) return;  // a newer request is on its way
      if (data.error) { this.svg.dataset.contours = 'failed'; this.onError?.(data.error); return; }
      // How many levels have contours, for each sign (what the canvas shows, for tests and tools).
      this.svg.dataset.shown = data.shown;
      this.svg.dataset.posLevels = data.drawn.pos;
      this.svg.dataset.negLevels = data.drawn.neg;
      this.svg.dataset.contours = 'drawn';
    };
    const css = getComputedStyle(this.host);
    this.style = { colors: { pos: css.getPropertyValue('--pos').trim(), neg: css.getPropertyValue('--neg').trim() },
                   lineWidth: 0.8 };
    const offscreen = this.canvas.transferControlToOffscreen();
    this._worker.postMessage({ type: 'canvas', canvas: offscreen, style: this.style }, [offscreen]);
    return this._worker;
  }

  // A request to the contour worker that has an answer (a promise of it).
  _ask(type) {
    const reply = (this._nextReply = (this._nextReply || 0) + 1);
    return new Promise((resolve, reject) => {
      this._replies.set(reply, { resolve, reject });
      this._contourWorker().postMessage({ type, reply });
    });
  }

  _answer(data) {
    const r = this._replies.get(data.reply);
    this._replies.delete(data.reply);
    if (data.error) r?.reject(new Error(data.error)); else r?.resolve(data);
  }

  // The plot as shown (contours, axes, markers, the current zoom) as one SVG element, for a
  // figure: the contour worker's levels as paths under the view's matrix, with a constant pen.
  async figure() {
    if (!this.spectrum) throw new Error('no spectrum shown');
    const { paths } = await this._ask('paths');
    const svg = this.svg.cloneNode(true);
    const area = svg.querySelector('g[clip-path]');
    const g = el('g', { class: 'contours', transform: `matrix(${this._matrix.join(',')})` });
    for (const p of paths)
      el('path', { d: p.d, fill: 'none', stroke: this.style.colors[p.sign], 'stroke-width': this.style.lineWidth,
                   'vector-effect': 'non-scaling-stroke', class: `level ${p.sign}` }, g);
    area.insertBefore(g, area.querySelector('.markers'));
    return svg;
  }

  // peaks: [{label, x_ppm, y_ppm, quality?}]. The same peaks again (a fit's results for the listed
  // peaks) only restyle and move the existing markers: their labels need no new text layout.
  setPeaks(peaks) {
    const old = this.peaks;
    this.peaks = peaks;
    const same = this._markers && old.length === peaks.length && peaks.every((p, i) => p.label === old[i].label &&
      Number.isFinite(p.x_ppm) === Number.isFinite(old[i].x_ppm) && Number.isFinite(p.y_ppm) === Number.isFinite(old[i].y_ppm));
    if (same) this._restyleMarkers(); else this._drawMarkers();
  }


  select(index) {
    this.selected = index;
    for (const m of this.markerGroup.querySelectorAll('.marker.selected')) {
      m.classList.remove('selected');
      m.firstChild.setAttribute('r', 4);
    }
    const m = this.markerGroup.querySelector(`.marker[data-index="${index}"]`);
    if (m) { m.classList.add('selected'); m.firstChild.setAttribute('r', 6); m.parentNode.appendChild(m); }
  }

  resetView() { if (this.fullView) { this.view = { ...this.fullView }; this._layout(); } }

  // ppm <-> pixel in the current view.
  _px(xppm) { const v = this.view; return this.margin.left + (v.xl - xppm) / (v.xl - v.xr) * this.w; }
  _py(yppm) { const v = this.view; return this.margin.top + (v.yt - yppm) / (v.yt - v.yb) * this.h; }

  _layout() {
    const W = this.host.clientWidth || 600, H = this.host.clientHeight || 400;
    this.svg.setAttribute('width', W);
    this.svg.setAttribute('height', H);
    const m = this.margin;
    this.w = Math.max(10, W - m.left - m.right);
    this.h = Math.max(10, H - m.top - m.bottom);
    for (const r of [this.clipRect, this.background])
      Object.entries({ x: m.left, y: m.top, width: this.w, height: this.h }).forEach(([k, v]) => r.setAttribute(k, v));
    if (!this.spectrum) return;
    // grid point (i, j) -> pixel: ppm = x0 + i dx -> px
    const g = this.grid, v = this.view;
    const sx = -g.dx / (v.xl - v.xr) * this.w, tx = this._px(g.x0);
    const sy = -g.dy / (v.yt - v.yb) * this.h, ty = this._py(g.y0);
    this._matrix = [sx, 0, 0, sy, tx, ty];
    this._contourWorker().postMessage({ type: 'view', view: { width: W, height: H, dpr: devicePixelRatio || 1,
      matrix: this._matrix, clip: { x: m.left, y: m.top, w: this.w, h: this.h } } });
    this._drawAxes();
    this._placeMarkers();
  }

  // Zoom and pan redraw once per frame.
  _scheduleLayout() {
    if (this._frame) return;
    this._frame = requestAnimationFrame(() => { this._frame = 0; this._layout(); });
  }

  _drawAxes() {
    const a = this.axisGroup, m = this.margin, v = this.view, { x, y } = this.spectrum.info;
    a.replaceChildren();
    el('rect', { x: m.left, y: m.top, width: this.w, height: this.h, class: 'frame' }, a);
    for (const t of niceTicks(v.xl, v.xr, Math.max(2, this.w / 80))) {
      const px = this._px(t);
      el('line', { x1: px, x2: px, y1: m.top + this.h, y2: m.top + this.h + 5 }, a);
      el('text', { x: px, y: m.top + this.h + 18, 'text-anchor': 'middle' }, a).textContent = t;
    }
    for (const t of niceTicks(v.yt, v.yb, Math.max(2, this.h / 50))) {
      const py = this._py(t);
      el('line', { x1: m.left - 5, x2: m.left, y1: py, y2: py }, a);
      el('text', { x: m.left - 8, y: py + 4, 'text-anchor': 'end' }, a).textContent = t;
    }
    el('text', { x: m.left + this.w / 2, y: m.top + this.h + 38, 'text-anchor': 'middle', class: 'axis-label' }, a)
      .textContent = `${x.label || 'x'} (ppm)`;
    el('text', { x: 14, y: m.top + this.h / 2, 'text-anchor': 'middle', class: 'axis-label',
                 transform: `rotate(-90 14 ${m.top + this.h / 2})` }, a).textContent = `${y.label || 'y'} (ppm)`;
  }

  // Builds the marker elements (on new peaks or selection); _placeMarkers only moves them.
  _drawMarkers() {
    if (!this.spectrum) return;
    const g = this.markerGroup;
    g.replaceChildren();
    this._markers = [];
    this.peaks.forEach((p, i) => {
      if (!Number.isFinite(p.x_ppm) || !Number.isFinite(p.y_ppm)) return;
      const m = el('g', { class: this._markerClass(p, i), 'data-index': i }, g);
      el('circle', { r: i === this.selected ? 6 : 4 }, m);
      el('text', { x: 6, y: -6 }, m).textContent = p.label;
      el('title', {}, m).textContent = this._markerTitle(p);
      this._markers.push([m, p]);
    });
    this._placeMarkers();
  }

  _markerClass(p, i) { return `marker q-${p.quality || 'none'}${i === this.selected ? ' selected' : ''}`; }
  _markerTitle(p) { return `${p.label}: ${p.x_ppm.toFixed(3)}, ${p.y_ppm.toFixed(2)} ppm`; }

  _restyleMarkers() {
    for (const entry of this._markers) {
      const [m] = entry, i = Number(m.dataset.index), p = this.peaks[i];
      entry[1] = p;
      m.setAttribute('class', this._markerClass(p, i));
      m.lastChild.textContent = this._markerTitle(p);
    }
    this._placeMarkers();
  }

  _placeMarkers() {
    if (!this._markers) return;
    const v = this.view;
    let visible = 0;
    for (const [m, p] of this._markers) {
      const inside = (p.x_ppm - v.xl) * (p.x_ppm - v.xr) <= 0 && (p.y_ppm - v.yt) * (p.y_ppm - v.yb) <= 0;
      m.style.display = inside ? '' : 'none';
      if (!inside) continue;
      ++visible;
      m.setAttribute('transform', `translate(${this._px(p.x_ppm).toFixed(1)},${this._py(p.y_ppm).toFixed(1)})`);
    }
    this.markerGroup.classList.toggle('crowded', visible > 250);  // zoom in to see labels on crowded spectra
  }

  _installInteraction() {
    const s = this.svg;
    s.addEventListener('wheel', (e) => {
      if (!this.spectrum) return;
      e.preventDefault();
      const r = s.getBoundingClientRect();
      const fx = (e.clientX - r.left - this.margin.left) / this.w, fy = (e.clientY - r.top - this.margin.top) / this.h;
      const k = Math.exp(Math.sign(e.deltaY) * 0.15), v = this.view;
      const cx = v.xl + fx * (v.xr - v.xl), cy = v.yt + fy * (v.yb - v.yt);
      this.view = { xl: cx + (v.xl - cx) * k, xr: cx + (v.xr - cx) * k, yt: cy + (v.yt - cy) * k, yb: cy + (v.yb - cy) * k };
      this._scheduleLayout();
    }, { passive: false });
    let drag = null;
    s.addEventListener('pointerdown', (e) => {
      const marker = e.target.closest('.marker');
      if (marker) { this.onSelect?.(Number(marker.dataset.index)); return; }
      if (!this.spectrum) return;
      drag = { x: e.clientX, y: e.clientY, view: { ...this.view } };
      s.setPointerCapture(e.pointerId);
    });
    s.addEventListener('pointermove', (e) => {
      if (!drag) return;
      const v = drag.view, dx = (e.clientX - drag.x) / this.w * (v.xr - v.xl), dy = (e.clientY - drag.y) / this.h * (v.yb - v.yt);
      this.view = { xl: v.xl - dx, xr: v.xr - dx, yt: v.yt - dy, yb: v.yb - dy };
      this._scheduleLayout();
    });
    const end = () => { drag = null; };
    s.addEventListener('pointerup', end);
    s.addEventListener('pointercancel', end);
    s.addEventListener('dblclick', () => this.resetView());
  }
}
