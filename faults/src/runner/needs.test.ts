import { unmetNeed, type StackFacts } from './needs';

const facts = (over: Partial<StackFacts> = {}): StackFacts => ({
  brokers: 1,
  pids: { kafka: 10, registry: 11, mariadb: 12 },
  snapshot: true,
  canMount: true,
  ...over,
});

describe('unmetNeed', () => {
  it('accepts what the stack offers', () => {
    expect(unmetNeed({}, facts())).toBeUndefined();
    expect(
      unmetNeed(
        { brokers: { min: 1, max: 1 }, ownedServers: ['kafka', 'mariadb'], snapshot: true },
        facts(),
      ),
    ).toBeUndefined();
    expect(unmetNeed({ brokers: { min: 1 } }, facts({ brokers: 3 }))).toBeUndefined();
  });

  it('says which broker count was needed and which was found', () => {
    expect(unmetNeed({ brokers: { min: 1, max: 1 } }, facts({ brokers: 3 }))).toBe(
      'needs exactly 1 broker; the cluster has 3',
    );
    expect(unmetNeed({ brokers: { min: 3 } }, facts())).toBe(
      'needs at least 3 brokers; the cluster has 1',
    );
    expect(unmetNeed({ brokers: { min: 2, max: 5 } }, facts())).toBe(
      'needs 2 to 5 brokers; the cluster has 1',
    );
  });

  it('skips a scenario that stops a server the stack does not run', () => {
    const external = facts({ pids: { kafka: 10, registry: 11, mariadb: undefined } });
    expect(unmetNeed({ ownedServers: ['mariadb'] }, external)).toMatch(
      /mariadb server the stack started itself.*external \(no pid\)/,
    );
    expect(unmetNeed({ ownedServers: ['kafka'] }, external)).toBeUndefined();
  });

  it('skips a scenario that needs the snapshot when it is absent', () => {
    expect(unmetNeed({ snapshot: true }, facts({ snapshot: false }))).toMatch(/snapshot/);
  });

  it('skips a scenario that mounts a filesystem when this process may not', () => {
    expect(unmetNeed({ mount: true }, facts({ canMount: false }))).toMatch(/tmpfs/);
    expect(unmetNeed({ mount: true }, facts())).toBeUndefined();
  });
});
