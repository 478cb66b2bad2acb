import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface JavaRuntime {
  /** The java executable. */
  java: string;
  /** The feature release: 17, 21, 25... */
  major: number;
}

/** The feature release of a java executable, or undefined if it does not run. */
export function javaMajor(java: string): number | undefined {
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (result.error !== undefined || result.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (match === null) return undefined;
  const first = Number(match[1]);
  // Java 8 and older report "1.8.0_...".
  return first === 1 ? Number(match[2]) : first;
}

function javaIn(home: string): string {
  return join(home, 'bin', 'java');
}

/** JDK homes installed in the usual places of Linux distributions, macOS and SDKMAN!. */
export function installedJavaHomes(): string[] {
  const roots = [
    '/usr/lib/jvm',
    '/usr/java',
    '/opt/java',
    join(homedir(), '.sdkman', 'candidates', 'java'),
    join(homedir(), '.jdks'),
  ];
  const homes: string[] = [];
  for (const root of roots) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root)) homes.push(join(root, entry));
  }
  const mac = '/Library/Java/JavaVirtualMachines';
  if (existsSync(mac)) {
    for (const entry of readdirSync(mac)) homes.push(join(mac, entry, 'Contents', 'Home'));
  }
  return homes.filter((home) => existsSync(javaIn(home)));
}

export type JavaSearch =
  | { found: JavaRuntime }
  | { found: undefined; tried: { java: string; major: number | undefined }[] };

/**
 * Finds a java of at least `minMajor`. A home named explicitly is the only candidate when
 * given; otherwise the java on the PATH comes first, then installed JDKs, lowest fitting
 * release first (closest to what the application was built for).
 */
export function findJava(
  minMajor: number,
  explicitHome: string | undefined,
  search: boolean,
): JavaSearch {
  const tried: { java: string; major: number | undefined }[] = [];
  const consider = (java: string): JavaRuntime | undefined => {
    const major = javaMajor(java);
    tried.push({ java, major });
    return major !== undefined && major >= minMajor ? { java, major } : undefined;
  };
  if (explicitHome !== undefined) {
    const found = consider(javaIn(explicitHome));
    return found === undefined ? { found, tried } : { found };
  }
  const onPath = consider('java');
  if (onPath !== undefined) return { found: onPath };
  if (search) {
    const fitting = installedJavaHomes()
      .map((home) => consider(javaIn(home)))
      .filter((runtime): runtime is JavaRuntime => runtime !== undefined)
      .sort((a, b) => a.major - b.major);
    if (fitting[0] !== undefined) return { found: fitting[0] };
  }
  return { found: undefined, tried };
}

export function describeTried(tried: { java: string; major: number | undefined }[]): string {
  if (tried.length === 0) return 'no java found';
  return tried
    .map((t) => `${t.java} (${t.major === undefined ? 'does not run' : `Java ${t.major}`})`)
    .join(', ');
}
