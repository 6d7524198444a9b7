// Contouring off the main thread (classic Worker, d3-contour's UMD build): receives a plane once
// (transferred) and keeps it; for each set of thresholds it answers SVG path data, in grid-point
// coordinates, for the positive and the negated data. The page only sets `d` attributes.
'use strict';
importScripts('node_modules/d3-array/dist/d3-array.min.js', 'node_modules/d3-contour/dist/d3-contour.min.js');

let grid = null;  // {plane, negative, nx, ny}

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

self.onmessage = ({ data }) => {
  try {
    if (data.type === 'plane') {
      const negative = new Float32Array(data.plane.length);
      for (let i = 0; i < negative.length; ++i) negative[i] = -data.plane[i];
      grid = { plane: data.plane, negative, nx: data.nx, ny: data.ny };
      return;
    }
    if (data.type === 'levels') {
      const gen = self.d3.contours().size([grid.nx, grid.ny]).thresholds(data.thresholds).smooth(true);
      const paths = [];
      for (const [values, sign] of [[grid.plane, 'pos'], [grid.negative, 'neg']])
        gen(values).forEach((g, level) => { if (g.coordinates.length) paths.push({ sign, level, d: pathData(g) }); });
      self.postMessage({ id: data.id, paths });
    }
  } catch (e) {
    self.postMessage({ id: data.id, error: String(e && e.message || e) });
  }
};
