import { upsertBulk, upsertStatement, type UpsertShape } from './upsert-sql';

const shape: UpsertShape = {
  table: 'things',
  attributes: ['id', 'name', 'extras', 'fetchedAt'],
  columns: ['id', 'name', 'extras', 'fetched_at'],
  primaryKey: ['id'],
  json: new Set(['extras']),
};
const rows = [
  { id: 'a', name: 'A', extras: { x: 1 }, fetchedAt: new Date(Date.UTC(2026, 0, 1, 12)) },
  { id: 'b', name: null, extras: null, fetchedAt: new Date(Date.UTC(2026, 0, 2)) },
];

describe('upsertStatement', () => {
  it('binds every value in column order: JSON as text, times as UTC text, absent as null', () => {
    expect(upsertStatement(shape, rows).values).toEqual([
      'a',
      'A',
      '{"x":1}',
      '2026-01-01 12:00:00.000',
      'b',
      null,
      null,
      '2026-01-02 00:00:00.000',
    ]);
  });

  it('updates every column but the key, the newer-wins column last and guarded', () => {
    expect(upsertStatement(shape, rows.slice(0, 1), { newerWins: 'fetched_at' }).sql).toBe(
      'INSERT INTO `things` (`id`, `name`, `extras`, `fetched_at`) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE ' +
        '`name` = IF(VALUES(`fetched_at`) >= `fetched_at`, VALUES(`name`), `name`), ' +
        '`extras` = IF(VALUES(`fetched_at`) >= `fetched_at`, VALUES(`extras`), `extras`), ' +
        '`fetched_at` = IF(VALUES(`fetched_at`) >= `fetched_at`, VALUES(`fetched_at`), `fetched_at`)',
    );
  });
});

describe('upsertBulk', () => {
  it("is the one-row statement with each row's values: the same writes as the multi-row one", () => {
    const bulk = upsertBulk(shape, rows, { newerWins: 'fetched_at' });
    expect(bulk.sql).toBe(
      upsertStatement(shape, rows.slice(0, 1), { newerWins: 'fetched_at' }).sql,
    );
    expect(bulk.rows).toHaveLength(2);
    expect(bulk.rows.flat()).toEqual(upsertStatement(shape, rows).values);
  });
});
