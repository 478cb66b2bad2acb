import { QueryTypes } from 'sequelize';
import { createSequelize, migrate } from '@nobel-pipeline/db';
import { createTestDatabase, testKafka, uniqueGroup, waitFor } from '@nobel-pipeline/test-utils';
import { config, createSinkTopics, startSink } from '../testing/pipeline';

/**
 * Laureates a sink of an earlier version wrote after migration 0004 (so without their
 * directory rows) are listed again once a sink of this version starts: it adds them.
 */
jest.setTimeout(120_000);

const kafka = testKafka();

it('adds at start-up the laureates the directory lacks', async () => {
  const database = await createTestDatabase(config.db);
  const sequelize = createSequelize({ config: database.config });
  let sink: Awaited<ReturnType<typeof startSink>> | undefined;
  try {
    await migrate(sequelize);
    const at = "'2026-01-01 00:00:00'";
    // As a sink from before the directory leaves them: rows in both sources' tables only.
    await sequelize.query(
      `INSERT INTO laureates (id, kind, known_name_en, fetched_at, updated_at) VALUES
       ('1', 'person', 'Wilhelm Conrad Röntgen', ${at}, ${at}), ('6', 'person', 'Marie Curie', ${at}, ${at})`,
    );
    await sequelize.query(
      `INSERT INTO laureate_details (id, kind, name_en, source_record, content_hash, fetch_run_id, fetched_at, updated_at)
       VALUES ('6', 'person', 'Marie Curie, née Skłodowska', '{}', 'h', 'r', ${at}, ${at})`,
    );
    const directory = () =>
      sequelize.query<{ id: string; sort: string }>(
        'SELECT id, sort_name_en AS sort FROM laureate_directory ORDER BY sort_name_en, id',
        { type: QueryTypes.SELECT },
      );
    expect(await directory()).toEqual([]);

    sink = await startSink(
      await createSinkTopics(kafka, 'directory'),
      database.config,
      uniqueGroup('sink-directory'),
    );
    await waitFor(async () => (await directory()).length === 2, {
      timeoutMs: 30_000,
      description: 'the sink to fill the laureate directory',
    });
    expect(await directory()).toEqual([
      { id: '6', sort: 'Marie Curie, née Skłodowska' },
      { id: '1', sort: 'Wilhelm Conrad Röntgen' },
    ]);
  } finally {
    if (sink !== undefined) expect(await sink.service.stop()).toBe(0);
    await sequelize.close();
    await database.drop();
  }
});
