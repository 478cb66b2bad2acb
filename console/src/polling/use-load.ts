import { useEffect, useState } from 'preact/hooks';
import type { ApiFailure, ApiResult } from '../api/result';

export type Loaded<T> =
  { state: 'loading' } | { state: 'ok'; data: T } | { state: 'failed'; failure: ApiFailure };

/** Loads a resource once per key (a prize's id): a page that does not change while read. */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<ApiResult<T>>,
  key: string,
): Loaded<T> {
  const [loaded, setLoaded] = useState<{ key: string; value: Loaded<T> }>({
    key,
    value: { state: 'loading' },
  });
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (result) =>
        setLoaded({
          key,
          value: result.ok
            ? { state: 'ok', data: result.body }
            : { state: 'failed', failure: result.failure },
        }),
      (error: unknown) => {
        // Aborted because the key changed or the page left: nothing to show.
        if (!controller.signal.aborted) throw error;
      },
    );
    return () => controller.abort();
    // The key names what load asks for: a new load for the same key asks the same.
  }, [key]);
  return loaded.key === key ? loaded.value : { state: 'loading' };
}
