// Builds the console into dist/: app.js and app.css bundled by esbuild, a static index.html
// (no inline script or style: ingest-api's Content-Security-Policy forbids them) and a
// manifest of the files' sizes. Run by `npm run build -w @nobel-pipeline/console`.
// The empty data: icon keeps the browser from asking for a /favicon.ico that ingest-api does
// not serve (a 404 in the browser console on every load).
import { build } from 'esbuild';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>Nobel pipeline console</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="app.css">
    <script type="module" src="app.js"></script>
  </head>
  <body>
    <div id="app"><p class="boot">Loading the console…</p></div>
    <noscript>The console needs JavaScript.</noscript>
  </body>
</html>
`;

/** The sizes of the files in dist/, for whoever serves or measures them. */
async function writeManifest() {
  const files = {};
  for (const name of (await readdir(dist)).sort()) {
    if (name === 'manifest.json') continue;
    files[name] = { bytes: (await stat(join(dist, name))).size };
  }
  await writeFile(join(dist, 'manifest.json'), `${JSON.stringify({ files }, null, 2)}\n`);
}

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
await build({
  // One entry: main.tsx imports its CSS and uPlot's, which esbuild writes beside it as app.css.
  entryPoints: { app: join(root, 'src/main.tsx') },
  outdir: dist,
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
});
await writeFile(join(dist, 'index.html'), INDEX_HTML);
await writeManifest();
