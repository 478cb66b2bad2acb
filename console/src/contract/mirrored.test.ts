import {
  CATEGORY_CODES,
  INTERVAL_SECONDS,
  READ_LIMITS,
  prizeLinkOf,
} from '@nobel-pipeline/schemas';
import * as mirrored from './mirrored';

describe("the console's copies of schemas' values", () => {
  it('are the same as the originals', () => {
    expect(mirrored.INTERVAL_SECONDS).toEqual(INTERVAL_SECONDS);
    expect(mirrored.CATEGORIES.map((c) => c.code)).toEqual([...CATEGORY_CODES]);
    expect(mirrored.PRIZES_PER_PAGE).toBe(READ_LIMITS.defaultLimit);
  });

  it('name the prize of a link as schemas does', () => {
    const cases = [
      [{ rel: 'nobelPrize', href: 'https://api.nobelprize.org/2/nobelPrize/eco/2001' }],
      [{ rel: 'external', href: 'https://api.nobelprize.org/2/nobelPrize/eco/2001' }],
      [
        { rel: 'nobelPrize', href: 'https://api.nobelprize.org/2/nobelPrize/eco' },
        { rel: 'nobelPrize', href: 'http://x/nobelPrize/phy/1903' },
      ],
      [{ rel: 'nobelPrize', href: 'https://api.nobelprize.org/2/nobelPrize/Phy/1903' }],
      [{ rel: 'nobelPrize', href: 42 }],
      [],
    ];
    for (const links of cases) expect(mirrored.prizeIdOfLinks(links)).toBe(prizeLinkOf(links)?.id);
  });
});
