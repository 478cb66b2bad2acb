import { createRunPhaseTracker } from './run-phase';

it('follows the polls until the kill: not started, running, ended', () => {
  const tracker = createRunPhaseTracker();
  expect(tracker.phase).toBe('not started');
  tracker.observe(false);
  expect(tracker.phase).toBe('not started');
  tracker.observe(true);
  expect(tracker.phase).toBe('running');
  tracker.observe(false);
  expect(tracker.phase).toBe('ended before the kill');
});

it('keeps the phase of the kill when a poll sent before it answers after it', () => {
  const tracker = createRunPhaseTracker();
  tracker.observe(true);
  // The watch saw the transaction open while a poll was in flight: the kill follows.
  expect(tracker.fix(true)).toBe('in its transaction');
  // The poll sent before the kill answers now, with the run still in flight.
  tracker.observe(true);
  expect(tracker.phase).toBe('in its transaction');
  tracker.observe(false);
  expect(tracker.phase).toBe('in its transaction');
  expect(tracker.fixed).toBe(true);
});

it('records a kill that came before the transaction opened as such', () => {
  const tracker = createRunPhaseTracker();
  tracker.observe(true);
  expect(tracker.fix(false)).toBe('running');
  tracker.observe(false);
  expect(tracker.phase).toBe('running');
});

it('does not call a run seen in its transaction by a later fix "running"', () => {
  const tracker = createRunPhaseTracker();
  tracker.observe(true);
  tracker.fix(true);
  expect(tracker.fix(false)).toBe('in its transaction');
});
