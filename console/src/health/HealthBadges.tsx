import type { ReadinessBody } from '@nobel-pipeline/schemas';
import type { Polled } from '../polling/use-poll';

const CHECKS = [
  { key: 'kafka', label: 'Kafka' },
  { key: 'registry', label: 'Registry' },
  { key: 'database', label: 'Database' },
] as const;

type Health = { state: 'ok' | 'down' | 'unknown'; text: string };

function healthOf(readiness: ReadinessBody | null, key: string, reachable: boolean): Health {
  const check = readiness?.checks[key];
  if (!reachable || check === undefined) return { state: 'unknown', text: 'unknown' };
  if (check.ok) return { state: 'ok', text: 'ok' };
  return { state: 'down', text: check.error === undefined ? 'down' : `down — ${check.error}` };
}

/** Kafka, the registry and the database as /readyz sees them, one labelled badge each. */
export function HealthBadges({ readiness }: { readiness: Polled<ReadinessBody> }) {
  // After a failed request, the last answer is not shown as if it were current.
  const reachable = readiness.failure === null;
  return (
    <ul class="badges" aria-label="Health">
      {CHECKS.map(({ key, label }) => {
        const health = healthOf(readiness.data, key, reachable);
        return (
          <li key={key} class={`badge badge-${health.state}`} data-testid={`health-${key}`}>
            {label}: {health.text}
          </li>
        );
      })}
      {readiness.data?.stopping === true && <li class="badge badge-down">ingest-api: stopping</li>}
    </ul>
  );
}
