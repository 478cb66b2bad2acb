import { spawn } from 'node:child_process';
import { freePort, waitFor } from '@nobel-pipeline/test-utils';
import { SINK_MAIN } from '../testing/pipeline';

/**
 * A Ctrl-C while the sink is still starting — here, waiting for a database that does not
 * answer, to migrate it — is a graceful shutdown like any other: exit 0, not death by the
 * signal (the handlers used to be installed only once the sink had started).
 */
jest.setTimeout(60_000);

it('shuts down and exits 0 on SIGINT while it still waits for the database', async () => {
  const child = spawn(process.execPath, [SINK_MAIN], {
    env: { ...process.env, DB_PORT: String(await freePort()), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit(code ?? signal ?? 'unknown')),
  );
  await waitFor(() => output.includes('cannot migrate the database yet'), {
    timeoutMs: 30_000,
    description: 'the sink to wait for its database',
  });
  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(output).toMatch(/"msg":"stopped"/);
});
