import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as mariadb from 'mariadb';
import { loadEnv } from '@nobel-pipeline/common';
import { freePort } from '@nobel-pipeline/test-utils';
import { loadStackConfig } from '../config';
import { createStack } from '../stack';
import { mariadbLayout } from '../components/mariadb';
import { ROOT } from './helpers';

/**
 * A private MariaDB, as the stack starts one when nothing answers on DB_PORT (CI does): its
 * root gets a password of its own at once, kept 0600 beside the data — nothing logs in as
 * root over TCP without it — and the three accounts work.
 */
jest.setTimeout(120_000);

it('starts with a root that has a password, and the accounts the services use', async () => {
  const state = mkdtempSync(join(tmpdir(), 'nobel-private-mariadb-'));
  const port = await freePort();
  const config = loadStackConfig(
    { ...loadEnv({ cwd: ROOT }).env, STACK_DIR: state, DB_PORT: String(port) },
    ROOT,
  );
  const server = createStack(config, () => undefined).component('mariadb');
  try {
    expect(await server.up()).toMatchObject({ up: true, owner: 'stack' });
    const passwordFile = mariadbLayout(config).rootPasswordFile;
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
    const login = (user: string, password: string) =>
      mariadb
        .createConnection({ host: '127.0.0.1', port, user, password, connectTimeout: 5000 })
        .then(
          async (conn) => {
            await conn.end();
            return 0;
          },
          (error: { errno?: number }) => error.errno ?? -1,
        );
    expect(await login('root', '')).toBe(1045); // ER_ACCESS_DENIED_ERROR
    for (const account of Object.values(config.accounts))
      expect(await login(account.user, account.password)).toBe(0);
    // Up again (a restart of the stack): the stored password still opens it.
    expect(await server.up()).toMatchObject({ up: true });
  } finally {
    await server.down();
    rmSync(state, { recursive: true, force: true });
  }
});
