// Sortable results table (UI module: rows in, onSelect(index) out). Rows are the engine's
// PeakResult objects (or, with `columns`, any flat objects such as the series view's rate rows);
// each row is coloured by its quality. Click a header to sort (again to reverse); click a row, or
// move with the arrow keys, to select that peak.
//
// Only the rows in view (plus a margin) are in the DOM, between two spacer rows that keep the
// scroll height: laying out and shaping the text of every cell of a 2000-peak table would block
// the main thread for hundreds of milliseconds when a fit's results arrive, while the CPU is
// still shared with the engine's threads. `data-rows` on the table says how many rows it holds.
export const PEAK_COLUMNS = [
  ['assignment', 'Assignment', 's'], ['x_ppm', 'x (ppm)', 4], ['y_ppm', 'y (ppm)', 3],
  ['height', 'Height', 'g'], ['volume', 'Volume', 'g'], ['fwhm_x_hz', 'FWHM x (Hz)', 2],
  ['fwhm_y_hz', 'FWHM y (Hz)', 2], ['r2', 'R²', 4], ['snr', 'SNR', 1], ['quality', 'Quality', 's'],
  ['status', 'Status', 's'],
];

const kOverscanRows = 6;   // rendered beyond each edge of the view
const kRowHeightPx = 21;   // styles.css gives every body row this height; measured once rendered

const format = (v, kind) => {
  if (kind === 's') return v ?? '';
  if (!Number.isFinite(v)) return '–';
  return kind === 'g' ? v.toPrecision(5) : v.toFixed(kind);
};

function compareBy(rows, key, dir) {
  return (a, b) => {
    const x = rows[a][key], y = rows[b][key];
    if (typeof x === 'number' || typeof y === 'number') {
      const nx = Number.isFinite(x) ? x : -Infinity, ny = Number.isFinite(y) ? y : -Infinity;
      return (nx - ny) * dir;
    }
    return String(x).localeCompare(String(y), undefined, { numeric: true }) * dir;
  };
}

export class ResultsTable {
  // host: the scrolling element; columns: [key, title, format] with format 's' (text), 'g'
  // (5 significant digits) or a number of decimals.
  constructor(host, { onSelect, columns = PEAK_COLUMNS, className = 'results' } = {}) {
    this.host = host;
    this.onSelect = onSelect;
    this.columns = columns;
    this.table = document.createElement('table');
    this.table.className = className;
    this._head(columns);
    this.body = this.table.createTBody();
    this.body.addEventListener('click', (e) => {
      const tr = e.target.closest('tr[data-index]');
      if (tr) this.onSelect?.(Number(tr.dataset.index));
    });
    this.body.addEventListener('keydown', (e) => this._key(e));
    host.appendChild(this.table);
    // Sizes and the scroll offset are kept from their events, so rendering reads no layout.
    this.view = { heightPx: 400, headPx: kRowHeightPx, scrollPx: 0 };
    host.addEventListener('scroll', () => { this.view.scrollPx = host.scrollTop; this._scheduleRender(); }, { passive: true });
    new ResizeObserver(([e]) => { this.view.heightPx = e.contentRect.height || 400; this._scheduleRender(); }).observe(host);
    new ResizeObserver(([e]) => { this.view.headPx = e.contentRect.height; }).observe(this.table.tHead);
    this.rows = [];
    this.order = [];
    this.sort = { key: null, dir: 1 };
    this.selected = -1;
    this.rowHeight = kRowHeightPx;
  }

  _head(columns) {
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
  }

  setRows(rows) {
    this.rows = rows;
    this.table.dataset.rows = rows.length;
    this._sortOrder();
  }

  sortBy(key) {
    this.sort = { key, dir: this.sort.key === key ? -this.sort.dir : 1 };
    this._sortOrder();
  }

  // Highlights row `index` (of the rows given, -1 for none) and scrolls it into view.
  select(index) {
    this.selected = index;
    for (const tr of this.body.querySelectorAll('tr.selected')) tr.classList.remove('selected');
    const position = this.order.indexOf(index);
    if (position < 0) return;
    this._reveal(position);
    const tr = this.body.querySelector(`tr[data-index="${index}"]`);
    if (tr) tr.classList.add('selected'); else this._render();
  }

  _sortOrder() {
    const { key, dir } = this.sort;
    this.order = this.rows.map((_, i) => i);
    if (key) this.order.sort(compareBy(this.rows, key, dir));
    for (const th of this.table.tHead.rows[0].cells)
      th.dataset.sort = th.dataset.key === key ? (dir > 0 ? 'asc' : 'desc') : '';
    this._render();
  }

  // Scrolls so that the row at `position` (in display order) lies inside the view.
  _reveal(position) {
    const { headPx, heightPx, scrollPx } = this.view;
    const top = headPx + position * this.rowHeight;
    let to = scrollPx;
    if (top - headPx < scrollPx) to = top - headPx;
    else if (top + this.rowHeight > scrollPx + heightPx) to = top + this.rowHeight - heightPx;
    if (to !== scrollPx) this.host.scrollTop = this.view.scrollPx = to;
  }

  _key(e) {
    const tr = e.target.closest('tr[data-index]');
    if (!tr) return;
    const index = Number(tr.dataset.index);
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.onSelect?.(index); return; }
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    const next = this.order[this.order.indexOf(index) + step];
    if (!step || next === undefined) return;
    e.preventDefault();
    this.onSelect?.(next);  // the owner selects it (which reveals and renders it here)
    this.body.querySelector(`tr[data-index="${next}"]`)?.focus({ preventScroll: true });
  }

  _scheduleRender() {
    if (this._frame) return;
    this._frame = requestAnimationFrame(() => { this._frame = 0; this._render(); });
  }

  // The height of a rendered row, read in the next frame (when layout is due anyway, so the read
  // forces none); a change re-renders the window.
  _measure() {
    if (this._measuring) return;
    this._measuring = requestAnimationFrame(() => {
      this._measuring = 0;
      const measured = this.body.querySelector('tr[data-index]')?.getBoundingClientRect().height;
      if (measured > 0 && Math.abs(measured - this.rowHeight) > 0.5) { this.rowHeight = measured; this._render(); }
    });
  }

  // The rows in view plus a margin, between spacers as tall as the rows left out.
  _render() {
    const n = this.order.length, h = this.rowHeight;
    const { heightPx, scrollPx } = this.view;
    const first = Math.max(0, Math.floor(scrollPx / h) - kOverscanRows);
    const last = Math.min(n, Math.ceil((scrollPx + heightPx) / h) + kOverscanRows);
    const frag = document.createDocumentFragment();
    const spacer = (rows) => {
      const tr = document.createElement('tr');
      tr.className = 'spacer';
      tr.style.height = `${rows * h}px`;
      frag.appendChild(tr);
    };
    if (first > 0) spacer(first);
    for (let p = first; p < last; ++p) frag.appendChild(this._row(this.order[p]));
    if (last < n) spacer(n - last);
    const focused = document.activeElement?.closest?.('tr[data-index]')?.dataset.index;
    this.body.replaceChildren(frag);
    if (focused !== undefined) this.body.querySelector(`tr[data-index="${focused}"]`)?.focus({ preventScroll: true });
    this._measure();
  }

  _row(i) {
    const r = this.rows[i], tr = document.createElement('tr');
    tr.dataset.index = i;
    tr.tabIndex = 0;
    tr.className = `q-${r.quality} s-${r.status}${i === this.selected ? ' selected' : ''}`;
    for (const [k, , kind] of this.columns) tr.insertCell().textContent = format(r[k], kind);
    return tr;
  }
}
