import { loadContracts } from './contracts';
import {
  LAUREATE_SOURCE_FIELDS,
  LINK_SOURCE_FIELDS,
  OTHER_FIELDS_MAX_DEPTH,
  PRIZE_EVENT_FIELDS,
  PRIZE_SOURCE_FIELDS,
  otherFieldsOf,
  otherFieldsProblem,
} from './source-fields';

interface RecordSchema {
  type: 'record';
  name: string;
  fields: { name: string; type: unknown }[];
}

/** Every record type of a schema, by name. */
function records(
  type: unknown,
  found = new Map<string, RecordSchema>(),
): Map<string, RecordSchema> {
  if (Array.isArray(type)) for (const t of type) records(t, found);
  else if (type !== null && typeof type === 'object') {
    const t = type as { type?: unknown; items?: unknown; values?: unknown };
    if (t.type === 'record') {
      const record = type as RecordSchema;
      found.set(record.name, record);
      for (const field of record.fields) records(field.type, found);
    } else if (t.type === 'array') records(t.items, found);
    else if (t.type === 'map') records(t.values, found);
  }
  return found;
}

describe('the modelled fields', () => {
  it('are the fields of the NobelPrize contract, record by record', () => {
    const all = records(loadContracts().nobelPrize.schema);
    const names = (record: string) =>
      all
        .get(record)
        ?.fields.map((f) => f.name)
        .sort();
    expect(names('NobelPrize')).toEqual(
      [
        ...PRIZE_SOURCE_FIELDS,
        ...PRIZE_EVENT_FIELDS.filter((f) => f !== 'updatedAt'),
        'otherFields',
      ].sort(),
    );
    expect(names('PrizeLaureate')).toEqual([...LAUREATE_SOURCE_FIELDS, 'otherFields'].sort());
    expect(names('Link')).toEqual([...LINK_SOURCE_FIELDS, 'otherFields'].sort());
  });
});

describe('otherFields', () => {
  it('is null or the JSON text of an object of unmodelled fields', () => {
    expect(otherFieldsProblem(null, 'prize')).toBeUndefined();
    expect(otherFieldsProblem('{"nobelPrizeLink":{"a":1}}', 'prize')).toBeUndefined();
    expect(otherFieldsProblem('{nope', 'prize')).toMatch(/not JSON/);
    expect(otherFieldsProblem('[1]', 'prize')).toMatch(/an array/);
    expect(otherFieldsProblem('"x"', 'laureate')).toMatch(/string/);
    expect(otherFieldsProblem('null', 'link')).toMatch(/null/);
    expect(otherFieldsProblem('{"awardYear":"1066","id":"x"}', 'prize')).toBe(
      'holds fields the contract models itself: awardYear, id',
    );
    expect(otherFieldsProblem('{"href":"x"}', 'link')).toMatch(/href/);
    const deep = `${'{"a":'.repeat(OTHER_FIELDS_MAX_DEPTH + 1)}1${'}'.repeat(OTHER_FIELDS_MAX_DEPTH + 1)}`;
    expect(otherFieldsProblem(deep, 'prize')).toMatch(/deeper than/);
  });

  it('never gives back a modelled field, whatever was stored', () => {
    expect(otherFieldsOf('{"awardYear":"1066","id":"x","extra":1}', 'prize')).toEqual({ extra: 1 });
    expect(otherFieldsOf('{nope', 'prize')).toEqual({});
    expect(otherFieldsOf('[1,2]', 'link')).toEqual({});
    expect(otherFieldsOf(null, 'laureate')).toEqual({});
  });
});
