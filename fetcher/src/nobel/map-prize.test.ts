import { createCodec, loadContracts, validationIssues } from '@nobel-pipeline/schemas';
import { samplePrize, specialSamplePrizes } from '@nobel-pipeline/nobel-mirror';
import { createFakeRegistry } from '@nobel-pipeline/test-utils';
import { NobelApiError } from '../errors';
import { describeWithSnapshot, realPrizes } from '../testing/snapshot';
import { contentHash, prizeIdentity, toNobelPrize, toSourceRecord } from './map-prize';
import { parseAsServed, sourcePrize as sourcePrizeSchema } from './source';

const provenance = { fetchedAt: 1_767_225_600_000, fetchRunId: 'run-1' };
const contracts = loadContracts();

function map(raw: Record<string, unknown>) {
  return toNobelPrize(raw, parseAsServed(sourcePrizeSchema, raw), provenance);
}

describe('toNobelPrize', () => {
  it('derives the id and category code from the prize link', () => {
    expect(map(samplePrize('che', 1901))).toMatchObject({
      id: 'che-1901',
      categoryCode: 'che',
      awardYear: '1901',
    });
  });

  it('keeps values exactly as served, absent fields as null, organisations and persons', () => {
    const [shared, noAward] = specialSamplePrizes.map(map);
    expect(shared?.laureates?.[0]).toMatchObject({
      orgName: { en: 'An Organisation', no: 'En organisasjon' },
      acronym: 'AO',
      nativeName: 'Une Organisation',
      knownName: null,
      portion: '1/2',
    });
    expect(shared?.laureates?.[1]).toMatchObject({
      knownName: { en: ' A Person', no: 'En person' },
      fullName: { en: 'A Person ' },
      motivation: { en: 'for &eacute;tudes' },
    });
    expect(noAward).toMatchObject({
      laureates: null,
      dateAwarded: null,
      topMotivation: { en: 'No Nobel Prize was awarded this year.' },
    });
  });

  it('keeps fields it does not model in otherFields, at every level', () => {
    const raw = samplePrize('lit', 1964, { prizeStatus: 'declined', extra: { a: [1] } });
    ((raw.laureates as Record<string, unknown>[])[0] as Record<string, unknown>).prizeStatus =
      'declined';
    ((raw.links as Record<string, unknown>[])[0] as Record<string, unknown>).hreflang = 'en';
    const event = map(raw);
    expect(event.otherFields).toBe('{"prizeStatus":"declined","extra":{"a":[1]}}');
    expect(event.laureates?.[0]?.otherFields).toBe('{"prizeStatus":"declined"}');
    expect(event.links[0]?.otherFields).toBe('{"hreflang":"en"}');
    expect(toSourceRecord(event)).toEqual(raw);
  });

  it('hashes the record as served, so any change of content changes the hash', () => {
    const a = samplePrize('phy', 1901);
    expect(map(a).contentHash).toBe(contentHash(a));
    expect(map(samplePrize('phy', 1901, { prizeAmountAdjusted: 1 })).contentHash).not.toBe(
      contentHash(a),
    );
    expect(contentHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a record whose link does not name its category and year', () => {
    const bad = samplePrize('phy', 1901, {
      links: [{ rel: 'nobelPrize', href: 'https://x/elsewhere' }],
    });
    expect(() => map(bad)).toThrow(NobelApiError);
    const wrongYear = samplePrize('phy', 1901, {
      links: [{ rel: 'nobelPrize', href: 'https://api.nobelprize.org/2/nobelPrize/phy/1902' }],
    });
    expect(() => prizeIdentity(parseAsServed(sourcePrizeSchema, wrongYear))).toThrow(
      /names year 1902, the record 1901/,
    );
  });
});

describeWithSnapshot('every record of the real snapshot (../shared/nobel-api)', () => {
  const records = realPrizes();
  const events = records.map(map);

  it('maps all 670 prizes to 670 distinct ids, each a valid NobelPrize', () => {
    expect(records).toHaveLength(670);
    expect(new Set(events.map((e) => e.id)).size).toBe(670);
    for (const event of events)
      expect(validationIssues(contracts.nobelPrize.type, event)).toEqual([]);
  });

  it('loses nothing: each event gives back its source record, byte for byte', () => {
    records.forEach((raw, i) => {
      const event = events[i];
      if (event === undefined) throw new Error(`no event for record ${i}`);
      expect(JSON.stringify(toSourceRecord(event))).toBe(JSON.stringify(raw));
    });
  });

  it('loses nothing through Avro either', async () => {
    const codec = createCodec({ registry: createFakeRegistry() });
    const encoder = codec.encoder(contracts.nobelPrize, 'nobel.prizes');
    const decoder = codec.decoder(contracts.nobelPrize);
    for (const [i, event] of events.entries()) {
      const decoded = await decoder.decode(await encoder.encode(event));
      expect(JSON.stringify(toSourceRecord(decoded))).toBe(JSON.stringify(records[i]));
    }
  });

  it('counts what the snapshot README describes', () => {
    expect(events.filter((e) => e.laureates === null)).toHaveLength(49);
    expect(events.filter((e) => e.dateAwarded === null)).toHaveLength(46);
    const entries = events.flatMap((e) => e.laureates ?? []);
    expect(entries).toHaveLength(1000);
    expect(new Set(entries.map((l) => l.id)).size).toBe(992);
    expect(entries.filter((l) => l.orgName !== null)).toHaveLength(30);
    expect(events.every((e) => e.otherFields === null)).toBe(true);
  });
});
