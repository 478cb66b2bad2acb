import { errorMessage, retry, RetryStoppedError } from '@nobel-pipeline/common';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import * as mariadb from 'mariadb';
import type { StackConfig } from '../config';
import { PrerequisiteError } from '../errors';
import { display } from '../system/files';
import { isPortOpen } from '../system/net';
import { createServiceProcess } from '../system/service-process';
import type { Component, ComponentStatus, Reporter } from './component';
import { accountsOf, dropApplicationDatabases, provision } from './mariadb-provision';
import { createRootAccess } from './mariadb-root';

export interface MariadbLayout {
  dataDir: string;
  /** The private server's root password (0600), made when the server is first started. */
  rootPasswordFile: string;
  socket: string;
  pidFile: string;
  serverPidFile: string;
  logFile: string;
  marker: string;
}

export function mariadbLayout(config: StackConfig): MariadbLayout {
  const { paths } = config;
  const dataDir = join(paths.data, 'mariadb');
  // A unix socket path must stay under ~100 bytes, so it lives in the temp directory.
  const id = createHash('sha256').update(paths.state).digest('hex').slice(0, 12);
  return {
    dataDir,
    rootPasswordFile: join(paths.data, 'mariadb-root.password'),
    socket: join(tmpdir(), `nobel-stack-${id}.sock`),
    pidFile: join(paths.run, 'mariadb.pid'),
    serverPidFile: join(paths.run, 'mariadbd.pid'),
    logFile: join(paths.logs, 'mariadb.log'),
    marker: `--datadir=${dataDir}`,
  };
}

const SEARCH_DIRS = [
  '/usr/sbin',
  '/usr/bin',
  '/usr/local/sbin',
  '/usr/local/bin',
  '/opt/homebrew/bin',
  '/usr/local/mysql/bin',
];

function findBinary(names: string[]): string | undefined {
  for (const name of names) {
    const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (which.status === 0 && which.stdout.trim() !== '') return which.stdout.trim();
    for (const dir of SEARCH_DIRS) if (existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function serverBinaries(): { server: string; installDb: string } {
  const server = findBinary(['mariadbd']);
  const installDb = findBinary(['mariadb-install-db', 'mysql_install_db']);
  if (server === undefined || installDb === undefined) {
    throw new PrerequisiteError(
      'mariadb',
      'no MariaDB answers on the configured port, and no MariaDB server is installed to start a private one',
      {
        hint: 'Install the server binaries (Debian/Ubuntu: sudo apt-get install mariadb-server-core mariadb-client-core; macOS: brew install mariadb), or point DB_HOST/DB_PORT at a running MariaDB.',
      },
    );
  }
  return { server, installDb };
}

const isRoot = () => process.getuid?.() === 0;

/** A busy machine (two JVMs starting) can take seconds to accept a connection. */
const CONNECT_TIMEOUT_MS = 10_000;

/** Login refused: retrying cannot help (ER_ACCESS_DENIED, ER_DBACCESS_DENIED, unix_socket). */
const LOGIN_REFUSED = new Set([1044, 1045, 1698]);

export function createMariadb(config: StackConfig, report: Reporter): Component {
  const layout = mariadbLayout(config);
  const { endpoint } = config.mariadb;
  const address = `${endpoint.host}:${endpoint.port}`;
  const accounts = accountsOf(config.accounts);
  const where = `${address} (database ${config.db.database}, users ${accounts.map((a) => a.user).join(', ')})`;

  const root = createRootAccess({
    socket: layout.socket,
    passwordFile: layout.rootPasswordFile,
    dataDir: config.paths.data,
    report: (message) =>
      report('mariadb', `${message} (${display(config.paths.root, layout.rootPasswordFile)})`),
  });

  const adminConnection = (owned: boolean) =>
    owned
      ? root.connect()
      : mariadb.createConnection({
          host: endpoint.host,
          port: endpoint.port,
          user: config.mariadb.adminUser,
          password: config.mariadb.adminPassword,
          connectTimeout: CONNECT_TIMEOUT_MS,
        });

  const server = createServiceProcess({
    component: 'mariadb',
    pidFile: layout.pidFile,
    logFile: layout.logFile,
    marker: layout.marker,
    probe: async () => {
      const conn = await adminConnection(true);
      await conn.end();
      return true;
    },
    startTimeoutMs: config.startTimeoutMs,
    graceMs: 30_000,
    report,
  });

  /** The server's version, as each account sees it: all three must be able to log in. */
  async function appVersion(): Promise<string> {
    let version = 'unknown';
    for (const account of accounts) {
      const conn = await mariadb
        .createConnection({
          host: config.db.host,
          port: config.db.port,
          user: account.user,
          password: account.password,
          database: config.db.database,
          connectTimeout: CONNECT_TIMEOUT_MS,
        })
        .catch((error: Error) => {
          throw new Error(`${account.user}: ${error.message}`, { cause: error });
        });
      try {
        const rows: { v: string }[] = await conn.query('SELECT VERSION() AS v');
        version = (rows[0]?.v ?? 'unknown').replace(/-.*$/, '');
      } finally {
        await conn.end();
      }
    }
    return version;
  }

  const base = (
    up: boolean,
    owner: ComponentStatus['owner'],
    version?: string,
    detail?: string,
  ): ComponentStatus => ({
    name: 'mariadb',
    up,
    address: where,
    version,
    owner,
    log: owner === 'stack' ? display(config.paths.root, layout.logFile) : undefined,
    detail,
  });

  async function status(): Promise<ComponentStatus> {
    const pid = endpoint.local ? server.pid() : undefined;
    const owner = pid !== undefined ? 'stack' : 'external';
    if (!(await isPortOpen(endpoint.host, endpoint.port))) {
      return base(false, pid === undefined ? undefined : 'stack', undefined, 'not running');
    }
    try {
      return base(true, owner, await appVersion());
    } catch (error) {
      return base(
        false,
        owner,
        undefined,
        `server answers, but an application account cannot connect (${errorMessage(error)}); run stack:up`,
      );
    }
  }

  async function startPrivate(): Promise<void> {
    const { server: serverPath, installDb } = serverBinaries();
    const user = userInfo().username;
    if (!existsSync(join(layout.dataDir, 'mysql'))) {
      report(
        'mariadb',
        `initialising a private data directory in ${display(config.paths.root, layout.dataDir)}`,
      );
      mkdirSync(layout.dataDir, { recursive: true });
      // A new data directory has a root without a password: the files of an old one lie.
      root.forget();
      const init = spawnSync(
        installDb,
        [
          '--no-defaults',
          `--datadir=${layout.dataDir}`,
          `--user=${user}`,
          '--auth-root-authentication-method=normal',
          '--skip-test-db',
        ],
        { encoding: 'utf8' },
      );
      if (init.status !== 0) {
        rmSync(layout.dataDir, { recursive: true, force: true });
        throw new PrerequisiteError(
          'mariadb',
          `${installDb} failed:\n${init.stdout}${init.stderr}`,
        );
      }
    }
    report(
      'mariadb',
      `starting a private MariaDB on ${address} (log: ${display(config.paths.root, layout.logFile)})`,
    );
    mkdirSync(config.paths.logs, { recursive: true });
    await server.start(serverPath, [
      '--no-defaults',
      layout.marker,
      `--port=${endpoint.port}`,
      `--bind-address=${endpoint.host === 'localhost' ? '127.0.0.1' : endpoint.host}`,
      `--socket=${layout.socket}`,
      `--pid-file=${layout.serverPidFile}`,
      `--log-error=${layout.logFile}`,
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      '--innodb-buffer-pool-size=256M',
      ...(isRoot() ? ['--user=root'] : []),
    ]);
  }

  /** The admin connection, tried again on transient failures until the start timeout. */
  async function connectAdmin(owned: boolean): Promise<mariadb.Connection> {
    const deadline = Date.now() + config.startTimeoutMs;
    try {
      return await retry(() => adminConnection(owned), {
        initialMs: 1000,
        maxMs: 1000,
        jitter: 0,
        // Login refused: waiting cannot help.
        isRetriable: (error) => !LOGIN_REFUSED.has((error as { errno?: number }).errno ?? 0),
        stop: () => (Date.now() > deadline ? 'the start timeout passed' : undefined),
        onRetry: ({ error }) =>
          report('mariadb', `not answering yet (${errorMessage(error)}); trying again`),
      });
    } catch (error) {
      throw error instanceof RetryStoppedError ? error.cause : error;
    }
  }

  async function up(): Promise<ComponentStatus> {
    let owned = endpoint.local && server.pid() !== undefined;
    if (!owned && !(await isPortOpen(endpoint.host, endpoint.port))) {
      if (!endpoint.local) {
        throw new PrerequisiteError('mariadb', `nothing answers at ${address}`, {
          hint: 'Start that server, or use a local one (DB_HOST=127.0.0.1): the stack starts a private MariaDB when none answers there.',
        });
      }
      await startPrivate();
      owned = true;
    }
    const conn = await connectAdmin(owned).catch((error: Error) => {
      throw new PrerequisiteError(
        'mariadb',
        `a MariaDB answers at ${address}, but the stack cannot log in as ${config.mariadb.adminUser} to create the application database: ${error.message}`,
        {
          hint: `Set STACK_DB_ADMIN_USER / STACK_DB_ADMIN_PASSWORD to an account that may create databases and users, or create them yourself:\n  CREATE DATABASE ${config.db.database} CHARACTER SET utf8mb4;\n${accounts.map((a) => `  CREATE USER '${a.user}'@'localhost' IDENTIFIED BY '<its password>';\n  GRANT ${a.privileges.join(', ')} ON ${config.db.database}.* TO '${a.user}'@'localhost';`).join('\n')}`,
          cause: error,
        },
      );
    });
    try {
      if (owned) await root.secure(conn);
      const changes = await provision(conn, config.db.database, accounts);
      for (const change of changes) report('mariadb', change);
    } finally {
      await conn.end();
    }
    return base(true, owned ? 'stack' : 'external', await appVersion());
  }

  async function reset(): Promise<void> {
    if (existsSync(layout.dataDir)) {
      await server.stop();
      rmSync(layout.dataDir, { recursive: true, force: true });
      return;
    }
    // No private server: the application's databases live on the external one.
    if (!(await isPortOpen(endpoint.host, endpoint.port))) return;
    const conn = await adminConnection(false);
    try {
      const dropped = await dropApplicationDatabases(conn, config.db.database);
      if (dropped.length > 0)
        report('mariadb', `dropped ${dropped.join(', ')} on the external server`);
    } finally {
      await conn.end();
    }
  }

  async function prepare(): Promise<void> {
    if (!endpoint.local || server.pid() !== undefined) return;
    if (await isPortOpen(endpoint.host, endpoint.port)) return;
    serverBinaries();
  }

  return { name: 'mariadb', status, prepare, up, down: server.stop, reset, pid: server.pid };
}
