import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findJava, javaMajor } from './java';

/** A JDK home whose bin/java prints what a real one prints to standard error. */
function fakeJavaHome(versionLine: string): string {
  const home = mkdtempSync(join(tmpdir(), 'jdk-'));
  mkdirSync(join(home, 'bin'));
  const java = join(home, 'bin', 'java');
  writeFileSync(java, `#!/bin/sh\necho '${versionLine}' >&2\n`);
  chmodSync(java, 0o755);
  return home;
}

describe('java', () => {
  it('reads the feature release of modern and old version strings', () => {
    expect(
      javaMajor(join(fakeJavaHome('openjdk version "17.0.15" 2025-04-15'), 'bin', 'java')),
    ).toBe(17);
    expect(javaMajor(join(fakeJavaHome('openjdk version "25" 2025-09-16'), 'bin', 'java'))).toBe(
      25,
    );
    expect(javaMajor(join(fakeJavaHome('java version "1.8.0_402"'), 'bin', 'java'))).toBe(8);
    expect(javaMajor('/nonexistent/java')).toBeUndefined();
  });

  it('uses an explicit home only, and says what it found when it is too old', () => {
    const old = fakeJavaHome('openjdk version "17.0.2"');
    const search = findJava(21, old, true);
    expect(search.found).toBeUndefined();
    expect(search.found === undefined && search.tried).toEqual([
      { java: join(old, 'bin', 'java'), major: 17 },
    ]);
    const recent = fakeJavaHome('openjdk version "21.0.4"');
    expect(findJava(21, recent, true).found).toEqual({
      java: join(recent, 'bin', 'java'),
      major: 21,
    });
  });
});
