import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { createTestRegistry, loadTestConfig, uniqueTopic } from '@nobel-pipeline/test-utils';
import { runningStack } from './helpers';

/**
 * Schema ids are written into every Kafka record, so the registry must give the same id back
 * for the same schema, and resolve old ids, after its process restarts.
 */
jest.setTimeout(180_000);

const { stack } = runningStack();
const config = loadTestConfig();

const schema = JSON.stringify({
  type: 'record',
  name: 'Restart',
  namespace: 'org.nobelpipeline.test',
  fields: [{ name: 'id', type: 'string' }],
});

it('keeps schema ids across a restart of the registry process', async () => {
  const subject = `${uniqueTopic('restart')}-value`;
  const before = createTestRegistry(config.registry);
  const { id } = await before.register({ type: SchemaType.AVRO, schema }, { subject });
  const encoded = await before.encode(id, { id: 'che-1901' });

  const registry = stack.component('registry');
  await registry.down();
  expect((await registry.status()).up).toBe(false);
  const status = await registry.up();
  expect(status.up).toBe(true);

  const after = createTestRegistry(config.registry);
  expect(await after.decode(encoded)).toEqual({ id: 'che-1901' });
  expect(await after.getLatestSchemaId(subject)).toBe(id);
  expect((await after.register({ type: SchemaType.AVRO, schema }, { subject })).id).toBe(id);
});
