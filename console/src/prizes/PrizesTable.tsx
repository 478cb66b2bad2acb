import type { PrizeView } from '@nobel-pipeline/schemas';
import { prizeHash } from '../routing/route';
import { amountText, laureateName, textOf } from './names';

/** A page of prizes; each id links to the prize's page. */
export function PrizesTable({ prizes }: { prizes: readonly PrizeView[] }) {
  return (
    <div class="table-wrap">
      <table data-testid="prizes-table" class="wide">
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Year</th>
            <th scope="col">Category</th>
            <th scope="col">Prize</th>
            <th scope="col">Laureates</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          {prizes.map((prize) => (
            <tr key={prize.id}>
              <td class="nowrap">
                <a href={prizeHash(prize.id)}>{prize.id}</a>
              </td>
              <td class="num">{prize.awardYear}</td>
              <td>{prize.categoryCode}</td>
              <td>{textOf(prize.categoryFullName) ?? ''}</td>
              <td>{(prize.laureates ?? []).map(laureateName).join(', ') || '—'}</td>
              <td class="num">{amountText(prize.prizeAmount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
