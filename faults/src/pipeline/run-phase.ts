/** Where a fetch run was when a scenario's kill came. */
export type RunPhase = 'not started' | 'running' | 'in its transaction' | 'ended before the kill';

/**
 * The phase of the run a kill is aimed at, from two sources that answer at their own pace:
 * polls of the fetcher's status (a run in flight or not) and a watch for its transaction.
 * `fix` records the phase at the kill; a poll answered after it changes nothing. (A poll in
 * flight when the watch saw the transaction once set the phase back to "running" after the
 * kill, and the scenario failed a kill that had met the transaction.)
 */
export interface RunPhaseTracker {
  readonly phase: RunPhase;
  readonly fixed: boolean;
  /** A poll's answer: is a run in flight? Ignored once the phase is fixed. */
  observe(running: boolean): void;
  /** The phase at the kill: in its transaction if the watch saw it open. */
  fix(transactionOpen: boolean): RunPhase;
}

export function createRunPhaseTracker(): RunPhaseTracker {
  let phase: RunPhase = 'not started';
  let fixed = false;
  return {
    get phase() {
      return phase;
    },
    get fixed() {
      return fixed;
    },
    observe(running) {
      if (fixed) return;
      if (running) phase = 'running';
      else if (phase === 'running') phase = 'ended before the kill';
    },
    fix(transactionOpen) {
      if (!fixed && transactionOpen) phase = 'in its transaction';
      fixed = true;
      return phase;
    },
  };
}
