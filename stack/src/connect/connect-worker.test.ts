import { failureOf, propertiesText } from './connect-worker';

describe('propertiesText', () => {
  it('writes one key=value line per property, backslashes escaped', () => {
    expect(propertiesText({ 'tasks.max': 3, 'plugin.path': 'C:\\plugins', topics: 'a.b' })).toBe(
      'tasks.max=3\nplugin.path=C:\\\\plugins\ntopics=a.b\n',
    );
  });

  it('refuses a value of more than one line, which would set another property', () => {
    expect(() => propertiesText({ 'connection.password': 'x\nconnector.class=Evil' })).toThrow(
      /connection.password: a value must be one line/,
    );
  });
});

describe('propertiesText, beyond ASCII', () => {
  it('escapes what ISO-8859-1 would misread', () => {
    expect(propertiesText({ 'connection.password': 'pässwörd€' })).toBe(
      'connection.password=p\\u00e4ssw\\u00f6rd\\u20ac\n',
    );
  });
});

describe('failureOf', () => {
  it('names the failed connector or task, with its trace, and nothing while all run', () => {
    const running = { connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'RUNNING' }] };
    expect(failureOf(running)).toBeUndefined();
    expect(
      failureOf({
        ...running,
        tasks: [...running.tasks, { id: 1, state: 'FAILED', trace: 'boom' }],
      }),
    ).toBe('task 1 failed: boom');
    expect(failureOf({ connector: { state: 'FAILED' }, tasks: [] })).toBe(
      'the connector failed: (no trace)',
    );
  });
});
