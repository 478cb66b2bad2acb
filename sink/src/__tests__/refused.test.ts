import {
  caughtUp,
  collect,
  createTestDatabase,
  syntheticPrizes,
  testKafka,
  uniqueGroup,
  waitFor,
} from '@nobel-pipeline/test-utils';
import { QueryTypes } from 'sequelize';
import { createSequelize } from '@nobel-pipeline/db';
import type { NobelPrize } from '@nobel-pipeline/schemas';
import { DLQ_HEADERS } from '@nobel-pipeline/common';
import { config, counts, createSinkTopics, producePrizes, startSink } from '../testing/pipeline';

/**
 * A record that passes validation and that the database still refuses, on the real stack:
 * the sink finds it by writing its batch in halves, sends exactly it to the DLQ with the
 * database's reason, stores the others — on its partition and on the others — commits every
 * partition to its end, and stays ready. (It used to retry that batch every 30 s for ever,
 * and the other partitions waited behind it.) The refusal is a CHECK constraint the test adds
 * to its own database: no record that passes validation is refused by the real schema.
 */
jest.setTimeout(180_000);

const kafka = testKafka();

it('dead-letters exactly the records the database refuses, stores the rest, and moves on', async () => {
  const database = await createTestDatabase(config.db);
  const topics = await createSinkTopics(kafka, 'refused');
  const groupId = uniqueGroup('sink-refused');
  const dlq = await collect(kafka, topics.prizesDlq, 1);
  const sink = await startSink(topics, database.config, groupId);
  const sequelize = createSequelize({ config: database.config });
  try {
    // The sink has migrated the database (it is up); now the database refuses year 1066.
    await waitFor(
      async () =>
        (
          await sequelize.query<{ n: number }>(
            "SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'prizes'",
            { type: QueryTypes.SELECT },
          )
        )[0]?.n === 1,
      { description: 'the sink to migrate its database' },
    );
    await sequelize.query('ALTER TABLE prizes ADD CONSTRAINT no_1066 CHECK (award_year <> 1066)');

    const good = syntheticPrizes(40) as NobelPrize[];
    const base = syntheticPrizes(1, { offset: 500 })[0] as NobelPrize;
    const refused: NobelPrize = {
      ...base,
      id: `${base.categoryCode}-1066`,
      awardYear: '1066',
      laureates: [],
    };
    await producePrizes(kafka, topics.prizes, [...good.slice(0, 20), refused, ...good.slice(20)]);

    await waitFor(() => caughtUp(kafka, groupId, [topics.prizes]), {
      timeoutMs: 60_000,
      description: 'every partition committed to its end',
    });
    await waitFor(() => dlq.messages.length >= 1, { description: 'the refused record on the DLQ' });
    expect((await counts(database.config)).prizes).toBe(40);
    expect(dlq.messages.map((m) => m.message.key?.toString())).toEqual([refused.id]);
    const headers = dlq.messages[0]?.message.headers ?? {};
    expect(headers[DLQ_HEADERS.errorClass]?.toString()).toBe('RefusedByDatabaseError');
    expect(headers[DLQ_HEADERS.errorMessage]?.toString()).toMatch(
      /the database refused the record: .*no_1066/i,
    );
    expect((await fetch(sink.metricsUrl.replace('/metrics', '/readyz'))).status).toBe(200);
  } finally {
    await sequelize.close();
    expect(await sink.service.stop()).toBe(0);
    await dlq.stop();
    await database.drop();
  }
});
