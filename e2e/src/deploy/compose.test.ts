import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULTS } from '@nobel-pipeline/common';
import { MIGRATE_ENV } from '@nobel-pipeline/db';
import { FETCHER_ENV } from '@nobel-pipeline/fetcher';
import { INGEST_API_ENV } from '@nobel-pipeline/ingest-api';
import { SINK_ENV } from '@nobel-pipeline/sink';
import { STACK_DEFAULTS, TOPICS_ENV } from '@nobel-pipeline/stack';
import {
  hostSide,
  ownImage,
  readCompose,
  ROOT,
  variablesIn,
  withDefaults,
  type ComposeService,
} from './compose-file';

/**
 * What would break on a first `docker compose up`, caught without a Docker engine (CI also runs
 * `docker-compose config -q`): every variable a container's code reads reaches it, and nothing
 * else; addresses are the compose network's; nothing is published beyond this machine or on a
 * port the local stack uses; every named volume is writable by the user its image runs as;
 * the offline profile's data comes from a documented, checked place.
 */

const { services, volumes } = readCompose();
const service = (name: string): ComposeService => {
  const found = services.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no service ${name} in docker-compose.yml`);
  return found;
};
const keys = (shape: Record<string, z.ZodType>) => Object.keys(shape);

/**
 * What each of our containers reads, from its configuration code, and what compose withholds
 * on purpose (with the reason).
 */
const READS: Record<string, { shape: Record<string, z.ZodType>; withheld: string[] }> = {
  // The image's own console (console/dist beside ingest-api): .env's would be a host path.
  'ingest-api': { shape: INGEST_API_ENV, withheld: ['CONSOLE_DIR'] },
  fetcher: { shape: FETCHER_ENV, withheld: [] },
  // init has migrated: the sink gets no DDL account (SINK_MIGRATE_ON_START=false).
  sink: { shape: SINK_ENV, withheld: ['DB_MIGRATE_USER', 'DB_MIGRATE_PASSWORD'] },
  // `stack topics`, then `npm run migrate`'s code.
  init: { shape: { ...TOPICS_ENV, ...MIGRATE_ENV }, withheld: [] },
};

/** Addresses and listening ports: inside the network they are compose's, whatever .env says. */
const NETWORK = [
  'KAFKA_BROKERS',
  'SCHEMA_REGISTRY_URL',
  'DB_HOST',
  'DB_PORT',
  'HTTP_HOST',
  'HTTP_PORT',
  'FETCHER_METRICS_PORT',
  'SINK_METRICS_PORT',
  'FETCHER_URLS',
];

/**
 * Who the third-party images run as, and the directories they create owned by that user (a
 * new named volume mounted there inherits the owner), read in each image's Dockerfile.
 */
const IMAGES: Record<string, { user: string; owns: string[]; source: string }> = {
  'apache/kafka': {
    user: 'appuser',
    owns: ['/var/lib/kafka/data', '/etc/kafka/secrets', '/mnt/shared/config'],
    source: 'apache/kafka docker/jvm/Dockerfile: chown appuser … /var/lib/kafka; USER appuser',
  },
  'apicurio/apicurio-registry': {
    user: '1001',
    owns: ['/deployments'],
    source:
      'Apicurio Registry distro/docker Dockerfile.jvm: chown -R 1001:0 /deployments; USER 1001',
  },
  mariadb: {
    user: 'mysql',
    owns: ['/var/lib/mysql'],
    source:
      'mariadb docker-entrypoint.sh: starts as root, chowns the datadir to mysql, drops to it',
  },
};

describe('docker-compose.yml gives every container what its code reads', () => {
  it.each(Object.entries(READS))('%s: every variable, and nothing else', (name, reads) => {
    const given = Object.keys(service(name).environment).sort();
    const expected = keys(reads.shape)
      .filter((v) => !reads.withheld.includes(v))
      .sort();
    expect(given).toEqual(expected);
  });

  it.each(Object.keys(READS))(
    '%s: a variable without a default stops `up` with a message',
    (name) => {
      const shape: Record<string, z.ZodType> = READS[name]?.shape ?? {};
      const env = service(name).environment;
      for (const [variable, value] of Object.entries(env)) {
        const required =
          shape[variable] !== undefined && !z.safeParse(shape[variable], undefined).success;
        if (required && variablesIn(value).length > 0)
          expect(`${variable}: ${value}`).toMatch(
            new RegExp(`^${variable}: \\$\\{${variable}:\\?.+\\}$`),
          );
      }
    },
  );

  it('sets the addresses of the compose network itself, never from .env', () => {
    for (const s of services.filter((s) => s.name in READS)) {
      for (const variable of NETWORK.filter((v) => v in s.environment))
        expect(`${s.name} ${variable}=${s.environment[variable]}`).not.toMatch(/\$\{/);
    }
    // .env's NOBEL_API_URL is the local stack's (127.0.0.1 would be the container itself).
    expect(variablesIn(service('fetcher').environment.NOBEL_API_URL ?? '')).toEqual([
      'DOCKER_NOBEL_API_URL',
    ]);
  });

  it('keeps the database defaults of the code for the accounts it creates', () => {
    const db = service('mariadb').environment;
    expect(withDefaults(db.MARIADB_DATABASE ?? '')).toBe(DEFAULTS.dbName);
    expect(withDefaults(db.MARIADB_USER ?? '')).toBe(DEFAULTS.dbMigrateUser);
    expect(withDefaults(db.DB_SINK_USER ?? '')).toBe(DEFAULTS.dbSinkUser);
    expect(withDefaults(db.DB_API_USER ?? '')).toBe(DEFAULTS.dbApiUser);
    for (const name of ['ingest-api', 'sink', 'init'])
      expect(withDefaults(service(name).environment.DB_NAME ?? '')).toBe(DEFAULTS.dbName);
  });

  it('requires API_TOKEN for ingest-api, whose port is published', () => {
    expect(service('ingest-api').environment.API_TOKEN).toMatch(/^\$\{API_TOKEN:\?/);
  });

  it("lets the console's page send commands: its origin as the browser sees it is allowed", () => {
    const api = service('ingest-api');
    const published = api.ports.map(hostSide).find((p) => p.port > 0);
    const value = api.environment.HTTP_ALLOWED_ORIGINS ?? '';
    const origins = INGEST_API_ENV.HTTP_ALLOWED_ORIGINS.parse(withDefaults(value));
    expect(origins).toEqual([
      `http://localhost:${published?.port}`,
      `http://127.0.0.1:${published?.port}`,
    ]);
    // The same variable moves the port and the origins; .env's origins come after them.
    expect(variablesIn(value)).toEqual([
      published?.variable,
      published?.variable,
      'HTTP_ALLOWED_ORIGINS',
    ]);
  });
});

describe('docker-compose.yml publishes', () => {
  const published = services.flatMap((s) =>
    s.ports.map((p) => ({ service: s.name, ...hostSide(p) })),
  );

  /** The ports the local stack and CI use: .env.example's, the stack's, CI's private MariaDB. */
  function localPorts(): Set<number> {
    const example = readFileSync(resolve(ROOT, '.env.example'), 'utf8');
    const ports = [...example.matchAll(/^\w+=(?:.*:)?(\d{2,5})(?:\/.*)?$/gm)].map((m) =>
      Number(m[1]),
    );
    const ci = /CI_DB_PORT:-(\d+)/.exec(readFileSync(resolve(ROOT, '.ci', 'run'), 'utf8'))?.[1];
    return new Set([
      ...ports,
      STACK_DEFAULTS.kafkaControllerPort,
      STACK_DEFAULTS.registryManagementPort,
      Number(ci),
    ]);
  }

  it('on 127.0.0.1 only', () => {
    expect(published.length).toBeGreaterThan(5);
    for (const p of published) expect(`${p.service} ${p.host}`).toBe(`${p.service} 127.0.0.1`);
  });

  it('on host ports the local stack and CI do not use, each a DOCKER_*_PORT variable', () => {
    const taken = localPorts();
    for (const p of [3000, 3306, 8081, 9092, 9464, 9465, 4000, 13306])
      expect(taken.has(p)).toBe(true);
    for (const p of published) {
      expect(`${p.service} ${p.port}`).toMatch(/ \d+$/);
      expect(
        taken.has(p.port) ? `${p.service} publishes ${p.port}, a port of the local stack` : '',
      ).toBe('');
      expect(p.variable).toMatch(/^DOCKER_\w+_PORT$/);
    }
    expect(new Set(published.map((p) => p.port)).size).toBe(published.length);
  });

  it("advertises Kafka's host listener on the port it publishes", () => {
    const kafka = service('kafka');
    const port = kafka.ports.map(hostSide).find((p) => p.variable === 'DOCKER_KAFKA_PORT');
    expect(withDefaults(kafka.environment.KAFKA_ADVERTISED_LISTENERS ?? '')).toContain(
      `HOST://localhost:${port?.port}`,
    );
  });
});

describe('docker-compose.yml mounts', () => {
  const own = ownImage();
  const imageOf = (s: ComposeService) =>
    s.image === 'nobel-pipeline:local'
      ? { ...own, source: 'the Dockerfile' }
      : IMAGES[s.image.replace(/:[^/]*$/, '')];

  /** A one-shot step that, as root, gives the volume to `user` before `consumer` starts. */
  function ownedBeforeStart(consumer: ComposeService, volume: string, user: string): boolean {
    return Object.entries(consumer.dependsOn).some(([name, { condition }]) => {
      const step = services.find((s) => s.name === name);
      return (
        condition === 'service_completed_successfully' &&
        step !== undefined &&
        step.user === '0' &&
        step.volumes.some((v) => v.source === volume) &&
        new RegExp(`chown ${user}\\b`).test(step.entrypoint)
      );
    });
  }

  it('every named volume where the image user may write', () => {
    const mounts = services.flatMap((s) =>
      s.volumes
        .filter((v) => v.type === 'volume' && !v.readOnly && s.user !== '0')
        .map((v) => ({ s, v })),
    );
    expect(mounts.map(({ v }) => v.source).sort()).toEqual([...volumes].sort());
    for (const { s, v } of mounts) {
      const image = imageOf(s);
      expect(image === undefined ? `${s.name}: ${s.image} is not in IMAGES` : '').toBe('');
      if (image === undefined) continue;
      const writable = image.owns.includes(v.target) || ownedBeforeStart(s, v.source, image.user);
      expect(
        writable
          ? ''
          : `${s.name}: ${v.source} at ${v.target} is not ${image.user}'s (${image.source})`,
      ).toBe('');
    }
  });

  it("the offline profile's recorded responses from NOBEL_API_SNAPSHOT_DIR, never an empty directory", () => {
    const mirror = service('mirror');
    expect(mirror.profiles).toEqual(['offline']);
    const data = mirror.volumes.find((v) => v.target === '/data');
    expect(data).toMatchObject({ type: 'bind', readOnly: true, short: false });
    expect(variablesIn(data?.source ?? '')).toEqual(['NOBEL_API_SNAPSHOT_DIR']);
    const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('NOBEL_API_SNAPSHOT_DIR');
    expect(readme).toContain('--profile offline down');
  });
});
