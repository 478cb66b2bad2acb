import { collectOutput } from '../output/output';
import type { DlqRecord } from './dlq-record';
import type { Decision } from './redrive-plan';
import { createRedriveReport } from './redrive-report';

const record = (offset: string): DlqRecord => ({
  dlq: { topic: 'd', partition: 0, offset, timestamp: null },
  original: { topic: 'o', partition: 1, offset: '9', timestamp: null },
  errorClass: 'ValidationError',
  errorMessage: 'bad',
  valueOmitted: null,
  key: Buffer.from('k'),
  value: null,
  headers: {},
});

const decisions: Decision[] = [
  { action: 'publish', record: record('0'), topic: 'o', partition: 1 },
  { action: 'publish', record: record('1'), topic: 'o', partition: undefined },
  { action: 'skip', record: record('2'), reason: 'value-omitted', detail: 'value not kept' },
  { action: 'skip', record: record('3'), reason: 'other-class', detail: 'other' },
];

describe('createRedriveReport', () => {
  it('prints the published records and the totals; notes what cannot be redriven', () => {
    const out = collectOutput();
    const report = createRedriveReport({ out, dlqTopic: 'd', dryRun: false, json: false });
    report.batch(decisions);
    report.summary();
    expect(out.lines).toEqual([
      'published d[0]@0 -> o[1] (ValidationError, key k)',
      'published d[0]@1 -> o[by key] (ValidationError, key k)',
      [
        'published 2 record(s) from d: o 2',
        'skipped 2: 1 value not kept in the DLQ (x-value-omitted): read it at its original offset; 1 another error class than --filter',
      ].join('\n'),
    ]);
    expect(out.notes).toEqual(['skipped d[0]@2 (o[1]@9): value not kept']);
  });

  it('says a dry run published nothing', () => {
    const out = collectOutput();
    const report = createRedriveReport({ out, dlqTopic: 'd', dryRun: true, json: false });
    report.batch(decisions.slice(0, 1));
    report.summary();
    expect(out.lines).toEqual([
      'would publish d[0]@0 -> o[1] (ValidationError, key k)',
      'would publish 1 record(s) from d: o 1\nskipped 0\ndry run: nothing was published, nothing committed',
    ]);
  });

  it('gives every record and the summary as JSON lines with --json', () => {
    const out = collectOutput();
    const report = createRedriveReport({ out, dlqTopic: 'd', dryRun: false, json: true });
    report.batch(decisions);
    report.summary();
    const lines = out.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toEqual({
      type: 'record',
      action: 'published',
      dlq: 'd[0]@0',
      original: 'o[1]@9',
      errorClass: 'ValidationError',
      key: 'k',
      target: { topic: 'o', partition: 1 },
    });
    expect(lines[3]).toMatchObject({ action: 'skipped', reason: 'other-class' });
    expect(lines[4]).toEqual({
      type: 'summary',
      dlq: 'd',
      dryRun: false,
      published: 2,
      perTopic: { o: 2 },
      skipped: 2,
      skippedBy: { 'value-omitted': 1, 'other-class': 1 },
    });
  });
});
