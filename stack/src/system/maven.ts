import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { DownloadError, PrerequisiteError } from '../errors';
import { createDownloadMeter, watchGrowth } from './download-meter';
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

/** Progress of a download, in words (bytes so far, rate, file); then its summary. */
export type DownloadProgress = (message: string) => void;

function runMaven(
  component: string,
  args: string[],
  logFile: string,
  what: string,
  progress: DownloadProgress | undefined,
): Promise<void> {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  log.write(`\n$ mvn ${args.join(' ')}\n`);
  return new Promise((resolveRun, rejectRun) => {
    // Batch mode prints one "Downloaded from …: file (size at rate)" line per file: the meter
    // turns them into bytes and a rate for the person waiting on a first run.
    const child = spawn('mvn', ['-B', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const meter = createDownloadMeter({ report: progress ?? (() => undefined) });
    createInterface({ input: child.stdout }).on('line', (line) => meter.line(line));
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.once('error', (error) => {
      log.end();
      rejectRun(new DownloadError(component, `could not run Maven: ${error.message}`));
    });
    child.once('close', (code) => {
      log.end(() => {
        const summary = meter.summary();
        if (code === 0 && summary !== undefined) progress?.(summary);
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
  progress?: DownloadProgress;
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
    options.progress,
  );
}

/** `dependency:copy` of one artifact (group:artifact:version[:type[:classifier]]). */
export function copyArtifact(options: {
  component: string;
  artifact: string;
  outputDirectory: string;
  logFile: string;
  progress?: DownloadProgress;
}): Promise<void> {
  // One large file gives no line until it is complete: watch it grow in the local repository
  // (~/.m2/repository, Maven's default; with another one configured, the lines alone report).
  const [group = '', name = '', version = ''] = options.artifact.split(':');
  const stop =
    options.progress === undefined
      ? () => undefined
      : watchGrowth(
          join(homedir(), '.m2', 'repository', ...group.split('.'), name, version),
          options.progress,
        );
  return runMaven(
    options.component,
    [
      `${DEPENDENCY_PLUGIN}:copy`,
      `-Dartifact=${options.artifact}`,
      `-DoutputDirectory=${options.outputDirectory}`,
    ],
    options.logFile,
    options.artifact,
    options.progress,
  ).finally(stop);
}
