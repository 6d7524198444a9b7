// Small SVG helpers shared by the plots (UI modules): element creation and "nice" axis ticks.
export const SVG = 'http://www.w3.org/2000/svg';

export function el(name, attrs = {}, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

// About `count` round tick values covering [lo, hi] (1, 2 or 5 times a power of ten apart).
export function ticks(lo, hi, count = 5) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count, power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

// "v ± e" with the error's two significant digits setting the value's precision.
export function withError(v, e) {
  if (!Number.isFinite(v)) return '–';
  if (!(Number.isFinite(e) && e > 0)) return v.toPrecision(5);
  const digits = Math.max(0, 1 - Math.floor(Math.log10(e)));
  if (digits <= 12) return `${v.toFixed(digits)} ± ${e.toFixed(digits)}`;
  return `${v.toPrecision(5)} ± ${e.toPrecision(2)}`;
}
