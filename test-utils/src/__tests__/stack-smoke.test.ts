import { SchemaType } from '@kafkajs/confluent-schema-registry';
import {
  connectAsApp,
  consumeMessages,
  createTestDatabase,
  createTestKafka,
  createTestRegistry,
  createTopic,
  loadTestConfig,
  produceRecords,
  uniqueTopic,
} from '..';

/**
 * Proves the local stack is real: a Kafka broker that kafkajs produces to and a consumer group
 * consumes from, a Confluent-compatible registry that @kafkajs/confluent-schema-registry
 * registers and resolves Avro schemas with, and a MariaDB the application user can use.
 */
jest.setTimeout(60_000);

const config = loadTestConfig();

describe('the local stack', () => {
  it('carries records from a kafkajs producer to a consumer group', async () => {
    const kafka = createTestKafka(config.kafka);
    const topic = uniqueTopic('smoke');
    await createTopic(kafka, { name: topic, partitions: 3 });
    const sent = Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: `value ${i}` }));
    await produceRecords(kafka, topic, sent);

    const received = await consumeMessages(kafka, { topic, count: sent.length });
    const pairs = received.map(({ message }) => [
      message.key?.toString(),
      message.value?.toString(),
    ]);
    expect(pairs.sort()).toEqual(sent.map((m) => [m.key, m.value]).sort());
    expect(new Set(received.map((r) => r.partition)).size).toBeGreaterThan(1);
  });

  it('registers an Avro schema and round-trips a value through the registry wire format', async () => {
    const registry = createTestRegistry(config.registry);
    const subject = `${uniqueTopic('smoke')}-value`;
    const schema = {
      type: 'record',
      name: 'Smoke',
      namespace: 'org.nobelpipeline.test',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'count', type: 'int' },
        { name: 'note', type: ['null', 'string'], default: null },
      ],
    };
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
      { subject },
    );
    expect(id).toBeGreaterThan(0);

    const value = { id: 'phy-1901', count: 3, note: 'Röntgen — “rays”' };
    const encoded = await registry.encode(id, value);
    expect(encoded[0]).toBe(0); // magic byte
    expect(encoded.readInt32BE(1)).toBe(id); // schema id, big-endian

    // A second client has nothing cached: it must fetch the schema by id from the registry.
    const decoded = await createTestRegistry(config.registry).decode(encoded);
    expect(decoded).toEqual(value);
    expect(await registry.getLatestSchemaId(subject)).toBe(id);
  });

  it('lets the application user query its database, and nothing more', async () => {
    const conn = await connectAsApp(config.db);
    try {
      const [row] = await conn.query(
        'SELECT CURRENT_USER() AS user, DATABASE() AS db, 6 * 7 AS answer',
      );
      expect(row.user).toMatch(new RegExp(`^${config.db.user}@`));
      expect(row.db).toBe(config.db.database);
      expect(row.answer).toBe(42);
      await expect(conn.query('SELECT User FROM mysql.user')).rejects.toThrow(/denied/i);
    } finally {
      await conn.end();
    }
  });

  it('lets the application user create and drop a disposable test database', async () => {
    const database = await createTestDatabase(config.db);
    const conn = await connectAsApp(database.config);
    try {
      await conn.query(
        'CREATE TABLE t (id VARCHAR(20) PRIMARY KEY, name TEXT) CHARACTER SET utf8mb4',
      );
      await conn.query('INSERT INTO t VALUES (?, ?)', ['1', 'Władysław Reymont']);
      const [row] = await conn.query('SELECT name FROM t WHERE id = ?', ['1']);
      expect(row.name).toBe('Władysław Reymont');
    } finally {
      await conn.end();
      await database.drop();
    }
  });
});
