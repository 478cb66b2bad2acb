import type { PrizeLaureateView, PrizeView } from '@nobel-pipeline/schemas';
import { Failure } from '../app/Failure';
import type { ApiClient } from '../app/api-client';
import { BackToPrizes } from '../app/BackToPrizes';
import { Time } from '../app/Time';
import { useLoad } from '../polling/use-load';
import { laureateHash } from '../routing/route';
import { ExternalLinks } from './ExternalLinks';
import { Motivations } from './Motivations';
import { amountText, laureateName, portionText, textOf } from './names';

function Laureate({ laureate }: { laureate: PrizeLaureateView }) {
  return (
    <li>
      <a href={laureateHash(laureate.id)}>{laureateName(laureate)}</a>{' '}
      <span class="muted">({portionText(laureate.portion)})</span>
      <Motivations texts={laureate.motivation} />
    </li>
  );
}

function Prize({ prize }: { prize: PrizeView }) {
  const motivation = textOf(prize.topMotivation);
  return (
    <>
      <h2 id="data-heading">
        {prize.id}: {textOf(prize.categoryFullName)} {prize.awardYear}
      </h2>
      {motivation !== null && <p class="motivation">{motivation}</p>}
      <dl class="facts">
        <dt>Amount</dt>
        <dd>{amountText(prize.prizeAmount)}</dd>
        <dt>Adjusted</dt>
        <dd>{amountText(prize.prizeAmountAdjusted)}</dd>
        {prize.dateAwarded !== undefined && (
          <>
            <dt>Awarded</dt>
            <dd>{prize.dateAwarded}</dd>
          </>
        )}
        <dt>Updated</dt>
        <dd>
          <Time iso={prize.updatedAt} />
        </dd>
      </dl>
      <h3>Laureates</h3>
      {(prize.laureates ?? []).length === 0 ? (
        <p>No laureates this year.</p>
      ) : (
        <ul class="laureates" data-testid="prize-laureates">
          {(prize.laureates ?? []).map((l) => (
            <Laureate key={l.id} laureate={l} />
          ))}
        </ul>
      )}
      <ExternalLinks links={prize.links} />
    </>
  );
}

/** One prize: its laureates with their motivations in every language. */
export function PrizeDetail({
  api,
  id,
  backHref,
}: {
  api: ApiClient;
  id: string;
  backHref: string;
}) {
  const loaded = useLoad((signal) => api.prize(id, signal), id);
  return (
    <>
      <BackToPrizes href={backHref} />
      {loaded.state === 'loading' && <h2 id="data-heading">Prize {id}</h2>}
      {loaded.state === 'failed' && (
        <>
          <h2 id="data-heading">Prize {id}</h2>
          <Failure failure={loaded.failure} />
        </>
      )}
      {loaded.state === 'ok' && <Prize prize={loaded.data} />}
    </>
  );
}
