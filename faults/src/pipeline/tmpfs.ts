import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** tmpfs sizes are whole pages; 4 KiB here, and a size in KiB is what mount(8) takes. */
const PAGE = 4096;
const kib = (bytes: number) => `${Math.ceil(bytes / PAGE) * (PAGE / 1024)}k`;

/**
 * A size-limited filesystem (tmpfs) mounted over a directory: what is written there fills it,
 * and writes beyond its size fail with ENOSPC, as on a full disk. Mounting needs root;
 * `canMountTmpfs` says whether this process may.
 */
export async function mountTmpfs(dir: string, bytes: number): Promise<void> {
  await run('mount', ['-t', 'tmpfs', '-o', `size=${kib(bytes)}`, 'tmpfs', dir]);
}

/** Grows or shrinks a mounted tmpfs (never below what it holds: mount refuses). */
export async function resizeTmpfs(dir: string, bytes: number): Promise<void> {
  await run('mount', ['-o', `remount,size=${kib(bytes)}`, dir]);
}

/** The bytes in use on the filesystem of `dir`. */
export function usedBytes(dir: string): number {
  const stats = statfsSync(dir);
  return (stats.blocks - stats.bfree) * stats.bsize;
}

/** Unmounts; `lazy` detaches it even while files on it are open (umount -l). */
export async function unmount(dir: string, options: { lazy?: boolean } = {}): Promise<void> {
  await run('umount', [...(options.lazy === true ? ['-l'] : []), dir]);
}

/** Whether this process may mount a tmpfs: it tries, on a directory of its own. */
export async function canMountTmpfs(): Promise<boolean> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const dir = mkdtempSync(join(tmpdir(), 'faults-mount-'));
  try {
    await mountTmpfs(dir, 1024 * 1024);
    await unmount(dir);
    return true;
  } catch {
    return false;
  } finally {
    // Still mounted (the unmount failed): left behind rather than failing the suite.
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // An empty directory under the system's temporary directory.
    }
  }
}
