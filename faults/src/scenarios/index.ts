import type { Scenario } from './scenario';
import { brokerRestart } from './broker-restart';
import { commandStorm } from './command-storm';
import { leaderKillRun } from './leader-kill-run';
import { leaderKillSink } from './leader-kill-sink';
import { leaderMovesMidSend } from './leader-moves-mid-send';
import { leaderRestartPosts } from './leader-restart-posts';
import { mariadbDown } from './mariadb-down';
import { mariadbDiskFull } from './mariadb-disk-full';
import { mariadbFull } from './mariadb-full';
import { nobelApi } from './nobel-api';
import { registryDown } from './registry-down';
import { sinkKill } from './sink-kill';
import { sinkTwoInstances } from './sink-two-instances';

/** Every scenario, in the order the suite runs them (the most telling first). */
export const SCENARIOS: readonly Scenario[] = [
  sinkKill,
  commandStorm,
  registryDown,
  mariadbDown,
  mariadbFull,
  mariadbDiskFull,
  brokerRestart,
  nobelApi,
  sinkTwoInstances,
  leaderKillSink,
  leaderKillRun,
  leaderMovesMidSend,
  leaderRestartPosts,
];

export type { Scenario, ScenarioContext, ScenarioOutcome } from './scenario';
