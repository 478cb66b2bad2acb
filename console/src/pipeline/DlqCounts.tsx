import type { DlqCounts as Counts } from '../api/status';

/** The records waiting in the dead-letter topics, in total and per topic. */
export function DlqCounts({ dlq }: { dlq: Counts }) {
  if ('error' in dlq) return <p class="problem">Dead letters unavailable: {dlq.error}</p>;
  return (
    <>
      <p>
        Dead letters: <strong data-testid="dlq-count">{dlq.total}</strong>
      </p>
      {dlq.topics.length > 0 && (
        <ul class="plain">
          {dlq.topics.map((t) => (
            <li key={t.topic}>
              {t.topic}: {t.records}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
