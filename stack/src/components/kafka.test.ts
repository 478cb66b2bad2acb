import { loadStackConfig } from '../config';
import { clusterId, kafkaLayout, kafkaNodeName, serverProperties } from './kafka';

function properties(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('serverProperties', () => {
  it('describes a single-node KRaft broker and controller on the configured addresses', () => {
    const config = loadStackConfig(
      {
        DB_MIGRATE_PASSWORD: 'x',
        DB_SINK_PASSWORD: 'x',
        DB_API_PASSWORD: 'x',
        KAFKA_BROKERS: '127.0.0.1:19092',
        STACK_KAFKA_CONTROLLER_PORT: '19093',
      },
      '/r',
    );
    const [node] = config.kafka.nodes;
    if (node === undefined) throw new Error('no node');
    const p = properties(serverProperties(config, node, '/r/.stack/data/kafka'));
    expect(p['process.roles']).toBe('broker,controller');
    expect(p['controller.quorum.voters']).toBe('1@127.0.0.1:19093');
    expect(p.listeners).toBe('PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093');
    expect(p['advertised.listeners']).toBe('PLAINTEXT://127.0.0.1:19092');
    expect(p['log.dirs']).toBe('/r/.stack/data/kafka');
    expect(p['auto.create.topics.enable']).toBe('false');
    expect(p['group.initial.rebalance.delay.ms']).toBe('0');
    for (const key of [
      'offsets.topic.replication.factor',
      'transaction.state.log.replication.factor',
      'transaction.state.log.min.isr',
    ]) {
      expect(p[key]).toBe('1');
    }
    expect(kafkaNodeName(config, node)).toBe('kafka');
    expect(kafkaLayout(config, node).pidFile).toBe('/r/.stack/run/kafka.pid');
  });

  it('describes each node of a three-node cluster: one quorum, three copies, two acknowledged', () => {
    const config = loadStackConfig(
      {
        DB_MIGRATE_PASSWORD: 'x',
        DB_SINK_PASSWORD: 'x',
        DB_API_PASSWORD: 'x',
        STACK_KAFKA_BROKERS: '3',
      },
      '/r',
    );
    const second = config.kafka.nodes[1];
    if (second === undefined) throw new Error('no second node');
    const p = properties(serverProperties(config, second, '/r/.stack/data/kafka-2'));
    expect(p['node.id']).toBe('2');
    expect(p['controller.quorum.voters']).toBe(
      '1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097',
    );
    expect(p.listeners).toBe('PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095');
    expect(p['advertised.listeners']).toBe('PLAINTEXT://127.0.0.1:9094');
    expect(p['default.replication.factor']).toBe('3');
    expect(p['min.insync.replicas']).toBe('2');
    expect(p['offsets.topic.replication.factor']).toBe('3');
    expect(p['transaction.state.log.replication.factor']).toBe('3');
    expect(p['transaction.state.log.min.isr']).toBe('2');
    expect(p['unclean.leader.election.enable']).toBe('false');
    expect(kafkaNodeName(config, second)).toBe('kafka-2');
    const layout = kafkaLayout(config, second);
    expect(layout.dataDir).toBe('/r/.stack/data/kafka-2');
    expect(layout.pidFile).toBe('/r/.stack/run/kafka-2.pid');
    expect(layout.logFile).toBe('/r/.stack/logs/kafka-2.log');
    expect(layout.marker).toBe('-Dnobel.stack.kafka-2=/r/.stack');
  });
});

describe('clusterId', () => {
  it("is Kafka's 22-character base64url id, never one the storage tool reads as an option", () => {
    // 0xf8 makes the first base64url character '-' (62).
    const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0x01)];
    const id = clusterId(() => draws.shift() ?? Buffer.alloc(16));
    expect(draws).toEqual([]);
    expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    expect(Buffer.alloc(16, 0xf8).toString('base64url').startsWith('-')).toBe(true);
  });
});
