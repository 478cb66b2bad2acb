import type { FetchRun, NobelPrize } from '@nobel-pipeline/schemas';
import type {
  FetchRunRow,
  FetchRunSourceRow,
  LaureateRow,
  PrizeLaureateRow,
  PrizeRow,
} from '../models/models';
import { compact, otherLanguages, split } from './languages';

/** The rows one NobelPrize event becomes. `updatedAt` is the time of the write. */
export interface PrizeRows {
  prize: PrizeRow;
  laureates: LaureateRow[];
  entries: PrizeLaureateRow[];
}

/** What a prize row keeps in `extras`: languages without columns, unmodelled source fields. */
export interface PrizeExtras {
  category?: Record<string, string>;
  categoryFullName?: Record<string, string>;
  topMotivation?: Record<string, string>;
  otherFields?: string;
}

export interface LaureateExtras {
  knownName?: Record<string, string>;
  fullName?: Record<string, string>;
  orgName?: Record<string, string>;
}

export interface EntryExtras {
  motivation?: Record<string, string>;
  otherFields?: string;
}

export function prizeRows(event: NobelPrize, updatedAt: Date): PrizeRows {
  const fetchedAt = new Date(event.fetchedAt);
  const category = split(event.category);
  const fullName = split(event.categoryFullName);
  const top = split(event.topMotivation);
  const prize: PrizeRow = {
    id: event.id,
    awardYear: Number(event.awardYear),
    categoryCode: event.categoryCode,
    categoryEn: category.en,
    categoryNo: category.no,
    categorySe: category.se,
    categoryFullNameEn: fullName.en,
    categoryFullNameNo: fullName.no,
    categoryFullNameSe: fullName.se,
    dateAwarded: event.dateAwarded,
    prizeAmount: event.prizeAmount,
    prizeAmountAdjusted: event.prizeAmountAdjusted,
    topMotivationEn: top.en,
    topMotivationNo: top.no,
    topMotivationSe: top.se,
    hasLaureates: event.laureates !== null,
    links: event.links,
    extras: compact<PrizeExtras>({
      category: otherLanguages(event.category),
      categoryFullName: otherLanguages(event.categoryFullName),
      topMotivation: otherLanguages(event.topMotivation),
      otherFields: event.otherFields ?? undefined,
    }),
    contentHash: event.contentHash,
    fetchRunId: event.fetchRunId,
    fetchedAt,
    updatedAt,
  };
  const laureates: LaureateRow[] = [];
  const entries: PrizeLaureateRow[] = [];
  for (const l of event.laureates ?? []) {
    const known = split(l.knownName);
    const full = split(l.fullName);
    const org = split(l.orgName);
    laureates.push({
      id: l.id,
      kind: l.orgName !== null ? 'organization' : 'person',
      knownNameEn: known.en,
      knownNameNo: known.no,
      knownNameSe: known.se,
      fullNameEn: full.en,
      fullNameNo: full.no,
      fullNameSe: full.se,
      orgNameEn: org.en,
      orgNameNo: org.no,
      orgNameSe: org.se,
      acronym: l.acronym,
      nativeName: l.nativeName,
      extras: compact<LaureateExtras>({
        knownName: otherLanguages(l.knownName),
        fullName: otherLanguages(l.fullName),
        orgName: otherLanguages(l.orgName),
      }),
      fetchedAt,
      updatedAt,
    });
    const motivation = split(l.motivation);
    entries.push({
      prizeId: event.id,
      laureateId: l.id,
      portion: l.portion,
      sortOrder: Number(l.sortOrder),
      motivationEn: motivation.en,
      motivationNo: motivation.no,
      motivationSe: motivation.se,
      links: l.links,
      extras: compact<EntryExtras>({
        motivation: otherLanguages(l.motivation),
        otherFields: l.otherFields ?? undefined,
      }),
      updatedAt,
    });
  }
  return { prize, laureates, entries };
}

/** A FetchRun's rows: the run, and what it did per source (none for a v1 record). */
export interface RunRows {
  run: FetchRunRow;
  sources: FetchRunSourceRow[];
}

export function runRows(run: FetchRun, updatedAt: Date): RunRows {
  return {
    run: fetchRunRow(run, updatedAt),
    sources: run.sources.map((s) => ({
      runId: run.runId,
      source: s.source,
      pages: s.pages,
      seen: s.seen,
      changed: s.changed,
      missing: s.missing,
      updatedAt,
    })),
  };
}

function fetchRunRow(run: FetchRun, updatedAt: Date): FetchRunRow {
  return {
    runId: run.runId,
    trigger: run.trigger,
    startedAt: new Date(run.startedAt),
    finishedAt: new Date(run.finishedAt),
    outcome: run.outcome,
    pages: run.pages,
    prizesSeen: run.prizesSeen,
    prizesChanged: run.prizesChanged,
    prizesMissing: run.prizesMissing,
    error: run.error,
    updatedAt,
  };
}
