import { ConnectionRefusedError } from 'sequelize';
import { asDatabaseError, DatabaseError, dbErrorKind, isRetriableDbError } from './errors';

const driver = (errno: number, sqlState: string) =>
  Object.assign(new Error(`errno ${errno}`), { parent: { errno, sqlState } });

describe('database errors', () => {
  it('say whether they may pass, with a stable code, and keep the driver error as cause', () => {
    const down = asDatabaseError(
      new ConnectionRefusedError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })),
    );
    expect(down).toBeInstanceOf(DatabaseError);
    expect(down).toMatchObject({ retriable: true, code: 'database_unreachable' });
    const deadlock = asDatabaseError(driver(1213, '40001'));
    expect(deadlock).toMatchObject({ retriable: true, code: 'database_transient' });
    expect(dbErrorKind(deadlock)).toBe('deadlock');
    const readOnly = asDatabaseError(driver(1290, 'HY000'));
    expect(isRetriableDbError(readOnly)).toBe(true);
    const outOfRange = asDatabaseError(driver(1264, '22003'));
    expect(outOfRange).toMatchObject({ retriable: false, code: 'database_other' });
    expect((outOfRange as DatabaseError).cause).toBeInstanceOf(Error);
  });

  it('say that a schema not migrated, a grant missing or no database may pass: an operator fixes them, not the record', () => {
    for (const [errno, kind] of [
      [1146, 'not_migrated'],
      [1054, 'not_migrated'],
      [1142, 'access_denied'],
      [1049, 'no_database'],
    ] as const) {
      const error = asDatabaseError(driver(errno, '42000'));
      expect(error).toMatchObject({ retriable: true, code: `database_${kind}` });
      expect(dbErrorKind(error)).toBe(kind);
    }
  });

  it('let a bug of ours through unchanged', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    expect(asDatabaseError(bug)).toBe(bug);
  });
});
