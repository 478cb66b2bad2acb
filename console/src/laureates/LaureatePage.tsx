import type { LaureateView } from '@nobel-pipeline/schemas';
import { Failure } from '../app/Failure';
import type { ApiClient } from '../app/api-client';
import { useLoad } from '../polling/use-load';
import { prizeHash } from '../routing/route';
import { Motivations } from '../prizes/Motivations';
import { allLanguages, htmlLang, laureateName, portionText, textOf } from '../prizes/names';

function Names({ laureate }: { laureate: LaureateView }) {
  const kinds = [
    ['Known name', laureate.knownName],
    ['Full name', laureate.fullName],
    ['Organisation name', laureate.orgName],
  ] as const;
  return (
    <dl class="facts">
      <dt>Kind</dt>
      <dd>{laureate.kind}</dd>
      {kinds.flatMap(([label, texts]) =>
        allLanguages(texts).flatMap(([lang, text]) => [
          <dt key={`${label}-${lang}-term`}>
            {label} ({lang})
          </dt>,
          <dd key={`${label}-${lang}-text`} lang={htmlLang(lang)}>
            {text}
          </dd>,
        ]),
      )}
    </dl>
  );
}

function PrizesOf({ laureate }: { laureate: LaureateView }) {
  return (
    <div class="table-wrap">
      <table data-testid="laureate-prizes" class="wide">
        <thead>
          <tr>
            <th scope="col">Prize</th>
            <th scope="col">Year</th>
            <th scope="col">Category</th>
            <th scope="col">Portion</th>
            <th scope="col">Motivation</th>
          </tr>
        </thead>
        <tbody>
          {laureate.prizes.map((prize) => (
            <tr key={prize.id}>
              <td class="nowrap">
                <a href={prizeHash(prize.id)}>{prize.id}</a>
              </td>
              <td class="num">{prize.awardYear}</td>
              <td>{textOf(prize.categoryFullName) ?? prize.categoryCode}</td>
              <td>{portionText(prize.portion)}</td>
              <td>
                <Motivations texts={prize.motivation} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One laureate: names in every language, and their prizes. */
export function LaureatePage({
  api,
  id,
  backHref,
}: {
  api: ApiClient;
  id: string;
  backHref: string;
}) {
  const loaded = useLoad((signal) => api.laureate(id, signal), id);
  return (
    <>
      <p>
        <a href={backHref}>Back to prizes</a>
      </p>
      <h2 id="data-heading">
        {loaded.state === 'ok' ? laureateName(loaded.data) : `Laureate ${id}`}
      </h2>
      {loaded.state === 'failed' && <Failure failure={loaded.failure} />}
      {loaded.state === 'ok' && (
        <>
          <Names laureate={loaded.data} />
          <h3>Prizes</h3>
          <PrizesOf laureate={loaded.data} />
        </>
      )}
    </>
  );
}
