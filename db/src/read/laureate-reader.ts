import type { LaureatePrizeView, LaureateView } from '@nobel-pipeline/schemas';
import { QueryTypes } from 'sequelize';
import type {
  Instance,
  LaureateDetailRow,
  LaureateRow,
  Models,
  PrizeLaureateRow,
  PrizeRow,
} from '../models/models';
import { apiLaureateNames, apiPrize, apiShare, parse } from '../mapping/to-api';

/** Filters of GET /laureates, already validated. */
export interface LaureateQuery {
  /** As served ('female', 'male'). */
  gender?: string;
  /** The country of birth as it is now, in English ('Germany'), case-insensitive. */
  birthCountry?: string;
  /** A prize of this category (code)… */
  category?: string;
  /** …awarded in this year, or from `year` to `yearTo` (or up to `yearTo`). */
  year?: number;
  yearTo?: number;
  /** Part of the laureate's English known, full or organisation name, case-insensitive. */
  name?: string;
  limit: number;
  offset: number;
}

export interface LaureateReader {
  /** One laureate, from whichever source has been read (either, or both). */
  laureate(id: string): Promise<LaureateView | undefined>;
  /** Laureates by English name, then id, with the total count of matches. */
  laureates(query: LaureateQuery): Promise<{ total: number; items: LaureateView[] }>;
}

type EntryWithPrize = Instance<PrizeLaureateRow> & { prize?: Instance<PrizeRow> };

const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A WHERE clause with `$n` bind parameters (sent apart from the SQL, never inlined). */
function whereOf(query: LaureateQuery): { sql: string; bind: unknown[] } {
  const bind: unknown[] = [];
  const param = (value: unknown) => {
    bind.push(value);
    return `$${bind.length}`;
  };
  const clauses: string[] = [];
  if (query.gender !== undefined) clauses.push(`d.gender = ${param(query.gender)}`);
  if (query.birthCountry !== undefined)
    clauses.push(`d.birth_country_now_en = ${param(query.birthCountry)}`);
  if (query.name !== undefined) {
    const pattern = param(like(query.name));
    clauses.push(
      `(${['l.known_name_en', 'l.full_name_en', 'l.org_name_en', 'd.name_en', 'd.full_name_en'].map((c) => `${c} LIKE ${pattern}`).join(' OR ')})`,
    );
  }
  if (query.category !== undefined || query.year !== undefined || query.yearTo !== undefined) {
    // A prize of the laureate that matches, as either source says it: the laureate's own
    // record (laureate_awards) or a prize event naming them (prize_laureates).
    const of = (table: string) => {
      const conditions: string[] = [];
      if (query.category !== undefined)
        conditions.push(`${table}.category_code = ${param(query.category)}`);
      if (query.year !== undefined && query.yearTo === undefined)
        conditions.push(`${table}.award_year = ${param(query.year)}`);
      if (query.year !== undefined && query.yearTo !== undefined)
        conditions.push(
          `${table}.award_year BETWEEN ${param(query.year)} AND ${param(query.yearTo)}`,
        );
      if (query.year === undefined && query.yearTo !== undefined)
        conditions.push(`${table}.award_year <= ${param(query.yearTo)}`);
      return conditions.join(' AND ');
    };
    clauses.push(
      `(EXISTS (SELECT 1 FROM laureate_awards a WHERE a.laureate_id = dir.id AND ${of('a')}) OR EXISTS (SELECT 1 FROM prize_laureates pl JOIN prizes p ON p.id = pl.prize_id WHERE pl.laureate_id = dir.id AND ${of('p')}))`,
    );
  }
  return { sql: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, bind };
}

/**
 * Every laureate either source knows (the directory the writers keep), with both sources' rows
 * for the filters. Pages walk the directory's (sort name, id) index instead of sorting.
 */
const LAUREATES_FROM = `FROM laureate_directory dir
  LEFT JOIN laureates l ON l.id = dir.id
  LEFT JOIN laureate_details d ON d.id = dir.id`;

/**
 * The laureate view: once the laureates source has been read, its record as served (every
 * field, in the API's order) with kind, the prizes that name the laureate and the record's
 * provenance; before, the names the prize events give. Either source may come first.
 */
function viewOf(
  id: string,
  names: LaureateRow | undefined,
  detail: LaureateDetailRow | undefined,
  prizes: LaureatePrizeView[],
): LaureateView | undefined {
  const times = [names?.updatedAt, detail?.updatedAt].flatMap((t) => (t === undefined ? [] : [t]));
  if (times.length === 0) return undefined;
  const updatedAt = new Date(Math.max(...times.map((t) => t.getTime()))).toISOString();
  if (detail !== undefined) {
    const record = parse<Record<string, unknown>>(detail.sourceRecord) ?? {};
    return {
      ...record,
      id,
      kind: detail.kind,
      prizes,
      fetchedAt: detail.fetchedAt.toISOString(),
      fetchRunId: detail.fetchRunId,
      contentHash: detail.contentHash,
      updatedAt,
    };
  }
  if (names === undefined) return undefined;
  return { id, kind: names.kind, ...apiLaureateNames(names), updatedAt, prizes };
}

export function createLaureateReader(models: Models): LaureateReader {
  const { Prize, Laureate, PrizeLaureate, LaureateDetail } = models;
  const defined = Laureate.sequelize;
  if (defined === undefined) throw new TypeError('the models are not defined on a Sequelize');
  const sequelize = defined;

  /** The prizes (from prize events) of these laureates, oldest first. */
  async function prizesOf(ids: string[]): Promise<Map<string, LaureatePrizeView[]>> {
    const entries = (await PrizeLaureate.findAll({
      where: { laureateId: ids },
      include: [{ model: Prize, as: 'prize', required: true }],
    })) as EntryWithPrize[];
    const byLaureate = new Map<string, { prize: PrizeRow; entry: PrizeLaureateRow }[]>();
    for (const e of entries) {
      if (e.prize === undefined) continue;
      const list = byLaureate.get(e.laureateId) ?? [];
      list.push({
        prize: e.prize.get({ plain: true }) as PrizeRow,
        entry: e.get({ plain: true }) as PrizeLaureateRow,
      });
      byLaureate.set(e.laureateId, list);
    }
    return new Map(
      [...byLaureate].map(([id, list]) => [
        id,
        list
          .sort(
            (a, b) => a.prize.awardYear - b.prize.awardYear || a.prize.id.localeCompare(b.prize.id),
          )
          .map(({ prize, entry }): LaureatePrizeView => {
            const { laureates: _laureates, ...fields } = apiPrize(prize, []);
            return {
              id: prize.id,
              categoryCode: prize.categoryCode,
              ...fields,
              ...apiShare(entry),
            };
          }),
      ]),
    );
  }

  /** The views of these laureates, in this order (an id no source knows is left out). */
  async function views(ids: string[]): Promise<LaureateView[]> {
    if (ids.length === 0) return [];
    const [names, details, prizes] = await Promise.all([
      Laureate.findAll({ where: { id: ids } }),
      LaureateDetail.findAll({ where: { id: ids } }),
      prizesOf(ids),
    ]);
    const nameOf = new Map(names.map((r) => [r.id, r.get({ plain: true }) as LaureateRow]));
    const detailOf = new Map(
      details.map((r) => [r.id, r.get({ plain: true }) as LaureateDetailRow]),
    );
    return ids.flatMap(
      (id) => viewOf(id, nameOf.get(id), detailOf.get(id), prizes.get(id) ?? []) ?? [],
    );
  }

  async function laureate(id: string): Promise<LaureateView | undefined> {
    const [view] = await views([id]);
    return view;
  }

  async function laureates(query: LaureateQuery) {
    const where = whereOf(query);
    const [counted] = await sequelize.query<{ total: number | string }>(
      `SELECT COUNT(*) AS total ${LAUREATES_FROM} ${where.sql}`,
      { bind: where.bind, type: QueryTypes.SELECT },
    );
    const paging = where.bind.length;
    const page = await sequelize.query<{ id: string }>(
      `SELECT dir.id AS id ${LAUREATES_FROM} ${where.sql}
       ORDER BY dir.sort_name_en, dir.id
       LIMIT $${paging + 1} OFFSET $${paging + 2}`,
      { bind: [...where.bind, query.limit, query.offset], type: QueryTypes.SELECT },
    );
    return { total: Number(counted?.total ?? 0), items: await views(page.map((r) => r.id)) };
  }

  return { laureate, laureates };
}
