/**
 * A service's output as a terminal shows it: each line prefixed with the service's name, and
 * pino's JSON made readable (`12:00:01.123 INFO  run succeeded prizesChanged=0 pages=27`).
 */

const LEVELS: Record<string, string> = {
  '10': 'TRACE',
  '20': 'DEBUG',
  '30': 'INFO ',
  '40': 'WARN ',
  '50': 'ERROR',
  '60': 'FATAL',
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO ',
  warn: 'WARN ',
  error: 'ERROR',
  fatal: 'FATAL',
};

const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg']);

function value(v: unknown): string {
  if (typeof v === 'string') return /\s/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}

export function formatLine(service: string, line: string, width: number): string {
  const prefix = `[${service}]`.padEnd(width + 2);
  if (!line.startsWith('{')) return `${prefix} ${line}`;
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
    const level = LEVELS[String(entry.level)] ?? String(entry.level ?? '');
    const fields = Object.entries(entry)
      .filter(([k]) => !HIDDEN.has(k))
      .map(([k, v]) => `${k}=${value(v)}`)
      .join(' ');
    return `${prefix} ${time} ${level} ${String(entry.msg ?? '')}${fields === '' ? '' : ` ${fields}`}`;
  } catch {
    return `${prefix} ${line}`;
  }
}

/** Splits a stream of chunks into whole lines. */
export function lineSplitter(onLine: (line: string) => void): {
  push(chunk: Buffer): void;
  end(): void;
} {
  let rest = '';
  return {
    push(chunk) {
      const text = rest + chunk.toString('utf8');
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') onLine(line);
    },
    end() {
      if (rest.trim() !== '') onLine(rest);
      rest = '';
    },
  };
}
