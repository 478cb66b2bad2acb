import { MutationError } from './errors';
import { applyMutation } from './mutation';
import { samplePrizes } from './sample-prizes';

describe('applyMutation', () => {
  it('changes a field of the prize it names, and removes one', () => {
    const records = samplePrizes(2);
    applyMutation(records, { id: 'phy-1902', path: 'laureates.0.portion', value: '1/2' });
    expect(records[1]).toMatchObject({ laureates: [{ portion: '1/2' }] });
    applyMutation(records, { id: 'phy-1901', remove: true });
    expect(records.map((r) => r.awardYear)).toEqual(['1902', '1917', '1918']);
  });

  it('refuses an unknown prize, a missing path and a path through no object', () => {
    const records = samplePrizes(1);
    for (const change of [
      { id: 'nope-1', path: 'x', value: 1 },
      { id: 'phy-1901' },
      { id: 'phy-1901', path: 'awardYear.x', value: 1 },
      { id: 'phy-1901', path: 'laureates..x', value: 1 },
    ])
      expect(() => applyMutation(records, change)).toThrow(MutationError);
    expect(records).toEqual(samplePrizes(1));
  });
});
