import type { Scenario } from './scenario';
import { selectScenarios } from './select';

const scenario = (name: string, inShortRun: boolean): Scenario => ({
  name,
  description: name,
  needs: {},
  inShortRun,
  run: () => Promise.reject(new Error('not run here')),
});
const all = [scenario('a', true), scenario('b', false), scenario('c', true)];
const names = (list: Scenario[]) => list.map((s) => s.name);

describe('selectScenarios', () => {
  it('runs all of them in full, those of the short run with --short', () => {
    expect(names(selectScenarios(all, { short: false, only: undefined }))).toEqual(['a', 'b', 'c']);
    expect(names(selectScenarios(all, { short: true, only: undefined }))).toEqual(['a', 'c']);
  });

  it('runs exactly those --only names, in the suite order, short or not', () => {
    expect(names(selectScenarios(all, { short: true, only: ['c', 'b'] }))).toEqual(['b', 'c']);
  });
});
