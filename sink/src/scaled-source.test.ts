import type { NobelLaureate, NobelPrize } from '@nobel-pipeline/schemas';
import {
  sourceLaureateRecord,
  sourcePrize,
  toNobelLaureate,
  toNobelPrize,
} from '@nobel-pipeline/fetcher';
import {
  DEFAULT_SNAPSHOTS,
  hasDefaultSnapshot,
  loadSnapshot,
  MAX_SCALE,
  scaleRecords,
} from '@nobel-pipeline/nobel-mirror';
import { validateLaureate, validatePrize } from './validate';

/**
 * The mirror's scaled source (`--scale K`, for the benchmarks' cost curve) through the
 * fetcher's validation and mapping and the sink's rules: every copy a distinct, valid event.
 */
const AVAILABLE = hasDefaultSnapshot('nobelPrizes') && hasDefaultSnapshot('laureates');
if (!AVAILABLE)
  process.stderr.write(
    `\nSKIPPING the scaled source's test: ${DEFAULT_SNAPSHOTS.nobelPrizes} or its laureates are absent ` +
      '(they live in ../shared/nobel-api beside the repository).\n',
  );
const describeWithSnapshot = AVAILABLE ? describe : describe.skip;

describeWithSnapshot('the real snapshot scaled to MAX_SCALE copies', () => {
  const provenance = { fetchedAt: Date.UTC(2026, 10, 1), fetchRunId: 'scaled' };
  const receivedAt = new Date(Date.UTC(2026, 10, 30));

  it('gives distinct prizes the fetcher maps and the sink takes, naming the scaled laureates', () => {
    const raw = scaleRecords(loadSnapshot(DEFAULT_SNAPSHOTS.nobelPrizes, 'nobelPrizes'), MAX_SCALE);
    const events: NobelPrize[] = raw.map((r) => toNobelPrize(r, sourcePrize.parse(r), provenance));
    expect(events).toHaveLength(670 * MAX_SCALE);
    for (const event of events) validatePrize(event, event.id, receivedAt);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    // One laureate id per laureate and copy: the copies share no laureate.
    const laureateIds = new Set(events.flatMap((e) => (e.laureates ?? []).map((l) => l.id)));
    const realIds = new Set(
      events.slice(0, 670).flatMap((e) => (e.laureates ?? []).map((l) => l.id)),
    );
    expect(laureateIds.size).toBe(realIds.size * MAX_SCALE);
  });

  it('gives distinct laureates the fetcher maps and the sink takes, each with its prizes moved', () => {
    const raw = scaleRecords(loadSnapshot(DEFAULT_SNAPSHOTS.laureates, 'laureates'), MAX_SCALE);
    const events: NobelLaureate[] = raw.map((r) =>
      toNobelLaureate(r, sourceLaureateRecord.parse(r), provenance),
    );
    expect(events).toHaveLength(992 * MAX_SCALE);
    for (const event of events) validateLaureate(event, event.id, receivedAt);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });
});
