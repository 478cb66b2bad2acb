import { toNobelPrize } from '../nobel/map-prize';
import { sourcePrize } from '../nobel/source';
import { defineSource } from './source';

/** GET /2.1/nobelPrizes: one NobelPrize per prize on the prizes topic, keyed `phy-1901`. */
export const nobelPrizesSource = defineSource({
  name: 'nobelPrizes',
  noun: 'prize',
  record: sourcePrize,
  toEvent: toNobelPrize,
  contract: (contracts) => contracts.nobelPrize,
  topic: (topics) => topics.prizes.name,
});
