import type { Languages } from '@nobel-pipeline/schemas';

/** The English text, else the first language's, else null. */
export function textOf(texts: Languages | undefined): string | null {
  if (texts === undefined) return null;
  return texts.en ?? Object.values(texts)[0] ?? null;
}

interface Named {
  id: string;
  knownName?: Languages;
  orgName?: Languages;
  fullName?: Languages;
}

/** A laureate's name: the known name, an organisation's name, the full name, or its id. */
export function laureateName(laureate: Named): string {
  return (
    textOf(laureate.knownName) ??
    textOf(laureate.orgName) ??
    textOf(laureate.fullName) ??
    `laureate ${laureate.id}`
  );
}

/** Every language of a text, English first, as [lang, text] pairs. */
export function allLanguages(texts: Languages | undefined): [string, string][] {
  if (texts === undefined) return [];
  return Object.entries(texts).sort(([a], [b]) =>
    a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b),
  );
}

/**
 * The HTML language tag of one of the Nobel API's language keys. The API writes Swedish as
 * "se", which in HTML (BCP 47) is Northern Sami: Swedish is "sv". The others (en, no) are
 * already right.
 */
export function htmlLang(key: string): string {
  return key === 'se' ? 'sv' : key;
}

/** "1/3" as the Nobel API writes portions, "whole" for 1. */
export function portionText(portion: string): string {
  return portion === '1' ? 'whole prize' : `${portion} of the prize`;
}

/** A prize amount in Swedish kronor, grouped by the browser's locale. */
export function amountText(amount: number): string {
  return `${amount.toLocaleString()} SEK`;
}
