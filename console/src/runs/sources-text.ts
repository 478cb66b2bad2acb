import type { FetchRunView } from '@nobel-pipeline/schemas';

/**
 * What the run did per source, in words: "nobelPrizes 670 seen, 0 changed; laureates 992 seen,
 * 1 changed" (missing ones named when there are any). Empty for runs recorded before sources
 * were (FetchRun v1): their Seen/Changed/Missing are the prizes'.
 */
export function sourcesText(run: Pick<FetchRunView, 'sources'>): string {
  return run.sources
    .map((s) => {
      const missing = s.missing === 0 ? '' : `, ${s.missing} missing`;
      return `${s.source} ${s.seen} seen, ${s.changed} changed${missing}`;
    })
    .join('; ');
}
