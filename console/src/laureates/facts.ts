import type { Languages, LaureateView } from '@nobel-pipeline/schemas';
import { prizeIdOfLinks } from '../contract/mirrored';
import { isWebLink } from '../format/web-link';
import { textOf } from '../prizes/names';

/**
 * What the laureates source adds to a laureate's page, in words: the facts (gender, birth,
 * death, founding, Wikipedia and Wikidata) and, per prize, its status and the affiliations.
 * A laureate only known from prize events has none of these fields, and gets none of this.
 */

type Happening = NonNullable<LaureateView['birth']>;
type Place = NonNullable<Happening['place']>;
type Localized = NonNullable<Place['city']>;
type SourcePrize = NonNullable<LaureateView['nobelPrizes']>[number];
type Affiliation = NonNullable<SourcePrize['affiliations']>[number];

/** A place (or an affiliation's) as served: where it was then, and where that is now. */
interface Located {
  city?: Localized;
  country?: Localized;
  cityNow?: Localized;
  countryNow?: Localized;
  locationString?: Localized;
}

const isText = (text: string | null): text is string => text !== null;

/** The English text of a localised name, without the spaces the source sometimes leaves. */
function english(localized: Localized | undefined): string | null {
  const text = localized?.en?.trim() ?? '';
  return text === '' ? null : text;
}

/** "Warsaw, Russian Empire (now Poland)": the city and country then, and what changed since. */
export function placeText(place: Located | undefined): string | null {
  if (place === undefined) return null;
  const city = english(place.city);
  const country = english(place.country);
  const cityNow = english(place.cityNow);
  const countryNow = english(place.countryNow);
  const then = [city, country].filter(isText);
  if (then.length === 0) {
    const now = [cityNow, countryNow].filter(isText);
    return english(place.locationString) ?? (now.length === 0 ? null : now.join(', '));
  }
  const now = [
    city !== null && cityNow !== city ? cityNow : null,
    countryNow !== country ? countryNow : null,
  ].filter(isText);
  return now.length === 0 ? then.join(', ') : `${then.join(', ')} (now ${now.join(', ')})`;
}

/** "1867-11-07 in Warsaw, …": the date as served ('1943-00-00': month and day unknown). */
export function happeningText(happening: Happening | undefined): string | null {
  const date = happening?.date?.trim() || null;
  const place = placeText(happening?.place);
  if (date !== null && place !== null) return `${date} in ${place}`;
  return date ?? place;
}

/** "Sorbonne University, Paris, France". */
export function affiliationText(affiliation: Affiliation): string | null {
  const name = english(affiliation.name) ?? english(affiliation.nameNow) ?? affiliation.nativeName;
  const parts = [name?.trim() || null, placeText(affiliation)].filter(isText);
  return parts.length === 0 ? null : parts.join(', ');
}

/** A term of the laureate's facts, and an external page when it has one. */
export interface Fact {
  label: string;
  text: string;
  href?: string;
}

/** The facts the laureates source gives, in the order shown; none for an unread laureate. */
export function sourceFacts(laureate: LaureateView): Fact[] {
  const facts: (Fact | null)[] = [];
  const text = (label: string, value: string | null | undefined) =>
    facts.push(
      value === null || value === undefined || value.trim() === '' ? null : { label, text: value },
    );
  text('Gender', laureate.gender);
  text('Born', happeningText(laureate.birth));
  text('Died', happeningText(laureate.death));
  text('Founded', happeningText(laureate.founded));
  const wikipedia = laureate.wikipedia?.english;
  if (isWebLink(wikipedia))
    facts.push({
      label: 'Wikipedia',
      text: laureate.wikipedia?.slug?.replace(/_/g, ' ') ?? wikipedia,
      href: wikipedia,
    });
  const wikidata = laureate.wikidata?.url;
  if (isWebLink(wikidata))
    facts.push({ label: 'Wikidata', text: laureate.wikidata?.id ?? wikidata, href: wikidata });
  return facts.filter((f): f is Fact => f !== null);
}

/** A row of the laureate's prizes: from the prize events, the laureates source, or both. */
export interface PrizeRow {
  key: string;
  /** The prize's id, when its events have been read (its page in the console). */
  id: string | null;
  awardYear: string;
  category: string;
  portion: string;
  motivation: Languages | undefined;
  /** As the laureates source serves it ('received', 'declined', 'restricted'). */
  status: string | null;
  affiliations: string[];
}

/** Whether the laureates source's record has been read: its prizes' columns are shown. */
export function hasSourcePrizes(laureate: LaureateView): boolean {
  return laureate.nobelPrizes !== undefined;
}

/**
 * The laureate's prizes, oldest first: each prize event's with the laureates source's entry for
 * the same year and category (its status and affiliations), then the entries no prize event
 * matches yet (the two sources are read apart).
 */
export function prizeRows(laureate: LaureateView): PrizeRow[] {
  const entries = [...(laureate.nobelPrizes ?? [])];
  // An entry is the prize its own nobelPrize link names: the rule the sink stores it by.
  const take = (prizeId: string) => {
    const at = entries.findIndex((e) => prizeIdOfLinks(e.links) === prizeId);
    return at === -1 ? undefined : entries.splice(at, 1)[0];
  };
  const fromSource = (entry: SourcePrize | undefined) => ({
    status: entry?.prizeStatus?.trim() || null,
    affiliations: (entry?.affiliations ?? []).map(affiliationText).filter(isText),
  });
  const rows: PrizeRow[] = laureate.prizes.map((prize) => {
    const entry = take(prize.id);
    return {
      key: prize.id,
      id: prize.id,
      awardYear: prize.awardYear,
      category: textOf(prize.categoryFullName) ?? prize.categoryCode,
      portion: prize.portion,
      motivation: prize.motivation ?? entry?.motivation,
      ...fromSource(entry),
    };
  });
  for (const entry of entries) {
    const category = textOf(entry.categoryFullName) ?? textOf(entry.category) ?? '';
    rows.push({
      key: `source ${entry.awardYear} ${category}`,
      id: null,
      awardYear: entry.awardYear,
      category,
      portion: entry.portion,
      motivation: entry.motivation,
      ...fromSource(entry),
    });
  }
  return rows.sort((a, b) => Number(a.awardYear) - Number(b.awardYear));
}
