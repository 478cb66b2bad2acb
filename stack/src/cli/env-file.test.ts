import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureEnvFile } from './env-file';

describe('ensureEnvFile', () => {
  it('copies .env.example to .env once', () => {
    const root = mkdtempSync(join(tmpdir(), 'envfile-'));
    writeFileSync(join(root, '.env.example'), 'DB_PASSWORD=example\n');
    expect(ensureEnvFile(root, {})).toBe(join(root, '.env'));
    expect(readFileSync(join(root, '.env'), 'utf8')).toBe('DB_PASSWORD=example\n');
    writeFileSync(join(root, '.env'), 'DB_PASSWORD=changed\n');
    expect(ensureEnvFile(root, {})).toBeUndefined();
    expect(readFileSync(join(root, '.env'), 'utf8')).toBe('DB_PASSWORD=changed\n');
  });

  it('leaves things alone when ENV_FILE names another file', () => {
    const root = mkdtempSync(join(tmpdir(), 'envfile-'));
    writeFileSync(join(root, '.env.example'), 'X=1\n');
    expect(ensureEnvFile(root, { ENV_FILE: 'ci.env' })).toBeUndefined();
    expect(existsSync(join(root, '.env'))).toBe(false);
  });
});
