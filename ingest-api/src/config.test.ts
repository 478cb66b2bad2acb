import { loadConfig } from './config';

const required = { DB_API_PASSWORD: 'pw' };

describe('ingest-api config', () => {
  it('has working defaults', () => {
    const config = loadConfig(required);
    expect(config.http).toEqual({ port: 3000, apiToken: undefined, allowedOrigins: [] });
    expect(config.listenHost).toBe('127.0.0.1');
    expect(config.kafka).toEqual({ brokers: ['127.0.0.1:9092'], clientId: 'ingest-api' });
    expect(config.registry.url).toBe('http://127.0.0.1:8081/apis/ccompat/v7');
    expect(config.topics.commands.name).toBe('nobel.commands');
    expect(config.db).toEqual({
      host: '127.0.0.1',
      port: 3306,
      database: 'nobel',
      user: 'nobel_api',
      password: 'pw',
    });
    expect(config.fetchIntervalSeconds).toBe(300);
    expect(config.sinkGroupId).toBe('sink');
    expect(config.log.level).toBe('info');
  });

  it('takes its settings from the environment', () => {
    const config = loadConfig({
      ...required,
      HTTP_PORT: '8080',
      API_TOKEN: 'a-long-enough-token',
      KAFKA_CLIENT_ID: 'api-1',
      HTTP_HOST: '0.0.0.0',
      HTTP_ALLOWED_ORIGINS: 'https://console.example.org, http://10.0.0.5:8080',
    });
    expect(config.http).toEqual({
      port: 8080,
      apiToken: 'a-long-enough-token',
      allowedOrigins: ['https://console.example.org', 'http://10.0.0.5:8080'],
    });
    expect(config.listenHost).toBe('0.0.0.0');
    expect(config.kafka.clientId).toBe('api-1');
  });

  it('rejects a guessable token without echoing it', () => {
    expect(() => loadConfig({ ...required, API_TOKEN: 'short' })).toThrow(
      /API_TOKEN: expected at least 16 characters \(the value given is hidden\)/,
    );
  });

  it('refuses an origin that is not scheme://host[:port], and an address that is not one', () => {
    expect(() =>
      loadConfig({ ...required, HTTP_ALLOWED_ORIGINS: 'console.example.org', HTTP_HOST: 'a b' }),
    ).toThrow(/HTTP_HOST: expected an address[\s\S]*HTTP_ALLOWED_ORIGINS: expected origins/);
  });

  it('needs the database password for the read endpoints', () => {
    expect(() => loadConfig({})).toThrow(/DB_API_PASSWORD: required/);
  });
});
