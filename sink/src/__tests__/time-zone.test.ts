import { QueryTypes } from 'sequelize';
import { createSequelize } from '@nobel-pipeline/db';
import { hasDefaultSnapshot } from '@nobel-pipeline/nobel-mirror';
import type { NobelPrize } from '@nobel-pipeline/schemas';
import {
  caughtUp,
  createTestDatabase,
  testKafka,
  uniqueGroup,
  waitFor,
} from '@nobel-pipeline/test-utils';
import {
  config,
  createSinkTopics,
  producePrizes,
  realEvents,
  startSink,
} from '../testing/pipeline';

/**
 * The sink as a real process in time zones far from UTC: every timestamp is stored in UTC,
 * and an update produced minutes after the first event is applied, not judged stale. (With
 * the driver formatting Dates in local time, Kathmandu stored them 5 h 45 min late, and the
 * real update that followed was dropped.)
 */
jest.setTimeout(120_000);

const kafka = testKafka();
const itWithSnapshot = hasDefaultSnapshot() ? it : it.skip;

/** Marie Curie's 1911 chemistry prize as the fetcher published it at `fetchedAt`, renamed. */
function curie1911(fetchedAt: number, name: string): NobelPrize {
  const event = realEvents(fetchedAt).events.find((e) => e.id === 'che-1911');
  if (event === undefined) throw new Error('che-1911 is not in the snapshot');
  const [first] = event.laureates ?? [];
  if (first === undefined) throw new Error('che-1911 has no laureate');
  return { ...event, laureates: [{ ...first, knownName: { en: name } }] };
}

itWithSnapshot.each(['Asia/Kathmandu', 'America/St_Johns'])(
  'under TZ=%s, stores UTC and lets a later update win',
  async (zone) => {
    const database = await createTestDatabase(config.db);
    const topics = await createSinkTopics(kafka, 'tz');
    const groupId = uniqueGroup('sink-tz');
    const sink = await startSink(topics, database.config, groupId, { TZ: zone });
    const sequelize = createSequelize({ config: database.config });
    const stored = async () =>
      (
        await sequelize.query<{ at: string; name: string }>(
          "SELECT DATE_FORMAT(p.fetched_at, '%Y-%m-%d %H:%i:%s.%f') AS at, l.known_name_en AS name FROM prizes p JOIN prize_laureates pl ON pl.prize_id = p.id JOIN laureates l ON l.id = pl.laureate_id WHERE p.id = 'che-1911'",
          { type: QueryTypes.SELECT },
        )
      )[0];
    try {
      // An hour ago (the sink refuses times ahead of its clock), to the millisecond.
      const fetchedAt = Date.now() - 3_600_000;
      const utc = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '000');
      await producePrizes(kafka, topics.prizes, [curie1911(fetchedAt, 'Marie Curie')]);
      await waitFor(() => caughtUp(kafka, groupId, [topics.prizes]), {
        timeoutMs: 60_000,
        description: 'the sink to store the first event',
      });
      expect(await stored()).toEqual({ at: utc(fetchedAt), name: 'Marie Curie' });

      await producePrizes(kafka, topics.prizes, [
        curie1911(fetchedAt + 5 * 60_000, 'Marie Skłodowska-Curie'),
      ]);
      await waitFor(() => caughtUp(kafka, groupId, [topics.prizes]), {
        timeoutMs: 60_000,
        description: 'the sink to store the update',
      });
      expect(await stored()).toEqual({
        at: utc(fetchedAt + 5 * 60_000),
        name: 'Marie Skłodowska-Curie',
      });
    } finally {
      await sequelize.close();
      expect(await sink.service.stop()).toBe(0);
      await database.drop();
    }
  },
);
