import { loadConfig } from './config';

describe('sink config', () => {
  it('needs the database password and nothing else', () => {
    expect(() => loadConfig({})).toThrow(/^Invalid configuration:\n {2}DB_PASSWORD: required/);
    const config = loadConfig({ DB_PASSWORD: 'pw' });
    expect(config.db).toEqual({
      host: '127.0.0.1',
      port: 3306,
      database: 'nobel',
      user: 'nobel',
      password: 'pw',
    });
    expect(config.kafka.clientId).toBe('sink');
    expect(config.topics.prizes.name).toBe('nobel.prizes');
  });
});
