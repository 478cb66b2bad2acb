import { uniqueDatabase, uniqueGroup, uniqueTopic } from './names';

describe('unique names', () => {
  it('never repeat', () => {
    const topics = new Set(Array.from({ length: 100 }, () => uniqueTopic('x')));
    expect(topics.size).toBe(100);
  });

  it('are valid Kafka topic and group names', () => {
    expect(uniqueTopic('prizes')).toMatch(/^test\.prizes\.[A-Za-z0-9._-]+$/);
    expect(uniqueGroup('sink')).toMatch(/^test-sink-[A-Za-z0-9-]+$/);
  });

  it('put databases inside the <db>_test_ pattern the application user may create', () => {
    expect(uniqueDatabase('nobel')).toMatch(/^nobel_test_[a-z0-9_]+$/);
    expect(uniqueDatabase('nobel').length).toBeLessThanOrEqual(64);
  });
});
