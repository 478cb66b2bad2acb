import { isWebLink } from './web-link';

describe('isWebLink', () => {
  it('takes http and https links only', () => {
    expect(isWebLink('https://en.wikipedia.org/wiki/Marie_Curie')).toBe(true);
    expect(isWebLink('HTTP://example.org/')).toBe(true);
    for (const href of ['javascript:alert(1)', 'data:text/html,x', '//example.org', '', undefined])
      expect(isWebLink(href)).toBe(false);
  });
});
