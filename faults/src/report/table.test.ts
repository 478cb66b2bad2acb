import { formatTable } from './table';
import { suitePassed, type SuiteReport } from './result';

const measured = {
  injected: 'kill -9 of the sink ×3',
  produced: 2000,
  rows: 2000,
  dlq: 0,
  lost: 0,
  duplicated: 0,
  recoverySeconds: 31.25,
  seconds: 60,
};

const report: SuiteReport = {
  startedAt: '2026-11-30T12:00:00.000Z',
  short: true,
  brokers: 1,
  results: [
    { name: 'sink-kill', status: 'passed', failures: [], ...measured },
    {
      name: 'registry-down',
      status: 'failed',
      ...measured,
      injected: 'registry stopped 15 s',
      lost: 2,
      recoverySeconds: null,
      failures: ['2 acknowledged prizes missing: a-1, a-2'],
    },
    { name: 'mariadb-down', status: 'skipped', reason: 'MariaDB is external' },
    { name: 'broker-restart', status: 'error', seconds: 3, error: 'Kafka did not come back' },
  ],
};

describe('formatTable', () => {
  it('prints one aligned row per scenario, then why each did not pass, then the totals', () => {
    expect(formatTable(report)).toBe(
      [
        'Fault scenarios (short), 1 broker, 2026-11-30T12:00:00.000Z',
        '',
        'scenario        result   injected                produced  rows  DLQ  lost  duplicated  recovery',
        '--------------  -------  ----------------------  --------  ----  ---  ----  ----------  --------',
        'sink-kill       passed   kill -9 of the sink ×3      2000  2000    0     0           0    31.3 s',
        'registry-down   FAILED   registry stopped 15 s       2000  2000    0     2           0         -',
        'mariadb-down    SKIPPED  -                              -     -    -     -           -         -',
        'broker-restart  ERROR    -                              -     -    -     -           -         -',
        '',
        '  registry-down: failed: 2 acknowledged prizes missing: a-1, a-2',
        '  mariadb-down: skipped: MariaDB is external',
        '  broker-restart: error: Kafka did not come back',
        '',
        '1 passed, 2 failed, 1 skipped',
        '',
      ].join('\n'),
    );
  });

  it('fails the suite on a failure or an error, not on a skip', () => {
    expect(suitePassed(report)).toBe(false);
    expect(suitePassed({ ...report, results: report.results.slice(0, 1) })).toBe(true);
    const [passed, , skipped] = report.results;
    if (passed === undefined || skipped === undefined) throw new Error('the fixture changed');
    expect(suitePassed({ ...report, results: [passed, skipped] })).toBe(true);
  });
});
