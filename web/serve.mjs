// Dev server for the page: serves web/, the two WebAssembly builds and the npm modules
// the page imports. Every response carries the isolation headers that voigtfit_mt needs
// (shared/TOOLCHAIN.md §5.3, G10) unless --no-isolation is given (the single-thread fallback test).
//
//   node web/serve.mjs [--port N] [--host H] [--no-isolation] [--static DIR]
//   (--static serves a folder made by web/build.mjs instead of the source tree)
//
// URL layout (web/build.mjs writes the same layout into a static folder):
//   /                 web/
//   /node_modules/    web/node_modules/
//   /wasm/mt/         $VOIGTFIT_WASM_BUILD/wasm/      (default build-wasm)
//   /wasm/st/         $VOIGTFIT_WASM_ST_BUILD/wasm/   (default $VOIGTFIT_WASM_BUILD-st)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(webDir, '..');
const wasmBuild = path.resolve(root, process.env.VOIGTFIT_WASM_BUILD || 'build-wasm');
const wasmStBuild = path.resolve(root, process.env.VOIGTFIT_WASM_ST_BUILD || `${wasmBuild}-st`);

export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.csv': 'text/csv', '.txt': 'text/plain; charset=utf-8',
};

// Maps a URL path to a file, never outside the mounted folders.
function resolveFile(urlPath, mounts) {
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    const rel = decodeURIComponent(urlPath.slice(prefix.length)) || 'index.html';
    const file = path.resolve(dir, rel);
    if (file !== dir && !file.startsWith(dir + path.sep)) return null;
    return file;
  }
  return null;
}

export function defaultMounts() {
  return [
    ['/wasm/mt/', path.join(wasmBuild, 'wasm')],
    ['/wasm/st/', path.join(wasmStBuild, 'wasm')],
    ['/node_modules/', path.join(webDir, 'node_modules')],
    ['/', webDir],
  ];
}

// Starts the server; resolves to {server, url}. port 0 picks a free port.
export function startServer({ port = 8080, host = '127.0.0.1', isolation = true,
                              mounts = defaultMounts() } = {}) {
  const server = http.createServer((req, res) => {
    const headers = { 'Cache-Control': 'no-store', ...(isolation ? isolationHeaders : {}) };
    const urlPath = new URL(req.url, 'http://x').pathname;
    const file = resolveFile(urlPath, mounts);
    fs.stat(file ?? '', (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
        res.end(`not found: ${urlPath}\n`);
        return;
      }
      res.writeHead(200, { ...headers, 'Content-Type': types[path.extname(file)] || 'application/octet-stream',
                           'Content-Length': st.size });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const a = server.address();
      resolve({ server, url: `http://${a.address}:${a.port}/` });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (flag, fallback) => { const i = args.indexOf(flag); return i >= 0 ? args[i + 1] : fallback; };
  const isolation = !args.includes('--no-isolation');
  const staticDir = value('--static', null);
  const mounts = staticDir ? [['/', path.resolve(staticDir)]] : defaultMounts();
  if (!staticDir) for (const [, dir] of defaultMounts().slice(0, 2))
    if (!fs.existsSync(dir)) console.warn(`warning: ${dir} is missing: run bash scripts/build_wasm.sh`);
  const { url } = await startServer({ port: Number(value('--port', 8080)), host: value('--host', '127.0.0.1'),
                                      isolation, mounts });
  console.log(`voigtfit page: ${url}  (${isolation ? 'cross-origin isolated: multi-threaded engine'
                                                   : 'no isolation headers: single-threaded engine'})`);
}
