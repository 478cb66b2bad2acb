import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

/**
 * No Docker engine runs where this project is built, so the Dockerfile is checked for its shape
 * (and docker-compose.yml by `docker-compose config -q` in CI): a multi-stage build on node:22
 * with `npm ci`, production dependencies only in the final image, a non-root user, and every
 * workspace of the repository.
 */
const ROOT = resolve(__dirname, '..', '..', '..');
const dockerfile = readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8');
const stages = dockerfile.split(/^FROM /m).slice(1);
const lastStage = stages[stages.length - 1] ?? '';
/** A stage's instructions, a line each, without comments. */
const lines = (text: string) => text.split('\n').filter((line) => !line.startsWith('#'));
const stage = (name: string) => stages.find((s) => s.startsWith(`\${NODE_IMAGE} AS ${name}`)) ?? '';

interface PackageJson {
  workspaces?: string[];
  dependencies?: Record<string, string>;
}
const packageJson = (dir: string) =>
  JSON.parse(readFileSync(resolve(ROOT, dir, 'package.json'), 'utf8')) as PackageJson;
const workspaces = packageJson('.').workspaces ?? [];

/** The workspaces whose built code the image runs: docker-compose.yml's commands and CMD. */
function entryPoints(): { workspace: string; file: string }[] {
  const compose = parse(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as { services: Record<string, { command?: string | string[] }> };
  const commands = [
    ...Object.values(compose.services).map((s) => [s.command ?? []].flat().join(' ')),
    /^CMD (.*)$/m.exec(dockerfile)?.[1] ?? '',
  ];
  return commands.flatMap((command) =>
    [...command.matchAll(/\b([a-z-]+)\/dist\/([\w/.-]+)\.js\b/g)].map(([, workspace, file]) => ({
      workspace: workspace ?? '',
      file: file ?? '',
    })),
  );
}

/** A workspace and the workspaces it needs in production (its dependencies), transitively. */
function withDependencies(workspace: string, seen = new Set<string>()): Set<string> {
  if (seen.has(workspace)) return seen;
  seen.add(workspace);
  for (const name of Object.keys(packageJson(workspace).dependencies ?? {}))
    if (name.startsWith('@nobel-pipeline/'))
      withDependencies(name.slice('@nobel-pipeline/'.length), seen);
  return seen;
}

describe('the Dockerfile', () => {
  it('builds in stages on node:22', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:22[\w.-]*$/m);
    for (const stage of stages) expect(stage).toMatch(/^\$\{NODE_IMAGE\} AS \w+/);
  });

  it('installs with npm ci, and only production dependencies go into the final image', () => {
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(dockerfile).not.toMatch(/RUN npm install\b/);
    expect(stage('deps')).toMatch(/RUN npm ci --omit=dev/);
    expect(lastStage).toMatch(/COPY --from=deps .*\/app \.\//);
    expect(lastStage).not.toMatch(/COPY --from=build [^\n]*node_modules/);
    expect(lastStage).toMatch(/ENV NODE_ENV=production/);
  });

  it('runs as an unprivileged user', () => {
    expect(lastStage).toMatch(/^USER (?!root\b|0\b)\w+$/m);
  });

  it('installs every workspace of the root package.json, so that a new package is not left out', () => {
    expect(workspaces.length).toBeGreaterThan(0);
    for (const workspace of workspaces) {
      expect(lines(stage('build'))).toContain(`COPY ${workspace}/package.json ${workspace}/`);
      expect(lines(stage('deps'))).toContain(
        `COPY --from=build /app/${workspace}/package.json ${workspace}/`,
      );
    }
  });

  it('builds and ships what the image runs, with the workspaces it needs', () => {
    const entries = entryPoints();
    expect(entries.map((e) => e.workspace)).toEqual(
      expect.arrayContaining(['ingest-api', 'fetcher', 'sink', 'nobel-mirror']),
    );
    const build = /RUN npx tsc -b ((?:[^\n]*\\\n)*[^\n]*)/.exec(stage('build'))?.[1] ?? '';
    const shipped = new Set<string>();
    for (const { workspace, file } of entries) {
      expect(workspaces).toContain(workspace);
      // The entry point is built from a source file that exists.
      expect(existsSync(resolve(ROOT, workspace, 'src', `${file}.ts`))).toBe(true);
      withDependencies(workspace, shipped);
    }
    for (const workspace of shipped) {
      expect(build).toContain(`${workspace}/tsconfig.build.json`);
      expect(lines(lastStage)).toContain(
        `COPY --from=build --chown=node:node /app/${workspace}/dist ${workspace}/dist`,
      );
    }
  });
});
