// Series in WebAssembly vs the native CLI: `voigtfit series` on protein L (one pseudo-3D
// file, vclist; also with the joint fit of all planes) and on the three DEEP plane files (a
// vdlist written here), against Engine
// load_spectrum / load_planes + load_delays + fit_series in voigtfit_mt (1 and 2 threads) and
// voigtfit_st. Every table the CLI writes (shapes, planes, planes_wide, rates, intensities)
// agrees within 1e-9 relative or 1e-12 absolute, text columns identical; the result objects hold
// the tables' numbers exactly; the thread count and the module change no byte. A simulated
// series recovers its known rates.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import * as S from './support.mjs';

const dir = S.tempDir();
const proteinL = path.join(S.shared, 'data/proteinL_pseudo3d');
const deep = path.join(S.shared, 'data/deep_850MHz_planes');
// DEEP ships no delays (shared/data/README.md): a vdlist with units, as TopSpin writes them.
const vdlist = path.join(dir, 'vdlist');
fs.writeFileSync(vdlist, '10m\n30m\n60m\n');

const datasets = [
  {
    name: 'protein L (pseudo-3D file, vclist)',
    spectra: [path.join(proteinL, 'test1.ft2')],
    peaks: path.join(proteinL, 'test.tab'),
    delays: path.join(proteinL, 'vclist'),
  },
  {
    name: 'protein L, joint fit of all planes (--joint)',
    spectra: [path.join(proteinL, 'test1.ft2')],
    peaks: path.join(proteinL, 'test.tab'),
    delays: path.join(proteinL, 'vclist'),
    joint: true,
  },
  {
    name: 'DEEP (3 plane files, vdlist)',
    spectra: ['plane001.ft2', 'plane002.ft2', 'plane003.ft2'].map((f) => path.join(deep, f)),
    peaks: path.join(deep, 'localmax_plane001_derived.csv'),
    delays: vdlist,
  },
];

const mt = await S.loadModule('mt', { pthreadPoolSize: 2 });
const st = await S.loadModule('st');
after(() => {
  mt.terminate_workers();
  fs.rmSync(dir, { recursive: true, force: true });
});

function nativeSeries(d, prefix) {
  const r = S.runNative(['series', ...d.spectra, d.peaks, '--delays', d.delays, '-o', prefix, '--quiet',
                         ...(d.joint ? ['--joint'] : [])]);
  if (r.status !== 0 && r.status !== 1) throw new Error(`voigtfit series failed: ${r.stderr}`);
  return Object.fromEntries(mt.series_table_names().map((t) => [t, fs.readFileSync(`${prefix}.${t}.csv`, 'utf8')]));
}

function wasmSeries(M, d, threads) {
  const engine = new M.Engine();
  try {
    if (d.spectra.length === 1) engine.load_spectrum(fs.readFileSync(d.spectra[0]), d.spectra[0]);
    else engine.load_planes(d.spectra.map((f) => fs.readFileSync(f)), d.spectra.map((f) => path.basename(f)));
    engine.load_peaks(fs.readFileSync(d.peaks, 'utf8'), d.peaks, 'auto');
    engine.load_delays(fs.readFileSync(d.delays, 'utf8'), d.delays, 1);
    const result = engine.fit_series({}, { joint_fit: Boolean(d.joint) }, threads, null);
    const tables = Object.fromEntries(M.series_table_names().map((t) => [t, engine.series_table(t)]));
    return { result, tables };
  } finally {
    engine.delete();
  }
}

const runs = [
  { label: 'mt, 1 thread', M: mt, threads: 1 },
  { label: 'mt, 2 threads', M: mt, threads: 2 },
  { label: 'st', M: st, threads: 1 },
];

for (const [i, d] of datasets.entries()) {
  describe(d.name, () => {
    let native;
    const got = {};
    before(() => { native = nativeSeries(d, path.join(dir, `native${i}`)); });

    for (const run of runs) {
      test(`${run.label}: every table equals the CLI's`, (t) => {
        const r = (got[run.label] = wasmSeries(run.M, d, run.threads));
        assert.equal(r.result.summary.shapes.threads_used, run.threads);
        for (const table of mt.series_table_names()) {
          const c = S.compareResultCsv(native[table], r.tables[table]);
          t.diagnostic(`${table}: ${c.numbers} numbers, ${c.differing} not bit-identical, ` +
                       `largest relative difference ${c.maxRelative.toExponential(2)}`);
          assert.deepEqual(c.problems.slice(0, 20), [], `${table}: ${c.problems.length} differences`);
        }
      });
    }

    test('the thread count and the module change no byte', () => {
      const one = got['mt, 1 thread'].tables;
      for (const label of ['mt, 2 threads', 'st'])
        for (const table of mt.series_table_names()) assert.ok(one[table] === got[label].tables[table], `${label} ${table}`);
    });

    test('result objects hold the numbers of the rates and planes tables', () => {
      const { result, tables } = got['mt, 1 thread'];
      const rates = S.parseCsv(tables.rates).rows, planes = S.parseCsv(tables.planes).rows;
      assert.equal(result.rates.length, rates.length);
      assert.equal(result.rows.length, rates.length);
      result.rates.forEach((f, r) => {
        for (const key of ['i0', 'i0_err', 'r', 'r_err', 'chi2_red', 'planes_used'])
          assert.ok(Object.is(f[key], S.asNumber(rates[r][key])), `row ${r} ${key}: ${f[key]} vs ${rates[r][key]}`);
        assert.equal(f.status, rates[r].status);
      });
      const numPlanes = result.delays.length;
      assert.equal(planes.length, result.rows.length * numPlanes);
      planes.forEach((p, n) => {
        const v = result.planes[Math.floor(n / numPlanes)][n % numPlanes];
        for (const key of ['height', 'height_err', 'volume', 'volume_err'])
          assert.ok(Object.is(v[key], S.asNumber(p[key])), `line ${n} ${key}`);
        assert.equal(v.status, p.status);
        assert.ok(Object.is(result.delays[n % numPlanes], S.asNumber(p.delay)));
      });
    });

    test('each fitted peak\'s curve is its decay model from 0 to the last delay', () => {
      const { result } = got['mt, 1 thread'];
      const last = Math.max(...result.delays);
      result.rates.forEach((f, r) => {
        const c = result.curves[r];
        if (f.status !== 'ok') return;
        assert.equal(c.delay[0], 0);
        assert.ok(S.closeEnough(c.delay.at(-1), last, 1e-15));
        c.delay.forEach((t, k) => assert.ok(S.closeEnough(c.height[k], f.i0 * Math.exp(-f.r * t), 1e-13)));
      });
    });
  });
}

test('load_planes refuses planes of different grids with the CLI\'s message, and arrays that do not pair up', () => {
  const deepSet = datasets.find((d) => d.name.startsWith('DEEP'));
  const files = [deepSet.spectra[0], path.join(proteinL, 'test1.ft2')];  // a DEEP plane, then protein L
  const cli = S.runNative(['series', ...files, deepSet.peaks, '--delays', vdlist]);
  assert.equal(cli.status, 2, cli.stderr);
  const message = cli.stderr.split('\n')[0].replace(/^voigtfit: /, '');
  for (const M of [mt, st]) {
    const engine = new M.Engine();
    try {
      assert.throws(() => engine.load_planes(files.map((f) => fs.readFileSync(f)), files), { message });
      assert.throws(() => engine.load_planes([fs.readFileSync(files[0])], []), /give an array of files and an array of as many names/);
      assert.throws(() => engine.load_planes([], []), /no plane files/);
    } finally {
      engine.delete();
    }
  }
});

test('a simulated series recovers its known rates within 3 standard errors (mt and st alike)', () => {
  const fits = [mt, st].map((M) => {
    const engine = new M.Engine();
    try {
      const sim = engine.simulate_series({ spectrum: { num_peaks: 60, seed: 4, nx: 512, ny: 128 } });
      assert.deepEqual(sim.delays_s, M.default_series_simulation_options().delays_s);
      const r = engine.fit_series({}, {}, 0, null);
      return { sim, r, rates: engine.series_table('rates') };
    } finally {
      engine.delete();
    }
  });
  const [{ sim, r }, { rates }] = fits;
  assert.equal(fits[0].rates, rates, 'voigtfit_mt and voigtfit_st give the same bytes');
  const listed = sim.peaks.length;
  let within = 0;
  for (let i = 0; i < listed; ++i) {
    const f = r.rates[i];
    assert.equal(f.status, 'ok', `${i}: ${f.message}`);
    if (Math.abs(f.r - sim.rates_per_s[i]) <= 3 * f.r_err) ++within;
  }
  // Gaussian errors put 99.7 % within 3 SE; 90 % leaves room for overlapped peaks.
  assert.ok(within >= 0.9 * listed, `${within} of ${listed} rates within 3 SE of the truth`);
});
