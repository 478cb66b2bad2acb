import { Type, type Schema } from 'avsc';
import { loadContracts } from '../contracts';
import {
  IncompatibleSchemaError,
  MalformedRecordError,
  RegistryUnavailableError,
  UnknownSchemaIdError,
  ValidationError,
} from '../errors';
import { createFakeRegistry } from '@nobel-pipeline/test-utils';
import { fetchRun, noAwardPrize, sharedPrize, startCommand } from '../fixtures/values';
import { createCodec } from './codec';
import { frame } from './wire';

const contracts = loadContracts();

function setup() {
  const registry = createFakeRegistry();
  return { registry, codec: createCodec({ registry }) };
}

describe('codec', () => {
  it('registers on first use under <topic>-value, once, and round-trips every contract', async () => {
    const { registry, codec } = setup();
    const prizes = codec.encoder(contracts.nobelPrize, 'nobel.prizes');
    expect(prizes.subject).toBe('nobel.prizes-value');
    const a = await prizes.encode(sharedPrize);
    const b = await prizes.encode(noAwardPrize);
    expect(registry.registrations).toBe(1);
    expect(a.readInt32BE(1)).toBe(await prizes.schemaId());

    const decode = codec.decoder(contracts.nobelPrize);
    expect(await decode.decode(a)).toEqual(sharedPrize);
    expect(await decode.decode(b)).toEqual(noAwardPrize);

    const commands = codec.encoder(contracts.fetcherCommand, 'nobel.commands');
    expect(
      await codec.decoder(contracts.fetcherCommand).decode(await commands.encode(startCommand)),
    ).toEqual(startCommand);
    const runs = codec.encoder(contracts.fetchRun, 'nobel.fetch-runs');
    expect(await codec.decoder(contracts.fetchRun).decode(await runs.encode(fetchRun))).toEqual(
      fetchRun,
    );
  });

  it('keeps text exactly as given: spaces, HTML, entities, non-breaking spaces', async () => {
    const { codec } = setup();
    const bytes = await codec.encoder(contracts.nobelPrize, 't').encode(sharedPrize);
    const decoded = await codec.decoder(contracts.nobelPrize).decode(bytes);
    expect(decoded.laureates?.[0]?.knownName?.en).toBe('An Example Laureate ');
    expect(decoded.laureates?.[0]?.motivation).toEqual({
      en: 'for <I>an example</I> &eacute;',
      no: 'for et eksempel\u00a0',
    });
  });

  it('validates before it registers or encodes', async () => {
    const { registry, codec } = setup();
    const encoder = codec.encoder(contracts.fetcherCommand, 'nobel.commands');
    await expect(encoder.encode({ ...startCommand, intervalSeconds: 1.5 })).rejects.toThrow(
      ValidationError,
    );
    await expect(encoder.encode({ ...startCommand, intervalSeconds: 1.5 })).rejects.toThrow(
      /intervalSeconds: expected int, got number 1\.5/,
    );
    expect(registry.registrations).toBe(0);
  });

  it('reports an unreachable registry as retriable, and tries again next time', async () => {
    const { registry, codec } = setup();
    const encoder = codec.encoder(contracts.fetchRun, 'nobel.fetch-runs');
    registry.down = true;
    const error = await encoder.encode(fetchRun).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryUnavailableError);
    expect((error as RegistryUnavailableError).retriable).toBe(true);
    registry.down = false;
    await expect(encoder.encode(fetchRun)).resolves.toBeInstanceOf(Buffer);
    expect(registry.registrations).toBe(2);
  });

  it('fetches a writer schema once per id', async () => {
    const { registry, codec } = setup();
    const bytes = await codec.encoder(contracts.fetchRun, 't').encode(fetchRun);
    const decoder = codec.decoder(contracts.fetchRun);
    await decoder.decode(bytes);
    await decoder.decode(bytes);
    expect(registry.lookups).toBe(1);
  });

  it('refuses garbage, unknown ids, other contracts and truncated payloads with typed errors', async () => {
    const { registry, codec } = setup();
    const decoder = codec.decoder(contracts.nobelPrize);
    await expect(decoder.decode(Buffer.from('not avro at all'))).rejects.toThrow(
      MalformedRecordError,
    );
    await expect(decoder.decode(frame(4242, Buffer.from([1, 2])))).rejects.toThrow(
      UnknownSchemaIdError,
    );

    const runBytes = await codec.encoder(contracts.fetchRun, 'nobel.fetch-runs').encode(fetchRun);
    await expect(decoder.decode(runBytes)).rejects.toThrow(IncompatibleSchemaError);

    const prize = await codec.encoder(contracts.nobelPrize, 'nobel.prizes').encode(sharedPrize);
    const truncated = prize.subarray(0, prize.length - 10);
    await expect(decoder.decode(truncated)).rejects.toThrow(MalformedRecordError);
    expect(registry.lookups).toBeGreaterThan(0);
  });

  it('reads FetchRun v1 records with the current schema: no sources, the prizes fields as they were', async () => {
    const { registry, codec } = setup();
    const v1 = contracts.fetchRun.history.find((h) => h.version === 1);
    if (v1 === undefined) throw new Error('no FetchRun v1');
    // Every .avsc file holds a JSON object (loadHistory parses them).
    const id = registry.add(v1.schema as object);
    const { sources: _sources, ...written } = fetchRun;
    const bytes = frame(id, Type.forSchema(v1.schema).toBuffer(written));
    expect(await codec.decoder(contracts.fetchRun).decode(bytes)).toEqual({
      ...written,
      sources: [],
    });
  });

  it('reads records an older, compatible schema version wrote', async () => {
    const { registry, codec } = setup();
    const older = {
      type: 'record',
      name: 'FetchRun',
      namespace: 'org.nobelpipeline',
      fields: (contracts.fetchRun.schema as { fields: { name: string }[] }).fields.filter(
        (f) => f.name !== 'error',
      ),
    };
    const id = registry.add(older);
    const withoutError: Record<string, unknown> = { ...fetchRun };
    delete withoutError.error;
    const bytes = frame(id, Type.forSchema(older as Schema).toBuffer(withoutError));
    expect(await codec.decoder(contracts.fetchRun).decode(bytes)).toEqual({
      ...fetchRun,
      error: null,
    });
  });
});
