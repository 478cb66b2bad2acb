import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

/**
 * docker-compose.yml, read as data (CI also runs `docker-compose config -q` on it): nothing is
 * published beyond this machine, and the API cannot be started without its token.
 */
const ROOT = resolve(__dirname, '..', '..', '..');
const compose = parse(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as {
  services: Record<
    string,
    { ports?: string[]; environment?: Record<string, string>; command?: string[] }
  >;
};

describe('docker-compose.yml', () => {
  it('publishes every port on 127.0.0.1 only', () => {
    const published = Object.entries(compose.services).flatMap(([name, service]) =>
      (service.ports ?? []).map((port) => [name, port] as const),
    );
    expect(published.length).toBeGreaterThan(0);
    for (const [name, port] of published)
      expect(`${name} ${port}`).toMatch(/ 127\.0\.0\.1:\d+:\d+$/);
  });

  it('requires API_TOKEN for ingest-api', () => {
    expect(compose.services['ingest-api']?.environment?.API_TOKEN).toMatch(/^\$\{API_TOKEN:\?/);
  });

  it('makes the services listen on every interface inside their containers', () => {
    for (const name of ['ingest-api', 'fetcher', 'sink'])
      expect(compose.services[name]?.environment?.HTTP_HOST).toBe('0.0.0.0');
  });

  it('gives each service the database account it needs, and no other', () => {
    const env = (name: string) => Object.keys(compose.services[name]?.environment ?? {});
    const accounts = (name: string) =>
      env(name).filter((v) => /^DB_(MIGRATE|SINK|API|)_?(USER|PASSWORD)$/.test(v));
    expect(accounts('init').sort()).toEqual(['DB_MIGRATE_PASSWORD', 'DB_MIGRATE_USER']);
    expect(accounts('sink').sort()).toEqual(['DB_SINK_PASSWORD', 'DB_SINK_USER']);
    expect(accounts('ingest-api').sort()).toEqual(['DB_API_PASSWORD', 'DB_API_USER']);
    expect(accounts('fetcher')).toEqual([]);
    expect(compose.services.sink?.environment?.SINK_MIGRATE_ON_START).toBe('false');
  });
});
