import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What Maven downloads, as a person wants to see it: bytes so far, the rate, the file being
 * fetched — from the lines Maven prints in batch mode
 * (`Downloaded from central: https://…/kafka_2.13-4.1.2.jar (6.5 MB at 3.2 MB/s)`), reported
 * at most once per interval, and a summary at the end.
 */

const DOWNLOADED = /Downloaded from [^:]+: (\S+) \(([\d.]+) (B|kB|KB|MB|GB)(?: at [^)]*)?\)/;
const UNITS: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 };

export function formatBytes(bytes: number): string {
  if (bytes < 1e3) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

export interface DownloadMeter {
  /** One line of Maven's output. */
  line(text: string): void;
  /** What was downloaded in all, or undefined when nothing was (everything was in ~/.m2). */
  summary(): string | undefined;
}

export function createDownloadMeter(options: {
  report: (message: string) => void;
  now?: () => number;
  everyMs?: number;
}): DownloadMeter {
  const now = options.now ?? Date.now;
  const everyMs = options.everyMs ?? 1000;
  const started = now();
  let bytes = 0;
  let files = 0;
  let lastReport = started;

  const rate = (at: number) =>
    formatBytes(Math.round(bytes / Math.max((at - started) / 1000, 0.001)));

  return {
    line(text) {
      const match = DOWNLOADED.exec(text);
      if (match === null) return;
      const [, url = '', size = '0', unit = 'B'] = match;
      bytes += Math.round(Number(size) * (UNITS[unit] ?? 1));
      files += 1;
      const at = now();
      if (at - lastReport < everyMs) return;
      lastReport = at;
      const file = url.slice(url.lastIndexOf('/') + 1);
      options.report(
        `downloaded ${formatBytes(bytes)} (${files} files) at ${rate(at)}/s — ${file}`,
      );
    },
    summary() {
      if (files === 0) return undefined;
      const at = now();
      return `downloaded ${formatBytes(bytes)} (${files} files) in ${((at - started) / 1000).toFixed(1)} s, ${rate(at)}/s`;
    },
  };
}

function sizeUnder(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory()
      ? sizeUnder(path)
      : (statSync(path, { throwIfNoEntry: false })?.size ?? 0);
  }
  return total;
}

/**
 * Progress of one large file Maven fetches without a line until it is complete (the
 * registry's ~160 MB archive): what has been written under its directory of the local
 * repository, with the rate, once per interval. Returns the function that stops watching.
 */
export function watchGrowth(
  dir: string,
  report: (message: string) => void,
  options: { everyMs?: number; now?: () => number } = {},
): () => void {
  const now = options.now ?? Date.now;
  const baseline = sizeUnder(dir);
  const started = now();
  const timer = setInterval(() => {
    const grown = sizeUnder(dir) - baseline;
    const seconds = Math.max((now() - started) / 1000, 0.001);
    if (grown > 0)
      report(`downloading: ${formatBytes(grown)} at ${formatBytes(Math.round(grown / seconds))}/s`);
  }, options.everyMs ?? 1000);
  timer.unref();
  return () => clearInterval(timer);
}
