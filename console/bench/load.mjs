// How fast the console loads, in a real browser: `npm run bench:console` against a running
// pipeline (npm run start:offline, with the prizes stored). Each run opens /ui/ in a new
// browser context (nothing cached) and measures first contentful paint, the load event, the
// time until the page shows the pipeline's state and the stored prizes, and every byte it
// downloaded — its own files and the API calls it makes. Prints a table and JSON; asserts
// nothing.
//
//   npm run bench:console -- [--url http://localhost:3000/ui/] [--runs 10] [--chromium /path]
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const USAGE =
  'Usage: npm run bench:console -- [--url <console URL>] [--runs <1-100>] [--chromium <path>]';

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        url: { type: 'string', default: 'http://localhost:3000/ui/' },
        runs: { type: 'string', default: '10' },
        chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new Error(`${error.message}\n${USAGE}`);
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const runs = Number(parsed.runs);
  if (!/^\d+$/.test(parsed.runs) || runs < 1 || runs > 100)
    throw new Error(`--runs: expected 1 to 100, got "${parsed.runs}"\n${USAGE}`);
  let url;
  try {
    url = new URL(parsed.url);
  } catch {
    throw new Error(`--url: expected a URL such as http://localhost:3000/ui/, got "${parsed.url}"`);
  }
  if (!existsSync(parsed.chromium))
    throw new Error(`--chromium: no browser at ${parsed.chromium} (apt-get install chromium)`);
  return { url: url.href, runs, chromium: parsed.chromium };
}

/** One visit in a new context: timings, and the bytes of every response. */
async function visit(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.getByTestId('desired-state').waitFor();
  await page.getByTestId('prizes-total').waitFor();
  const shownMs = Date.now() - started;
  const measured = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const navigation = performance.getEntriesByType('navigation')[0];
    const entries = [navigation, ...performance.getEntriesByType('resource')];
    return {
      firstContentfulPaintMs: paint?.startTime ?? null,
      loadEventMs: navigation?.loadEventEnd ?? null,
      files: entries.map((e) => ({
        path: new URL(e.name).pathname + new URL(e.name).search,
        // What crossed the network (compressed, if it was), and the body as decoded.
        transferred: e.transferSize,
        decoded: e.decodedBodySize,
      })),
    };
  });
  await context.close();
  return { ...measured, shownMs };
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function main() {
  const { url, runs, chromium: executablePath } = options();
  const probe = await fetch(url).catch((error) => {
    throw new Error(
      `${url} does not answer (${error.cause?.code ?? error.message}): start the pipeline first (npm run start:offline)`,
    );
  });
  if (!probe.ok)
    throw new Error(`${url} answered ${probe.status}: is the console built (npm run build)?`);
  const browser = await chromium.launch({ executablePath, headless: true });
  const visits = [];
  try {
    for (let i = 0; i < runs; i++) visits.push(await visit(browser, url));
  } finally {
    await browser.close();
  }
  const figure = (key) => {
    const values = visits.map((v) => v[key]).filter((v) => v !== null);
    return { p50: Math.round(percentile(values, 50)), p95: Math.round(percentile(values, 95)) };
  };
  const last = visits.at(-1);
  const total = (key) => last.files.reduce((n, f) => n + f[key], 0);
  const result = {
    url,
    runs,
    machine: {
      cpus: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      browser: browser.version(),
    },
    firstContentfulPaintMs: figure('firstContentfulPaintMs'),
    loadEventMs: figure('loadEventMs'),
    stateAndPrizesShownMs: figure('shownMs'),
    bytes: { transferred: total('transferred'), decoded: total('decoded'), files: last.files },
  };
  const rows = [
    ['first contentful paint', result.firstContentfulPaintMs],
    ['load event', result.loadEventMs],
    ['state and prizes shown', result.stateAndPrizesShownMs],
  ].map(
    ([what, { p50, p95 }]) =>
      `${what.padEnd(24)} p50 ${String(p50).padStart(5)} ms   p95 ${String(p95).padStart(5)} ms`,
  );
  process.stdout.write(
    [
      `console load: ${url}, ${runs} visits, each in a new browser context (nothing cached)`,
      ...rows,
      `downloaded per visit: ${result.bytes.transferred} bytes over the network (${result.bytes.decoded} decoded), ${last.files.length} responses:`,
      ...last.files.map((f) => `  ${String(f.transferred).padStart(7)}  ${f.path}`),
      JSON.stringify(result),
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  process.stderr.write(`bench:console: ${error.message}\n`);
  process.exit(1);
});
