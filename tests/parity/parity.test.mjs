// WebAssembly vs native: on a simulated 300-peak spectrum, protein L and a DEEP plane,
// voigtfit_mt with 1, 2 and 4 threads and voigtfit_st give the native CLI's rows, statuses and
// clusters with every number within 1e-9 relative or 1e-12 absolute; the multi-threaded
// module's exported CSV and JSON are byte-identical whatever the thread count.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import * as S from './support.mjs';

const dir = S.tempDir();
const sim = S.nativeSimulate(path.join(dir, 'sim300'), ['--peaks', '300', '--seed', '1']);
const datasets = [
  { name: 'simulated 300 peaks', spectrum: sim.spectrum, peaks: sim.peaks },
  {
    name: 'protein L',
    spectrum: path.join(S.shared, 'data/proteinL_pseudo3d/test1.ft2'),
    peaks: path.join(S.shared, 'data/proteinL_pseudo3d/test.tab'),
  },
  {
    name: 'DEEP plane 1',
    spectrum: path.join(S.shared, 'data/deep_850MHz_planes/plane001.ft2'),
    peaks: path.join(S.shared, 'data/deep_850MHz_planes/localmax_plane001_derived.csv'),
  },
];

// A pool of 4 so that 4 threads really run 4 (the pool defaults to the machine's cores).
const mt = await S.loadModule('mt', { pthreadPoolSize: 4 });
const st = await S.loadModule('st');
after(() => {
  mt.terminate_workers();  // else the pool's Workers keep node alive
  fs.rmSync(dir, { recursive: true, force: true });
});

function fitWith(M, d, threads) {
  const engine = new M.Engine();
  try {
    engine.load_spectrum(fs.readFileSync(d.spectrum), d.spectrum);
    engine.load_peaks(fs.readFileSync(d.peaks, 'utf8'), d.peaks, 'auto');
    const result = engine.fit({}, threads, null);
    return { result, csv: engine.results_csv(), json: engine.results_json() };
  } finally {
    engine.delete();
  }
}

const runs = [
  { label: 'mt, 1 thread', kind: 'mt', threads: 1 },
  { label: 'mt, 2 threads', kind: 'mt', threads: 2 },
  { label: 'mt, 4 threads', kind: 'mt', threads: 4 },
  { label: 'st', kind: 'st', threads: 1 },
];

for (const d of datasets) {
  describe(d.name, () => {
    let native;
    const got = {};
    before(() => {
      native = S.nativeFit(d.spectrum, d.peaks, dir);
    });

    for (const run of runs) {
      test(`${run.label} gives the native CLI's results`, (t) => {
        const r = (got[run.label] = fitWith(run.kind === 'mt' ? mt : st, d, run.threads));
        assert.equal(r.result.summary.threads_used, run.threads);
        const c = S.compareResultCsv(native.csv, r.csv);
        t.diagnostic(`${r.result.rows.length} rows; ${c.differing} of ${c.numbers} numbers not bit-identical, ` +
                     `largest relative difference ${c.maxRelative.toExponential(2)}; ` +
                     `fit ${r.result.summary.wall_time_s.toFixed(3)} s`);
        assert.deepEqual(c.problems.slice(0, 20), [], `${c.problems.length} differences`);
        assert.deepEqual(S.compareSlices(native.json, r.result.slices).slice(0, 20), []);
      });
    }

    test('mt exports are byte-identical across 1, 2 and 4 threads', () => {
      const one = got['mt, 1 thread'];
      for (const label of ['mt, 2 threads', 'mt, 4 threads']) {
        assert.ok(one.csv === got[label].csv, `CSV of ${label} differs from 1 thread`);
        assert.ok(one.json === got[label].json, `JSON of ${label} differs from 1 thread`);
      }
    });

    test('st exports are byte-identical to mt', () => {
      assert.ok(got.st.csv === got['mt, 1 thread'].csv);
      assert.ok(got.st.json === got['mt, 1 thread'].json);
    });

    test('result rows are plain objects with the CSV columns and values', () => {
      const { result, csv } = got['mt, 1 thread'];
      const table = S.parseCsv(csv);
      assert.deepEqual(Object.keys(result.rows[0]), table.header);
      result.rows.forEach((row, i) => {
        for (const column of table.header) {
          const text = table.rows[i][column], value = row[column];
          if (typeof value === 'number')
            assert.ok(Object.is(value, S.asNumber(text)), `row ${i} ${column}: ${value} vs ${text}`);
          else assert.equal(value, text, `row ${i} ${column}`);
        }
      });
    });
  });
}
