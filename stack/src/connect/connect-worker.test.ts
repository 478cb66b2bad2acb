import { propertiesText } from './connect-worker';

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
