import { outcomeOf } from './outcome';

const clean = { produced: 100, rows: 98, dlq: 0, lost: 0, duplicated: 0, problems: [] };

describe('outcomeOf', () => {
  it("is the checker's figures with the scenario's own, and passes when nothing is wrong", () => {
    expect(
      outcomeOf(clean, { injected: 'x', recoverySeconds: 1.5, failures: [], details: { a: 1 } }),
    ).toEqual({
      injected: 'x',
      produced: 100,
      rows: 98,
      dlq: 0,
      lost: 0,
      duplicated: 0,
      recoverySeconds: 1.5,
      failures: [],
      details: { a: 1 },
    });
  });

  it('counts the commands in, and a 202 not on the topic as lost', () => {
    const outcome = outcomeOf(
      { ...clean, lost: 1 },
      { injected: 'x', recoverySeconds: null, failures: [], commands: { stored: 7, lost: 2 } },
    );
    expect([outcome.produced, outcome.lost]).toEqual([107, 3]);
  });

  it("fails on the checker's problems and on a DLQ that is not empty, after its own failures", () => {
    const outcome = outcomeOf(
      { ...clean, dlq: 2, problems: ['1 prize lost: phy-1901'] },
      { injected: 'x', recoverySeconds: null, failures: ['the sink ended with 1'] },
    );
    expect(outcome.failures).toEqual([
      'the sink ended with 1',
      '1 prize lost: phy-1901',
      '2 records in the DLQ',
    ]);
  });
});
