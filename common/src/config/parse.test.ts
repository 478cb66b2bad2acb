import { ConfigError } from '../errors';
import { parseEnv } from './parse';
import { dbEnv, dbSinkEnv, kafkaEnv, registryEnv, toTopicsConfig, topicsEnv } from './sections';
import { flag, hostPortList, httpUrl, httpUrlList, integer, port } from './types';

function issuesOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) {
      return Object.fromEntries(error.issues.map((i) => [i.variable, i.problem]));
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseEnv', () => {
  it('applies defaults for unset and empty variables', () => {
    const parsed = parseEnv({ ...kafkaEnv, ...registryEnv, P: port(3000) }, { P: '  ' });
    expect(parsed).toEqual({
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_CLIENT_ID: undefined,
      SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081/apis/ccompat/v7',
      SCHEMA_REGISTRY_TIMEOUT_MS: 10_000,
      P: 3000,
    });
  });

  it('parses valid values', () => {
    const parsed = parseEnv(
      {
        KAFKA_BROKERS: hostPortList('x:1'),
        URL: httpUrl(),
        URLS: httpUrlList(),
        NONE: httpUrlList(),
        N: integer(5, 1, 10),
        F: flag(false),
      },
      {
        KAFKA_BROKERS: 'a:9092, b.example:19092',
        URL: 'https://h:1/api/',
        URLS: 'http://f1:9464/, http://f2:9464',
        N: '7',
        F: 'yes',
      },
    );
    expect(parsed).toEqual({
      KAFKA_BROKERS: ['a:9092', 'b.example:19092'],
      URL: 'https://h:1/api',
      URLS: ['http://f1:9464', 'http://f2:9464'],
      NONE: [],
      N: 7,
      F: true,
    });
  });

  it('reports every bad variable at once, naming each', () => {
    const issues = issuesOf(() =>
      parseEnv(
        { ...kafkaEnv, ...dbEnv, ...dbSinkEnv, N: integer(5, 1, 10), URLS: httpUrlList() },
        { KAFKA_BROKERS: 'no-port', DB_PORT: '70000', N: '11', URLS: 'http://a, ftp://b' },
      ),
    );
    expect(Object.keys(issues).sort()).toEqual([
      'DB_PORT',
      'DB_SINK_PASSWORD',
      'KAFKA_BROKERS',
      'N',
      'URLS',
    ]);
    expect(issues.KAFKA_BROKERS).toMatch(/host:port.*"no-port"/);
    expect(issues.DB_PORT).toMatch(/TCP port/);
    expect(issues.DB_SINK_PASSWORD).toMatch(/required.*not set/);
    expect(issues.N).toMatch(/from 1 to 10/);
  });

  it('never echoes a secret back', () => {
    const error = (() => {
      try {
        parseEnv({ API_TOKEN: integer(1, 1, 2) }, { API_TOKEN: 'hunter2' });
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.message).toContain('API_TOKEN');
    expect(error.message).not.toContain('hunter2');
  });

  it('rejects an SQL identifier that could inject', () => {
    const issues = issuesOf(() => parseEnv(dbEnv, { DB_NAME: 'nobel; DROP DATABASE x' }));
    expect(Object.keys(issues)).toEqual(['DB_NAME']);
  });

  it('rejects a registry URL that is not http(s)', () => {
    expect(
      Object.keys(issuesOf(() => parseEnv(registryEnv, { SCHEMA_REGISTRY_URL: 'ftp://x' }))),
    ).toEqual(['SCHEMA_REGISTRY_URL']);
  });
});

describe('topics', () => {
  it('defaults to the documented names, partitions and cleanup policies', () => {
    expect(toTopicsConfig(parseEnv(topicsEnv, {}))).toEqual({
      commands: { name: 'nobel.commands', partitions: 1, compacted: true },
      prizes: { name: 'nobel.prizes', partitions: 3, compacted: true },
      laureates: { name: 'nobel.laureates', partitions: 3, compacted: true },
      fetchRuns: { name: 'nobel.fetch-runs', partitions: 1, compacted: false },
      prizesDlq: { name: 'nobel.prizes.dlq', partitions: 1, compacted: false },
      commandsDlq: { name: 'nobel.commands.dlq', partitions: 1, compacted: false },
    });
  });

  it('rejects names Kafka would refuse', () => {
    expect(Object.keys(issuesOf(() => parseEnv(topicsEnv, { TOPIC_PRIZES: 'a b' })))).toEqual([
      'TOPIC_PRIZES',
    ]);
  });
});
