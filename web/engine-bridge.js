// The page's only door to the engine (Squoosh's worker-bridge pattern, shared/STYLE.md web/):
// one class owns the Worker, starts it lazily, runs one call at a time; every method takes an
// AbortSignal first, and aborting ends the Worker (the next call starts a fresh one, so the
// caller must open its spectrum again). Errors come back as Error objects.
export class AbortError extends Error {
  constructor() { super('cancelled'); this.name = 'AbortError'; }
}

export class EngineBridge {
  constructor(workerUrl = new URL('./engine-worker.js', import.meta.url)) {
    this._url = workerUrl;
    this._worker = null;
    this._queue = Promise.resolve();
    this._pending = new Map();
    this._nextId = 1;
    this.env = null;  // {build, poolSize, crossOriginIsolated, ...} after the first call
  }

  get running() { return this._worker !== null; }

  _start() {
    if (this._worker) return;
    const w = new Worker(this._url);  // classic worker: the Emscripten loader uses importScripts
    w.onmessage = ({ data }) => {
      const p = this._pending.get(data.id);
      if (!p) return;
      if (data.progress) { p.onProgress?.(data.progress); return; }
      this._pending.delete(data.id);
      if ('error' in data) p.reject(new Error(data.error)); else p.resolve(data.result);
    };
    // A module that cannot start in a Worker reports here and never settles (TOOLCHAIN §5.6).
    w.onerror = (ev) => {
      ev.preventDefault?.();
      this._fail(new Error(`engine worker failed: ${ev.message || 'unknown error'}`));
    };
    this._worker = w;
  }

  _fail(error) {
    for (const p of this._pending.values()) p.reject(error);
    this._pending.clear();
    this._worker?.terminate();
    this._worker = null;
  }

  terminate() { this._fail(new AbortError()); }

  // Serialized: a call starts when the previous one has settled.
  _call(signal, method, args, transfer = [], onProgress) {
    const run = () => new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new AbortError());
      this._start();
      const id = this._nextId++;
      const onAbort = () => this._fail(new AbortError());
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = (f) => (v) => { signal?.removeEventListener('abort', onAbort); f(v); };
      this._pending.set(id, { resolve: done(resolve), reject: done(reject), onProgress });
      this._worker.postMessage({ id, method, args }, transfer);
    });
    const result = this._queue.then(run, run);
    this._queue = result.catch(() => {});
    return result;
  }

  async init(signal) {
    this.env = await this._call(signal, 'init', []);
    return this.env;
  }

  async simulate(signal, options) {
    await this.init(signal);
    return this._call(signal, 'simulate', [options]);
  }

  // bytes: an ArrayBuffer, transferred (the page's copy becomes empty).
  async openSpectrum(signal, bytes, name) {
    await this.init(signal);
    return this._call(signal, 'openSpectrum', [bytes, name], [bytes]);
  }

  // A series from one 2D file per plane (ArrayBuffers, transferred), in series order.
  async openPlanes(signal, buffers, names) {
    await this.init(signal);
    return this._call(signal, 'openPlanes', [buffers, names], buffers);
  }

  async simulateSeries(signal, options) {
    await this.init(signal);
    return this._call(signal, 'simulateSeries', [options]);
  }

  // A vclist/vdlist for the open series; every value times `factor`.
  openDelays(signal, text, name, factor = 1) {
    return this._call(signal, 'openDelays', [text, name, factor]);
  }

  openPeaks(signal, text, name, format = 'auto') {
    return this._call(signal, 'openPeaks', [text, name, format]);
  }

  // onProgress({tasks_done, tasks_total, peaks_done, current_assignment, elapsed_s})
  fit(signal, options, threads, onProgress) {
    return this._call(signal, 'fit', [options, threads], [], onProgress);
  }

  // As fit(), for the series: {rows, planes, rates, curves, delays, plane_noise, summary}.
  fitSeries(signal, fitOptions, seriesOptions, threads, onProgress) {
    return this._call(signal, 'fitSeries', [fitOptions, seriesOptions, threads], [], onProgress);
  }

  // kind: 'csv', 'json', 'lunanmr' (the last fit) or a series table ('rates', 'planes', ...).
  exportText(signal, kind) { return this._call(signal, 'exportText', [kind]); }
}
