import type { Admin } from 'kafkajs';
import type { DatabaseGate } from '../database/database-gate';
import { describeState } from '../database/database-state';
import type { ReadinessCheck } from '@nobel-pipeline/common';

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

/**
 * The database is ready when the application user can read it and it is migrated: every
 * migration this version knows is applied and every table exists. Otherwise the reason says
 * what to do (`npm run migrate`, check the grants...).
 */
export function databaseCheck(gate: Pick<DatabaseGate, 'state'>): ReadinessCheck {
  return {
    name: 'database',
    async check() {
      const state = await gate.state();
      if (state.status !== 'ready') throw new Error(describeState(state));
    },
  };
}
