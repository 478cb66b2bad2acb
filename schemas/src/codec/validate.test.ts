import { loadContracts } from '../contracts';
import { ValidationError } from '../errors';
import { fetchRun, noAwardPrize, sharedPrize, startCommand } from '../fixtures/values';
import { assertValid, validationIssues } from './validate';

const contracts = loadContracts();

describe('validation', () => {
  it('accepts the fixtures', () => {
    expect(validationIssues(contracts.fetcherCommand.type, startCommand)).toEqual([]);
    expect(validationIssues(contracts.fetchRun.type, fetchRun)).toEqual([]);
    expect(validationIssues(contracts.nobelPrize.type, sharedPrize)).toEqual([]);
    expect(validationIssues(contracts.nobelPrize.type, noAwardPrize)).toEqual([]);
  });

  it('names the path of each bad field', () => {
    const laureates = sharedPrize.laureates ?? [];
    const bad = {
      ...sharedPrize,
      prizeAmount: '510000',
      laureates: [laureates[0], { ...laureates[1], portion: 0.5 }],
    };
    const error = (() => {
      try {
        assertValid(contracts.nobelPrize, bad);
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error('expected a ValidationError');
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.retriable).toBe(false);
    expect(error.paths).toEqual(['prizeAmount', 'laureates[1].portion']);
    expect(error.message).toBe(
      'Invalid NobelPrize: prizeAmount: expected long, got "510000"; laureates[1].portion: expected string, got number 0.5',
    );
  });

  it('describes enums and unions; a missing nullable field takes its default', () => {
    const issues = validationIssues(contracts.fetcherCommand.type, {
      ...startCommand,
      type: 'PAUSE',
      intervalSeconds: 'soon',
      requestedBy: undefined,
    });
    expect(issues).toEqual([
      { path: 'type', problem: 'expected one of START, STOP, FETCH_NOW, got "PAUSE"' },
      { path: 'intervalSeconds', problem: 'expected null | int, got "soon"' },
    ]);
    expect(
      validationIssues(contracts.fetcherCommand.type, { ...startCommand, issuedAt: undefined }),
    ).toEqual([{ path: 'issuedAt', problem: 'expected long, got nothing' }]);
  });

  it('refuses fields the schema does not declare, which encoding would drop', () => {
    expect(validationIssues(contracts.fetchRun.type, { ...fetchRun, extra: 1 })).toEqual([
      { path: '', problem: 'has fields the schema does not declare: extra' },
    ]);
  });
});
