import { LANGUAGES } from '../models/columns';

type Texts = Record<string, string>;

/** The en/no/se values of a language map, each null when absent. */
export function split(texts: Texts | null): {
  en: string | null;
  no: string | null;
  se: string | null;
} {
  return { en: texts?.en ?? null, no: texts?.no ?? null, se: texts?.se ?? null };
}

/** The languages of a map that have no column of their own, or undefined when there are none. */
export function otherLanguages(texts: Texts | null): Texts | undefined {
  if (texts === null) return undefined;
  const others = Object.entries(texts).filter(
    ([language]) => !(LANGUAGES as readonly string[]).includes(language),
  );
  return others.length === 0 ? undefined : Object.fromEntries(others);
}

/** A language map from its columns and the other languages kept aside; null when empty. */
export function join(
  columns: { en: string | null; no: string | null; se: string | null },
  others: Texts | undefined,
): Texts | null {
  const texts: Texts = {};
  for (const language of LANGUAGES) {
    const value = columns[language];
    if (value !== null) texts[language] = value;
  }
  Object.assign(texts, others ?? {});
  return Object.keys(texts).length === 0 ? null : texts;
}

/** An object without its undefined members, or null when nothing is left. */
export function compact<T extends object>(value: T): Partial<T> | null {
  const kept = Object.entries(value).filter(([, v]) => v !== undefined);
  return kept.length === 0 ? null : (Object.fromEntries(kept) as Partial<T>);
}
