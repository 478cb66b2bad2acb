import { laureatesSource } from './laureates';
import { nobelPrizesSource } from './nobel-prizes';
import type { SourceDefinition } from './source';

/**
 * The sources every run reads, in this order: nobelPrizes, then laureates. One run is one
 * snapshot of all of them, published in one transaction; a new endpoint is a file beside these
 * and a line here.
 */
export const SOURCES: readonly SourceDefinition[] = [nobelPrizesSource, laureatesSource];
