import { commandProblem, desiredStateOfRecord } from './commands';
import type { FetcherCommand } from './generated/types';

const command = (type: FetcherCommand['type'], intervalSeconds: number | null = null) => ({
  commandId: '9f1c1a9e-1111-4c2a-9a52-0c7b1d2e3f40',
  type,
  intervalSeconds,
  issuedAt: 0,
  requestedBy: null,
});

describe('commandProblem', () => {
  it('accepts what ingest-api produces', () => {
    expect(commandProblem(command('START'), 'fetcher')).toBeUndefined();
    expect(commandProblem(command('START', 600), 'fetcher')).toBeUndefined();
    expect(commandProblem(command('STOP'), 'fetcher')).toBeUndefined();
    expect(commandProblem(command('FETCH_NOW'), 'fetcher.fetch-now')).toBeUndefined();
  });

  it('refuses an interval that would make runs back to back, or too rare', () => {
    expect(commandProblem(command('START', 0), 'fetcher')).toMatch(/from 60 to 86400, got 0/);
    expect(commandProblem(command('START', -5), 'fetcher')).toMatch(/got -5/);
    expect(commandProblem(command('START', 86_401), 'fetcher')).toMatch(/got 86401/);
    expect(commandProblem(command('STOP', 60), 'fetcher')).toMatch(/carries no intervalSeconds/);
  });

  it('refuses a command under the wrong key', () => {
    expect(commandProblem(command('START'), 'fetcher.fetch-now')).toMatch(/must be keyed fetcher/);
    expect(commandProblem(command('FETCH_NOW'), undefined)).toMatch(/\(no key\)/);
  });
});

describe('desiredStateOfRecord', () => {
  it('takes START and STOP under the desired-state key, and nothing else', () => {
    expect(desiredStateOfRecord('fetcher', command('START', 600))).toEqual({
      state: 'STARTED',
      intervalSeconds: 600,
    });
    expect(desiredStateOfRecord('fetcher', command('STOP'))).toEqual({ state: 'STOPPED' });
    expect(desiredStateOfRecord('fetcher', command('FETCH_NOW'))).toBeUndefined();
    expect(desiredStateOfRecord('fetcher.fetch-now', command('STOP'))).toBeUndefined();
    expect(desiredStateOfRecord(undefined, command('START', 600))).toBeUndefined();
    // What may not be carried out does not change the desired state either.
    expect(desiredStateOfRecord('fetcher', command('START', 0))).toBeUndefined();
  });
});
