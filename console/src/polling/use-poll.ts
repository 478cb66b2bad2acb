import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiFailure, ApiResult } from '../api/result';
import { createPoller, type Poller } from './poller';

/** The last good answer of a polled resource and whether the latest request failed. */
export interface Polled<T> {
  data: T | null;
  /** When the last good answer came (Date.now()), null before the first. */
  updatedAt: number | null;
  /** The latest request's failure, null once a request succeeds again. */
  failure: ApiFailure | null;
  /** Asks again at once (after a command, say). */
  refresh: () => void;
}

interface Answer<T> {
  key: string;
  data: T | null;
  updatedAt: number | null;
  failure: ApiFailure | null;
}

/**
 * Polls a resource every `intervalMs` while the tab is visible. `key` names what is asked
 * (the filters of a list): when it changes the resource is asked again at once, and answers
 * to the previous key are forgotten.
 */
export function usePoll<T>(
  load: (signal: AbortSignal) => Promise<ApiResult<T>>,
  intervalMs: number,
  key = '',
): Polled<T> {
  const empty: Answer<T> = { key, data: null, updatedAt: null, failure: null };
  // (Answers are kept with the key they answer, so that a list never shows another filter's.)
  const [answer, setAnswer] = useState<Answer<T>>(empty);
  // The poller calls the latest load, whose closure knows the current key.
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyRef = useRef(key);
  const pollerRef = useRef<Poller | null>(null);

  useEffect(() => {
    const poller = createPoller({
      load: async (signal) => ({ key: keyRef.current, result: await loadRef.current(signal) }),
      intervalMs,
      onResult: ({ key: askedFor, result }) =>
        setAnswer((previous) =>
          result.ok
            ? { key: askedFor, data: result.body, updatedAt: Date.now(), failure: null }
            : {
                ...(previous.key === askedFor ? previous : empty),
                key: askedFor,
                failure: result.failure,
              },
        ),
    });
    pollerRef.current = poller;
    const onVisibility = () => (document.hidden ? poller.stop() : poller.start());
    document.addEventListener('visibilitychange', onVisibility);
    onVisibility();
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      poller.dispose();
    };
    // The poller lives as long as the component: load and key are read through refs.
  }, [intervalMs]);

  useEffect(() => {
    if (keyRef.current === key) return;
    keyRef.current = key;
    pollerRef.current?.refresh();
  }, [key]);

  const current = answer.key === key ? answer : empty;
  return { ...current, refresh: () => pollerRef.current?.refresh() };
}
