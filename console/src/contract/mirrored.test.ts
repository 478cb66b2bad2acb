import { CATEGORY_CODES, INTERVAL_SECONDS, READ_LIMITS } from '@nobel-pipeline/schemas';
import * as mirrored from './mirrored';

describe("the console's copies of schemas' values", () => {
  it('are the same as the originals', () => {
    expect(mirrored.INTERVAL_SECONDS).toEqual(INTERVAL_SECONDS);
    expect(mirrored.CATEGORIES.map((c) => c.code)).toEqual([...CATEGORY_CODES]);
    expect(mirrored.PRIZES_PER_PAGE).toBe(READ_LIMITS.defaultLimit);
  });
});
