import type { NobelLaureate, NobelPrize } from '@nobel-pipeline/schemas';
import {
  parseAsServed,
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

  const prizes = (): NobelPrize[] =>
    scaleRecords(loadSnapshot(DEFAULT_SNAPSHOTS.nobelPrizes, 'nobelPrizes'), MAX_SCALE).map((r) =>
      toNobelPrize(r, parseAsServed(sourcePrize, r), provenance),
    );
  const laureates = (): NobelLaureate[] =>
    scaleRecords(loadSnapshot(DEFAULT_SNAPSHOTS.laureates, 'laureates'), MAX_SCALE).map((r) =>
      toNobelLaureate(r, parseAsServed(sourceLaureateRecord, r), provenance),
    );
  let prizeEvents: NobelPrize[] = [];
  let laureateEvents: NobelLaureate[] = [];
  beforeAll(() => {
    prizeEvents = prizes();
    laureateEvents = laureates();
  });

  it('gives distinct prizes the fetcher maps and the sink takes, naming the scaled laureates', () => {
    expect(prizeEvents).toHaveLength(670 * MAX_SCALE);
    for (const event of prizeEvents) validatePrize(event, event.id, receivedAt);
    expect(new Set(prizeEvents.map((e) => e.id)).size).toBe(prizeEvents.length);
    // One laureate id per laureate and copy: the copies share no laureate.
    const ids = (events: NobelPrize[]) =>
      new Set(events.flatMap((e) => (e.laureates ?? []).map((l) => l.id)));
    expect(ids(prizeEvents).size).toBe(ids(prizeEvents.slice(0, 670)).size * MAX_SCALE);
  });

  it('gives distinct laureates the fetcher maps and the sink takes', () => {
    expect(laureateEvents).toHaveLength(992 * MAX_SCALE);
    for (const event of laureateEvents) validateLaureate(event, event.id, receivedAt);
    expect(new Set(laureateEvents.map((e) => e.id)).size).toBe(laureateEvents.length);
  });

  it('gives each scaled laureate the scaled prizes that name it, and no other', () => {
    // A laureate's prize is the prize its nobelPrize link names (…/nobelPrize/<code>/<year>).
    const prizeIdOf = (links: readonly { rel: string | null; href: string | null }[]) => {
      const match = /\/nobelPrize\/([a-z]+)\/(\d{4})$/.exec(
        links.find((link) => link.rel === 'nobelPrize')?.href ?? '',
      );
      return match === null ? 'no link' : `${match[1]}-${match[2]}`;
    };
    const fromPrizes = new Set(
      prizeEvents.flatMap((p) => (p.laureates ?? []).map((l) => `${l.id} ${p.id}`)),
    );
    const fromLaureates = new Set(
      laureateEvents.flatMap((l) => l.nobelPrizes.map((p) => `${l.id} ${prizeIdOf(p.links)}`)),
    );
    expect(fromLaureates.size).toBe(1000 * MAX_SCALE);
    expect(fromLaureates).toEqual(fromPrizes);
  });
});
