import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedDirectory } from './maven';

describe('cachedDirectory', () => {
  it('fills the directory once', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'cache-')), 'kafka-1.0.0');
    let fills = 0;
    const fill = async (tmp: string) => {
      fills++;
      writeFileSync(join(tmp, 'a.jar'), 'jar');
    };
    expect(await cachedDirectory(target, fill)).toBe(true);
    expect(await cachedDirectory(target, fill)).toBe(false);
    expect(fills).toBe(1);
    expect(readdirSync(target)).toEqual(['a.jar']);
  });

  it('leaves nothing behind when the download fails', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'cache-'));
    const target = join(parent, 'kafka-1.0.0');
    await expect(
      cachedDirectory(target, async (tmp) => {
        writeFileSync(join(tmp, 'half.jar'), 'half');
        throw new Error('network down');
      }),
    ).rejects.toThrow('network down');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });
});
