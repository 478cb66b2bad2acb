import { sourcesText } from './sources-text';

describe('sourcesText', () => {
  it('says what the run saw and changed of each source, and what went missing', () => {
    expect(
      sourcesText({
        sources: [
          { source: 'nobelPrizes', pages: 27, seen: 670, changed: 0, missing: 0 },
          { source: 'laureates', pages: 40, seen: 991, changed: 1, missing: 1 },
        ],
      }),
    ).toBe('nobelPrizes 670 seen, 0 changed; laureates 991 seen, 1 changed, 1 missing');
  });

  it('is empty for a run recorded without sources (FetchRun v1)', () => {
    expect(sourcesText({ sources: [] })).toBe('');
  });
});
