/**
 * The API token, kept for this tab only: sessionStorage is cleared when the tab closes, so a
 * token typed on a shared machine does not outlive the session (never localStorage).
 */
export interface TokenStore {
  read(): string;
  write(token: string): void;
  forget(): void;
}

const KEY = 'nobel-console.api-token';

/** Storage may be missing or refuse access (privacy settings): the token then lives in memory only. */
export function createTokenStore(
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null,
): TokenStore {
  function attempt<T>(action: () => T, fallback: T): T {
    try {
      return storage === null ? fallback : action();
    } catch {
      return fallback;
    }
  }
  return {
    read: () => attempt(() => storage?.getItem(KEY) ?? '', ''),
    write: (token) =>
      attempt(
        () => (token === '' ? storage?.removeItem(KEY) : storage?.setItem(KEY, token)),
        undefined,
      ),
    forget: () => attempt(() => storage?.removeItem(KEY), undefined),
  };
}
