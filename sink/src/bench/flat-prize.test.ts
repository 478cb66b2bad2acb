import { syntheticPrizes } from '@nobel-pipeline/test-utils';
import { connectRecord, FLAT_PRIZE_COLUMNS, flatPrize, flatTableDdl } from './flat-prize';

describe('a flat prize record', () => {
  const [event] = syntheticPrizes(1, { seed: 7, offset: 9001 });

  it('has the 17 columns of its schema, each of its declared type', () => {
    if (event === undefined) throw new Error('no event');
    const row = flatPrize(event);
    expect(FLAT_PRIZE_COLUMNS).toHaveLength(17);
    expect(Object.keys(row)).toEqual(FLAT_PRIZE_COLUMNS.map((c) => c.field));
    for (const column of FLAT_PRIZE_COLUMNS) {
      const value = row[column.field];
      if (value === null) expect(column.optional).toBe(true);
      else expect(typeof value).toBe(column.type === 'string' ? 'string' : 'number');
    }
    expect(row).toMatchObject({
      id: event.id,
      award_year: Number(event.awardYear),
      laureate_count: event.laureates?.length,
      fetched_at: event.fetchedAt,
    });
  });

  it('is written as JsonConverter reads it: schema and payload, keyed by the id', () => {
    if (event === undefined) throw new Error('no event');
    const { key, value } = connectRecord(flatPrize(event));
    expect(JSON.parse(key)).toMatchObject({ payload: { id: event.id } });
    const parsed = JSON.parse(value) as { schema: { fields: unknown[] }; payload: object };
    expect(parsed.schema.fields).toHaveLength(17);
    expect(parsed.payload).toEqual(flatPrize(event));
  });

  it('lands in a table of the same 17 columns, and the time of its last write', () => {
    const ddl = flatTableDdl('prizes_flat');
    for (const column of FLAT_PRIZE_COLUMNS) expect(ddl).toContain(`\`${column.field}\``);
    expect(ddl).toContain('PRIMARY KEY (`id`)');
    // Set by the database on every write: what a pass is timed by.
    expect(ddl).toContain(
      '`written_at` TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE',
    );
  });
});
