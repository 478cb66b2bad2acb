import { loadConfig } from './config';

describe('fetcher config', () => {
  it('polls the real API every five minutes by default', () => {
    const config = loadConfig({});
    expect(config.nobelApi.url).toBe('https://api.nobelprize.org/2.1');
    expect(config.fetchIntervalSeconds).toBe(300);
    expect(config.kafka.clientId).toBe('fetcher');
  });

  it('accepts a mirror and another interval', () => {
    const config = loadConfig({
      NOBEL_API_URL: 'http://127.0.0.1:4000/2.1/',
      FETCH_INTERVAL_SECONDS: '60',
    });
    expect(config.nobelApi.url).toBe('http://127.0.0.1:4000/2.1');
    expect(config.fetchIntervalSeconds).toBe(60);
  });

  it('refuses an interval that would hammer the API', () => {
    expect(() => loadConfig({ FETCH_INTERVAL_SECONDS: '5' })).toThrow(
      /FETCH_INTERVAL_SECONDS: expected a whole number from 60 to 86400/,
    );
  });
});
