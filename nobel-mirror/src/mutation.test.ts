import { MutationError } from './errors';
import { applyMutation, mutation, mutationEndpoint } from './mutation';
import { sampleLaureates } from './sample-laureates';
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

describe('applyMutation on the laureates endpoint', () => {
  it('finds a laureate by its id, changes a field, and removes one', () => {
    const records = sampleLaureates(3);
    applyMutation(records, {
      endpoint: 'laureates',
      id: '1902',
      path: 'nobelPrizes.0.motivation.en',
      value: 'changed',
    });
    expect(records[1]).toMatchObject({ nobelPrizes: [{ motivation: { en: 'changed' } }] });
    applyMutation(records, { endpoint: 'laureates', id: '1901', remove: true });
    expect(records.map((r) => r.id)).toEqual(['1902', '1903']);
  });

  it('does not find a laureate by a prize id, nor a prize by a laureate id', () => {
    const laureates = sampleLaureates(1);
    expect(() =>
      applyMutation(laureates, { endpoint: 'laureates', id: 'phy-1901', path: 'x', value: 1 }),
    ).toThrow('no laureate phy-1901 in laureates');
    const prizes = samplePrizes(1);
    expect(() => applyMutation(prizes, { id: '1901', path: 'x', value: 1 })).toThrow(
      'no prize 1901 in nobelPrizes',
    );
    expect(laureates).toEqual(sampleLaureates(1));
  });

  it('is read with the endpoint optional, and refuses an unknown one', () => {
    expect(mutation.parse({ id: 'phy-1901', remove: true }).endpoint).toBeUndefined();
    expect(mutationEndpoint(mutation.parse({ id: '6', endpoint: 'laureates', remove: true }))).toBe(
      'laureates',
    );
    expect(mutation.safeParse({ id: '6', endpoint: 'prizes', remove: true }).success).toBe(false);
  });
});
