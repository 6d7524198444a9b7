// Sortable results table (UI module: rows in, onSelect(index) out). Rows are the engine's
// PeakResult objects (or, with `columns`, any flat objects such as the series view's rate rows);
// each row is coloured by its quality. Click a header to sort (again to reverse); click a row to
// select that peak.
export const PEAK_COLUMNS = [
  ['assignment', 'Assignment', 's'], ['x_ppm', 'x (ppm)', 4], ['y_ppm', 'y (ppm)', 3],
  ['height', 'Height', 'g'], ['volume', 'Volume', 'g'], ['fwhm_x_hz', 'FWHM x (Hz)', 2],
  ['fwhm_y_hz', 'FWHM y (Hz)', 2], ['r2', 'R²', 4], ['snr', 'SNR', 1], ['quality', 'Quality', 's'],
  ['status', 'Status', 's'],
];

const format = (v, kind) => {
  if (kind === 's') return v ?? '';
  if (!Number.isFinite(v)) return '–';
  return kind === 'g' ? v.toPrecision(5) : v.toFixed(kind);
};

export class ResultsTable {
  // columns: [key, title, format] with format 's' (text), 'g' (5 significant digits) or a
  // number of decimals.
  constructor(host, { onSelect, columns = PEAK_COLUMNS, className = 'results' } = {}) {
    this.onSelect = onSelect;
    this.columns = columns;
    this.table = document.createElement('table');
    this.table.className = className;
    const head = this.table.createTHead().insertRow();
    for (const [key, title] of columns) {
      const th = document.createElement('th');
      th.textContent = title;
      th.dataset.key = key;
      th.tabIndex = 0;
      th.addEventListener('click', () => this.sortBy(key));
      th.addEventListener('keydown', (e) => { if (e.key === 'Enter') this.sortBy(key); });
      head.appendChild(th);
    }
    this.body = this.table.createTBody();
    this.body.addEventListener('click', (e) => {
      const tr = e.target.closest('tr');
      if (tr) this.onSelect?.(Number(tr.dataset.index));
    });
    this.body.addEventListener('keydown', (e) => {  // Enter selects; arrows move between rows
      const tr = e.target.closest('tr');
      if (!tr) return;
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.onSelect?.(Number(tr.dataset.index)); }
      const next = e.key === 'ArrowDown' ? tr.nextElementSibling : e.key === 'ArrowUp' ? tr.previousElementSibling : null;
      if (next) { e.preventDefault(); next.focus(); this.onSelect?.(Number(next.dataset.index)); }
    });
    host.appendChild(this.table);
    this.rows = [];
    this.sort = { key: null, dir: 1 };
    this.selected = -1;
  }

  setRows(rows) { this.rows = rows; this._render(); }

  sortBy(key) {
    this.sort = { key, dir: this.sort.key === key ? -this.sort.dir : 1 };
    this._render();
  }

  select(index) {
    this.selected = index;
    for (const tr of this.body.rows) tr.classList.toggle('selected', Number(tr.dataset.index) === index);
    this.body.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
  }

  _render() {
    const { key, dir } = this.sort;
    const order = this.rows.map((_, i) => i);
    if (key) order.sort((a, b) => {
      const x = this.rows[a][key], y = this.rows[b][key];
      if (typeof x === 'number' || typeof y === 'number') {
        const nx = Number.isFinite(x) ? x : -Infinity, ny = Number.isFinite(y) ? y : -Infinity;
        return (nx - ny) * dir;
      }
      return String(x).localeCompare(String(y), undefined, { numeric: true }) * dir;
    });
    for (const th of this.table.tHead.rows[0].cells)
      th.dataset.sort = th.dataset.key === key ? (dir > 0 ? 'asc' : 'desc') : '';
    const frag = document.createDocumentFragment();
    for (const i of order) {
      const r = this.rows[i], tr = document.createElement('tr');
      tr.dataset.index = i;
      tr.tabIndex = 0;
      tr.className = `q-${r.quality} s-${r.status}${i === this.selected ? ' selected' : ''}`;
      for (const [k, , kind] of this.columns) tr.insertCell().textContent = format(r[k], kind);
      frag.appendChild(tr);
    }
    this.body.replaceChildren(frag);
  }
}
