import { coordinate, fullDate, laureateRows } from './laureate-rows';
import { birthIn, laureateEvent, laureatePrize } from '../testing/events';

describe('fullDate', () => {
  it('keeps a whole date and leaves out what a DATE column cannot say', () => {
    expect(fullDate('1867-11-07')).toBe('1867-11-07');
    expect(fullDate('2000-02-29')).toBe('2000-02-29');
    for (const served of ['1943-00-00', '1943-05-00', '1900-02-29', '1943-13-01', '0999-01-01'])
      expect(fullDate(served)).toBeNull();
    for (const served of ['1943', '', 'yesterday', ' 1867-11-07'])
      expect(fullDate(served)).toBeNull();
    expect(fullDate(null)).toBeNull();
  });
});

describe('coordinate', () => {
  it('reads decimal degrees within their range, six places', () => {
    expect(coordinate('40.825930', 90)).toBe('40.825930');
    expect(coordinate('-74.20903', 180)).toBe('-74.209030');
    expect(coordinate('1.12345678', 90)).toBe('1.123457');
    for (const served of ['91', 'north', '', '1e3', null])
      expect(coordinate(served, 90)).toBeNull();
    expect(coordinate('-180', 180)).toBe('-180.000000');
  });
});

describe('laureateRows', () => {
  it('makes the details row, and per prize the award, affiliations and residences', () => {
    const event = laureateEvent('6', 'Marie Curie', {
      nobelPrizes: [
        laureatePrize('phy', 1903, ['Sorbonne', 'Institut du Radium'], ['Poland', 'France']),
        laureatePrize('che', 1911),
      ],
    });
    const rows = laureateRows(event, new Date(0));
    expect(rows.detail).toMatchObject({
      id: '6',
      kind: 'person',
      nameEn: 'Marie Curie',
      gender: 'female',
      birthDate: '1867-11-07',
      birthDateFull: '1867-11-07',
      birthCityEn: 'Warsaw',
      birthCountryNowEn: 'Poland',
      birthLatitude: '52.229676',
      deathDate: null,
      wikidataId: 'Q6',
    });
    expect(rows.awards.map((a) => [a.prizeId, a.categoryCode, a.awardYear, a.prizeStatus])).toEqual(
      [
        ['phy-1903', 'phy', 1903, 'received'],
        ['che-1911', 'che', 1911, 'received'],
      ],
    );
    expect(rows.affiliations.map((a) => [a.prizeId, a.position, a.nameEn, a.cityEn])).toEqual([
      ['phy-1903', 0, 'Sorbonne', 'Paris'],
      ['phy-1903', 1, 'Institut du Radium', 'Paris'],
    ]);
    expect(rows.residences.map((r) => [r.prizeId, r.position, r.countryEn])).toEqual([
      ['phy-1903', 0, 'Poland'],
      ['phy-1903', 1, 'France'],
    ]);
  });

  it('keeps a date as served and has no whole date for it', () => {
    const rows = laureateRows(
      laureateEvent('745', 'A. Michael Spence', {
        birth: birthIn('Montclair, NJ', 'USA', '1943-00-00'),
      }),
      new Date(0),
    );
    expect(rows.detail).toMatchObject({ birthDate: '1943-00-00', birthDateFull: null });
  });

  it('names an organisation by its orgName', () => {
    const rows = laureateRows(
      laureateEvent('482', 'ignored', {
        knownName: null,
        givenName: null,
        familyName: null,
        fullName: null,
        gender: null,
        orgName: { en: 'Institute of International Law' },
        birth: null,
        founded: { date: '1873-00-00', place: null, otherFields: null },
      }),
      new Date(0),
    );
    expect(rows.detail).toMatchObject({
      kind: 'organization',
      nameEn: 'Institute of International Law',
      foundedDate: '1873-00-00',
      foundedDateFull: null,
      birthDate: null,
    });
  });
});
