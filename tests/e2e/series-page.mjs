// End-to-end tests of the page's series view, imported by page.test.mjs so that they run
// in the same process after the single-spectrum tests (support.mjs empties build-e2e/ on import).
// Protein L (a pseudo-3D file, its peak list and vclist) and the three DEEP plane files (with a
// vdlist) go in through the page's file input; the rates the page shows and exports equal the
// native `voigtfit series` tables; clicking a peak draws its decay, the R plot is drawn and
// selects peaks too; the main thread stays free during the fit; the demo series draws the true R.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { openPage, exportText, screenshot, outDir, root, compareResults, tempDir, voigtfit, kTimeout,
         withBusyCore } from './support.mjs';

const kLongTaskLimitMs = 100;  // as page.test.mjs: the main thread never blocks longer during a fit
const proteinL = path.resolve(root, '..', 'shared', 'data', 'proteinL_pseudo3d');
const deepDir = path.resolve(root, '..', 'shared', 'data', 'deep_850MHz_planes');
const L = { spectrum: path.join(proteinL, 'test1.ft2'), peaks: path.join(proteinL, 'test.tab'), delays: path.join(proteinL, 'vclist') };
const deep = { planes: ['plane001.ft2', 'plane002.ft2', 'plane003.ft2'].map((f) => path.join(deepDir, f)),
               peaks: path.join(deepDir, 'localmax_plane001_derived.csv') };

let dir;
before(() => {
  dir = tempDir();
  deep.delays = path.join(dir, 'vdlist');
  fs.writeFileSync(deep.delays, '10m\n30m\n60m\n');  // DEEP ships no delays (shared/data/README.md)
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

// `voigtfit series` with default options (and `extra` flags): its rates table.
function nativeRates(spectra, peaks, delays, name, extra = []) {
  const prefix = path.join(dir, name);
  const r = spawnSync(voigtfit, ['series', ...spectra, peaks, '--delays', delays, '-o', prefix, '--quiet', ...extra],
                      { encoding: 'utf8', timeout: kTimeout });
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`voigtfit series failed: ${r.stderr}`);
  return fs.readFileSync(`${prefix}.rates.csv`, 'utf8');
}

// Clicks the run button on an open series and waits for its results (and their display), with
// one core kept busy by another process; returns the page's series results (rows and rates as the
// rates table's columns) and the longest main-thread task.
async function fitSeries(page, threads) {
  await page.fill('#threads', String(threads));
  assert.equal(await page.textContent('#run-button'), 'Fit series');
  const t0 = await page.evaluate(() => performance.now());
  await withBusyCore(async () => {
    await page.click('#run-button');
    await page.waitForFunction(() => window.voigtfitApp.state.series !== null && !window.voigtfitApp.state.fitting);
  });
  return page.evaluate((start) => {
    const s = window.voigtfitApp.state.series;
    const position = (fitted, input) => (Number.isFinite(fitted) ? fitted : input);
    const rates = s.rows.map((r, i) => ({ index: r.index, assignment: r.assignment, x_ppm: position(r.x_ppm, r.x_ppm_in),
                                          y_ppm: position(r.y_ppm, r.y_ppm_in), ...s.rates[i] }));
    const during = window.__longtasks.filter((t) => t.start + t.duration >= start);
    return { rates, summary: s.summary, okRates: s.rates.filter((f) => f.status === 'ok').length,
             longestTaskMs: Math.max(0, ...during.map((t) => t.duration)) };
  }, t0);
}

test('series view: protein L and DEEP planes through the file input, rates equal the CLI\'s, decay and R plots', async (t) => {
  const { page, messages, close } = await openPage({ isolation: true });
  const report = {};
  try {
    await t.test('protein L (pseudo-3D file + peak list + vclist) opens as a series', async () => {
      await page.setInputFiles('#file-input', [L.spectrum, L.peaks, L.delays]);
      await page.waitForFunction(() => window.voigtfitApp.state.delays.length === 4 && window.voigtfitApp.state.peaks.length === 63);
      assert.match(await page.textContent('#summary'), /546 × 256 points × 4 planes.*series of 4 planes, delays 2, 50, 100, 150; 63 peaks listed/);
      assert.equal(await page.isVisible('#series-view'), true);
      assert.equal(await page.isVisible('#slices'), false);
      assert.match(await page.textContent('#source-name'), /test1\.ft2.*test\.tab.*vclist/);
    });

    let result;
    await t.test('a 2-thread series fit: the rates table equals `voigtfit series` rates.csv, the main thread free', async () => {
      result = await fitSeries(page, 2);
      Object.assign(report, { longestTaskMs: result.longestTaskMs, summary: result.summary.brief_report });
      assert.equal(result.summary.shapes.threads_used, 2);
      assert.ok(result.longestTaskMs < kLongTaskLimitMs, `longest main-thread task ${result.longestTaskMs} ms`);
      const native = nativeRates([L.spectrum], L.peaks, L.delays, 'proteinL');
      const c = compareResults(native, result.rates);
      Object.assign(report, { ratesNumbers: c.numbers, ratesDiffering: c.differing, ratesMaxRelative: c.maxRelative });
      assert.deepEqual(c.problems.slice(0, 20), []);
      assert.equal(result.okRates, 63);
      assert.equal(Number(await page.getAttribute('table.results-rates', 'data-rows')), 63);
      const exported = await exportText(page, '#export-csv');
      const e = compareResults(native, exported);
      assert.deepEqual(e.problems.slice(0, 20), [], 'exported rates.csv');
      await screenshot(page, 's1-series-fitted');
    });

    await t.test('the R plot shows every fitted rate with its error bar', async () => {
      assert.equal(await page.locator('svg.rate-plot g.rate').count(), 63);
      assert.equal(await page.locator('svg.rate-plot g.rate line.error-bar').count(), 63);
    });

    await t.test('clicking a row draws its decay: 4 points with error bars, the fitted curve, R ± error', async () => {
      await page.click('table.results-rates tbody tr[data-index] >> nth=5');
      const index = Number(await page.getAttribute('table.results-rates tbody tr.selected', 'data-index'));
      const d = await page.getAttribute('svg.decay path.fit', 'd');
      assert.ok(d && d.split('L').length > 30, 'the fitted curve has many points');
      assert.equal(await page.locator('svg.decay .points circle').count(), 4);
      assert.equal(await page.locator('svg.decay .points line.error-bar').count(), 4);
      const title = await page.textContent('h3.decay-title');
      const rate = result.rates[index];
      assert.match(title, /R = [\d.e-]+ ± [\d.e-]+/);
      const [, shown] = title.match(/R = ([\d.e-]+) ±/);
      assert.ok(Math.abs(Number(shown) - rate.r) <= 0.51 * rate.r_err, `shown ${shown} vs R ${rate.r} ± ${rate.r_err}`);
      assert.equal(await page.getAttribute('svg.rate-plot g.rate.selected', 'data-index'), String(index));
      await screenshot(page, 's2-decay');
    });

    await t.test('clicking a point of the R plot selects that peak', async () => {
      await page.dispatchEvent('svg.rate-plot g.rate[data-index="20"] circle', 'click', { bubbles: true });
      assert.equal(await page.getAttribute('svg.decay', 'data-peak'), String(result.rates[20].index));
      assert.equal(await page.getAttribute('table.results-rates tbody tr.selected', 'data-index'), '20');
    });

    await t.test('the joint-fit box: the rates equal `voigtfit series --joint`', async () => {
      await page.check('#fit-joint');
      const r = await fitSeries(page, 2);
      await page.uncheck('#fit-joint');
      const c = compareResults(nativeRates([L.spectrum], L.peaks, L.delays, 'proteinL-joint', ['--joint']), r.rates);
      Object.assign(report, { jointMaxRelative: c.maxRelative });
      assert.deepEqual(c.problems.slice(0, 20), []);
      assert.equal(r.okRates, 63);
    });

    await t.test('three DEEP plane files + peak list + vdlist (dropped) fit as one series, equal to the CLI', async () => {
      await page.evaluate(async (files) => {
        const dt = new DataTransfer();
        for (const f of files) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
        window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, [...deep.planes, deep.peaks, deep.delays].reverse().map((f) => ({ name: path.basename(f), bytes: [...fs.readFileSync(f)] })));
      await page.waitForFunction(() => window.voigtfitApp.state.delays.length === 3 && window.voigtfitApp.state.peaks.length === 12);
      assert.match(await page.textContent('#source-name'), /plane001\.ft2 … plane003\.ft2 \(3 planes\)/);
      const r = await fitSeries(page, 2);
      const c = compareResults(nativeRates(deep.planes, deep.peaks, deep.delays, 'deep'), r.rates);
      Object.assign(report, { deepNumbers: c.numbers, deepMaxRelative: c.maxRelative });
      assert.deepEqual(c.problems.slice(0, 20), []);
      await page.click('table.results-rates tbody tr[data-index] >> nth=0');
      assert.equal(await page.locator('svg.decay .points circle').count(), 3);
    });

    await t.test('the demo series fits its 10 planes and marks the true rates', async () => {
      await page.click('#demo-series-button');
      await page.waitForFunction(() => window.voigtfitApp.state.delays.length === 10);
      const r = await fitSeries(page, 2);
      assert.ok(r.okRates >= 150, `${r.okRates} rates fitted`);
      assert.equal(await page.locator('svg.rate-plot .truth path').count(), 150);
      await page.click('table.results-rates tbody tr[data-index] >> nth=0');
      assert.equal(await page.locator('svg.decay .points circle').count(), 10);
      await screenshot(page, 's3-demo-series');
      // back to the plain demo: the 2D view returns
      await page.click('#demo-button');
      await page.waitForFunction(() => window.voigtfitApp.state.delays.length === 0 && window.voigtfitApp.state.peaks.length === 150);
      assert.equal(await page.textContent('#run-button'), 'Fit all peaks');
      assert.equal(await page.isVisible('#slices'), true);
    });
  } finally {
    fs.writeFileSync(path.join(outDir, 'series-console.log'), messages.join('\n'));
    fs.writeFileSync(path.join(outDir, 'series-report.json'), JSON.stringify(report, null, 2));
    t.diagnostic(JSON.stringify(report));
    await close();
  }
});
