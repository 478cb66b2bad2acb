/**
 * DATETIME values on the sink's raw write path, in UTC whatever the process's time zone.
 *
 * The mariadb driver formats a bound Date with its local-time getters and parses a DATETIME
 * into a local-time Date, so under `TZ=Asia/Kathmandu` a timestamp would be stored 5 h 45 min
 * late (and Sequelize, which reads in UTC, would serve it so). The write path therefore never
 * hands the driver a Date: it binds UTC text, and reads DATETIMEs as UTC text it parses itself.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The DATETIME(3) range MariaDB accepts. */
export const DATETIME_RANGE = {
  min: Date.UTC(1000, 0, 1),
  max: Date.UTC(9999, 11, 31, 23, 59, 59, 999),
} as const;

/** A Date as DATETIME(3) text in UTC: `2024-06-10 08:05:03.004`. */
export function toUtcDateTime(date: Date): string {
  const time = date.getTime();
  if (!Number.isFinite(time) || time < DATETIME_RANGE.min || time > DATETIME_RANGE.max)
    throw new RangeError(`${String(date)} is not a DATETIME MariaDB can store`);
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.` +
    pad(date.getUTCMilliseconds(), 3)
  );
}

/** SQL that reads a DATETIME column as UTC text (`utcDateTimeOf('fetched_at')`). */
export function utcDateTimeOf(column: string): string {
  return `DATE_FORMAT(${column}, '%Y-%m-%d %H:%i:%s.%f')`;
}

const TEXT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

/** The Date of DATETIME text read with utcDateTimeOf (microseconds cut to milliseconds). */
export function fromUtcDateTime(text: string): Date {
  const m = TEXT.exec(text);
  if (m === null) throw new RangeError(`"${text}" is not DATETIME text`);
  const [, y, mo, d, h, mi, s, fraction = '0'] = m;
  return new Date(
    Date.UTC(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(h),
      Number(mi),
      Number(s),
      Number(fraction.padEnd(3, '0').slice(0, 3)),
    ),
  );
}
