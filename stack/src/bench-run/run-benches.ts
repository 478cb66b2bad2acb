import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { StackConfig } from '../config';
import { createStack } from '../stack';
import { display } from '../system/files';
import { replaceBlocks, type BenchBlock } from './readme-blocks';

/** One benchmark of `npm run bench`: its script and its arguments, full and quick. */
export interface BenchDefinition {
  name: string;
  /** What a person types to run it alone. */
  npmScript: string;
  /** The compiled script, from the repository's root. */
  script: string;
  full: string[];
  /** Undefined: left out of `--quick`. */
  quick: string[] | undefined;
}

/**
 * Every benchmark that needs only the stack. `npm run bench:console` is not among them: it
 * measures the console in Chromium against a running pipeline (see console/README.md).
 */
export const BENCHES: readonly BenchDefinition[] = [
  {
    name: 'fetcher',
    npmScript: 'bench:fetcher',
    script: 'fetcher/dist/bench/full-run.js',
    full: ['--runs', '15'],
    quick: ['--runs', '1'],
  },
  {
    name: 'sink',
    npmScript: 'bench:sink',
    script: 'sink/dist/bench/sink-throughput.js',
    full: [],
    quick: ['--events', '3000'],
  },
  {
    // The Debezium JDBC sink on the same broker, database and N as the sink above (its first
    // run downloads the connector with Maven, 38 MB).
    name: 'debezium',
    npmScript: 'bench:debezium',
    script: 'sink/dist/bench/debezium-jdbc.js',
    full: [],
    quick: ['--events', '2000'],
  },
  {
    name: 'sink-one-partition',
    npmScript: 'bench:sink',
    script: 'sink/dist/bench/sink-throughput.js',
    full: ['--partitions', '1', '--concurrency', '1'],
    quick: undefined,
  },
  {
    name: 'sink-instances',
    npmScript: 'bench:sink',
    script: 'sink/dist/bench/sink-throughput.js',
    full: ['--instances', '2'],
    quick: ['--instances', '2', '--events', '2000'],
  },
  {
    name: 'sink-real',
    npmScript: 'bench:sink',
    script: 'sink/dist/bench/sink-throughput.js',
    full: ['--source', 'real', '--events', '48240'],
    quick: ['--source', 'real', '--events', '1340'],
  },
  {
    name: 'sink-profile',
    npmScript: 'bench:sink',
    script: 'sink/dist/bench/sink-throughput.js',
    full: ['--events', '50000', '--profile'],
    quick: ['--events', '1000', '--profile'],
  },
  {
    name: 'writer',
    npmScript: 'bench:writer',
    script: 'sink/dist/bench/writer-statements.js',
    full: [],
    quick: ['--batches', '2', '--batch-size', '200'],
  },
  {
    name: 'read',
    npmScript: 'bench:read',
    script: 'ingest-api/dist/bench/read-latency.js',
    full: [],
    quick: ['--prizes', '2000', '--requests', '20'],
  },
  {
    name: 'pipeline',
    npmScript: 'bench:pipeline',
    script: 'e2e/dist/bench/pipeline-cost.js',
    full: [],
    quick: ['--scales', '1', '--requests', '20'],
  },
];

export interface BenchRunOptions {
  quick: boolean;
  /** Only these benchmarks (names); all when empty. */
  only: string[];
  /** The results file, from the repository's root. */
  out: string;
  /** Rewrite the README's figures from the results (full runs only). */
  readme: boolean;
  /** Do not run anything: rewrite the README from the results file as it is. */
  readmeOnly: boolean;
}

export const BENCH_USAGE = `Usage: npm run bench [-- --quick] [--only NAME,...] [--out FILE] [--no-readme] [--readme-only]

Runs every benchmark that needs only the stack (${BENCHES.map((b) => b.name).join(', ')}), one
after the other, and writes their figures with the machine's to bench-results.json; a full run
then rewrites the README's figures (the blocks between <!-- bench:NAME --> markers) from it.

  --quick        small sizes, to check that every benchmark still runs (CI does); writes
                 bench-results.quick.json and never touches the README
  --only NAMES   only these benchmarks (the README keeps the other blocks as they are)
  --out FILE     the results file
  --no-readme    leave the README as it is
  --readme-only  run nothing: rewrite the README from the results file`;

export function parseBenchArgs(args: readonly string[]): BenchRunOptions {
  const options: BenchRunOptions = {
    quick: false,
    only: [],
    out: '',
    readme: true,
    readmeOnly: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const next = args[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--quick') options.quick = true;
    else if (arg === '--no-readme') options.readme = false;
    else if (arg === '--readme-only') options.readmeOnly = true;
    else if (arg === '--out') options.out = value();
    else if (arg === '--only') options.only = value().split(',').filter(Boolean);
    else throw new Error(`unknown option ${String(arg)}`);
  }
  const unknown = options.only.filter((name) => !BENCHES.some((b) => b.name === name));
  if (unknown.length > 0)
    throw new Error(
      `--only: no benchmark named ${unknown.join(', ')} (there are ${BENCHES.map((b) => b.name).join(', ')})`,
    );
  if (options.quick && options.readmeOnly)
    throw new Error('--readme-only renders a full run: it does not go with --quick');
  if (options.out === '')
    options.out = options.quick ? 'bench-results.quick.json' : 'bench-results.json';
  // A quick run's figures are too small to publish.
  if (options.quick) options.readme = false;
  return options;
}

export interface BenchRecord {
  /** When and where it ran (a run with --only keeps the others' earlier records). */
  measuredAt: string;
  machine: Machine;
  /** The command that reproduces it. */
  command: string;
  seconds: number;
  /** What the benchmark printed. */
  output: string;
  /** What it wrote with --json. */
  figures: Record<string, unknown>;
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  os: string;
  node: string;
  kafka: string;
  /** The stack's brokers when it ran (absent in records from before clusters: one). */
  kafkaBrokers?: number;
  registry: string;
  /** As the benchmark that reads it reports it (bench:read). */
  mariadb?: string;
}

export interface BenchResults {
  generatedAt: string;
  quick: boolean;
  /** The machine of this run (each record keeps its own). */
  machine: Machine;
  benches: Record<string, BenchRecord>;
}

/** The README block of one benchmark: where and when it was measured, and what it printed. */
export function renderBlock(name: string, results: BenchResults): BenchBlock | undefined {
  const record = results.benches[name];
  if (record === undefined) return undefined;
  const m = record.machine;
  const conditions =
    `Measured ${record.measuredAt.slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` ([bench-results.json](bench-results.json)), ` +
    `\`${record.command}\` alone: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, ` +
    `Kafka ${m.kafka} (${(m.kafkaBrokers ?? 1) === 1 ? 'one broker' : `a cluster of ${m.kafkaBrokers} brokers, topics replicated three times`}) and Apicurio Registry ${m.registry} from the stack` +
    `${m.mariadb === undefined ? '' : `, MariaDB ${m.mariadb}`}, all on this one machine.`;
  return { name, body: `${conditions}\n\n\`\`\`text\n${record.output.trim()}\n\`\`\`` };
}

/**
 * What a benchmark printed, without the log lines its clients may write to the same stdout
 * (JSON objects with a `level`): the figures and their labels only.
 */
export function printedFigures(output: string): string {
  return output
    .split('\n')
    .filter((line) => {
      if (!line.startsWith('{')) return true;
      try {
        const parsed: unknown = JSON.parse(line);
        return !(typeof parsed === 'object' && parsed !== null && 'level' in parsed);
      } catch {
        return true;
      }
    })
    .join('\n');
}

function runBench(
  root: string,
  bench: BenchDefinition,
  args: readonly string[],
  json: string,
): Promise<{ code: number; output: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [bench.script, ...args, '--json', json], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.once('error', () => resolveRun({ code: 127, output }));
    // 'close', not 'exit': stdout may still hold the end of what it printed at 'exit'.
    child.once('close', (code) => resolveRun({ code: code ?? 1, output }));
  });
}

function rewriteReadme(root: string, results: BenchResults, print: (line: string) => void) {
  const path = join(root, 'README.md');
  const blocks = Object.keys(results.benches).flatMap((name) => renderBlock(name, results) ?? []);
  const { text, replaced, missing } = replaceBlocks(readFileSync(path, 'utf8'), blocks);
  writeFileSync(path, text);
  print(`README.md: figures rewritten for ${replaced.join(', ') || 'nothing'}.`);
  if (missing.length > 0)
    print(`README.md has no block for ${missing.join(', ')} (add <!-- bench:NAME --> markers).`);
}

/** The earlier results of the file, if any (a partial run keeps their other benchmarks). */
function previousBenches(out: string): Record<string, BenchRecord> {
  try {
    return (JSON.parse(readFileSync(out, 'utf8')) as BenchResults).benches;
  } catch {
    return {};
  }
}

export async function runBenches(
  config: StackConfig,
  options: BenchRunOptions,
  print: (line: string) => void,
): Promise<number> {
  const root = config.paths.root;
  const out = resolve(root, options.out);
  if (options.readmeOnly) {
    rewriteReadme(root, JSON.parse(readFileSync(out, 'utf8')) as BenchResults, print);
    return 0;
  }
  const chosen = BENCHES.filter(
    (b) =>
      (options.only.length === 0 || options.only.includes(b.name)) &&
      (!options.quick || b.quick !== undefined),
  );
  if (chosen.length === 0) {
    print(
      `Nothing to run: ${options.only.join(', ')} has no quick size (it runs at full size only).`,
    );
    return 2;
  }
  const down = (await createStack(config, () => undefined).status()).filter((s) => !s.up);
  if (down.length > 0) {
    print(
      `The benchmarks need the stack: ${down.map((s) => s.name).join(', ')} down. Start it with \`npm run stack:up\`.`,
    );
    return 1;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'nobel-bench-'));
  const machine: Machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `Linux ${release()}`,
    node: process.version,
    kafka: config.kafka.version,
    kafkaBrokers: config.kafka.nodes.length,
    registry: config.registry.version,
  };
  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    quick: options.quick,
    machine,
    benches: {},
  };
  let failed: string | undefined;
  let skipped = false;
  try {
    for (const bench of chosen) {
      const args = options.quick ? (bench.quick ?? []) : bench.full;
      const command = `npm run ${bench.npmScript}${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
      print(`\n==> ${bench.name}: ${command}\n`);
      const json = join(scratch, `${bench.name}.json`);
      const started = Date.now();
      const { code, output } = await runBench(root, bench, args, json);
      if (code !== 0) {
        failed = `${bench.name} failed (exit code ${code})`;
        break;
      }
      const figures = JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>;
      if (typeof figures.skipped === 'string') {
        print(`${bench.name} skipped: ${figures.skipped} (its earlier results, if any, are kept)`);
        skipped = true;
        continue;
      }
      if (typeof figures.mariadb === 'string') machine.mariadb ??= figures.mariadb;
      results.benches[bench.name] = {
        measuredAt: new Date(started).toISOString(),
        machine:
          typeof figures.mariadb === 'string' ? { ...machine, mariadb: figures.mariadb } : machine,
        command,
        seconds: (Date.now() - started) / 1000,
        output: printedFigures(output),
        figures,
      };
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  // A partial run (--only, a benchmark skipped, or one cut short by a failure) keeps the
  // others' last results: the README never shows a block bench-results.json does not hold.
  const partial = options.only.length > 0 || skipped || failed !== undefined;
  if (partial) results.benches = { ...previousBenches(out), ...results.benches };
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  print(`\nWrote ${display(root, out)}.`);
  if (failed !== undefined) {
    print(
      `${failed}: the results of the benchmarks before it are kept; the README is left as it is.`,
    );
    return 1;
  }
  if (options.readme) rewriteReadme(root, results, print);
  return 0;
}
