import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as mariadb from 'mariadb';

/** Login refused: retrying cannot help (ER_ACCESS_DENIED, ER_DBACCESS_DENIED, unix_socket). */
const LOGIN_REFUSED = new Set([1044, 1045, 1698]);

/** A busy machine (two JVMs starting) can take seconds to accept a connection. */
const CONNECT_TIMEOUT_MS = 10_000;

export interface RootAccess {
  /** Root's connection, over the private server's socket, with whichever password it has. */
  connect(): Promise<mariadb.Connection>;
  /** Gives every root account a random password, unless root has one already. */
  secure(conn: mariadb.Connection): Promise<void>;
  /** Forgets the passwords: for a data directory made anew. */
  forget(): void;
}

/**
 * Root of a private MariaDB. A new server's root has no password; the stack gives it a random
 * one at once, kept (0600) beside the data, so that nothing on this machine logs in as root
 * over TCP without it. The password is written to a `.pending` file before root gets it and
 * renamed after: a run cut short in between leaves a password the next run tries, never one
 * nobody knows.
 */
export function createRootAccess(deps: {
  socket: string;
  passwordFile: string;
  dataDir: string;
  report: (message: string) => void;
}): RootAccess {
  const pending = `${deps.passwordFile}.pending`;
  const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined);

  async function connect(): Promise<mariadb.Connection> {
    let refused: unknown;
    // The password in effect, one being set by a run cut short, and none (a new server's).
    const candidates = [read(deps.passwordFile), read(pending), ''].filter(
      (p): p is string => p !== undefined,
    );
    for (const password of candidates) {
      try {
        const conn = await mariadb.createConnection({
          socketPath: deps.socket,
          user: 'root',
          password,
          connectTimeout: CONNECT_TIMEOUT_MS,
        });
        // Root has the pending password: a run was cut short before it recorded it.
        if (password !== '' && password === read(pending)) renameSync(pending, deps.passwordFile);
        return conn;
      } catch (error) {
        if (!LOGIN_REFUSED.has((error as { errno?: number }).errno ?? 0)) throw error;
        refused = error;
      }
    }
    throw refused;
  }

  async function secure(conn: mariadb.Connection): Promise<void> {
    if (read(deps.passwordFile) !== undefined) return;
    const password = randomBytes(24).toString('base64url');
    mkdirSync(deps.dataDir, { recursive: true });
    writeFileSync(pending, `${password}\n`, { mode: 0o600 });
    chmodSync(pending, 0o600);
    const roots: { Host: string }[] = await conn.query(
      "SELECT Host FROM mysql.user WHERE User = 'root'",
    );
    for (const { Host } of roots)
      await conn.query(`ALTER USER 'root'@${conn.escape(Host)} IDENTIFIED BY ?`, [password]);
    renameSync(pending, deps.passwordFile);
    deps.report('gave root a password');
  }

  function forget(): void {
    rmSync(deps.passwordFile, { force: true });
    rmSync(pending, { force: true });
  }

  return { connect, secure, forget };
}
