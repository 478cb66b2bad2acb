import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StackConfig } from '../config';
import { PrerequisiteError } from '../errors';
import { display } from '../system/files';
import { describeTried, findJava, type JavaRuntime } from '../system/java';
import { assertMaven, cachedDirectory, copyArtifact } from '../system/maven';
import { assertPortsFree, isPortOpen } from '../system/net';
import { createServiceProcess } from '../system/service-process';
import { waitReady } from '../system/wait';
import type { Component, ComponentStatus, Reporter } from './component';

/** Apicurio Registry 3.3 is compiled for Java 21 (class file 65); older 3.x run on 17. */
export function registryMinJava(version: string): number {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 3 || (major === 3 && minor >= 3) ? 21 : 17;
}

export interface RegistryLayout {
  app: string;
  dataDir: string;
  pidFile: string;
  logFile: string;
  marker: string;
}

export function registryLayout(config: StackConfig): RegistryLayout {
  const { paths } = config;
  return {
    app: join(paths.cache, `apicurio-registry-${config.registry.version}`),
    dataDir: join(paths.data, 'registry'),
    pidFile: join(paths.run, 'registry.pid'),
    logFile: join(paths.logs, 'registry.log'),
    marker: `-Dnobel.stack.registry=${paths.state}`,
  };
}

function registryJava(config: StackConfig): JavaRuntime {
  const min = registryMinJava(config.registry.version);
  const search = findJava(min, config.registry.javaHome, true);
  if (search.found !== undefined) return search.found;
  throw new PrerequisiteError(
    'registry',
    `Apicurio Registry ${config.registry.version} needs Java ${min} or newer; found: ${describeTried(search.tried)}`,
    {
      hint: `Install a JDK ${min}+ (for example Eclipse Temurin) and set STACK_REGISTRY_JAVA_HOME to its home directory. Kafka keeps using Java 17.`,
    },
  );
}

/** The Quarkus application, from the `all` tar.gz on Maven Central, unpacked once. */
async function ensureApp(config: StackConfig, report: Reporter): Promise<string> {
  const { app } = registryLayout(config);
  if (existsSync(join(app, 'quarkus-run.jar'))) return app;
  assertMaven('registry');
  report(
    'registry',
    `downloading Apicurio Registry ${config.registry.version} with Maven (first run only, ~160 MB)`,
  );
  await cachedDirectory(app, async (tmp) => {
    const download = join(tmp, '.download');
    await copyArtifact({
      component: 'registry',
      artifact: `io.apicurio:apicurio-registry-app:${config.registry.version}:tar.gz:all`,
      outputDirectory: download,
      logFile: join(config.paths.logs, 'maven.log'),
      progress: (message) => report('registry', message),
    });
    const archive = readdirSync(download).find((file) => file.endsWith('.tar.gz'));
    if (archive === undefined)
      throw new PrerequisiteError('registry', 'Maven downloaded no tar.gz');
    const untar = spawnSync('tar', ['-xzf', join(download, archive), '-C', tmp], {
      encoding: 'utf8',
    });
    if (untar.status !== 0)
      throw new PrerequisiteError('registry', `could not unpack ${archive}: ${untar.stderr}`);
    rmSync(download, { recursive: true, force: true });
    if (!existsSync(join(tmp, 'quarkus-run.jar'))) {
      throw new PrerequisiteError(
        'registry',
        `${archive} has no quarkus-run.jar at its root (versions before 3.3.0 are laid out differently)`,
      );
    }
  });
  return app;
}

interface SystemInfo {
  name?: string;
  version?: string;
}

async function systemInfo(config: StackConfig): Promise<SystemInfo | undefined> {
  const { host, port } = config.registry.endpoint;
  const response = await fetch(`http://${host}:${port}/apis/registry/v3/system/info`, {
    signal: AbortSignal.timeout(2000),
  });
  return response.ok ? ((await response.json()) as SystemInfo) : undefined;
}

/** The registry is ready when its Confluent-compatible API lists subjects. */
async function answers(config: StackConfig): Promise<boolean> {
  const response = await fetch(`${config.registry.url}/subjects`, {
    signal: AbortSignal.timeout(2000),
  });
  return response.ok;
}

export function createRegistry(config: StackConfig, report: Reporter): Component {
  const layout = registryLayout(config);
  const { endpoint } = config.registry;
  const probe = () => answers(config);
  const server = createServiceProcess({
    component: 'registry',
    pidFile: layout.pidFile,
    logFile: layout.logFile,
    marker: layout.marker,
    probe,
    startTimeoutMs: config.startTimeoutMs,
    graceMs: 20_000,
    report,
  });
  const assertFree = () =>
    assertPortsFree(
      'registry',
      endpoint.host,
      [endpoint.port, config.registry.managementPort],
      'move the registry with SCHEMA_REGISTRY_URL / STACK_REGISTRY_MANAGEMENT_PORT',
    );

  const base = async (
    up: boolean,
    owner: ComponentStatus['owner'],
    detail?: string,
  ): Promise<ComponentStatus> => ({
    name: 'registry',
    up,
    address: config.registry.url,
    version: up ? (await systemInfo(config).catch(() => undefined))?.version : undefined,
    owner,
    log: owner === 'stack' ? display(config.paths.root, layout.logFile) : undefined,
    detail,
  });

  async function status(): Promise<ComponentStatus> {
    const pid = endpoint.local ? server.pid() : undefined;
    const up = await probe().catch(() => false);
    if (pid !== undefined) return base(up, 'stack', up ? undefined : 'running, not answering yet');
    if (!endpoint.local) return base(up, 'external', up ? undefined : 'not reachable');
    if (await isPortOpen(endpoint.host, endpoint.port)) {
      return base(
        false,
        undefined,
        `port ${endpoint.port} is held by a process this stack did not start`,
      );
    }
    return base(false, undefined, 'not running');
  }

  async function prepare(): Promise<void> {
    if (!endpoint.local || server.pid() !== undefined) return;
    await assertFree();
    registryJava(config);
    await ensureApp(config, report);
  }

  async function up(): Promise<ComponentStatus> {
    if (!endpoint.local) {
      await waitReady({ component: 'registry', probe, timeoutMs: 10_000 });
      return base(true, 'external');
    }
    if (server.pid() !== undefined) {
      await server.awaitReady();
      return base(true, 'stack');
    }
    await assertFree();
    const java = registryJava(config);
    const app = await ensureApp(config, report);
    report(
      'registry',
      `starting Apicurio Registry ${config.registry.version} on Java ${java.major} (log: ${display(config.paths.root, layout.logFile)})`,
    );
    await server.start(
      java.java,
      [
        `-Xmx${config.registry.heap}`,
        layout.marker,
        `-Dquarkus.http.host=${endpoint.host}`,
        `-Dquarkus.http.port=${endpoint.port}`,
        // The management interface (health, metrics) would listen on 0.0.0.0:9000.
        `-Dquarkus.management.host=${endpoint.host}`,
        `-Dquarkus.management.port=${config.registry.managementPort}`,
        '-Dquarkus.http.access-log.enabled=false',
        '-Dquarkus.log.category."io.apicurio.registry.logging.audit".level=WARN',
        // Schemas registered with the same text get the same id, as in Confluent's registry.
        '-Dapicurio.ccompat.use-canonical-hash=true',
        // File-backed H2: schema ids are written into Kafka records, so they must survive restarts.
        '-Dapicurio.storage.kind=sql',
        '-Dapicurio.storage.sql.kind=h2',
        `-Dapicurio.datasource.url=jdbc:h2:file:${join(layout.dataDir, 'registry')}`,
        '-jar',
        join(app, 'quarkus-run.jar'),
      ],
      app,
    );
    return base(true, 'stack');
  }

  async function reset(): Promise<void> {
    await server.stop();
    rmSync(layout.dataDir, { recursive: true, force: true });
  }

  return { name: 'registry', status, prepare, up, down: server.stop, reset, pid: server.pid };
}
