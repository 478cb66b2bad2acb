import { loadConfig, poolSize } from './config';

describe('sink config', () => {
  it('needs its own password, and the migration account while it migrates at start-up', () => {
    expect(() => loadConfig({})).toThrow(/^Invalid configuration:\n {2}DB_SINK_PASSWORD: required/);
    expect(() => loadConfig({ DB_SINK_PASSWORD: 'pw' })).toThrow(
      /DB_MIGRATE_PASSWORD: required while SINK_MIGRATE_ON_START=true/,
    );
    const config = loadConfig({ DB_SINK_PASSWORD: 'pw', DB_MIGRATE_PASSWORD: 'mig' });
    expect(config.db).toEqual({
      host: '127.0.0.1',
      port: 3306,
      database: 'nobel',
      user: 'nobel_sink',
      password: 'pw',
    });
    expect(config.migrationDb).toMatchObject({ user: 'nobel_migrate', password: 'mig' });
    expect(config.kafka.clientId).toBe('sink');
    expect(config.topics.prizes.name).toBe('nobel.prizes');
  });

  it('does without the migration account when it does not migrate', () => {
    const config = loadConfig({ DB_SINK_PASSWORD: 'pw', SINK_MIGRATE_ON_START: 'false' });
    expect(config.migrationDb).toBeUndefined();
  });

  it('reads its group session as the fetcher does, within what Kafka allows', () => {
    const base = { DB_SINK_PASSWORD: 'pw', SINK_MIGRATE_ON_START: 'false' };
    expect(loadConfig(base).sessionTimeoutMs).toBe(30_000);
    expect(loadConfig({ ...base, KAFKA_SESSION_TIMEOUT_MS: '6000' }).sessionTimeoutMs).toBe(6000);
    expect(() => loadConfig({ ...base, KAFKA_SESSION_TIMEOUT_MS: '5000' })).toThrow(
      /KAFKA_SESSION_TIMEOUT_MS/,
    );
  });

  it('writes a batch in three transactions at once by default, and sizes its pool for them', () => {
    const base = { DB_SINK_PASSWORD: 'pw', SINK_MIGRATE_ON_START: 'false' };
    expect(loadConfig(base)).toMatchObject({ writersPerBatch: 3, partitionsConcurrently: 3 });
    expect(poolSize(loadConfig(base))).toBe(10);
    expect(
      poolSize(
        loadConfig({ ...base, SINK_PARTITIONS_CONCURRENTLY: '1', SINK_WRITERS_PER_BATCH: '1' }),
      ),
    ).toBe(2);
    // More transactions at once than a database's connections allow is refused, naming both.
    expect(() =>
      loadConfig({ ...base, SINK_PARTITIONS_CONCURRENTLY: '8', SINK_WRITERS_PER_BATCH: '9' }),
    ).toThrow(/SINK_WRITERS_PER_BATCH: 9 writers per batch × SINK_PARTITIONS_CONCURRENTLY=8 is 72/);
    expect(
      poolSize(
        loadConfig({ ...base, SINK_PARTITIONS_CONCURRENTLY: '8', SINK_WRITERS_PER_BATCH: '8' }),
      ),
    ).toBe(65);
    expect(loadConfig({ ...base, SINK_WRITERS_PER_BATCH: '1' }).writersPerBatch).toBe(1);
    for (const bad of ['0', '17', '2.5', 'many'])
      expect(() => loadConfig({ ...base, SINK_WRITERS_PER_BATCH: bad })).toThrow(
        /SINK_WRITERS_PER_BATCH/,
      );
  });
});
