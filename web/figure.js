// Figures to keep (UI helper): SVG elements of the page as standalone SVG files, with the page's
// own style rules inlined so that they look as on screen in any viewer, and as PNG images
// rasterized by the browser from that same SVG.
import { el, SVG } from './svg.js';

function pageStyles() {
  const rules = [];
  for (const sheet of document.styleSheets) {
    try { for (const r of sheet.cssRules) rules.push(r.cssText); } catch (e) { /* another origin's sheet */ }
  }
  return rules.join('\n');
}

const sizeOf = (svg) => {
  const box = svg.viewBox?.baseVal;
  if (box && box.width) return { width: box.width, height: box.height };
  return { width: Number(svg.getAttribute('width')) || 600, height: Number(svg.getAttribute('height')) || 400 };
};

// Several SVG elements (clones are taken) stacked top to bottom under an optional title line, as
// one standalone SVG document: {text, width, height}.
export function svgFigure(parts, title = '') {
  const titlePx = title ? 22 : 0;
  const sizes = parts.map(sizeOf);
  const width = Math.max(...sizes.map((s) => s.width));
  const height = titlePx + sizes.reduce((sum, s) => sum + s.height, 0);
  const root = document.createElementNS(SVG, 'svg');
  root.setAttribute('xmlns', SVG);
  for (const [k, v] of Object.entries({ width, height, viewBox: `0 0 ${width} ${height}`, class: 'figure' }))
    root.setAttribute(k, v);
  el('style', {}, root).textContent = pageStyles();
  el('rect', { width, height, fill: '#fff' }, root);
  if (title) el('text', { x: 8, y: 16, 'font-size': 13, 'font-family': 'sans-serif' }, root).textContent = title;
  let y = titlePx;
  parts.forEach((part, k) => {
    const copy = part.cloneNode(true);
    for (const [key, v] of Object.entries({ x: 0, y, width: sizes[k].width, height: sizes[k].height })) copy.setAttribute(key, v);
    root.appendChild(copy);
    y += sizes[k].height;
  });
  return { text: new XMLSerializer().serializeToString(root), width, height };
}

// The figure as a PNG at `scale` pixels per SVG unit.
export async function pngOf({ text, width, height }, scale = 2) {
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
