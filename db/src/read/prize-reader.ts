import type { FetchRunView, LaureateView, PrizeView } from '@nobel-pipeline/schemas';
import { Op, type WhereOptions } from 'sequelize';
import type { Instance, LaureateRow, Models, PrizeLaureateRow, PrizeRow } from '../models/models';
import { apiFetchRun, apiPrize, type EntryWithLaureate } from '../mapping/to-api';
import { createLaureateReader, type LaureateQuery } from './laureate-reader';

/** Filters of GET /prizes, already validated. */
export interface PrizeQuery {
  year?: number;
  yearTo?: number;
  category?: string;
  /** Part of a laureate's known, full or organisation name (English), case-insensitive. */
  laureate?: string;
  limit: number;
  offset: number;
}

export interface PrizeReader {
  /** Prizes newest first (award year, then category), with the total count of matches. */
  list(query: PrizeQuery): Promise<{ total: number; items: PrizeView[] }>;
  get(id: string): Promise<PrizeView | undefined>;
  laureate(id: string): Promise<LaureateView | undefined>;
  laureates(query: LaureateQuery): Promise<{ total: number; items: LaureateView[] }>;
  runs(limit: number): Promise<FetchRunView[]>;
  lastRun(): Promise<FetchRunView | undefined>;
}

/** The API's view of a prize: the source record's fields, plus its id and provenance. */
function withMeta(prize: PrizeRow, entries: EntryWithLaureate[]): PrizeView {
  return {
    id: prize.id,
    categoryCode: prize.categoryCode,
    ...apiPrize(prize, entries),
    fetchedAt: prize.fetchedAt.toISOString(),
    fetchRunId: prize.fetchRunId,
    contentHash: prize.contentHash,
    updatedAt: prize.updatedAt.toISOString(),
  };
}

type EntryInstance = Instance<PrizeLaureateRow> & {
  laureate?: Instance<LaureateRow>;
  prize?: Instance<PrizeRow>;
};

/** Reads for the HTTP API, with the same models the sink writes with. */
export function createPrizeReader(models: Models): PrizeReader {
  const { Prize, Laureate, PrizeLaureate, FetchRun, FetchRunSource } = models;

  async function entriesOf(prizeIds: string[]): Promise<Map<string, EntryWithLaureate[]>> {
    const byPrize = new Map<string, EntryWithLaureate[]>();
    if (prizeIds.length === 0) return byPrize;
    const rows = (await PrizeLaureate.findAll({
      where: { prizeId: prizeIds },
      include: [{ model: Laureate, as: 'laureate', required: true }],
    })) as EntryInstance[];
    for (const row of rows) {
      if (row.laureate === undefined) continue;
      const list = byPrize.get(row.prizeId) ?? [];
      list.push({
        entry: row.get({ plain: true }) as PrizeLaureateRow,
        laureate: row.laureate.get({ plain: true }) as LaureateRow,
      });
      byPrize.set(row.prizeId, list);
    }
    return byPrize;
  }

  async function list(query: PrizeQuery) {
    const where: WhereOptions<PrizeRow>[] = [];
    if (query.year !== undefined && query.yearTo === undefined)
      where.push({ awardYear: query.year });
    if (query.year !== undefined && query.yearTo !== undefined)
      where.push({ awardYear: { [Op.between]: [query.year, query.yearTo] } });
    if (query.year === undefined && query.yearTo !== undefined)
      where.push({ awardYear: { [Op.lte]: query.yearTo } });
    if (query.category !== undefined) where.push({ categoryCode: query.category });
    if (query.laureate !== undefined) {
      const pattern = `%${query.laureate.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const matching = await Laureate.findAll({
        attributes: ['id'],
        where: {
          [Op.or]: [
            { knownNameEn: { [Op.like]: pattern } },
            { fullNameEn: { [Op.like]: pattern } },
            { orgNameEn: { [Op.like]: pattern } },
          ],
        },
      });
      const entries = await PrizeLaureate.findAll({
        attributes: ['prizeId'],
        where: { laureateId: matching.map((l) => l.id) },
      });
      where.push({ id: [...new Set(entries.map((e) => e.prizeId))] });
    }
    const { count, rows } = await Prize.findAndCountAll({
      where: { [Op.and]: where },
      order: [
        ['awardYear', 'DESC'],
        ['categoryCode', 'ASC'],
      ],
      limit: query.limit,
      offset: query.offset,
    });
    const entries = await entriesOf(rows.map((p) => p.id));
    return {
      total: count,
      items: rows.map((p) => withMeta(p.get({ plain: true }) as PrizeRow, entries.get(p.id) ?? [])),
    };
  }

  async function get(id: string) {
    const prize = await Prize.findByPk(id);
    if (prize === null) return undefined;
    const entries = await entriesOf([id]);
    return withMeta(prize.get({ plain: true }) as PrizeRow, entries.get(id) ?? []);
  }

  async function runs(limit: number) {
    const rows = (await FetchRun.findAll({ order: [['startedAt', 'DESC']], limit })).map((r) =>
      r.get({ plain: true }),
    );
    const sources =
      rows.length === 0
        ? []
        : (await FetchRunSource.findAll({ where: { runId: rows.map((r) => r.runId) } })).map((s) =>
            s.get({ plain: true }),
          );
    return rows.map((r) =>
      apiFetchRun(
        r,
        sources.filter((s) => s.runId === r.runId),
      ),
    );
  }

  async function lastRun() {
    const [row] = await runs(1);
    return row;
  }

  const { laureate, laureates } = createLaureateReader(models);
  return { list, get, laureate, laureates, runs, lastRun };
}
