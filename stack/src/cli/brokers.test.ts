import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chooseBrokers,
  recordBrokers,
  recordedBrokers,
  stackConfigFor,
  takeBrokersOption,
} from './brokers';

describe('takeBrokersOption', () => {
  it('takes --brokers N and --brokers=N out of the arguments', () => {
    expect(takeBrokersOption(['--brokers', '3', '--x'])).toEqual({ brokers: 3, rest: ['--x'] });
    expect(takeBrokersOption(['--brokers=1'])).toEqual({ brokers: 1, rest: [] });
    expect(takeBrokersOption(['--keep-stack'])).toEqual({
      brokers: undefined,
      rest: ['--keep-stack'],
    });
  });

  it('refuses a missing, non-numeric, out-of-range or repeated value', () => {
    expect(() => takeBrokersOption(['--brokers'])).toThrow(
      /expects a number of brokers; got nothing/,
    );
    expect(() => takeBrokersOption(['--brokers', 'three'])).toThrow(/got three/);
    expect(() => takeBrokersOption(['--brokers', '0'])).toThrow(
      /one broker \(1\) or a cluster of three \(3\)/,
    );
    expect(() => takeBrokersOption(['--brokers', '2'])).toThrow(/--brokers 2/);
    expect(() => takeBrokersOption(['--brokers', '9'])).toThrow(/--brokers 9/);
    expect(() => takeBrokersOption(['--brokers', '3', '--brokers', '1'])).toThrow(/twice/);
  });
});

describe('the recorded number of brokers', () => {
  let dir: string;
  let run: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'brokers-'));
    run = join(dir, 'run');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is what the last up started, until reset removes run/', () => {
    expect(recordedBrokers(run)).toBeUndefined();
    recordBrokers(run, 3);
    expect(recordedBrokers(run)).toBe(3);
    recordBrokers(run, 1);
    expect(recordedBrokers(run)).toBe(1);
  });

  it('ignores a record it cannot read', () => {
    recordBrokers(run, 3);
    writeFileSync(join(run, 'kafka-brokers'), 'lots\n');
    expect(recordedBrokers(run)).toBeUndefined();
  });
});

describe('chooseBrokers', () => {
  it('prefers the option, then the environment, then the record', () => {
    expect(chooseBrokers(3, { STACK_KAFKA_BROKERS: '1' }, 1)).toBe(3);
    expect(chooseBrokers(undefined, { STACK_KAFKA_BROKERS: '1' }, 3)).toBeUndefined();
    expect(chooseBrokers(undefined, {}, 3)).toBe(3);
    expect(chooseBrokers(undefined, { STACK_KAFKA_BROKERS: '' }, 3)).toBe(3);
    expect(chooseBrokers(undefined, {}, undefined)).toBeUndefined();
  });
});

describe('stackConfigFor', () => {
  it('runs the cluster the last up started, unless told otherwise', () => {
    const state = mkdtempSync(join(tmpdir(), 'stack-'));
    try {
      const env = {
        DB_MIGRATE_PASSWORD: 'x',
        DB_SINK_PASSWORD: 'x',
        DB_API_PASSWORD: 'x',
        STACK_DIR: state,
      };
      expect(stackConfigFor(env, '/r').kafka.nodes).toHaveLength(1);
      recordBrokers(join(state, 'run'), 3);
      expect(stackConfigFor(env, '/r').kafka.bootstrap).toEqual([
        '127.0.0.1:9092',
        '127.0.0.1:9094',
        '127.0.0.1:9096',
      ]);
      expect(stackConfigFor(env, '/r', 1).kafka.nodes).toHaveLength(1);
      expect(stackConfigFor({ ...env, STACK_KAFKA_BROKERS: '1' }, '/r').kafka.nodes).toHaveLength(
        1,
      );
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});
