import type { Schema } from 'avsc';
import { contractNames, loadHistory } from '../contracts/load';
import { backwardProblems } from './backward';

const v1: Schema = {
  type: 'record',
  name: 'Thing',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'count', type: 'int' },
  ],
};

const history = (...schemas: Schema[]) => schemas.map((schema, i) => ({ version: i + 1, schema }));

describe('the schemas under avro/', () => {
  it.each(contractNames())('%s: every version reads what every earlier version wrote', (name) => {
    expect(backwardProblems(loadHistory(name))).toEqual([]);
  });
});

describe('backwardProblems', () => {
  it('accepts a new optional field with a default, a removed field and a widened type', () => {
    const v2: Schema = {
      type: 'record',
      name: 'Thing',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'count', type: 'long' },
        { name: 'note', type: ['null', 'string'], default: null },
      ],
    };
    const v3: Schema = { type: 'record', name: 'Thing', fields: [{ name: 'id', type: 'string' }] };
    expect(backwardProblems(history(v1, v2, v3))).toEqual([]);
  });

  it('catches a new field without a default', () => {
    const v2: Schema = {
      type: 'record',
      name: 'Thing',
      fields: [...(v1 as { fields: object[] }).fields, { name: 'required', type: 'string' }],
    } as Schema;
    expect(backwardProblems(history(v1, v2))).toEqual([
      { writer: 1, reader: 2, message: expect.stringMatching(/required/) },
    ]);
  });

  it('catches a changed type, against every earlier version', () => {
    const v2: Schema = {
      type: 'record',
      name: 'Thing',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'count', type: 'int' },
        { name: 'note', type: ['null', 'string'], default: null },
      ],
    };
    const v3: Schema = {
      type: 'record',
      name: 'Thing',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'count', type: 'string' },
        { name: 'note', type: ['null', 'string'], default: null },
      ],
    };
    const problems = backwardProblems(history(v1, v2, v3));
    expect(problems.map((p) => [p.writer, p.reader])).toEqual([
      [1, 3],
      [2, 3],
    ]);
  });

  it('catches a renamed enum symbol', () => {
    const e1: Schema = { type: 'enum', name: 'Kind', symbols: ['START', 'STOP'] };
    const e2: Schema = { type: 'enum', name: 'Kind', symbols: ['BEGIN', 'STOP'] };
    expect(backwardProblems(history(e1, e2))).toHaveLength(1);
  });

  it('catches a gap in the version numbers', () => {
    expect(
      backwardProblems([
        { version: 1, schema: v1 },
        { version: 3, schema: v1 },
      ]),
    ).toEqual([{ writer: 3, reader: 3, message: 'expected version 2, found v3' }]);
  });
});
