const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Below this, a duration keeps a tenth of a second: "1.2 s" says more than "1 s". */
const TENTHS_BELOW_MS = 10 * SECOND;

/**
 * A duration in words a person reads at a glance: "0.4 s", "12 s", "3 min 4 s", "2 h 5 min".
 * Negative durations (clocks a little apart) read as zero.
 */
export function formatDuration(ms: number): string {
  const safe = Math.max(0, ms);
  if (safe < TENTHS_BELOW_MS) return `${(Math.round(safe / 100) / 10).toFixed(1)} s`;
  const totalSeconds = Math.round(safe / SECOND);
  if (totalSeconds < 60) return `${totalSeconds} s`;
  if (safe < HOUR) {
    const minutes = Math.floor(totalSeconds / 60);
    const seconds = totalSeconds % 60;
    return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
  }
  const totalMinutes = Math.round(safe / MINUTE);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

/** Whole seconds in words, for countdowns that tick each second: "45 s", "4 min 5 s". */
export function formatWholeSeconds(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
  const minutes = Math.floor(s / 60);
  return minutes % 60 === 0
    ? `${minutes / 60} h`
    : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The time until `targetIso`: "in 4 min 5 s", or "due now" once it has passed. */
export function formatCountdown(targetIso: string, now: number): string {
  const target = Date.parse(targetIso);
  if (Number.isNaN(target)) return 'unknown';
  const seconds = (target - now) / SECOND;
  return seconds <= 0 ? 'due now' : `in ${formatWholeSeconds(seconds)}`;
}

/** How long ago something was read: "updated just now", "updated 7 s ago". */
export function formatUpdatedAgo(at: number, now: number): string {
  const seconds = Math.floor((now - at) / SECOND);
  return seconds < 1 ? 'updated just now' : `updated ${formatWholeSeconds(seconds)} ago`;
}

/** The milliseconds between two ISO instants, or null when either does not parse. */
export function durationBetween(startIso: string, endIso: string): number | null {
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  return Number.isNaN(start) || Number.isNaN(end) ? null : end - start;
}
