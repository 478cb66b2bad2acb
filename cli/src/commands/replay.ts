import type { Command } from 'commander';
import type { Admin } from 'kafkajs';
import { consumerLag } from '@nobel-pipeline/common';
import type { CliDeps } from '../deps';
import { RefusedError, UnavailableError, UsageError } from '../errors';
import { parseReplayArgs, type ReplayArgs, type ReplayOptions } from '../replay/args';
import { followLag } from '../replay/follow';
import {
  describeMembers,
  groupActivity,
  membersRefusal,
  waitForEmptyGroup,
  type GroupActivity,
} from '../replay/group';
import { applyPlan, readPlan } from '../replay/offsets';
import { clampNotes, isNoop, skipProblem, type Plan } from '../replay/plan';
import { planJson, planText, replayedCount, summaryJson, summaryText } from '../replay/report';
import { countRows, type RowCountsResult } from '../replay/row-counts';
import { REPLAY_TIMING, type ReplayTiming } from '../replay/timing';

async function connectAdmin(deps: CliDeps): Promise<Admin> {
  const admin = deps.kafka().admin();
  try {
    await admin.connect();
  } catch (error) {
    throw new UnavailableError('Kafka', error);
  }
  return admin;
}

function showPlan(deps: CliDeps, args: ReplayArgs, plan: Plan, counts: RowCountsResult): void {
  for (const note of clampNotes(plan)) deps.out.note(note);
  deps.out.line(args.json ? planJson(plan, counts, args.dryRun) : planText(plan, counts));
}

/** What a dry run says about the apply it did not do. */
function dryRunNotes(deps: CliDeps, args: ReplayArgs, plan: Plan, activity: GroupActivity): void {
  deps.out.note('dry run: nothing was changed');
  if (activity.busy)
    deps.out.note(
      `applying now would be refused: ${describeMembers(args.groupId, activity)} (stop the sink first)`,
    );
  const problem = skipProblem(plan);
  if (problem !== undefined) deps.out.note(`applying would be refused: ${problem}`);
}

/** setOffsets; a member that joined since the check makes it a refusal, not a crash. */
async function apply(admin: Admin, plan: Plan, describe: () => Promise<GroupActivity>) {
  try {
    await applyPlan(admin, plan);
  } catch (error) {
    const activity = await describe();
    if (activity.busy) throw membersRefusal(plan.groupId, activity);
    throw error;
  }
}

async function follow(
  deps: CliDeps,
  args: ReplayArgs,
  plan: Plan,
  admin: Admin,
  before: RowCountsResult,
  timing: ReplayTiming,
): Promise<void> {
  const started = timing.now();
  deps.out.note(
    `offsets set: ${plan.totalToReplay} record(s) to replay; waiting for the group's consumers (start the sink)`,
  );
  const result = await followLag({
    readLag: () => consumerLag(admin, plan.groupId, [plan.topic]),
    progress: (text) => deps.out.progress(text),
    endProgress: () => deps.out.endProgress(),
    interrupted: deps.interrupted,
    timing,
  });
  if (!result.done) {
    deps.out.note(
      `interrupted: ${result.left ?? 'an unknown number of'} records left; the replay goes on in the sink`,
    );
    if (args.json)
      deps.out.line(JSON.stringify({ type: 'interrupted', left: result.left ?? null }));
    return;
  }
  const tookMs = timing.now() - started;
  const after = await countRows({
    db: deps.config.db,
    connectTimeoutMs: timing.dbConnectTimeoutMs,
  });
  const summary = { plan, replayed: replayedCount(plan, result.lags), tookMs, before, after };
  deps.out.line(args.json ? summaryJson(summary) : summaryText(summary));
}

async function replay(deps: CliDeps, args: ReplayArgs, timing: ReplayTiming): Promise<void> {
  const admin = await connectAdmin(deps);
  try {
    if (!(await admin.listTopics()).includes(args.topic))
      throw new UsageError(`--topic: topic ${args.topic} does not exist`);
    const describe = async () =>
      groupActivity((await admin.describeGroups([args.groupId])).groups[0]);
    if (!args.dryRun)
      await waitForEmptyGroup({
        groupId: args.groupId,
        describe,
        waitSeconds: args.waitForMembersSeconds,
        timing,
        interrupted: deps.interrupted,
        onWaiting: (text) => deps.out.note(text),
      });
    const before = await countRows({
      db: deps.config.db,
      connectTimeoutMs: timing.dbConnectTimeoutMs,
    });
    const plan = await readPlan(admin, args);
    showPlan(deps, args, plan, before);
    if (args.dryRun) return dryRunNotes(deps, args, plan, await describe());
    const problem = skipProblem(plan);
    if (problem !== undefined) throw new RefusedError(problem);
    if (isNoop(plan)) return deps.out.note('nothing to do: the group is already at those offsets');
    deps.out.note('setting the offsets (Kafka takes a few seconds)');
    await apply(admin, plan, describe);
    if (args.follow) return await follow(deps, args, plan, admin, before, timing);
    deps.out.note(
      `offsets set: the group will read ${plan.totalToReplay} record(s) again when its consumers start (nobel status shows its lag)`,
    );
    if (args.json)
      deps.out.line(JSON.stringify({ type: 'applied', totalToReplay: plan.totalToReplay }));
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * nobel replay: rewinds a consumer group (the sink's by default) on a topic, once its members
 * have left, and follows it as it reads the records again. `timing` is for tests: faster polls.
 */
export function registerReplay(
  program: Command,
  deps: CliDeps,
  timing: Partial<ReplayTiming> = {},
): void {
  program
    .command('replay')
    .description(
      "rewind a consumer group (the sink's) on a topic and follow it as it reads the records again",
    )
    .option('--group <id>', 'the consumer group (default: SINK_GROUP_ID)')
    .option('--topic <name>', 'the topic (default: TOPIC_PRIZES)')
    .option('--to-earliest', 'rewind to the first record still on the topic')
    .option('--to-datetime <ISO-8601>', 'rewind to the first record at or after this instant')
    .option('--to-offset <n>', 'rewind every partition to offset n (clamped to what exists)')
    .option('--dry-run', 'show the plan and change nothing')
    .option('--wait-for-members <seconds>', "wait up to this long for the group's members to leave")
    .option('--no-follow', 'set the offsets and return, without following the lag')
    .option('--json', 'print the plan and the summary as JSON lines')
    .addHelpText(
      'after',
      '\nThe group must be empty (the sink stopped). A replay only goes back: a target past records the group has not read yet is refused (exit 3).\nRows are newer-wins: a replay never duplicates or regresses them.',
    )
    .action(async (options: ReplayOptions) =>
      replay(
        deps,
        parseReplayArgs(options, {
          groupId: deps.config.sinkGroupId,
          topic: deps.config.topics.prizes.name,
        }),
        { ...REPLAY_TIMING, ...timing },
      ),
    );
}
