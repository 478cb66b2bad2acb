import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Type, type Schema } from 'avsc';
import { loadTestConfig, uniqueTopic } from '@nobel-pipeline/test-utils';
import { createCodec } from '../codec/codec';
import { frame } from '../codec/wire';
import { loadContracts } from '../contracts';
import type { Contract } from '../contracts/contract';
import { SchemaRejectedError, UnknownSchemaIdError } from '../errors';
import { fetchRun, noAwardPrize, sharedPrize, startCommand } from '../fixtures/values';

/** The codec against the real schema registry of the stack. */
jest.setTimeout(60_000);

const config = loadTestConfig();
const contracts = loadContracts();
const freshCodec = () =>
  createCodec({ registry: new SchemaRegistry({ host: config.registry.url }) });

it('round-trips every contract through the registry, decoded by a client with an empty cache', async () => {
  const writer = freshCodec();
  const reader = freshCodec();
  const commands = writer.encoder(contracts.fetcherCommand, uniqueTopic('commands'));
  const prizes = writer.encoder(contracts.nobelPrize, uniqueTopic('prizes'));
  const runs = writer.encoder(contracts.fetchRun, uniqueTopic('runs'));

  expect(
    await reader.decoder(contracts.fetcherCommand).decode(await commands.encode(startCommand)),
  ).toEqual(startCommand);
  expect(
    await reader.decoder(contracts.nobelPrize).decode(await prizes.encode(sharedPrize)),
  ).toEqual(sharedPrize);
  expect(
    await reader.decoder(contracts.nobelPrize).decode(await prizes.encode(noAwardPrize)),
  ).toEqual(noAwardPrize);
  expect(await reader.decoder(contracts.fetchRun).decode(await runs.encode(fetchRun))).toEqual(
    fetchRun,
  );
});

it('gets the same id for the same schema from another process-like client', async () => {
  const topic = uniqueTopic('ids');
  const first = await freshCodec().encoder(contracts.fetchRun, topic).schemaId();
  const second = await freshCodec().encoder(contracts.fetchRun, topic).schemaId();
  expect(second).toBe(first);
});

it('is refused by the registry when a new schema breaks BACKWARD compatibility of its subject', async () => {
  const topic = uniqueTopic('evolution');
  await freshCodec().encoder(contracts.fetchRun, topic).schemaId();

  const fields = (contracts.fetchRun.schema as { fields: { name: string }[] }).fields.map((f) =>
    f.name === 'pages' ? { ...f, type: 'string' } : f,
  );
  const broken = { ...(contracts.fetchRun.schema as object), fields } as Schema;
  const brokenContract: Contract<unknown> = {
    name: 'FetchRun',
    version: 2,
    schema: broken,
    type: Type.forSchema(broken),
    history: [],
  };
  const error = await freshCodec()
    .encoder(brokenContract, topic)
    .schemaId()
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SchemaRejectedError);
  expect((error as SchemaRejectedError).retriable).toBe(false);
});

it('reports an id the registry does not know as UnknownSchemaIdError', async () => {
  const error = await freshCodec()
    .decoder(contracts.nobelPrize)
    .decode(frame(2_000_000_000, Buffer.from([0])))
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UnknownSchemaIdError);
  expect((error as UnknownSchemaIdError).retriable).toBe(false);
});
