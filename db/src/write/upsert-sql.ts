import { DataTypes, type Model, type ModelStatic } from 'sequelize';
import { toUtcDateTime } from './datetime';

/**
 * Multi-row `INSERT … ON DUPLICATE KEY UPDATE` statements derived from a model: the columns,
 * their order and the primary key come from the model's attributes, so the statement follows
 * the schema. Values are bound as `?` parameters (escaped by the driver, not by us).
 */

export interface Statement {
  sql: string;
  values: unknown[];
}

export interface UpsertShape {
  table: string;
  /** Attribute names, in column order. */
  attributes: string[];
  columns: string[];
  primaryKey: string[];
  /** Attributes stored as JSON text. */
  json: Set<string>;
}

const quote = (identifier: string) => `\`${identifier.replace(/`/g, '``')}\``;

export function upsertShape<M extends Model>(model: ModelStatic<M>): UpsertShape {
  const attributes = Object.entries(model.getAttributes());
  return {
    table: model.getTableName() as string,
    attributes: attributes.map(([name]) => name),
    columns: attributes.map(([name, a]) => a.field ?? name),
    primaryKey: attributes
      .filter(([, a]) => a.primaryKey === true)
      .map(([name, a]) => a.field ?? name),
    json: new Set(
      attributes.filter(([, a]) => a.type instanceof DataTypes.JSON).map(([name]) => name),
    ),
  };
}

export interface UpsertOptions {
  /**
   * Newer wins: a row is only overwritten by values whose `column` is at least as recent, so
   * that replaying old events never regresses the table. (This column is assigned last: in
   * MariaDB, later assignments of ON DUPLICATE KEY UPDATE see the earlier ones.)
   */
  newerWins?: string;
}

/** A row's values in the shape's column order, as the driver must receive them. */
function rowValues(shape: UpsertShape, row: object): unknown[] {
  const record = row as Record<string, unknown>;
  return shape.attributes.map((attribute) => {
    const value = record[attribute];
    return shape.json.has(attribute) && value !== null && value !== undefined
      ? JSON.stringify(value)
      : value instanceof Date
        ? toUtcDateTime(value) // never a Date: the driver would format it in local time
        : (value ?? null);
  });
}

/** `INSERT … VALUES <rows> ON DUPLICATE KEY UPDATE …` for `rows` rows of the shape. */
function upsertSql(shape: UpsertShape, rows: number, options: UpsertOptions): string {
  const placeholders = `(${shape.columns.map(() => '?').join(', ')})`;
  const updated = shape.columns.filter((c) => !shape.primaryKey.includes(c));
  const guard = options.newerWins;
  const ordered = guard === undefined ? updated : [...updated.filter((c) => c !== guard), guard];
  const assignments = ordered.map((c) =>
    guard === undefined
      ? `${quote(c)} = VALUES(${quote(c)})`
      : `${quote(c)} = IF(VALUES(${quote(guard)}) >= ${quote(guard)}, VALUES(${quote(c)}), ${quote(c)})`,
  );
  return `INSERT INTO ${quote(shape.table)} (${shape.columns.map(quote).join(', ')}) VALUES ${Array.from({ length: rows }, () => placeholders).join(', ')} ON DUPLICATE KEY UPDATE ${assignments.join(', ')}`;
}

/** One multi-row statement for these rows (the text protocol's `query()`). */
export function upsertStatement(
  shape: UpsertShape,
  rows: readonly object[],
  options: UpsertOptions = {},
): Statement {
  return {
    sql: upsertSql(shape, rows.length, options),
    values: rows.flatMap((row) => rowValues(shape, row)),
  };
}

/**
 * The one-row statement and every row's values, for the driver's `batch()`: the binary
 * protocol's bulk execution sends the statement once and the rows as one stream of packets.
 */
export function upsertBulk(
  shape: UpsertShape,
  rows: readonly object[],
  options: UpsertOptions = {},
): { sql: string; rows: unknown[][] } {
  return { sql: upsertSql(shape, 1, options), rows: rows.map((row) => rowValues(shape, row)) };
}

/** Rows per statement: ~2 KB a prize row, far below max_allowed_packet (16 MB). */
export const ROWS_PER_STATEMENT = 500;

/** Splits rows into groups of at most `size`, so that one statement stays well under max_allowed_packet. */
export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** `?, ?, ?` for n values. */
export const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Rows in key order: concurrent transactions take their locks in the same order. */
export function byKey<T>(rows: readonly T[], key: (row: T) => string): T[] {
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
