import { javaStringHash, offsetsPartitionOf } from './group-coordinator';

describe('javaStringHash', () => {
  it("is Java's String.hashCode, 32-bit overflow included", () => {
    // Values as Java prints them.
    expect(javaStringHash('')).toBe(0);
    expect(javaStringHash('abc')).toBe(96354);
    expect(javaStringHash('hello')).toBe(99162322);
    expect(javaStringHash('polygenelubricants')).toBe(-2147483648);
    expect(javaStringHash('nobel-sink')).toBe(-1623282152);
  });
});

describe('offsetsPartitionOf', () => {
  it("is Kafka's Utils.abs(hashCode) % partitions, not the sign bit cleared", () => {
    expect(offsetsPartitionOf('abc', 50)).toBe(96354 % 50);
    // A group a Kafka 4.1 cluster of 50 offsets partitions placed on partition 2 (its
    // coordinator, read with the Java admin client, led that partition).
    expect(offsetsPartitionOf('test-faults-leader-kill-run-sink-9395-mx49p574-07038c78', 50)).toBe(
      1887027002 % 50,
    );
    expect(offsetsPartitionOf('nobel-sink', 50)).toBe(1623282152 % 50);
    // Math.abs cannot negate the smallest int: Kafka takes it as 0.
    expect(offsetsPartitionOf('polygenelubricants', 50)).toBe(0);
  });
});
