import { prizeId, prizeLinkOf, prizeLinkTarget } from './prize-id';

describe('a prize id', () => {
  it('is <code>-<year>, from the prize link', () => {
    expect(prizeId('phy', '1901')).toBe('phy-1901');
    expect(prizeLinkTarget('https://api.nobelprize.org/2/nobelPrize/phy/1901')).toEqual({
      categoryCode: 'phy',
      awardYear: '1901',
      id: 'phy-1901',
    });
    expect(prizeLinkTarget('https://api.nobelprize.org/2/laureate/6')).toBeUndefined();
  });
});

describe('prizeLinkOf', () => {
  it("finds the prize's own link among its links, whatever their order", () => {
    const href = 'https://api.nobelprize.org/2/nobelPrize/phy/1903';
    expect(
      prizeLinkOf([
        { rel: 'laureate', href: 'https://api.nobelprize.org/2/laureate/4' },
        { rel: 'nobelPrize', href: 'https://x/elsewhere' },
        { rel: 'nobelPrize', href },
      ]),
    ).toEqual({ categoryCode: 'phy', awardYear: '1903', id: 'phy-1903' });
    expect(prizeLinkOf([{ rel: 'external', href }])).toBeUndefined();
    expect(prizeLinkOf([{ rel: 'nobelPrize', href: 42 }])).toBeUndefined();
  });
});
