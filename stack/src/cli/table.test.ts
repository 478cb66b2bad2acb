import { columns, statusTable } from './table';

describe('tables', () => {
  it('aligns columns', () => {
    expect(
      columns([
        ['a', 'bb'],
        ['ccc', 'd'],
      ]),
    ).toBe('a    bb\nccc  d');
  });

  it('shows each component with its state and a note for what is wrong', () => {
    const text = statusTable([
      {
        name: 'kafka',
        up: true,
        address: '127.0.0.1:9092',
        version: '4.1.2',
        owner: 'stack',
        log: '.stack/logs/kafka.log',
      },
      {
        name: 'registry',
        up: false,
        address: 'http://x',
        version: undefined,
        owner: undefined,
        log: undefined,
        detail: 'not running',
      },
    ]);
    expect(text.split('\n')[1]).toMatch(
      /^kafka\s+up\s+127\.0\.0\.1:9092\s+4\.1\.2\s+stack\s+\.stack\/logs\/kafka\.log$/,
    );
    expect(text.split('\n')[2]).toMatch(/^registry\s+DOWN\s+http:\/\/x\s+-\s+-\s+-$/);
    expect(text).toContain('  registry: not running');
  });
});
