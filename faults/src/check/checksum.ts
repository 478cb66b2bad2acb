/**
 * The checksum comparison, pure: what Kafka acknowledged (the committed records of the
 * prizes and laureates topics, each key's winning value) against the rows in MariaDB.
 *
 * - lost: an acknowledged key with no row, or with a row of another content hash; a prize
 *   stored with fewer prize_laureates rows than its event names; an acknowledged FetchRun
 *   with no fetch_runs row.
 * - duplicated: prize_laureates rows beyond what the prize's event names, and rows for keys
 *   Kafka never acknowledged (the primary keys allow one row per key, so a second copy of an
 *   event can only show as one of these).
 */

/** One committed record of a keyed topic, in offset order within its key. */
export interface AcknowledgedRecord {
  key: string;
  /** null: a tombstone. */
  hash: string | null;
  fetchedAt: number;
  /** Prize events: the distinct laureates the event names. */
  links?: number;
}

/** What the sink is to keep of each key: newer wins (fetchedAt), a tie goes to the later record. */
export function winners(records: readonly AcknowledgedRecord[]): Map<string, AcknowledgedRecord> {
  const won = new Map<string, AcknowledgedRecord>();
  for (const record of records) {
    const current = won.get(record.key);
    if (current === undefined || record.fetchedAt >= current.fetchedAt) won.set(record.key, record);
  }
  return won;
}

export interface StoredRows {
  /** id → content_hash */
  hashes: ReadonlyMap<string, string>;
  /** prize id → prize_laureates rows (prizes only). */
  links?: ReadonlyMap<string, number>;
}

export interface KeyedComparison {
  expected: number;
  stored: number;
  /** Keys acknowledged but absent. */
  missing: string[];
  /** Keys stored with another hash than the acknowledged one. */
  otherHash: string[];
  /** Rows for keys Kafka never acknowledged. */
  unexpected: string[];
  /** Prizes with fewer link rows than their event names: [id, stored, expected]. */
  missingLinks: [string, number, number][];
  /** Prizes with more link rows than their event names. */
  extraLinks: [string, number, number][];
}

export function compareKeyed(
  records: readonly AcknowledgedRecord[],
  stored: StoredRows,
): KeyedComparison {
  const expected = [...winners(records).values()];
  const tombstoned = new Set(expected.filter((r) => r.hash === null).map((r) => r.key));
  const live = expected.filter((r) => r.hash !== null);
  const result: KeyedComparison = {
    expected: live.length,
    stored: stored.hashes.size,
    missing: [],
    otherHash: [],
    unexpected: [],
    missingLinks: [],
    extraLinks: [],
  };
  for (const record of live) {
    const hash = stored.hashes.get(record.key);
    if (hash === undefined) result.missing.push(record.key);
    else if (hash !== record.hash) result.otherHash.push(record.key);
    else if (record.links !== undefined && stored.links !== undefined) {
      const links = stored.links.get(record.key) ?? 0;
      if (links < record.links) result.missingLinks.push([record.key, links, record.links]);
      if (links > record.links) result.extraLinks.push([record.key, links, record.links]);
    }
  }
  const acknowledged = new Set(expected.map((r) => r.key));
  for (const key of stored.hashes.keys())
    if (!acknowledged.has(key) && !tombstoned.has(key)) result.unexpected.push(key);
  return result;
}

export interface ChecksumReport {
  prizes: KeyedComparison;
  laureates: KeyedComparison;
  runs: { expected: number; stored: number; missing: string[] };
  lost: number;
  duplicated: number;
  /** Rows compared: prizes, laureate_details and fetch_runs. */
  rows: number;
  /** One line per kind of problem, naming a few keys; empty when the tables match. */
  problems: string[];
}

const few = (keys: readonly string[]) =>
  `${keys.slice(0, 5).join(', ')}${keys.length > 5 ? `, … (${keys.length})` : ''}`;

export function checksumReport(input: {
  prizes: readonly AcknowledgedRecord[];
  laureates: readonly AcknowledgedRecord[];
  storedPrizes: StoredRows;
  storedLaureates: StoredRows;
  runs: readonly string[];
  storedRuns: ReadonlySet<string>;
}): ChecksumReport {
  const prizes = compareKeyed(input.prizes, input.storedPrizes);
  const laureates = compareKeyed(input.laureates, input.storedLaureates);
  const runIds = [...new Set(input.runs)];
  const runs = {
    expected: runIds.length,
    stored: input.storedRuns.size,
    missing: runIds.filter((id) => !input.storedRuns.has(id)),
  };
  const problems: string[] = [];
  for (const [what, c] of [
    ['prizes', prizes],
    ['laureates', laureates],
  ] as const) {
    if (c.missing.length > 0)
      problems.push(`${c.missing.length} acknowledged ${what} missing: ${few(c.missing)}`);
    if (c.otherHash.length > 0)
      problems.push(
        `${c.otherHash.length} ${what} stored with another content hash than acknowledged: ${few(c.otherHash)}`,
      );
    if (c.unexpected.length > 0)
      problems.push(
        `${c.unexpected.length} ${what} rows Kafka never acknowledged: ${few(c.unexpected)}`,
      );
  }
  if (prizes.missingLinks.length > 0)
    problems.push(
      `${prizes.missingLinks.length} prizes with fewer prize_laureates rows than their event names: ${few(prizes.missingLinks.map(([id, n, e]) => `${id} ${n}/${e}`))}`,
    );
  if (prizes.extraLinks.length > 0)
    problems.push(
      `${prizes.extraLinks.length} prizes with more prize_laureates rows than their event names: ${few(prizes.extraLinks.map(([id, n, e]) => `${id} ${n}/${e}`))}`,
    );
  if (runs.missing.length > 0)
    problems.push(`${runs.missing.length} acknowledged FetchRuns missing: ${few(runs.missing)}`);
  const linkCount = (links: [string, number, number][]) =>
    links.reduce((n, [, stored, expected]) => n + Math.abs(stored - expected), 0);
  return {
    prizes,
    laureates,
    runs,
    lost:
      prizes.missing.length +
      prizes.otherHash.length +
      linkCount(prizes.missingLinks) +
      laureates.missing.length +
      laureates.otherHash.length +
      runs.missing.length,
    duplicated:
      prizes.unexpected.length + laureates.unexpected.length + linkCount(prizes.extraLinks),
    rows: prizes.stored + laureates.stored + runs.stored,
    problems,
  };
}
