import { columns, partitionsTable, statusTable } from './table';

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

  it("shows each partition's leader and replicas by node, and what is not in sync", () => {
    const name = (id: number) => `kafka-${id}`;
    const text = partitionsTable(
      [
        { topic: 'nobel.prizes', partition: 0, leader: 2, replicas: [2, 3, 1], isr: [2, 3, 1] },
        { topic: 'nobel.prizes', partition: 1, leader: 3, replicas: [3, 1, 2], isr: [3, 2] },
        { topic: 'nobel.runs', partition: 0, leader: -1, replicas: [1], isr: [] },
      ],
      name,
    );
    expect(text.split('\n')).toEqual([
      'TOPIC         PARTITION  LEADER   REPLICAS                 IN SYNC',
      'nobel.prizes  0          kafka-2  kafka-2,kafka-3,kafka-1  all',
      'nobel.prizes  1          kafka-3  kafka-3,kafka-1,kafka-2  kafka-3,kafka-2 (behind: kafka-1)',
      'nobel.runs    0          NONE     kafka-1                  none (behind: kafka-1)',
    ]);
  });
});
