import { allLanguages, htmlLang, laureateName, portionText, textOf } from './names';

describe('laureateName', () => {
  it('falls back from the known name to the organisation name, the full name and the id', () => {
    expect(laureateName({ id: '6', knownName: { en: 'Marie Curie' }, fullName: { en: 'M' } })).toBe(
      'Marie Curie',
    );
    expect(laureateName({ id: '482', orgName: { en: 'Red Cross', no: 'Røde Kors' } })).toBe(
      'Red Cross',
    );
    expect(laureateName({ id: '1', fullName: { se: 'Namn' } })).toBe('Namn');
    expect(laureateName({ id: '9' })).toBe('laureate 9');
  });
});

describe('texts by language', () => {
  it('prefers English', () => {
    expect(textOf({ se: 'b', en: 'a' })).toBe('a');
    expect(textOf({})).toBeNull();
  });

  it('lists every language, English first', () => {
    expect(allLanguages({ se: 's', no: 'n', en: 'e' })).toEqual([
      ['en', 'e'],
      ['no', 'n'],
      ['se', 's'],
    ]);
    expect(allLanguages(undefined)).toEqual([]);
  });

  it('says the portion', () => {
    expect(portionText('1')).toBe('whole prize');
    expect(portionText('1/4')).toBe('1/4 of the prize');
  });
});

describe('htmlLang', () => {
  it("writes the API's Swedish (se) as HTML's sv, and leaves en and no", () => {
    expect(['en', 'no', 'se'].map(htmlLang)).toEqual(['en', 'no', 'sv']);
  });
});
