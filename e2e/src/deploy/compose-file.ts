import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

/**
 * docker-compose.yml and the Dockerfile read as data, for the checks that stand in for a
 * Docker engine (none runs where this project is built): what each container is given, what
 * it publishes, what it mounts.
 */

export const ROOT = resolve(__dirname, '..', '..', '..');

export interface VolumeMount {
  type: 'volume' | 'bind';
  source: string;
  target: string;
  readOnly: boolean;
  /** Written in the short form (`a:b`): a missing host directory is then created, empty. */
  short: boolean;
}

export interface ComposeService {
  name: string;
  image: string;
  user: string | undefined;
  entrypoint: string;
  environment: Record<string, string>;
  ports: string[];
  volumes: VolumeMount[];
  dependsOn: Record<string, { condition?: string }>;
  profiles: string[];
}

type RawVolume = string | { type: string; source: string; target: string; read_only?: boolean };

interface RawService {
  image?: string;
  user?: string;
  entrypoint?: string[] | string;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: RawVolume[];
  depends_on?: Record<string, { condition?: string }>;
  profiles?: string[];
}

function mount(spec: RawVolume): VolumeMount {
  if (typeof spec !== 'string') {
    return {
      type: spec.type === 'bind' ? 'bind' : 'volume',
      source: spec.source,
      target: spec.target,
      readOnly: spec.read_only === true,
      short: false,
    } satisfies VolumeMount;
  }
  const [source = '', target = '', mode] = spec.split(':');
  const bind = source.startsWith('.') || source.startsWith('/') || source.startsWith('$');
  return {
    type: bind ? 'bind' : 'volume',
    source,
    target,
    readOnly: mode === 'ro',
    short: true,
  } satisfies VolumeMount;
}

export function readCompose(): { services: ComposeService[]; volumes: string[] } {
  const raw = parse(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as { services: Record<string, RawService>; volumes?: Record<string, unknown> };
  const services = Object.entries(raw.services).map(([name, s]) => ({
    name,
    image: s.image ?? '',
    user: s.user,
    entrypoint: Array.isArray(s.entrypoint) ? s.entrypoint.join(' ') : (s.entrypoint ?? ''),
    environment: s.environment ?? {},
    ports: s.ports ?? [],
    volumes: (s.volumes ?? []).map(mount),
    dependsOn: s.depends_on ?? {},
    profiles: s.profiles ?? [],
  }));
  return { services, volumes: Object.keys(raw.volumes ?? {}) };
}

/** `${NAME:-default}` as compose reads it with NAME unset: its default ('' without one). */
export function withDefaults(value: string): string {
  return value.replace(/\$\{(\w+)(?::?-([^}]*))?(?::?\?[^}]*)?\}/g, (_, _name, fallback) =>
    String(fallback ?? ''),
  );
}

/** The variables a value reads (`${NAME…}`). */
export function variablesIn(value: string): string[] {
  return [...value.matchAll(/\$\{(\w+)/g)].map((m) => m[1] ?? '');
}

/** The host side of a published port, `127.0.0.1:${X:-23000}:3000` → host 127.0.0.1, 23000. */
export function hostSide(port: string): { host: string; port: number; variable?: string } {
  const [host = '', published = ''] = port.split(/:(?![^{]*\})/);
  return { host, port: Number(withDefaults(published)), variable: variablesIn(published)[0] };
}

/** The directories the Dockerfile's final stage gives to its user (COPY --chown, WORKDIR). */
export function ownImage(): { user: string; owns: string[] } {
  const dockerfile = readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8');
  const last = dockerfile.split(/^FROM /m).pop() ?? '';
  const user = /^USER (\S+)/m.exec(last)?.[1] ?? 'root';
  const workdir = /^WORKDIR (\S+)/m.exec(last)?.[1] ?? '/';
  const owns = [...last.matchAll(/^COPY .*--chown=(\S+?):\S+ .* (\S+)$/gm)]
    .filter((m) => m[1] === user)
    .map((m) => resolve(workdir, m[2] ?? ''));
  return { user, owns };
}
