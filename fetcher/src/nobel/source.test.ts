import { samplePrize } from '@nobel-pipeline/nobel-mirror';
import { checkAsServed, parseAsServed, sourcePrize } from './source';

describe('checkAsServed', () => {
  it('gives the record itself, fields the schema does not declare included', () => {
    const raw = samplePrize('phy', 1901, { extra: { kept: true } });
    const checked = checkAsServed(sourcePrize, raw);
    expect(checked.success && checked.record).toBe(raw);
    // What the schema's own output would have been: without the field it does not declare.
    expect(sourcePrize.parse(raw)).not.toHaveProperty('extra');
  });

  it("gives the schema's error for a record it refuses", () => {
    const raw = samplePrize('phy', 1901, { prizeAmount: 'a lot' });
    const checked = checkAsServed(sourcePrize, raw);
    expect(checked.success).toBe(false);
    expect(!checked.success && checked.error.issues[0]?.path).toEqual(['prizeAmount']);
    expect(() => parseAsServed(sourcePrize, raw)).toThrow(/expected a number/);
  });
});
