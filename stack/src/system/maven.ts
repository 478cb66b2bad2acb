import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { DownloadError, PrerequisiteError } from '../errors';
import { tail } from './files';

/**
 * Downloads from Maven Central with the user's own Maven, so that ~/.m2 (and any mirror or
 * proxy in ~/.m2/settings.xml) is used and shared with their other builds.
 */

const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

export function assertMaven(component: string): void {
  const result = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (result.error !== undefined || result.status !== 0) {
    throw new PrerequisiteError(
      component,
      'Maven (mvn) is needed to download the jars, and it is not on the PATH',
      {
        hint: 'Install Apache Maven 3.8 or newer (Debian/Ubuntu: sudo apt-get install maven; macOS: brew install maven).',
      },
    );
  }
}

function runMaven(component: string, args: string[], logFile: string, what: string): Promise<void> {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  log.write(`\n$ mvn ${args.join(' ')}\n`);
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn('mvn', ['-B', '--no-transfer-progress', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.once('error', (error) => {
      log.end();
      rejectRun(new DownloadError(component, `could not run Maven: ${error.message}`));
    });
    child.once('close', (code) => {
      log.end(() => {
        if (code === 0) return resolveRun();
        rejectRun(
          new DownloadError(component, `Maven could not download ${what} (exit code ${code})`, {
            hint: 'Check the network access to Maven Central (or your mirror in ~/.m2/settings.xml) and try again.',
            logTail: tail(logFile, 25),
          }),
        );
      });
    });
  });
}

/**
 * Makes `target` a directory filled by `fill`, once: a complete directory is kept, a partial
 * one never appears (the work happens in a temporary sibling that is renamed at the end).
 */
export async function cachedDirectory(
  target: string,
  fill: (tmp: string) => Promise<void>,
): Promise<boolean> {
  if (existsSync(target)) return false;
  const tmp = `${target}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    await fill(tmp);
    renameSync(tmp, target);
    return true;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** `dependency:copy-dependencies` of a pom, with properties, into a directory. */
export function copyDependencies(options: {
  component: string;
  pom: string;
  properties: Record<string, string>;
  outputDirectory: string;
  logFile: string;
}): Promise<void> {
  const props = Object.entries(options.properties).map(([k, v]) => `-D${k}=${v}`);
  return runMaven(
    options.component,
    [
      '-f',
      options.pom,
      `${DEPENDENCY_PLUGIN}:copy-dependencies`,
      '-DincludeScope=runtime',
      `-DoutputDirectory=${options.outputDirectory}`,
      ...props,
    ],
    options.logFile,
    `the dependencies of ${options.pom}`,
  );
}

/** `dependency:copy` of one artifact (group:artifact:version[:type[:classifier]]). */
export function copyArtifact(options: {
  component: string;
  artifact: string;
  outputDirectory: string;
  logFile: string;
}): Promise<void> {
  return runMaven(
    options.component,
    [
      `${DEPENDENCY_PLUGIN}:copy`,
      `-Dartifact=${options.artifact}`,
      `-DoutputDirectory=${options.outputDirectory}`,
    ],
    options.logFile,
    options.artifact,
  );
}
