import { ConfigError } from '@nobel-pipeline/common';
import { loadStackConfig } from './config';

const root = '/repo';
const env = { DB_MIGRATE_PASSWORD: 'secret', DB_SINK_PASSWORD: 's', DB_API_PASSWORD: 'a' };

describe('loadStackConfig', () => {
  it('derives every address from the variables the services read', () => {
    const config = loadStackConfig(env, root);
    expect(config.kafka.broker).toEqual({ host: '127.0.0.1', port: 9092, local: true });
    expect(config.kafka.controllerPort).toBe(9093);
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
    expect(config.kafka.broker).toEqual({ host: 'localhost', port: 19092, local: true });
    expect(config.registry.endpoint).toEqual({ host: 'localhost', port: 18081, local: true });
    expect(config.registry.url).toBe('http://localhost:18081/apis/ccompat/v7');
    expect(config.mariadb.endpoint).toEqual({ host: 'db.example.com', port: 13306, local: false });
    expect(config.paths.state).toBe('/var/tmp/stack');
  });

  it('refuses more than one broker, since it runs one', () => {
    expect(() => loadStackConfig({ ...env, KAFKA_BROKERS: 'a:1,b:2' }, root)).toThrow(ConfigError);
    expect(() => loadStackConfig({ ...env, KAFKA_BROKERS: 'a:1,b:2' }, root)).toThrow(
      /KAFKA_BROKERS: the local stack runs one broker/,
    );
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
