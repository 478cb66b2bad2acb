import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findEnvFile, loadEnv } from './env';

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'env-test-'));
  writeFileSync(join(root, 'package-lock.json'), '{}');
  mkdirSync(join(root, 'pkg', 'src'), { recursive: true });
  return root;
}

describe('loadEnv', () => {
  it('reads .env at the workspace root from a package directory', () => {
    const root = workspace();
    writeFileSync(join(root, '.env'), 'DB_NAME=from_file\nLOG_LEVEL=debug\n');
    const { env, envFile } = loadEnv({ cwd: join(root, 'pkg', 'src'), processEnv: {} });
    expect(envFile).toBe(join(root, '.env'));
    expect(env.DB_NAME).toBe('from_file');
    expect(env.LOG_LEVEL).toBe('debug');
  });

  it('lets the real environment win over the file', () => {
    const root = workspace();
    writeFileSync(join(root, '.env'), 'DB_NAME=from_file\n');
    const { env } = loadEnv({ cwd: root, processEnv: { DB_NAME: 'from_env' } });
    expect(env.DB_NAME).toBe('from_env');
  });

  it('prefers a .env in the working directory over the workspace one', () => {
    const root = workspace();
    writeFileSync(join(root, '.env'), 'X=root\n');
    writeFileSync(join(root, 'pkg', '.env'), 'X=pkg\n');
    expect(loadEnv({ cwd: join(root, 'pkg'), processEnv: {} }).env.X).toBe('pkg');
  });

  it('does not look above the workspace root', () => {
    const outer = mkdtempSync(join(tmpdir(), 'env-outer-'));
    writeFileSync(join(outer, '.env'), 'X=outside\n');
    const root = join(outer, 'repo');
    mkdirSync(root);
    writeFileSync(join(root, 'package-lock.json'), '{}');
    expect(findEnvFile(root, {})).toBeUndefined();
  });

  it('reads the file named by ENV_FILE and fails clearly when it is missing', () => {
    const root = workspace();
    writeFileSync(join(root, 'custom.env'), 'X=custom\n');
    expect(loadEnv({ cwd: root, processEnv: { ENV_FILE: 'custom.env' } }).env.X).toBe('custom');
    expect(() => loadEnv({ cwd: root, processEnv: { ENV_FILE: 'nope.env' } })).toThrow(
      /ENV_FILE points to .*nope\.env, which does not exist/,
    );
  });
});
