import {
  BENCHES,
  parseBenchArgs,
  printedFigures,
  renderBlock,
  type BenchResults,
} from './run-benches';

describe('parseBenchArgs', () => {
  it('runs everything at full size by default, and rewrites the README', () => {
    expect(parseBenchArgs([])).toEqual({
      quick: false,
      only: [],
      out: 'bench-results.json',
      readme: true,
      readmeOnly: false,
    });
  });

  it('--quick writes its own file and never the README', () => {
    expect(parseBenchArgs(['--quick'])).toMatchObject({
      quick: true,
      out: 'bench-results.quick.json',
      readme: false,
    });
  });

  it('takes --only, --out, --no-readme and --readme-only', () => {
    expect(parseBenchArgs(['--only', 'sink,read', '--out', 'x.json', '--no-readme'])).toEqual({
      quick: false,
      only: ['sink', 'read'],
      out: 'x.json',
      readme: false,
      readmeOnly: false,
    });
    expect(parseBenchArgs(['--readme-only']).readmeOnly).toBe(true);
  });

  it('refuses what it does not know, with the names it knows', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow('unknown option --fast');
    expect(() => parseBenchArgs(['--only', 'sinks'])).toThrow(
      `no benchmark named sinks (there are ${BENCHES.map((b) => b.name).join(', ')})`,
    );
    expect(() => parseBenchArgs(['--out'])).toThrow('--out needs a value');
    expect(() => parseBenchArgs(['--out', '--quick'])).toThrow('--out needs a value');
    expect(() => parseBenchArgs(['--quick', '--readme-only'])).toThrow('does not go with --quick');
  });
});

describe('the benchmarks', () => {
  it('have distinct names, and a quick size for all but the repeats of another', () => {
    expect(new Set(BENCHES.map((b) => b.name)).size).toBe(BENCHES.length);
    for (const b of BENCHES.filter((b) => b.quick === undefined))
      expect(BENCHES.some((o) => o !== b && o.script === b.script && o.quick !== undefined)).toBe(
        true,
      );
  });
});

describe('renderBlock', () => {
  const machine = {
    cores: 2,
    cpu: 'Some CPU',
    memoryGiB: 24,
    os: 'Linux 6.1',
    node: 'v20.20.2',
    kafka: '4.1.1',
    registry: '3.1.0',
  };
  const results: BenchResults = {
    generatedAt: '2026-11-30T07:00:00.000Z',
    quick: false,
    // This run's machine: the record says where it was measured (an earlier run, here).
    machine: { ...machine, cpu: 'Another CPU' },
    benches: {
      read: {
        measuredAt: '2026-11-29T23:00:00.000Z',
        machine: { ...machine, mariadb: '10.11.19-MariaDB' },
        command: 'npm run bench:read',
        seconds: 300,
        output: '\nread API latency: …\n  p50 1 ms\n\n',
        figures: {},
      },
    },
  };

  it('says when, where and how it was measured, then what the benchmark printed', () => {
    expect(renderBlock('read', results)).toEqual({
      name: 'read',
      body:
        'Measured 2026-11-29 23:00 UTC by `npm run bench` ([bench-results.json](bench-results.json)), ' +
        '`npm run bench:read` alone: 2 cores (Some CPU), 24 GiB, Linux 6.1, Node v20.20.2, ' +
        'Kafka 4.1.1 (one broker) and Apicurio Registry 3.1.0 from the stack, MariaDB 10.11.19-MariaDB, ' +
        'all on this one machine.\n\n```text\nread API latency: …\n  p50 1 ms\n```',
    });
  });

  it('names a cluster the benchmark ran on', () => {
    const read = results.benches.read;
    if (read === undefined) throw new Error('no read record');
    const onCluster: BenchResults = {
      ...results,
      benches: { read: { ...read, machine: { ...machine, kafkaBrokers: 3 } } },
    };
    expect(renderBlock('read', onCluster)?.body).toContain(
      'Kafka 4.1.1 (a cluster of 3 brokers, topics replicated three times) and Apicurio',
    );
  });

  it('has nothing for a benchmark the results do not hold', () => {
    expect(renderBlock('sink', results)).toBeUndefined();
  });
});

describe('printedFigures', () => {
  it('keeps what the benchmark printed, without the JSON log lines of its clients', () => {
    const output = [
      '{"level":"error","time":"2026-11-30T06:50:00Z","msg":"The group coordinator is not available"}',
      'Fetcher benchmark: 670 prizes',
      '{not a log line',
      '{"figure":1}',
      '  197.1 ms  full run',
    ].join('\n');
    expect(printedFigures(output)).toBe(
      [
        'Fetcher benchmark: 670 prizes',
        '{not a log line',
        '{"figure":1}',
        '  197.1 ms  full run',
      ].join('\n'),
    );
  });
});
