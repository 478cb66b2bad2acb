import { useEffect, useState } from 'preact/hooks';

/** The current time, updated every `periodMs`: what countdowns and "updated 3 s ago" tick on. */
export function useNow(periodMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), periodMs);
    return () => window.clearInterval(timer);
  }, [periodMs]);
  return now;
}
