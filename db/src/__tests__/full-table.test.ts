import { createMigratedTestDatabase, type MigratedTestDatabase } from '../testing/database';
import { asDatabaseError, dbErrorKind, dbFailureKind, isRetriableDbError } from '../errors';

/**
 * A full table, as the real server reports it (ER_RECORD_FILE_FULL, 1114): a MEMORY table
 * capped by max_heap_table_size fills up as a capped tablespace or a full disk does. The sink
 * must wait for space, not set the record aside.
 */
let db: MigratedTestDatabase;

beforeAll(async () => {
  db = await createMigratedTestDatabase();
});

afterAll(async () => {
  await db?.close();
});

it('takes a full table for one that passes once space is freed, never for a bad record', async () => {
  const failure = await db.sequelize.transaction(async (transaction) => {
    // One connection (the transaction's) for the session variable and the temporary table.
    await db.sequelize.query('SET SESSION max_heap_table_size = 16384', { transaction });
    await db.sequelize.query(
      'CREATE TEMPORARY TABLE filling (id INT PRIMARY KEY, v VARCHAR(200)) ENGINE=MEMORY',
      { transaction },
    );
    for (let i = 0; i < 10_000; i++) {
      try {
        await db.sequelize.query('INSERT INTO filling VALUES (?, REPEAT(?, 200))', {
          replacements: [i, 'x'],
          transaction,
        });
      } catch (error) {
        return error;
      }
    }
    return undefined;
  });
  expect(failure).toBeDefined();
  expect(dbErrorKind(failure)).toBe('full');
  expect(isRetriableDbError(failure)).toBe(true);
  expect(dbFailureKind(failure)).toBe('transient');
  expect(asDatabaseError(failure)).toMatchObject({ retriable: true, code: 'database_transient' });
});
