import type { FaultSpec } from '@nobel-pipeline/nobel-mirror';

/** A fault as POST /_admin/faults takes it: the mirror fills in the defaults. */
export type MirrorFault = Partial<FaultSpec> & Pick<FaultSpec, 'type'>;

/** The mirror's admin API (nobel-mirror/src/admin.ts), at the mirror the fetcher reads. */
export interface MirrorAdmin {
  /** Replaces the pending faults with these. */
  inject(faults: readonly MirrorFault[]): Promise<void>;
  clear(): Promise<void>;
}

/** `nobelApiUrl` is the fetcher's NOBEL_API_URL (…/2.1); /_admin is at the mirror's root. */
export function mirrorAdmin(nobelApiUrl: string): MirrorAdmin {
  const root = nobelApiUrl.replace(/\/2\.1\/?$/, '');
  async function call(method: string, body?: MirrorFault): Promise<void> {
    const response = await fetch(`${root}/_admin/faults`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok)
      throw new Error(
        `${method} ${root}/_admin/faults: HTTP ${response.status} ${await response.text()}`,
      );
  }
  return {
    async inject(faults) {
      await call('DELETE');
      for (const fault of faults) await call('POST', fault);
    },
    clear: () => call('DELETE'),
  };
}
