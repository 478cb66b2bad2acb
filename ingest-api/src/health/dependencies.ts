import type { Admin } from 'kafkajs';
import type { Sequelize } from 'sequelize';
import type { ReadinessCheck } from './checks';

/** Kafka is ready when the cluster answers a metadata request and has a controller. */
export function kafkaCheck(admin: Admin): ReadinessCheck {
  let connected: Promise<void> | undefined;
  return {
    name: 'kafka',
    async check() {
      connected ??= admin.connect().catch((error: unknown) => {
        connected = undefined;
        throw error;
      });
      await connected;
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length === 0) throw new Error('the cluster has no brokers');
    },
  };
}

/** The registry is ready when its Confluent-compatible API answers GET /config. */
export function registryCheck(url: string, timeoutMs = 2000): ReadinessCheck {
  return {
    name: 'registry',
    async check() {
      const response = await fetch(`${url}/config`, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) throw new Error(`GET ${url}/config answered ${response.status}`);
    },
  };
}

/** The database is ready when it answers a query as the application user. */
export function databaseCheck(sequelize: Pick<Sequelize, 'authenticate'>): ReadinessCheck {
  return { name: 'database', check: () => sequelize.authenticate() };
}
