import { toNobelLaureate } from '../nobel/laureates/map-laureate';
import { sourceLaureateRecord } from '../nobel/laureates/source-laureate';
import { defineSource } from './source';

/** GET /2.1/laureates: one NobelLaureate per laureate on the laureates topic, keyed by its id. */
export const laureatesSource = defineSource({
  name: 'laureates',
  noun: 'laureate',
  record: sourceLaureateRecord,
  toEvent: toNobelLaureate,
  contract: (contracts) => contracts.nobelLaureate,
  topic: (topics) => topics.laureates.name,
});
