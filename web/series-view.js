// The series view (UI module: series results in, onSelect(index) out): the rates table, R over
// the peaks with error bars, and the selected peak's decay. Results are fit_series()'s
// {rows, planes, rates, curves, delays}; `truth` (a simulated series' known rates, parallel to
// the listed peaks) is drawn on the R plot when given.
import { ResultsTable } from './results-table.js';
import { DecayPlot } from './decay-plot.js';
import { RatePlot } from './rate-plot.js';
import { nextFrame } from './frames.js';

const RATE_COLUMNS = [
  ['assignment', 'Assignment', 's'], ['x_ppm', 'x (ppm)', 4], ['y_ppm', 'y (ppm)', 3], ['i0', 'I₀', 'g'],
  ['r', 'R', 'g'], ['r_err', 'R error', 'g'], ['chi2_red', 'χ²ᵣ', 3], ['planes_used', 'planes', 0],
  ['status', 'Status', 's'],
];

// One flat row per peak for the table: the shape row's position and quality, then its rate.
function rateRows(s) {
  const position = (fitted, input) => (Number.isFinite(fitted) ? fitted : input);
  return s.rows.map((r, i) => ({ ...s.rates[i], assignment: r.assignment || `peak ${r.index}`,
    x_ppm: position(r.x_ppm, r.x_ppm_in), y_ppm: position(r.y_ppm, r.y_ppm_in), quality: r.quality }));
}

export class SeriesView {
  // hosts: {table, decay, rates} elements
  constructor(hosts, { onSelect } = {}) {
    this.table = new ResultsTable(hosts.table, { onSelect, columns: RATE_COLUMNS, className: 'results-rates' });
    this.decay = new DecayPlot(hosts.decay);
    this.ratePlot = new RatePlot(hosts.rates, { onSelect });
    this.results = null;
  }

  clear(message) {
    this.results = null;
    this.table.setRows([]);
    this.ratePlot.clear();
    this.decay.clear(message);
  }

  // In two steps (the table, then the R plot), each a frame of its own.
  async setResults(s, truth = null) {
    this.results = s;
    this.table.setRows(rateRows(s));
    await nextFrame();
    this.ratePlot.setRates(s.rows, s.rates, truth);
    this.select(-1);
    this.decay.clear('Click a peak in the table, on the R plot or on the contour plot.');
  }

  select(i) {
    this.table.select(i);
    this.ratePlot.select(i);
    const s = this.results;
    if (!s) { if (i >= 0) this.decay.clear('Run the series fit first.'); return; }
    if (s.rows[i]) this.decay.show(s.rows[i], s.planes[i], s.rates[i], s.curves[i], s.delays);
  }
}
