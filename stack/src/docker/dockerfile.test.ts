import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

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
const workspaces = (
  JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] }
).workspaces;

describe('the Dockerfile', () => {
  it('builds in stages on node:22', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:22[\w.-]*$/m);
    for (const stage of stages) expect(stage).toMatch(/^\$\{NODE_IMAGE\} AS \w+/);
  });

  it('installs with npm ci, and only production dependencies go into the final image', () => {
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(dockerfile).not.toMatch(/RUN npm install\b/);
    const deps = stages.find((s) => s.startsWith('${NODE_IMAGE} AS deps')) ?? '';
    expect(deps).toMatch(/RUN npm ci --omit=dev/);
    expect(lastStage).toMatch(/COPY --from=deps .*\/app \.\//);
    expect(lastStage).not.toMatch(/COPY --from=build [^\n]*node_modules/);
    expect(lastStage).toMatch(/ENV NODE_ENV=production/);
  });

  it('runs as an unprivileged user', () => {
    expect(lastStage).toMatch(/^USER (?!root\b|0\b)\w+$/m);
  });

  it('knows every workspace, so that a new package is not left out of the image', () => {
    for (const workspace of workspaces) {
      expect(dockerfile).toContain(`COPY ${workspace}/package.json ${workspace}/`);
    }
  });
});
