import type { PrizePage } from '@nobel-pipeline/schemas';
import { useNow } from '../polling/use-now';
import { formatUpdatedAgo } from '../format/duration';
import { countOf } from '../format/time';
import { Failure } from '../app/Failure';
import type { ApiClient } from '../app/api-client';
import { usePoll } from '../polling/use-poll';
import { prizesHash } from '../routing/route';
import { neighbourOffsets, pageText, prizesApiPath, type PrizeFilters } from './filters';
import { PrizeFiltersForm } from './PrizeFiltersForm';
import { PrizesTable } from './PrizesTable';

/** Read again while shown, so that prizes appear as the sink writes them. */
const PRIZES_POLL_MS = 10_000;

function go(filters: PrizeFilters): void {
  window.location.hash = prizesHash(filters);
}

function Pager({ filters, page }: { filters: PrizeFilters; page: PrizePage }) {
  const { previous, next } = neighbourOffsets(page.offset, page.total);
  return (
    <nav class="pager" aria-label="Pages of prizes">
      <button
        type="button"
        disabled={previous === null}
        onClick={() => previous !== null && go({ ...filters, offset: previous })}
      >
        Previous
      </button>
      <span data-testid="prizes-page">{pageText(page.offset, page.items.length, page.total)}</span>
      <button
        type="button"
        disabled={next === null}
        onClick={() => next !== null && go({ ...filters, offset: next })}
      >
        Next
      </button>
    </nav>
  );
}

/** The prizes the filters select, a page at a time; the filters live in the hash. */
export function PrizesList({ api, filters }: { api: ApiClient; filters: PrizeFilters }) {
  const path = prizesApiPath(filters);
  const prizes = usePoll((signal) => api.prizes(path, signal), PRIZES_POLL_MS, path);
  const now = useNow();
  const page = prizes.data;
  return (
    <>
      <PrizeFiltersForm filters={filters} onApply={go} />
      <Failure failure={prizes.failure} />
      {page === null ? (
        prizes.failure === null && <p>Reading the prizes…</p>
      ) : (
        <>
          <p class="total">
            <strong data-testid="prizes-total">{countOf(page.total, 'prize')}</strong>
            {prizes.updatedAt !== null && (
              <span class="muted"> · {formatUpdatedAgo(prizes.updatedAt, now)}</span>
            )}
          </p>
          {page.items.length > 0 && <PrizesTable prizes={page.items} />}
          <Pager filters={filters} page={page} />
        </>
      )}
    </>
  );
}
