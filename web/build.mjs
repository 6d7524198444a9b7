// Assembles a static copy of the page that any static host can serve:
//   node web/build.mjs [OUT]     (default build-web/, ignored by git like every build* folder)
// Layout as web/serve.mjs serves it: the page, node_modules/{d3-array,d3-contour}/dist/, and the
// modules in wasm/mt/ and wasm/st/ (from $VOIGTFIT_WASM_BUILD, default build-wasm, and
// $VOIGTFIT_WASM_ST_BUILD, default $VOIGTFIT_WASM_BUILD-st). The host must send
//   Cross-Origin-Opener-Policy: same-origin
//   Cross-Origin-Embedder-Policy: require-corp
// on every response (and .wasm as application/wasm); without them the page still works with the
// single-threaded module and says so.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultMounts } from './serve.mjs';

const webDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(webDir, '..');
const out = path.resolve(root, process.argv[2] || 'build-web');
const pageFiles = ['index.html', 'styles.css', 'app.js', 'engine-bridge.js', 'engine-worker.js', 'contour-plot.js',
                   'contour-worker.js', 'results-table.js', 'slice-plot.js', 'decay-plot.js', 'rate-plot.js', 'series-view.js', 'svg.js', 'frames.js', 'figure.js', 'downloads.js', 'controls.js', 'drop-target.js'];
const mounts = Object.fromEntries(defaultMounts());

fs.rmSync(out, { recursive: true, force: true });
const copy = (from, to) => {
  if (!fs.existsSync(from)) throw new Error(`${from} is missing (run bash scripts/build_wasm.sh / npm install in web)`);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
};
for (const f of pageFiles) copy(path.join(webDir, f), path.join(out, f));
for (const m of ['d3-array', 'd3-contour'])
    copy(path.join(mounts['/node_modules/'], m, 'dist', `${m}.min.js`), path.join(out, 'node_modules', m, 'dist', `${m}.min.js`));
for (const f of ['voigtfit_mt.js', 'voigtfit_mt.wasm', 'voigtfit_mt.worker.js'])
  copy(path.join(mounts['/wasm/mt/'], f), path.join(out, 'wasm', 'mt', f));
for (const f of ['voigtfit_st.js', 'voigtfit_st.wasm'])
  copy(path.join(mounts['/wasm/st/'], f), path.join(out, 'wasm', 'st', f));
fs.writeFileSync(path.join(out, '_headers'),  // Netlify / Cloudflare Pages syntax
  '/*\n  Cross-Origin-Opener-Policy: same-origin\n  Cross-Origin-Embedder-Policy: require-corp\n');
console.log(`static page in ${path.relative(process.cwd(), out) || '.'}/ (serve it with COOP same-origin + COEP require-corp)`);
