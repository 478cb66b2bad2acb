import { computePlan } from './plan';
import { NEWER_WINS, planJson, planText, replayedCount, summaryJson, summaryText } from './report';

const plan = computePlan({
  topic: 'nobel.prizes',
  groupId: 'sink',
  target: { kind: 'earliest' },
  partitions: [
    { partition: 0, low: 0, high: 120, committed: 120 },
    { partition: 1, low: 0, high: 80, committed: null },
  ],
});
const counts = { prizes: 670, laureates: 992, prize_laureates: 1000, fetch_runs: 3 };
const ok = { ok: true as const, counts };
const missing = { ok: false as const, reason: 'DB_API_PASSWORD is not set' };

describe('the plan', () => {
  it('is a table with the total and the rows now', () => {
    expect(planText(plan, ok)).toBe(
      [
        'Replay of group sink on nobel.prizes, to the earliest offsets:',
        'PARTITION  CURRENT  NEW  END  TO REPLAY',
        '        0      120    0  120        120',
        '        1        -    0   80         80',
        'total to replay: 200 record(s)',
        'rows now: prizes 670, laureates 992, prize_laureates 1000, fetch_runs 3',
      ].join('\n'),
    );
    expect(planText(plan, missing)).toContain('row counts unavailable: DB_API_PASSWORD is not set');
  });

  it('is one JSON line', () => {
    expect(JSON.parse(planJson(plan, missing, true))).toEqual({
      type: 'plan',
      groupId: 'sink',
      topic: 'nobel.prizes',
      target: { kind: 'earliest' },
      dryRun: true,
      partitions: [
        { partition: 0, current: 120, new: 0, end: 120, toReplay: 120, skips: 0 },
        { partition: 1, current: null, new: 0, end: 80, toReplay: 80, skips: 0 },
      ],
      totalToReplay: 200,
      rowCounts: null,
      rowCountsUnavailable: 'DB_API_PASSWORD is not set',
    });
  });
});

describe('the summary', () => {
  const lags = [
    { topic: 'nobel.prizes', partition: 0, committed: '125', end: '125', lag: 0 },
    { topic: 'nobel.prizes', partition: 1, committed: '80', end: '80', lag: 0 },
  ];

  it('counts what was read again, new records included', () => {
    expect(replayedCount(plan, lags)).toBe(205);
  });

  it('says how many, how long, the rows before and after, and newer-wins', () => {
    const after = { ok: true as const, counts: { ...counts, fetch_runs: 4 } };
    expect(summaryText({ plan, replayed: 205, tookMs: 4200, before: ok, after })).toBe(
      [
        'replayed 205 record(s) of nobel.prizes for group sink in 4.2 s',
        'rows: prizes 670 → 670, laureates 992 → 992, prize_laureates 1000 → 1000, fetch_runs 3 → 4',
        NEWER_WINS,
      ].join('\n'),
    );
    expect(summaryText({ plan, replayed: 1, tookMs: 1, before: ok, after: missing })).toContain(
      'row counts unavailable: DB_API_PASSWORD is not set (before: prizes 670,',
    );
    expect(
      JSON.parse(
        summaryJson({ plan, replayed: 205, tookMs: 4200.4, before: missing, after: missing }),
      ),
    ).toEqual({
      type: 'summary',
      groupId: 'sink',
      topic: 'nobel.prizes',
      replayed: 205,
      tookMs: 4200,
      rowsBefore: null,
      rowsAfter: null,
      rowCountsUnavailable: 'DB_API_PASSWORD is not set',
      note: NEWER_WINS,
    });
  });
});
