import {
  loadEnv,
  parseEnv,
  registryEnv,
  toRegistryConfig,
  errorMessage,
} from '@nobel-pipeline/common';
import { unframe } from '../codec/wire';
import { createRegistryClient } from '../codec/registry-client';
import { createFrameReader, KCAT_FORMAT } from './frames';

/**
 * Prints registry-framed Avro records as JSON lines, for reading topics with kcat (whose
 * Debian build has no Avro support):
 *
 *   kcat -C -b 127.0.0.1:9092 -t nobel.prizes -o beginning -e -f '%K:%k%R%s' | npm run -s avro-decode
 *
 * Each record is decoded with the schema its id names in the registry (SCHEMA_REGISTRY_URL).
 */
async function main(): Promise<void> {
  const registry = createRegistryClient(toRegistryConfig(parseEnv(registryEnv, loadEnv().env)));
  const work: Promise<void>[] = [];
  let chain = Promise.resolve();
  const reader = createFrameReader((frame) => {
    // Keep the output in the order of the input.
    chain = chain.then(async () => {
      const key = frame.key?.toString() ?? null;
      if (frame.value === null) {
        process.stdout.write(`${JSON.stringify({ key, value: null })}\n`);
        return;
      }
      try {
        const { schemaId } = unframe(frame.value);
        const value: unknown = await registry.decode(frame.value);
        process.stdout.write(`${JSON.stringify({ key, schemaId, value })}\n`);
      } catch (error) {
        process.stdout.write(`${JSON.stringify({ key, error: errorMessage(error) })}\n`);
      }
    });
    work.push(chain);
  });
  for await (const chunk of process.stdin) reader.push(chunk as Buffer);
  await Promise.all(work);
  if (reader.pending() > 0) {
    process.stderr.write(
      `avro-decode: ${reader.pending()} bytes at the end are not a whole record (was kcat run with -f '${KCAT_FORMAT}'?)\n`,
    );
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`avro-decode: ${errorMessage(error)}\n`);
  process.exit(1);
});
