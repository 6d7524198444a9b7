// Memory: a 4096 x 1024 spectrum with 2000 peaks fits voigtfit_mt's fixed 1 GiB heap;
// a spectrum too large for the heap, whether found before copying (the bytes) or while reading
// (std::bad_alloc), is a JS Error naming the heap, never an abort, and the module keeps working.
// voigtfit_st grows its heap instead, up to 2 GiB.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';

import * as S from './support.mjs';

const dir = S.tempDir();
const mt = await S.loadModule('mt', { pthreadPoolSize: 2 });
const st = await S.loadModule('st');
after(() => {
  mt.terminate_workers();
  fs.rmSync(dir, { recursive: true, force: true });
});
const kMiB = 2 ** 20;
const mib = (bytes) => `${(bytes / kMiB).toFixed(0)} MiB`;
const deep = {
  spectrum: path.join(S.shared, 'data/deep_850MHz_planes/plane001.ft2'),
  peaks: path.join(S.shared, 'data/deep_850MHz_planes/localmax_plane001_derived.csv'),
};

function stillWorks(M) {
  const engine = new M.Engine();
  try {
    engine.load_spectrum(fs.readFileSync(deep.spectrum), deep.spectrum);
    engine.load_peaks(fs.readFileSync(deep.peaks, 'utf8'), deep.peaks, 'auto');
    assert.equal(engine.fit({}, 2, null).summary.ok, 12);
  } finally {
    engine.delete();
  }
}

// protein L's 4 planes repeated to `bytes` and byte-swapped (big-endian NMRPipe): the reader
// converts it into a second, native-order copy, so it needs twice its size in the heap.
function bigEndianSeries(bytes) {
  const file = fs.readFileSync(path.join(S.shared, 'data/proteinL_pseudo3d/test1.ft2'));
  const data = file.subarray(2048);
  const plane = data.length / 4;
  const planes = Math.ceil((bytes - 2048) / plane);
  const out = Buffer.alloc(2048 + planes * plane);
  file.copy(out, 0, 0, 2048);
  out.writeFloatLE(planes, 15 * 4);  // FDF3SIZE
  for (let k = 0; k < planes; ++k) data.copy(out, 2048 + k * plane, (k % 4) * plane, (k % 4 + 1) * plane);
  return { bytes: out.swap32(), planes };
}

test('voigtfit_mt: a 4096 x 1024 spectrum with 2000 peaks fits the heap', (t) => {
  const sim = S.nativeSimulate(path.join(dir, 'sim2000'), ['--peaks', '2000', '--nx', '4096', '--ny', '1024', '--seed', '3']);
  const engine = new mt.Engine();
  try {
    const info = engine.load_spectrum(fs.readFileSync(sim.spectrum), sim.spectrum);
    assert.deepEqual([info.x.size_pt, info.y.size_pt], [4096, 1024]);
    assert.equal(engine.load_peaks(fs.readFileSync(sim.peaks, 'utf8'), sim.peaks, 'auto').length, 2000);
    // One solver iteration: the scratch of every cluster is allocated as in a full fit (most of it
    // before the solver starts), in a tenth of the time.
    const r = engine.fit({ max_iterations: 1 }, 2, null);
    const heap = mt.heap_bytes();
    t.diagnostic(`heap ${mib(heap.max)}: peak use ${mib(heap.peak)} with 2 threads, ${mib(heap.free)} free after; ` +
                 `${r.summary.brief_report}`);
    assert.equal(heap.max, 1024 * kMiB);
    assert.equal(r.rows.filter((row) => row.message.includes('bad_alloc')).length, 0);
    // Every cluster ran to its end (one iteration leaves some peaks `failed` by the engine's own
    // checks, e.g. no finite error yet: that is the fit's verdict, not the heap's).
    const s = r.summary;
    assert.ok(r.rows.length >= 2000 && s.ok > 0, s.brief_report);
    assert.equal(s.cancelled + s.crashed + s.timeout, 0, s.brief_report);
    assert.equal(r.slices.length, r.rows.length);
  } finally {
    engine.delete();
  }
});

test('voigtfit_mt: bytes larger than the free heap are refused before copying', () => {
  const engine = new mt.Engine();
  try {
    assert.throws(() => engine.load_spectrum(new Uint8Array(1100 * kMiB), 'huge.ft2'),
                  { name: 'Error', message: /^huge\.ft2: 1100 MiB do not fit in the WebAssembly heap \(\d+ MiB free of 1024 MiB\)$/ });
  } finally {
    engine.delete();
  }
  stillWorks(mt);
});

test('voigtfit_mt: running out of heap while reading is an Error (std::bad_alloc), not an abort', () => {
  const { bytes } = bigEndianSeries(600 * kMiB);
  const engine = new mt.Engine();
  try {
    assert.throws(() => engine.load_spectrum(bytes, 'big-endian.ft2'),
                  { message: 'out of memory: the WebAssembly heap (1024 MiB) cannot hold this spectrum and its fit' });
  } finally {
    engine.delete();
  }
  stillWorks(mt);
});

test('voigtfit_st: the heap grows past its initial 64 MiB; past its 2 GiB limit is an Error', () => {
  const { bytes, planes } = bigEndianSeries(150 * kMiB);
  const engine = new st.Engine();
  try {
    assert.equal(engine.load_spectrum(bytes, 'big-endian.ft2').num_planes, planes);
    assert.throws(() => engine.load_spectrum(new Uint8Array(2100 * kMiB), 'huge.ft2'),
                  /^Error: huge\.ft2: 2100 MiB do not fit in the WebAssembly heap \(\d+ MiB free of 2048 MiB\)$/);
  } finally {
    engine.delete();
  }
  stillWorks(st);
});
