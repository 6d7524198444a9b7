// The JS API of both modules: it matches wasm/voigtfit.d.ts and the engine headers (so a C++
// field without its binding fails here), defaults come from C++, errors carry the CLI's messages,
// thread counts are clamped to the pool, progress and cancellation work, simulate and info agree
// with the CLI.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import * as S from './support.mjs';

const dts = fs.readFileSync(path.join(S.root, 'wasm/voigtfit.d.ts'), 'utf8');
const header = (name) => fs.readFileSync(path.join(S.root, 'engine/include/voigt', name), 'utf8');
const deep = {
  spectrum: path.join(S.shared, 'data/deep_850MHz_planes/plane001.ft2'),
  peaks: path.join(S.shared, 'data/deep_850MHz_planes/localmax_plane001_derived.csv'),
};
const dir = S.tempDir();
const modules = { mt: await S.loadModule('mt', { pthreadPoolSize: 3 }), st: await S.loadModule('st') };
after(() => {
  modules.mt.terminate_workers();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Member names of `interface NAME { ... }` (or `class NAME`) in the .d.ts, in order.
function declared(name) {
  const body = dts.match(new RegExp(`(?:interface|class) ${name} \\{([\\s\\S]*?)\\n  \\}`))[1];
  return [...body.matchAll(/^ {4}(\w+)\??[(:]/gm)].map((m) => m[1]).filter((n) => n !== 'constructor');
}

// Data members of `struct NAME { ... };` in a C++ header (default member initializers and
// comma-separated declarators included; methods and comments left out).
function cppFields(file, name) {
  const body = header(file).match(new RegExp(`struct ${name} \\{([\\s\\S]*?)\\n\\};`))[1];
  const fields = [];
  for (let line of body.split('\n')) {
    line = line.replace(/\/\/.*$/, '').replace(/\{[^}]*\}/g, '').trim();  // comments, {a, b} initializers
    if (!line.endsWith(';') || line.includes('(') || /^(using|static|friend)\b/.test(line)) continue;
    const declarators = line.slice(0, -1).replace(/^[\w:<>]+(<[^>]*>)?\s+/, '');
    for (const d of declarators.split(',')) fields.push(d.split('=')[0].trim());
  }
  return fields;
}

function loadDeep(M) {
  const engine = new M.Engine();
  engine.load_spectrum(fs.readFileSync(deep.spectrum), deep.spectrum);
  engine.load_peaks(fs.readFileSync(deep.peaks, 'utf8'), deep.peaks, 'auto');
  return engine;
}

// The message `voigtfit ARGS` prints after "voigtfit: " (its first line).
function cliMessage(args) {
  const r = S.runNative(args);
  assert.equal(r.status, 2, r.stderr);
  return r.stderr.split('\n')[0].replace(/^voigtfit: /, '');
}

for (const [kind, M] of Object.entries(modules)) {
  describe(`voigtfit_${kind}`, () => {
    test('module functions and Engine methods are those of voigtfit.d.ts', () => {
      for (const f of declared('VoigtfitModule')) assert.equal(typeof M[f], f === 'Engine' ? 'function' : 'function', f);
      const own = Object.getOwnPropertyNames(M.Engine.prototype)
        .filter((n) => !['constructor', 'clone', 'delete', 'deleteLater', 'isAliasOf', 'isDeleted'].includes(n));
      assert.deepEqual(own.sort(), declared('Engine').filter((n) => n !== 'delete').sort());
    });

    test('options are the engine structs, field for field, with C++ defaults', () => {
      const fit = M.default_fit_options(), sim = M.default_simulation_options();
      assert.deepEqual(Object.keys(fit), declared('FitOptions'));
      assert.deepEqual(Object.keys(fit), cppFields('fit_options.h', 'FitOptions'));
      assert.deepEqual(Object.keys(sim), declared('SimulationOptions'));
      assert.deepEqual(Object.keys(sim), cppFields('simulate.h', 'SimulationOptions'));
      for (const [name, file, value] of [['SeriesOptions', 'series.h', M.default_series_options()],
                                         ['SeriesSimulationOptions', 'simulate.h', M.default_series_simulation_options()]]) {
        assert.deepEqual(Object.keys(value), declared(name), name);
        assert.deepEqual(Object.keys(value), cppFields(file, name), name);
      }
      const pick = M.default_pick_options();
      assert.deepEqual(Object.keys(pick), declared('PickOptions'));
      assert.deepEqual(Object.keys(pick), cppFields('pick.h', 'PickOptions'));
      assert.equal(pick.threshold_noise, 6);
      assert.deepEqual(M.default_series_simulation_options().spectrum, sim);
      assert.equal(M.default_series_options().reference_plane, -1);
      assert.equal(fit.shape, 'voigt');
      assert.ok(Number.isNaN(fit.noise));
    });

    test('results, info, peaks and progress objects have the declared fields', () => {
      const engine = loadDeep(M);
      try {
        const info = engine.info();
        assert.deepEqual(Object.keys(info), declared('SpectrumInfo'));
        assert.deepEqual(Object.keys(info.x), declared('Axis'));
        assert.deepEqual(Object.keys(info.x).slice(0, -2), cppFields('axis.h', 'Axis'));
        const peaks = engine.load_peaks(fs.readFileSync(deep.peaks, 'utf8'), deep.peaks, 'auto');
        assert.deepEqual(Object.keys(peaks[0]), declared('Peak'));
        assert.deepEqual(Object.keys(peaks[0]), cppFields('peak_list.h', 'Peak'));
        let progress;
        const r = engine.fit({}, 1, (p) => { progress = p; });
        assert.deepEqual(Object.keys(r), declared('FitResults'));
        assert.deepEqual(Object.keys(progress), declared('Progress'));
        assert.deepEqual(Object.keys(r.rows[0]), declared('PeakResult'));
        assert.deepEqual(Object.keys(r.rows[0]), S.parseCsv(engine.results_csv()).header);
        assert.deepEqual([...Object.keys(r.rows[0])].sort(), cppFields('peak_result.h', 'PeakResult').sort());
        assert.deepEqual(Object.keys(r.slices[0]), declared('PeakSlices'));
        assert.deepEqual(Object.keys(r.slices[0].x), declared('SliceAxis'));
        assert.ok(r.slices[0].x.fit instanceof Float64Array);
        assert.deepEqual(Object.keys(r.summary), declared('FitSummary'));
        assert.deepEqual(Object.keys(r.summary).slice(0, -1), cppFields('executor.h', 'FitSummary'));
        assert.deepEqual(Object.keys(M.heap_bytes()), declared('HeapBytes'));
        assert.deepEqual(Object.keys(engine.simulate({ num_peaks: 5 })), declared('SimulationResult'));
        const sim = engine.simulate_series({ spectrum: { num_peaks: 5, nx: 128, ny: 64 }, delays_s: [0, 0.1, 0.2] });
        assert.deepEqual(Object.keys(sim), declared('SeriesSimulationResult'));
        const s = engine.fit_series({}, {}, 1, null);
        assert.deepEqual(Object.keys(s), declared('SeriesResults'));
        assert.deepEqual(Object.keys(s.planes[0][0]), declared('PlaneValue'));
        assert.deepEqual(Object.keys(s.planes[0][0]), cppFields('series.h', 'PlaneValue'));
        assert.deepEqual(Object.keys(s.rates[0]), declared('DecayFit'));
        assert.deepEqual(Object.keys(s.rates[0]), cppFields('series.h', 'DecayFit'));
        assert.deepEqual(Object.keys(s.curves[0]), declared('DecayCurve'));
        assert.ok(s.curves[0].height instanceof Float64Array);
        assert.deepEqual(Object.keys(s.summary), declared('SeriesSummary'));
        assert.deepEqual(Object.keys(s.summary).slice(0, -1), cppFields('series.h', 'SeriesSummary'));
        assert.deepEqual(Object.keys(s.summary.shapes), declared('FitSummary'));
        assert.deepEqual(M.series_table_names(), dts.match(/type SeriesTable = ([^;]*);/)[1].match(/'(\w+)'/g).map((q) => q.slice(1, -1)));
      } finally {
        engine.delete();
      }
    });

    test('errors carry the messages the CLI prints', () => {
      const junk = path.join(dir, 'junk.ft2');
      fs.writeFileSync(junk, 'not a spectrum at all, not even close'.repeat(100));
      const badPeaks = path.join(dir, 'bad.csv');
      fs.writeFileSync(badPeaks, 'Assignment,Position_X,Position_Y\nA1,8.1,oops\n');
      const engine = new M.Engine();
      try {
        assert.throws(() => engine.info(), /no spectrum/);
        assert.throws(() => engine.load_spectrum(fs.readFileSync(junk), junk),
                      { name: 'Error', message: cliMessage(['info', junk]) });
        engine.load_spectrum(fs.readFileSync(deep.spectrum), deep.spectrum);
        assert.throws(() => engine.load_peaks(fs.readFileSync(badPeaks, 'utf8'), badPeaks, 'auto'),
                      { message: cliMessage(['fit', deep.spectrum, badPeaks]) });
        engine.load_peaks(fs.readFileSync(deep.peaks, 'utf8'), deep.peaks, 'auto');
        for (const [options, flags] of [[{ window_x_ppm: -0.2 }, ['--window-x', '-0.2']],
                                        [{ shape: 'sinc' }, ['--shape', 'sinc']],
                                        [{ plane: 3 }, ['--plane', '3']]]) {
          assert.throws(() => engine.fit(options, 1, null),
                        { message: cliMessage(['fit', deep.spectrum, deep.peaks, ...flags]) });
        }
        assert.throws(() => engine.fit({ window_x: 1 }, 1, null), /FitOptions: unknown field 'window_x'/);
        assert.throws(() => engine.load_spectrum(new Float32Array(4), 'x'), /must be a Uint8Array/);
        assert.throws(() => engine.fit_series({}, {}, 1, null), /fit_series: load the delays first/);
        const planeL = path.join(S.shared, 'data/proteinL_pseudo3d');
        const [spectrumL, peaksL] = [path.join(planeL, 'test1.ft2'), path.join(planeL, 'test.tab')];
        const delays3 = path.join(dir, 'three.vclist'), badDelays = path.join(dir, 'bad.vclist');
        fs.writeFileSync(delays3, '2\n50\n100\n');
        fs.writeFileSync(badDelays, '2\n50\nlots\n150\n');
        const seriesEngine = new M.Engine();
        try {
          seriesEngine.load_spectrum(fs.readFileSync(spectrumL), spectrumL);
          seriesEngine.load_peaks(fs.readFileSync(peaksL, 'utf8'), peaksL, 'auto');
          for (const file of [delays3, badDelays])
            assert.throws(() => seriesEngine.load_delays(fs.readFileSync(file, 'utf8'), file, 1),
                          { message: cliMessage(['series', spectrumL, peaksL, '--delays', file]) });
          seriesEngine.load_delays('2\n50\n100\n150\n', 'vclist', 1);
          assert.throws(() => seriesEngine.fit_series({}, { reference_plane: 4 }, 1, null), /reference_plane = 4/);
          assert.throws(() => seriesEngine.fit_series({}, { reference: 1 }, 1, null), /SeriesOptions: unknown field 'reference'/);
          assert.throws(() => seriesEngine.series_table('rate'), /unknown series table 'rate'/);
        } finally {
          seriesEngine.delete();
        }
        assert.equal(engine.fit({}, 1, null).summary.ok, 12);  // still usable after every error
      } finally {
        engine.delete();
      }
    });

    test('threads are clamped to the pool', () => {
      const engine = loadDeep(M);
      try {
        const pool = kind === 'mt' ? 3 : 1;
        assert.equal(M.pool_size(), pool);
        assert.equal(engine.fit({}, 0, null).summary.threads_used, pool);
        assert.equal(engine.fit({}, 64, null).summary.threads_used, pool);
        assert.equal(engine.fit({}, 64, null).summary.threads_requested, 64);
      } finally {
        engine.delete();
      }
    });

    test('progress reports every cluster; true, "abort" or a throw cancels the rest', () => {
      const engine = new M.Engine();
      try {
        engine.simulate({ num_peaks: 120, seed: 5 });
        // One call per task run; a fit with a second pass runs every cluster twice, so the total
        // is a whole multiple of the clusters.
        const seen = [];
        let total = 0;
        const full = engine.fit({}, 2, (p) => { seen.push(p.tasks_done); total = p.tasks_total; });
        assert.equal(seen.length, total);
        assert.equal(seen.at(-1), total);
        assert.ok(total >= full.summary.tasks && total % full.summary.tasks === 0, `${total} of ${full.summary.tasks}`);
        for (const stop of [true, 'abort']) {
          const r = engine.fit({}, 2, (p) => (p.tasks_done >= 5 ? stop : false));
          assert.ok(r.summary.cancelled > 0, `cancelled with ${stop}`);
          // The clusters that ran keep their rows with the fit's own verdict (a first pass's, when
          // the cancel came before the second pass); the others say cancelled.
          assert.ok(r.rows.every((row) => ['ok', 'added', 'failed', 'outside', 'cancelled'].includes(row.status)));
          assert.equal(r.rows.filter((row) => row.status === 'cancelled').length, r.summary.cancelled);
          assert.match(engine.results_csv(), /,cancelled,/);
        }
        assert.throws(() => engine.fit({}, 2, (p) => { if (p.tasks_done === 3) throw new RangeError('stop now'); }),
                      { name: 'RangeError', message: 'stop now' });
        assert.equal(engine.fit({}, 2, null).summary.cancelled, 0);
      } finally {
        engine.delete();
      }
    });

    test('simulate gives the CLI simulate\'s peaks and truth', () => {
      const files = S.nativeSimulate(path.join(dir, `sim_${kind}`), ['--peaks', '40', '--seed', '9']);
      const engine = new M.Engine();
      try {
        const sim = engine.simulate({ num_peaks: 40, seed: 9 });
        const listed = S.parseCsv(fs.readFileSync(files.peaks, 'utf8')).rows;
        assert.deepEqual(sim.peaks.map((p) => [p.assignment, p.x_ppm, p.y_ppm]),
                         listed.map((p) => [p.Assignment, Number(p.Position_X), Number(p.Position_Y)]));
        const truth = S.parseCsv(fs.readFileSync(files.truth, 'utf8'));
        sim.truth.forEach((row, i) => {
          for (const column of truth.header) {
            const text = truth.rows[i][column], value = row[column];
            if (typeof value === 'number') assert.ok(S.closeEnough(value, S.asNumber(text)), `${i} ${column}`);
            else assert.equal(value, text);
          }
        });
      } finally {
        engine.delete();
      }
    });

    test('pick_peaks makes the picks the peak list; classify_input tells files apart by content', () => {
      const engine = new M.Engine();
      try {
        engine.simulate({ num_peaks: 40, seed: 9 });
        const picks = engine.pick_peaks({}, 0);
        assert.ok(picks.length >= 30, `${picks.length} picks`);
        assert.deepEqual(picks.map((p) => p.assignment), picks.map((_, i) => `P${i + 1}`));
        assert.ok(picks.every((p) => p.height_hint > 0 && p.linewidth_x_hz_hint > 0));
        const r = engine.fit({}, 1, null);
        assert.equal(r.rows.filter((row) => row.status !== 'added').length, picks.length);
        assert.throws(() => engine.pick_peaks({ threshold_noise: 0 }, 0), /PickOptions::threshold_noise = 0; must be > 0/);
      } finally {
        engine.delete();
      }
      const L = path.join(S.shared, 'data/proteinL_pseudo3d');
      for (const [file, kind] of [['test1.ft2', 'spectrum'], ['test1.ucsf', 'spectrum'], ['test.tab', 'peaks'],
                                  ['peaks.sparky', 'peaks'], ['peaks.a2', 'peaks'], ['vclist', 'delays']])
        assert.equal(M.classify_input(fs.readFileSync(path.join(L, file))), kind, file);
      assert.equal(M.classify_input(new TextEncoder().encode('not a spectrum\n')), 'unknown');
    });

    test('info and plane_data are the file\'s axes and values', () => {
      const engine = new M.Engine();
      try {
        const info = engine.load_spectrum(fs.readFileSync(deep.spectrum), deep.spectrum);
        const text = S.runNative(['info', deep.spectrum]).stdout;
        const [, label, points, first, last] = text.match(/^x: (\S+)\s+(\d+) points\s+(\S+) \.\. +(\S+) ppm/m);
        assert.equal(info.x.label, label);
        assert.equal(info.x.size_pt, Number(points));
        assert.equal(info.x.ppm[0].toFixed(4), first);
        assert.equal(info.x.ppm.at(-1).toFixed(4), last);
        assert.equal(Number(info.noise[0].toPrecision(6)), Number(text.match(/plane 0: noise (\S+)/)[1]));
        const plane = engine.plane_data(0);
        const bytes = fs.readFileSync(deep.spectrum);
        const file = new Float32Array(bytes.buffer.slice(bytes.byteOffset + 2048, bytes.byteOffset + bytes.length));
        assert.equal(plane.length, info.x.size_pt * info.y.size_pt);
        assert.deepEqual(plane, file);
        assert.throws(() => engine.plane_data(1), /plane_data 1: the spectrum has 1 plane\(s\)/);
      } finally {
        engine.delete();
      }
    });
  });
}
