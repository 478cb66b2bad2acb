import type { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  commandAccepted,
  commandKey,
  createCodec,
  desiredStateOfRecord,
  loadContracts,
  type CommandType,
  type DesiredState,
  type FetcherCommand,
  createRegistryClient,
} from '@nobel-pipeline/schemas';
import { readCommitted } from '../check/topic-reader';

/** What ingest-api answered to one command. */
export interface CommandAnswer {
  type: CommandType;
  status: number;
  /** The command's id, from a 202's body. */
  commandId?: string;
  /** What went wrong on the client's side (a refused connection, a timeout). */
  error?: string;
}

const PATHS: Record<CommandType, string> = { START: '/start', STOP: '/stop', FETCH_NOW: '/fetch' };

/** POST /start, /stop or /fetch; a 202's body is checked against its contract. */
export async function postCommand(
  api: string,
  type: CommandType,
  intervalSeconds: number | null = null,
): Promise<CommandAnswer> {
  try {
    const response = await fetch(`${api}${PATHS[type]}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(intervalSeconds === null ? {} : { intervalSeconds }),
      signal: AbortSignal.timeout(30_000),
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status !== 202) return { type, status: response.status };
    return { type, status: 202, commandId: commandAccepted.parse(body).commandId };
  } catch (error) {
    return { type, status: 0, error: String(error) };
  }
}

export interface StoredCommand {
  key: string | undefined;
  command: FetcherCommand;
}

/**
 * A command as ingest-api writes it (key and registry-framed value), for a scenario that puts
 * one on the topic itself: encoded now, produced later (while the registry is down, say).
 */
export async function encodeCommand(
  registryUrl: string,
  topic: string,
  type: CommandType,
): Promise<{ commandId: string; message: { key: string; value: Buffer } }> {
  const encoder = createCodec({ registry: createRegistryClient({ url: registryUrl }) }).encoder(
    loadContracts().fetcherCommand,
    topic,
  );
  const commandId = randomUUID();
  const value = await encoder.encode({
    commandId,
    type,
    intervalSeconds: null,
    issuedAt: Date.now(),
    requestedBy: 'faults',
  });
  return { commandId, message: { key: commandKey(type), value } };
}

/** The commands on the topic, committed, in offset order (one partition per key). */
export async function readCommands(
  kafka: Kafka,
  registryUrl: string,
  topic: string,
): Promise<StoredCommand[]> {
  const decoder = createCodec({ registry: createRegistryClient({ url: registryUrl }) }).decoder(
    loadContracts().fetcherCommand,
  );
  const stored: StoredCommand[] = [];
  for (const record of await readCommitted(kafka, [topic]))
    stored.push({ key: record.key, command: await decoder.decode(record.value) });
  return stored;
}

/** The desired state the topic sets (schemas' rule: the latest record that sets one wins). */
export function desiredStateOfTopic(commands: readonly StoredCommand[]): DesiredState {
  let desired: DesiredState = { state: 'STOPPED' };
  for (const { key, command } of commands) desired = desiredStateOfRecord(key, command) ?? desired;
  return desired;
}

/** 202s whose command is not on the topic: acknowledged, then lost. */
export function lostCommands(
  answers: readonly CommandAnswer[],
  stored: readonly StoredCommand[],
): string[] {
  const onTopic = new Set(stored.map((s) => s.command.commandId));
  return answers.flatMap((a) =>
    a.commandId !== undefined && !onTopic.has(a.commandId) ? [a.commandId] : [],
  );
}

/** Runs whose recorded interval overlaps the one before it: [earlier, later] run ids. */
export function overlappingRuns(
  runs: readonly { runId: string; startedAt: number; finishedAt: number }[],
): [string, string][] {
  const sorted = [...runs].sort((a, b) => a.startedAt - b.startedAt);
  const overlaps: [string, string][] = [];
  let latest: { runId: string; finishedAt: number } | undefined;
  for (const run of sorted) {
    if (latest !== undefined && run.startedAt < latest.finishedAt)
      overlaps.push([latest.runId, run.runId]);
    if (latest === undefined || run.finishedAt > latest.finishedAt) latest = run;
  }
  return overlaps;
}

/** The failure a scenario reports for 202s whose command is not on the topic (none: []). */
export function lostCommandsFailures(lost: readonly string[]): string[] {
  if (lost.length === 0) return [];
  const named = lost.slice(0, 10).join(', ');
  return [
    `${lost.length} commands answered 202 are not on the topic: ${named}${lost.length > 10 ? ', …' : ''}`,
  ];
}
