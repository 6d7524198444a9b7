// The page's only door to the engine (Squoosh's worker-bridge pattern, shared/STYLE.md web/):
// one class owns the Worker, starts it lazily, runs one call at a time; every method takes an
// AbortSignal first, and aborting ends the Worker. Errors come back as Error objects.
//
// The bridge is the one owner of what the engine holds: it records the spectrum (its files or
// the simulation that made it), the peak list and the delays, and after an abort replays them
// into the fresh Worker before the next call, so the page never re-sends anything itself. A new
// spectrum keeps the recorded peak list and delays where they still apply.
export class AbortError extends Error {
  constructor() { super('cancelled'); this.name = 'AbortError'; }
}

const buffersOf = (files) => Promise.all(files.map((f) => f.arrayBuffer()));

export class EngineBridge {
  constructor(workerUrl = new URL('./engine-worker.js', import.meta.url)) {
    this._url = workerUrl;
    this._worker = null;
    this._queue = Promise.resolve();
    this._pending = new Map();
    this._nextId = 1;
    this._session = { source: null, peaks: null, delays: null };  // what the engine holds
    this._stale = false;  // the Worker was ended after something was opened: replay first
    this.env = null;      // {build, poolSize, crossOriginIsolated, ...} after the first call
  }

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
    this._stale = this._session.source !== null;
  }

  terminate() { this._fail(new AbortError()); }

  // One message to the Worker and its answer; `transfer` lists buffers to move, not copy.
  _post(signal, method, args, transfer = [], onProgress) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new AbortError());
      this._start();
      const id = this._nextId++;
      const onAbort = () => this._fail(new AbortError());
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = (f) => (v) => { signal?.removeEventListener('abort', onAbort); f(v); };
      this._pending.set(id, { resolve: done(resolve), reject: done(reject), onProgress });
      this._worker.postMessage({ id, method, args }, transfer);
    });
  }

  // Serialized: a call starts when the previous one has settled. `request()` makes the call's
  // {args, transfer} when it runs (files are read then, so a replay reads them afresh). Calls
  // that need the engine's session (`replay`) get it back first after an abort.
  _call(signal, method, request, onProgress, replay = true) {
    const run = async () => {
      if (this._stale && replay) await this._replay(signal);
      const { args, transfer = [] } = await request();
      return this._post(signal, method, args, transfer, onProgress);
    };
    const result = this._queue.then(run, run);
    this._queue = result.catch(() => {});
    return result;
  }

  // Opens the recorded source, peaks and delays again in a fresh Worker (after an abort).
  async _replay(signal) {
    const { source, peaks, delays } = this._session;
    this._stale = false;
    const { args, transfer } = await source.request();
    await this._post(signal, source.method, args, transfer);
    if (peaks) await this._post(signal, peaks.method, peaks.args);
    if (delays) await this._post(signal, 'openDelays', delays);
  }

  // A new spectrum: the recorded peak list and delays are applied to it where they still fit
  // (a peak list that no longer parses, or delays that no longer match the plane count, are
  // dropped). Returns {info, plane, peaks, delays, ...what the source's method adds}.
  async _openSource(signal, method, request, keepLists) {
    const opened = await this._call(signal, method, request, undefined, false);
    this._stale = false;  // a fresh session: nothing older to replay
    this._session = { source: { method, request }, peaks: null, delays: null,
                      ...(keepLists ? { peaks: this._session.peaks, delays: this._session.delays } : {}) };
    const result = { peaks: [], delays: [], ...opened };
    const { peaks, delays } = this._session;
    if (peaks) result.peaks = (await this._reapply(signal, 'peaks', peaks.method, peaks.args))?.peaks ?? [];
    if (delays) result.delays = (await this._reapply(signal, 'delays', 'openDelays', delays))?.delays ?? [];
    return result;
  }

  async _reapply(signal, key, method, args) {
    try {
      return await this._call(signal, method, async () => ({ args }));
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      this._session[key] = null;
      return null;
    }
  }

  async init(signal) {
    this.env = await this._call(signal, 'init', async () => ({ args: [] }), undefined, false);
    return this.env;
  }

  async simulate(signal, options) {
    await this.init(signal);
    return this._openSource(signal, 'simulate', async () => ({ args: [options] }), false);
  }

  async simulateSeries(signal, options) {
    await this.init(signal);
    return this._openSource(signal, 'simulateSeries', async () => ({ args: [options] }), false);
  }

  // file: a File or Blob (read when sent, so a replay reads it again; its bytes are transferred).
  async openSpectrum(signal, file) {
    await this.init(signal);
    return this._openSource(signal, 'openSpectrum', async () => {
      const [bytes] = await buffersOf([file]);
      return { args: [bytes, file.name], transfer: [bytes] };
    }, true);
  }

  // A series from one 2D file per plane (Files or Blobs), in series order.
  async openPlanes(signal, files) {
    await this.init(signal);
    return this._openSource(signal, 'openPlanes', async () => {
      const buffers = await buffersOf(files);
      return { args: [buffers, files.map((f) => f.name)], transfer: buffers };
    }, true);
  }

  // A vclist/vdlist for the open series; every value times `factor`. A failure keeps the
  // previous delays.
  async openDelays(signal, text, name, factor = 1) {
    const args = [text, name, factor];
    const result = await this._call(signal, 'openDelays', async () => ({ args }));
    this._session.delays = args;
    return result;
  }

  // The recorded delays again, every value times `factor`; null when no delays are open.
  async setDelayFactor(signal, factor) {
    const delays = this._session.delays;
    return delays ? this.openDelays(signal, delays[0], delays[1], factor) : null;
  }

  // A failure keeps the previous peak list.
  async openPeaks(signal, text, name, format = 'auto') {
    return this._peaks(signal, 'openPeaks', [text, name, format]);
  }

  // The peaks picked on the open spectrum's plane become its peak list: {peaks}.
  async pickPeaks(signal, options = {}, plane = 0) {
    return this._peaks(signal, 'pickPeaks', [options, plane]);
  }

  async _peaks(signal, method, args) {
    const result = await this._call(signal, method, async () => ({ args }));
    this._session.peaks = { method, args };
    return result;
  }

  // What a file holds ('spectrum', 'peaks', 'delays' or 'unknown'), from its content as the
  // engine's readers see it (its first 64 KiB: every format says what it is in its header).
  async classify(signal, file) {
    await this.init(signal);
    return this._call(signal, 'classify', async () => {
      const bytes = await file.slice(0, 65536).arrayBuffer();
      return { args: [bytes], transfer: [bytes] };
    }, undefined, false);
  }

  // onProgress({tasks_done, tasks_total, peaks_done, current_assignment, elapsed_s})
  fit(signal, options, threads, onProgress) {
    return this._call(signal, 'fit', async () => ({ args: [options, threads] }), onProgress);
  }

  // As fit(), for the series: {rows, planes, rates, curves, delays, plane_noise, summary}.
  fitSeries(signal, fitOptions, seriesOptions, threads, onProgress) {
    return this._call(signal, 'fitSeries', async () => ({ args: [fitOptions, seriesOptions, threads] }), onProgress);
  }

  // Plane k of the open spectrum: a Float32Array (y_size rows of x_size values).
  planeData(signal, k) { return this._call(signal, 'planeData', async () => ({ args: [k] })); }

  // The last fit's peaks summed over its plane: a Float32Array laid out as the plane.
  modelPlane(signal) { return this._call(signal, 'modelPlane', async () => ({ args: [] })); }

  // kind: 'csv', 'json', 'lunanmr', 'nef', 'tab', 'sparky' (the last fit) or a series table
  // ('rates', 'planes', ...).
  exportText(signal, kind) { return this._call(signal, 'exportText', async () => ({ args: [kind] })); }
}
