import { errorMessage } from '@nobel-pipeline/common';
import { SchemaType, type SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Type, type Resolver } from 'avsc';
import type { Contract } from '../contracts/contract';
import { IncompatibleSchemaError, MalformedRecordError } from '../errors';
import { valueSubject } from '../keys';
import { lookupError, registrationError } from './registry-errors';
import { assertValid } from './validate';
import { createFrameWriter, unframe } from './wire';

/** What the codec needs of a schema registry client. */
export type RegistryClient = Pick<SchemaRegistry, 'register' | 'getSchema'>;

export interface CodecDeps {
  registry: RegistryClient;
}

/** Writes one contract's values to one topic. */
export interface Encoder<T> {
  readonly topic: string;
  readonly subject: string;
  /** The schema id: registered on first use, then kept for the life of the process. */
  schemaId(): Promise<number>;
  /** Validates (the error names each bad field), then frames the Avro bytes with the id. */
  encode(value: T): Promise<Buffer>;
}

/** Reads one contract's values, whichever compatible version of the schema wrote them. */
export interface Decoder<T> {
  decode(value: Buffer | null | undefined): Promise<T>;
}

export interface Codec {
  encoder<T>(contract: Contract<T>, topic: string): Encoder<T>;
  decoder<T>(contract: Contract<T>): Decoder<T>;
}

function isAvroType(schema: unknown): schema is Type {
  return Type.isType(schema);
}

export function createCodec({ registry }: CodecDeps): Codec {
  const frames = createFrameWriter();
  function encoder<T>(contract: Contract<T>, topic: string): Encoder<T> {
    const subject = valueSubject(topic);
    let registered: Promise<number> | undefined;

    function schemaId(): Promise<number> {
      registered ??= registry
        .register({ type: SchemaType.AVRO, schema: JSON.stringify(contract.schema) }, { subject })
        .then(
          ({ id }) => id,
          (error: unknown) => {
            // Forget the failure, so that the next call tries again.
            registered = undefined;
            throw registrationError(error, subject);
          },
        );
      return registered;
    }

    async function encode(value: T): Promise<Buffer> {
      assertValid(contract, value);
      const id = await schemaId();
      return frames.write(id, contract.type, value);
    }

    return { topic, subject, schemaId, encode };
  }

  function decoder<T>(contract: Contract<T>): Decoder<T> {
    const resolvers = new Map<number, Promise<Resolver>>();

    function resolverFor(schemaId: number): Promise<Resolver> {
      let resolver = resolvers.get(schemaId);
      if (resolver === undefined) {
        resolver = registry.getSchema(schemaId).then(
          (writer) => {
            if (!isAvroType(writer)) {
              throw new IncompatibleSchemaError(`Schema ${schemaId} is not an Avro schema`);
            }
            try {
              return contract.type.createResolver(writer);
            } catch (error) {
              throw new IncompatibleSchemaError(
                `Schema ${schemaId} (${writer.name ?? 'unnamed'}) cannot be read as ${contract.name}: ${errorMessage(error)}`,
                { cause: error },
              );
            }
          },
          (error: unknown) => {
            throw lookupError(error, schemaId);
          },
        );
        resolvers.set(schemaId, resolver);
        // Only answers are cached: a failed lookup is tried again next time.
        resolver.catch(() => resolvers.delete(schemaId));
      }
      return resolver;
    }

    async function decode(value: Buffer | null | undefined): Promise<T> {
      const { schemaId, payload } = unframe(value);
      const resolver = await resolverFor(schemaId);
      try {
        return contract.type.fromBuffer(payload, resolver) as T;
      } catch (error) {
        throw new MalformedRecordError(
          `The record's ${payload.length} bytes are not a valid ${contract.name} (schema ${schemaId}): ${errorMessage(error)}`,
          { cause: error },
        );
      }
    }

    return { decode };
  }

  return { encoder, decoder };
}
