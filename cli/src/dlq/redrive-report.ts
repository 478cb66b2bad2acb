import type { Output } from '../output/output';
import { dlqPosition, originalPosition } from './dlq-record';
import { SKIP_REASONS, type Decision, type SkipReason } from './redrive-plan';

/** Skips said one by one (a note each); the others, frequent and expected, only counted. */
const NOTED: ReadonlySet<SkipReason> = new Set([
  'value-omitted',
  'no-original-topic',
  'unknown-topic',
]);

export interface RedriveReport {
  /** Says what happened to each record of a batch, once its fate is sure (sent, or dry run). */
  batch(decisions: readonly Decision[]): void;
  /** The totals: published per original topic, skipped per reason. */
  summary(): void;
}

/**
 * What a redrive prints: a line per published record (stdout), a note per record that cannot
 * be redriven (stderr), and the summary; with --json, a JSON line per record and the summary
 * as a last line `{"type":"summary",…}`.
 */
export function createRedriveReport(options: {
  out: Output;
  dlqTopic: string;
  dryRun: boolean;
  json: boolean;
}): RedriveReport {
  const { out, dlqTopic, dryRun, json } = options;
  const perTopic = new Map<string, number>();
  const skippedBy = new Map<SkipReason, number>();
  const published = dryRun ? 'would publish' : 'published';
  const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
  const sum = (map: Map<unknown, number>) => [...map.values()].reduce((a, b) => a + b, 0);

  function one(d: Decision): void {
    const key = d.record.key === null ? null : d.record.key.toString();
    if (d.action === 'publish') count(perTopic, d.topic);
    else count(skippedBy, d.reason);
    if (json) {
      out.line(
        JSON.stringify({
          type: 'record',
          action: d.action === 'publish' ? published : 'skipped',
          dlq: dlqPosition(d.record),
          original: originalPosition(d.record),
          errorClass: d.record.errorClass,
          key,
          ...(d.action === 'publish'
            ? { target: { topic: d.topic, partition: d.partition ?? null } }
            : { reason: d.reason, detail: d.detail }),
        }),
      );
    } else if (d.action === 'publish') {
      out.line(
        `${published} ${dlqPosition(d.record)} -> ${d.topic}[${d.partition ?? 'by key'}] (${d.record.errorClass ?? 'no error class'}, key ${key ?? 'null'})`,
      );
    } else if (NOTED.has(d.reason)) {
      out.note(`skipped ${dlqPosition(d.record)} (${originalPosition(d.record)}): ${d.detail}`);
    }
  }

  function summary(): void {
    const total = sum(perTopic);
    const skipped = sum(skippedBy);
    if (json) {
      out.line(
        JSON.stringify({
          type: 'summary',
          dlq: dlqTopic,
          dryRun,
          published: total,
          perTopic: Object.fromEntries(perTopic),
          skipped,
          skippedBy: Object.fromEntries(skippedBy),
        }),
      );
      return;
    }
    const topics = [...perTopic].map(([topic, n]) => `${topic} ${n}`).join(', ');
    const reasons = [...skippedBy].map(([reason, n]) => `${n} ${SKIP_REASONS[reason]}`);
    out.line(
      [
        `${published} ${total} record(s) from ${dlqTopic}${topics === '' ? '' : `: ${topics}`}`,
        `skipped ${skipped}${reasons.length === 0 ? '' : `: ${reasons.join('; ')}`}`,
        ...(dryRun ? ['dry run: nothing was published, nothing committed'] : []),
      ].join('\n'),
    );
  }

  return { batch: (decisions) => decisions.forEach(one), summary };
}
