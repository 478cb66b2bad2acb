import { loadConfig } from './config';

describe('ingest-api config', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config.http).toEqual({ port: 3000, apiToken: undefined });
    expect(config.kafka).toEqual({ brokers: ['127.0.0.1:9092'], clientId: 'ingest-api' });
    expect(config.registry.url).toBe('http://127.0.0.1:8081/apis/ccompat/v7');
    expect(config.topics.commands.name).toBe('nobel.commands');
    expect(config.log.level).toBe('info');
  });

  it('takes its settings from the environment', () => {
    const config = loadConfig({
      HTTP_PORT: '8080',
      API_TOKEN: 'a-long-enough-token',
      KAFKA_CLIENT_ID: 'api-1',
    });
    expect(config.http).toEqual({ port: 8080, apiToken: 'a-long-enough-token' });
    expect(config.kafka.clientId).toBe('api-1');
  });

  it('rejects a guessable token without echoing it', () => {
    expect(() => loadConfig({ API_TOKEN: 'short' })).toThrow(
      /API_TOKEN: expected at least 16 characters \(the value given is hidden\)/,
    );
  });
});
