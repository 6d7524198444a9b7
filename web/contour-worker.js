// Contours off the main thread, computed and drawn here (classic Worker, d3-contour's UMD
// build): the page hands over an OffscreenCanvas once, then a plane (transferred, kept for later
// level changes), thresholds, the view (a grid-point -> pixel matrix) and, after a fit, the
// model over the plane, so that the data, the model or the residual can be shown. Contouring, path
// building and every redraw on zoom or pan happen in this Worker, so the page's main thread
// never lays out, hit-tests or paints contour geometry: a large plane, or a fit running on the
// other cores, cannot make the page stutter.
'use strict';
importScripts('node_modules/d3-array/dist/d3-array.min.js', 'node_modules/d3-contour/dist/d3-contour.min.js');

let grid = null;    // {plane, model, nx, ny, shown: 'data' | 'model' | 'residual', values, negative}
let thresholds = null;
let canvas = null;  // OffscreenCanvas, with {colors, lineWidth}
let style = null;
let levels = [];    // [{sign, level, d, path}] in grid-point coordinates (d: SVG path data)
let view = null;    // {width, height, dpr, matrix: [a, b, c, d, e, f], clip: {x, y, w, h}}
let drawPending = false;

// Multipolygon -> path data; d3 puts value[i] at coordinate i + 0.5.
function pathData(geometry) {
  const parts = [];
  for (const polygon of geometry.coordinates)
    for (const ring of polygon) {
      let d = 'M';
      for (let k = 0; k < ring.length; ++k)
        d += `${k ? 'L' : ''}${Math.round((ring[k][0] - 0.5) * 100) / 100},${Math.round((ring[k][1] - 0.5) * 100) / 100}`;
      parts.push(d + 'Z');
    }
  return parts.join('');
}

// What is contoured: the data, the fitted model, or the residual (data - model), at the same
// levels; the negated copy gives the negative contours.
function show(what) {
  const { plane, model } = grid;
  const values = what === 'data' || !model ? plane
    : what === 'model' ? model : plane.map((v, i) => v - model[i]);
  const negative = new Float32Array(values.length);
  for (let i = 0; i < negative.length; ++i) negative[i] = -values[i];
  Object.assign(grid, { shown: model ? what : 'data', values, negative });
}

function contour() {
  const gen = self.d3.contours().size([grid.nx, grid.ny]).thresholds(thresholds).smooth(true);
  const out = [];
  for (const [values, sign] of [[grid.values, 'pos'], [grid.negative, 'neg']])
    gen(values).forEach((g, level) => {
      if (!g.coordinates.length) return;
      const d = pathData(g);
      out.push({ sign, level, d, path: new Path2D(d) });
    });
  return out;
}

// Strokes every level under the view's matrix with a constant line width (the path is mapped,
// not the pen), clipped to the plot area.
function draw() {
  drawPending = false;
  if (!canvas || !view) return;
  const { width, height, dpr, matrix, clip } = view;
  if (canvas.width !== Math.round(width * dpr)) canvas.width = Math.round(width * dpr);
  if (canvas.height !== Math.round(height * dpr)) canvas.height = Math.round(height * dpr);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.save();
  ctx.beginPath();
  ctx.rect(clip.x, clip.y, clip.w, clip.h);
  ctx.clip();
  ctx.lineWidth = style.lineWidth;
  const m = new DOMMatrix(matrix);
  for (const l of levels) {
    const p = new Path2D();
    p.addPath(l.path, m);
    ctx.strokeStyle = style.colors[l.sign];
    ctx.stroke(p);
  }
  ctx.restore();
}

function redraw(id) {
  levels = thresholds ? contour() : [];
  draw();
  const count = (sign) => levels.filter((l) => l.sign === sign).length;
  self.postMessage({ id, shown: grid.shown, drawn: { pos: count('pos'), neg: count('neg') } });
}

function scheduleDraw() {
  if (drawPending) return;
  drawPending = true;
  (self.requestAnimationFrame || ((f) => setTimeout(f, 0)))(draw);
}

const handlers = {
  canvas(data) { canvas = data.canvas; style = data.style; },
  plane(data) {
    grid = { plane: data.plane, model: null, nx: data.nx, ny: data.ny };
    show('data');
    levels = [];
    scheduleDraw();
  },
  // The fitted model over the plane (transferred), or null to forget it (a new fit or list).
  model(data) {
    if (!grid) return;
    grid.model = data.model;
    show(grid.model ? grid.shown : 'data');
  },
  show(data) { show(data.what); redraw(data.id); },
  levels(data) {
    thresholds = data.thresholds;
    redraw(data.id);
  },
  view(data) { view = data.view; scheduleDraw(); },
  // The levels drawn, as SVG path data in grid points (for a figure to keep).
  paths(data) { self.postMessage({ reply: data.reply, paths: levels.map(({ sign, d }) => ({ sign, d })) }); },
};

self.onmessage = ({ data }) => {
  try {
    handlers[data.type](data);
  } catch (e) {
    self.postMessage({ id: data.id, reply: data.reply, error: String(e && e.message || e) });
  }
};
