import { prizeId, prizeLinkTarget } from './prize-id';

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
