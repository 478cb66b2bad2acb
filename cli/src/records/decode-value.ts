import { errorMessage, PipelineError } from '@nobel-pipeline/common';
import { registryStatus, unframe, type RegistryClient } from '@nobel-pipeline/schemas';
import { UnavailableError } from '../errors';
import { toJsonValue } from './json-value';

/** A value read as kafka-avro-console-consumer reads it: with the writer's schema, by id. */
export type DecodedValue =
  | { schemaId: number | null; value: unknown }
  | { schemaId: number | null; value: null; valueBase64: string; decodeError: string };

export interface ValueDecoder {
  /**
   * Decodes one record's value. A value that is not registry-framed, names an unknown schema
   * id, or does not read with its schema comes back as base64 with why; a registry that does
   * not answer is thrown (UnavailableError): no record is at fault.
   */
  decode(value: Buffer | null): Promise<DecodedValue>;
}

type WriterSchema = Awaited<ReturnType<RegistryClient['getSchema']>>;

/** A value that will never decode: shown as base64 with this message, never thrown out. */
class UndecodableError extends PipelineError {}

export function createValueDecoder(deps: {
  registry: Pick<RegistryClient, 'getSchema'>;
}): ValueDecoder {
  // Per id: the schema, or why there is none (an unknown id stays unknown). A registry that
  // does not answer is not remembered: the next record asks again.
  const schemas = new Map<number, Promise<WriterSchema | UndecodableError>>();

  function schemaOf(schemaId: number): Promise<WriterSchema | UndecodableError> {
    let schema = schemas.get(schemaId);
    if (schema === undefined) {
      schema = deps.registry.getSchema(schemaId).catch((error: unknown) => {
        if (registryStatus(error) === 404)
          return new UndecodableError(`the registry has no schema with id ${schemaId}`);
        schemas.delete(schemaId);
        throw new UnavailableError('The schema registry', error);
      });
      schemas.set(schemaId, schema);
    }
    return schema;
  }

  async function read(value: Buffer): Promise<{ schemaId: number; value: unknown }> {
    let framed;
    try {
      framed = unframe(value);
    } catch (error) {
      throw new UndecodableError(`not in the registry wire format: ${errorMessage(error)}`);
    }
    const { schemaId, payload } = framed;
    const schema = await schemaOf(schemaId);
    if (schema instanceof UndecodableError) throw schema;
    try {
      const decoded: unknown = schema.fromBuffer(payload);
      return { schemaId, value: toJsonValue(decoded) };
    } catch (error) {
      throw new UndecodableError(`does not read with schema ${schemaId}: ${errorMessage(error)}`);
    }
  }

  async function decode(value: Buffer | null): Promise<DecodedValue> {
    if (value === null) return { schemaId: null, value: null };
    try {
      return await read(value);
    } catch (error) {
      if (!(error instanceof UndecodableError)) throw error;
      let schemaId: number | null = null;
      try {
        schemaId = unframe(value).schemaId;
      } catch {
        // Not framed: no schema id to show.
      }
      return {
        schemaId,
        value: null,
        valueBase64: value.toString('base64'),
        decodeError: error.message,
      };
    }
  }

  return { decode };
}
