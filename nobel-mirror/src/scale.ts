import { MirrorArgumentError } from './errors';

/**
 * A larger source made of the real one: `scale` copies of every record, the first as served
 * and each other one moved to years of its own and to laureate ids of its own, so that every
 * copy is a distinct, valid prize (`<code>-<year>`, its `nobelPrize` link naming its year) or
 * laureate (its links naming its id, its prizes moved with the prizes'). Both endpoints move
 * alike, so a scaled laureate's prizes are the scaled prizes that name it.
 *
 * The real years span 1901–2023: a copy moves them by a whole number of 124-year spans, up
 * to 9999 and then down to 1000 (the four digits every rule of the pipeline takes), which
 * gives at most MAX_SCALE copies (670 × 72 = 48,240 prizes). Laureate ids (at most 1034
 * today) move by 10,000 a copy.
 */

const YEAR_SPAN = 124;
export const FIRST_YEAR = 1901;
export const LAST_YEAR = 2023;
const ID_STEP = 10_000;
const UP = Math.floor((9999 - LAST_YEAR) / YEAR_SPAN);
const DOWN = Math.floor((FIRST_YEAR - 1000) / YEAR_SPAN);

/** The largest scale: the copies that fit in the years 1000–9999. */
export const MAX_SCALE = 1 + UP + DOWN;

/** How far copy `copy` (0: the records as served) moves the years. */
export function yearShift(copy: number): number {
  if (copy <= UP) return copy * YEAR_SPAN;
  return -(copy - UP) * YEAR_SPAN;
}

/** Checks a scale as the command line gives it (a whole number from 1 to MAX_SCALE). */
export function parseScale(text: string): number {
  const scale = Number(text);
  if (!/^\d+$/.test(text) || scale < 1 || scale > MAX_SCALE)
    throw new MirrorArgumentError(
      `--scale: expected a whole number from 1 to ${MAX_SCALE} (the copies of the real years that fit in 1000–9999), got "${text}"`,
    );
  return scale;
}

const shiftYear = (year: string, shift: number) =>
  /^\d{4}$/.test(year) ? String(Number(year) + shift) : year;

/** A date as served (`1901-11-12`, `1943-00-00`) with its year moved; anything else as it is. */
const shiftDate = (date: string, shift: number) =>
  /^\d{4}-/.test(date) ? `${shiftYear(date.slice(0, 4), shift)}${date.slice(4)}` : date;

const shiftId = (id: string, step: number) => (/^\d+$/.test(id) ? String(Number(id) + step) : id);

/** Moves one JSON value: the years of prizes, the ids of laureates, and the links naming them. */
function move(value: unknown, key: string, years: number, ids: number): unknown {
  if (typeof value === 'string') {
    if (key === 'awardYear') return shiftYear(value, years);
    if (key === 'dateAwarded') return shiftDate(value, years);
    if (key === 'id') return shiftId(value, ids);
    // Only a link can name a prize or a laureate (most strings are names and places).
    if (!value.includes('/')) return value;
    // …/nobelPrize/<code>/<year> and …/laureate/<id> (the API's and the web site's links).
    return value
      .replace(
        /(\/nobelPrize\/[a-z]+\/)(\d{4})$/,
        (_, head: string, year: string) => `${head}${shiftYear(year, years)}`,
      )
      .replace(
        /(\/laureate\/)(\d+)$/,
        (_, head: string, id: string) => `${head}${shiftId(id, ids)}`,
      )
      .replace(
        /(\/prizes\/[a-z-]+\/)(\d{4})(\/)/,
        (_, head: string, year: string, tail: string) => `${head}${shiftYear(year, years)}${tail}`,
      );
  }
  if (Array.isArray(value)) return value.map((item) => move(item, '', years, ids));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, move(v, k, years, ids)]));
  return value;
}

/**
 * Record `index` of the scaled source, made on demand (for a consumer that streams the copies
 * rather than holding them all): copy ⌊index / records⌋ of record index mod records.
 */
export function scaledRecordAt(records: readonly unknown[], index: number): unknown {
  const copy = Math.floor(index / records.length);
  if (!Number.isInteger(index) || index < 0 || copy >= MAX_SCALE)
    throw new MirrorArgumentError(
      `scaled record ${index}: expected 0 to ${records.length * MAX_SCALE - 1}`,
    );
  const record = records[index % records.length];
  return copy === 0 ? record : move(record, '', yearShift(copy), copy * ID_STEP);
}

/** The records of one endpoint, `scale` times: copy 0 as served, then the moved copies. */
export function scaleRecords(records: readonly unknown[], scale: number): unknown[] {
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_SCALE)
    throw new MirrorArgumentError(`scale: expected 1 to ${MAX_SCALE}, got ${scale}`);
  return Array.from({ length: records.length * scale }, (_, i) => scaledRecordAt(records, i));
}
