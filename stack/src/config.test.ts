import { ConfigError } from '@nobel-pipeline/common';
import { loadStackConfig } from './config';

const root = '/repo';
const env = { DB_MIGRATE_PASSWORD: 'secret', DB_SINK_PASSWORD: 's', DB_API_PASSWORD: 'a' };

describe('loadStackConfig', () => {
  it('derives every address from the variables the services read', () => {
    const config = loadStackConfig(env, root);
    expect(config.kafka.nodes).toEqual([
      { id: 1, broker: { host: '127.0.0.1', port: 9092, local: true }, controllerPort: 9093 },
    ]);
    expect(config.kafka.bootstrap).toEqual(['127.0.0.1:9092']);
    expect(config.kafka.heap).toBe('1g');
    expect(config.registry.endpoint).toEqual({ host: '127.0.0.1', port: 8081, local: true });
    expect(config.registry.url).toBe('http://127.0.0.1:8081/apis/ccompat/v7');
    expect(config.mariadb.endpoint).toEqual({ host: '127.0.0.1', port: 3306, local: true });
    expect(config.db).toEqual({
      host: '127.0.0.1',
      port: 3306,
      database: 'nobel',
      user: 'nobel_migrate',
      password: 'secret',
    });
    expect(config.accounts).toEqual({
      migrate: { user: 'nobel_migrate', password: 'secret' },
      sink: { user: 'nobel_sink', password: 's' },
      api: { user: 'nobel_api', password: 'a' },
    });
    expect(config.paths.state).toBe('/repo/.stack');
    expect(config.paths.data).toBe('/repo/.stack/data');
    expect(config.topics.prizes).toEqual({ name: 'nobel.prizes', partitions: 3, compacted: true });
  });

  it('moves the stack when the addresses change', () => {
    const config = loadStackConfig(
      {
        ...env,
        KAFKA_BROKERS: 'localhost:19092',
        SCHEMA_REGISTRY_URL: 'http://localhost:18081/apis/ccompat/v7/',
        DB_HOST: 'db.example.com',
        DB_PORT: '13306',
        STACK_DIR: '/var/tmp/stack',
      },
      root,
    );
    expect(config.kafka.nodes[0]?.broker).toEqual({ host: 'localhost', port: 19092, local: true });
    expect(config.registry.endpoint).toEqual({ host: 'localhost', port: 18081, local: true });
    expect(config.registry.url).toBe('http://localhost:18081/apis/ccompat/v7');
    expect(config.mariadb.endpoint).toEqual({ host: 'db.example.com', port: 13306, local: false });
    expect(config.paths.state).toBe('/var/tmp/stack');
  });

  it('lays a cluster of STACK_KAFKA_BROKERS nodes out from one address, every second port', () => {
    const config = loadStackConfig({ ...env, STACK_KAFKA_BROKERS: '3' }, root);
    expect(config.kafka.nodes.map((n) => [n.id, n.broker.port, n.controllerPort])).toEqual([
      [1, 9092, 9093],
      [2, 9094, 9095],
      [3, 9096, 9097],
    ]);
    expect(config.kafka.bootstrap).toEqual(['127.0.0.1:9092', '127.0.0.1:9094', '127.0.0.1:9096']);
    expect(config.kafka.heap).toBe('512m');
    expect(
      loadStackConfig({ ...env, STACK_KAFKA_BROKERS: '3', STACK_KAFKA_HEAP: '768m' }, root).kafka
        .heap,
    ).toBe('768m');
  });

  it('takes each node from KAFKA_BROKERS when it lists them all', () => {
    const config = loadStackConfig(
      { ...env, KAFKA_BROKERS: 'localhost:29092,localhost:29192,localhost:29292' },
      root,
    );
    expect(config.kafka.nodes.map((n) => [n.id, n.broker.port, n.controllerPort])).toEqual([
      [1, 29092, 9093],
      [2, 29192, 9095],
      [3, 29292, 9097],
    ]);
  });

  it('refuses addresses that do not make the cluster asked for', () => {
    const load = (extra: Record<string, string>) => () =>
      loadStackConfig({ ...env, ...extra }, root);
    expect(load({ KAFKA_BROKERS: 'a:1,b:2', STACK_KAFKA_BROKERS: '3' })).toThrow(
      /KAFKA_BROKERS: lists 2 addresses for a stack of 3 brokers/,
    );
    expect(load({ KAFKA_BROKERS: 'kafka.example:9092', STACK_KAFKA_BROKERS: '3' })).toThrow(
      /every address must be local/,
    );
    expect(load({ STACK_KAFKA_BROKERS: '3', STACK_KAFKA_CONTROLLER_PORT: '9094' })).toThrow(
      /port 9094 would serve two listeners/,
    );
    expect(load({ STACK_KAFKA_BROKERS: '0' })).toThrow(ConfigError);
    expect(load({ KAFKA_BROKERS: 'localhost:1,localhost:3' })).toThrow(
      /lists 2 addresses: the stack runs one broker or a cluster of three/,
    );
    expect(load({ STACK_KAFKA_BROKERS: '2' })).toThrow(
      /STACK_KAFKA_BROKERS: expected 1 \(one broker\) or 3 \(a cluster\)/,
    );
    expect(load({ STACK_KAFKA_BROKERS: 'three' })).toThrow(/STACK_KAFKA_BROKERS/);
  });

  it('names bad STACK_ variables', () => {
    expect(() =>
      loadStackConfig({ ...env, STACK_KAFKA_HEAP: 'lots', STACK_KAFKA_VERSION: '4.1' }, root),
    ).toThrow(
      /STACK_KAFKA_VERSION: expected a version[\s\S]*STACK_KAFKA_HEAP: expected a JVM heap size/,
    );
  });

  it('needs the password of each database account', () => {
    expect(() => loadStackConfig({}, root)).toThrow(
      /DB_MIGRATE_PASSWORD: required[\s\S]*DB_SINK_PASSWORD: required[\s\S]*DB_API_PASSWORD: required/,
    );
  });
});
