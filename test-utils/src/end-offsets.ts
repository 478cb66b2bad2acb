import { connect, type Socket } from 'node:net';
import type { Admin } from 'kafkajs';

/**
 * A partition's two end offsets: where a read_committed reader stops (the last stable offset,
 * held back by the first record of a transaction not yet decided on the partition) and where a
 * read_uncommitted one does (the high watermark). They differ while a transaction has records
 * on the partition and no marker there yet: open, or committed or aborted by its coordinator
 * with the marker still to be written (the coordinator answers the commit first).
 */
export interface EndOffsets {
  committed: bigint;
  uncommitted: bigint;
}

/** A broker's address as the cluster's metadata gives it. */
export interface BrokerAddress {
  nodeId: number;
  host: string;
  port: number;
}

/**
 * Asks one broker for partitions' end offsets, over a connection of its own, with Kafka's
 * ListOffsets request (version 2, the first with an isolation level).
 *
 * Why not kafkajs: its admin asks read_committed only, and a read_uncommitted *consumer* in a
 * process that also injects faults is what hung the fault suite: kafkajs 2.2.4's fetch loop
 * spins on microtasks once a killed broker leaves its broker pool (tulios/kafkajs#1384), and
 * no timer of that process fires again. This reader does one request at a time and nothing
 * in the background: a dead broker fails its call, and that is all.
 */
export interface EndOffsetReader {
  read(topic: string, partition: number): Promise<EndOffsets>;
  close(): void;
}

const LIST_OFFSETS = 2;
const VERSION = 2;
const LATEST = -1n;
const READ_UNCOMMITTED = 0;
const READ_COMMITTED = 1;

function kafkaString(value: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  const length = Buffer.alloc(2);
  length.writeInt16BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** A whole ListOffsets v2 request, its size prefix included, for one partition's latest offset. */
export function encodeListOffsets(request: {
  correlationId: number;
  clientId: string;
  isolation: 'committed' | 'uncommitted';
  topic: string;
  partition: number;
}): Buffer {
  const header = Buffer.alloc(8);
  header.writeInt16BE(LIST_OFFSETS, 0);
  header.writeInt16BE(VERSION, 2);
  header.writeInt32BE(request.correlationId, 4);
  const body = Buffer.alloc(9);
  body.writeInt32BE(-1, 0); // replica id: a client, not a follower
  body.writeInt8(request.isolation === 'committed' ? READ_COMMITTED : READ_UNCOMMITTED, 4);
  body.writeInt32BE(1, 5); // one topic
  const partitions = Buffer.alloc(16);
  partitions.writeInt32BE(1, 0); // one partition
  partitions.writeInt32BE(request.partition, 4);
  partitions.writeBigInt64BE(LATEST, 8);
  const payload = Buffer.concat([
    header,
    kafkaString(request.clientId),
    body,
    kafkaString(request.topic),
    partitions,
  ]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);
  return Buffer.concat([size, payload]);
}

/**
 * The offset in a ListOffsets v2 response (without its size prefix) for the partition asked.
 * A broker's error code, or a response that is not for that partition, is thrown.
 */
export function decodeListOffsets(
  response: Buffer,
  expected: { correlationId: number; topic: string; partition: number },
): bigint {
  let at = 0;
  const need = (bytes: number) => {
    if (at + bytes > response.length)
      throw new Error(`a ListOffsets response cut short (${response.length} bytes)`);
  };
  const int16 = () => (need(2), (at += 2), response.readInt16BE(at - 2));
  const int32 = () => (need(4), (at += 4), response.readInt32BE(at - 4));
  const int64 = () => (need(8), (at += 8), response.readBigInt64BE(at - 8));
  const string = () => {
    const length = int16();
    need(length);
    at += length;
    return response.toString('utf8', at - length, at);
  };
  const correlationId = int32();
  if (correlationId !== expected.correlationId)
    throw new Error(`a response to request ${correlationId}, not ${expected.correlationId}`);
  int32(); // throttle time
  for (let topics = int32(); topics > 0; topics -= 1) {
    const topic = string();
    for (let partitions = int32(); partitions > 0; partitions -= 1) {
      const partition = int32();
      const errorCode = int16();
      int64(); // timestamp
      const offset = int64();
      if (topic !== expected.topic || partition !== expected.partition) continue;
      if (errorCode !== 0)
        throw new Error(`ListOffsets ${topic}/${partition}: the broker's error code ${errorCode}`);
      return offset;
    }
  }
  throw new Error(`a ListOffsets response without ${expected.topic}/${expected.partition}`);
}

/** The broker that leads a partition now, with its address (as the metadata says). */
export async function leaderAddress(
  admin: Admin,
  topic: string,
  partition: number,
): Promise<BrokerAddress> {
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
  const leader = metadata.topics[0]?.partitions.find((p) => p.partitionId === partition)?.leader;
  if (leader === undefined || leader < 0) throw new Error(`${topic}/${partition} has no leader`);
  const broker = (await admin.describeCluster()).brokers.find((b) => b.nodeId === leader);
  if (broker === undefined) throw new Error(`the leader of ${topic}/${partition} is not listed`);
  return broker;
}

/**
 * A reader of end offsets from one broker (the partitions' leader: any other answers with
 * NOT_LEADER_OR_FOLLOWER, error code 6, thrown). A call makes two requests, one after the
 * other, and waits at most `timeoutMs` for each answer; calls are made one at a time, in order.
 */
export function createEndOffsetReader(
  address: BrokerAddress,
  options: { clientId?: string; timeoutMs?: number } = {},
): EndOffsetReader {
  const clientId = options.clientId ?? 'end-offsets';
  const timeoutMs = options.timeoutMs ?? 5000;
  let socket: Socket | undefined;
  let correlationId = 0;
  let closed = false;
  // One call at a time: a call waits for the one before it.
  let queue: Promise<unknown> = Promise.resolve();

  function open(): Socket {
    if (closed) throw new Error('the end offset reader is closed');
    if (socket !== undefined && !socket.destroyed) return socket;
    socket = connect({ host: address.host, port: address.port });
    socket.setNoDelay(true);
    // An error between calls (the broker killed) is for the next call to meet, as a failed
    // write or a closed socket: without a listener, it would crash the process.
    socket.on('error', () => undefined);
    return socket;
  }

  /** Sends one request and resolves with its response's bytes (size prefix removed). */
  function exchange(request: Buffer): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      const s = open();
      let received = Buffer.alloc(0);
      const done = (error: Error | undefined, response?: Buffer) => {
        clearTimeout(timer);
        s.off('data', onData);
        s.off('error', onError);
        s.off('close', onClose);
        if (error !== undefined) {
          s.destroy();
          reject(error);
        } else if (response !== undefined) resolve(response);
      };
      const onData = (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        if (received.length < 4) return;
        const size = received.readInt32BE(0);
        if (received.length >= 4 + size) done(undefined, received.subarray(4, 4 + size));
      };
      const onError = (error: Error) =>
        done(
          new Error(`broker ${address.nodeId} (${address.host}:${address.port}): ${error.message}`),
        );
      const onClose = () =>
        done(new Error(`broker ${address.nodeId} closed the connection before answering`));
      const timer = setTimeout(
        () => done(new Error(`broker ${address.nodeId} did not answer in ${timeoutMs} ms`)),
        timeoutMs,
      );
      s.on('data', onData);
      s.on('error', onError);
      s.on('close', onClose);
      s.write(request);
    });
  }

  async function offset(
    isolation: 'committed' | 'uncommitted',
    topic: string,
    partition: number,
  ): Promise<bigint> {
    correlationId = (correlationId + 1) % 0x7fffffff;
    const request = { correlationId, clientId, isolation, topic, partition };
    const response = await exchange(encodeListOffsets(request));
    return decodeListOffsets(response, request);
  }

  async function read(topic: string, partition: number): Promise<EndOffsets> {
    if (closed) throw new Error('the end offset reader is closed');
    // The high watermark first: committed < uncommitted then means that a record below the
    // watermark was still undecided when the second answer came, so a transaction was open
    // then. (The other order would show a transaction committed between the two as open.)
    const uncommitted = await offset('uncommitted', topic, partition);
    const committed = await offset('committed', topic, partition);
    return { committed, uncommitted };
  }

  return {
    read(topic, partition) {
      const next = queue.then(
        () => read(topic, partition),
        () => read(topic, partition),
      );
      queue = next.catch(() => undefined);
      return next;
    },
    close() {
      closed = true;
      socket?.destroy();
    },
  };
}
