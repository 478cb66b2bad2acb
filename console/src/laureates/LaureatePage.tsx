import type { LaureateView } from '@nobel-pipeline/schemas';
import { BackToPrizes } from '../app/BackToPrizes';
import { Failure } from '../app/Failure';
import type { ApiClient } from '../app/api-client';
import { useLoad } from '../polling/use-load';
import { prizeHash } from '../routing/route';
import { ExternalLinks } from '../prizes/ExternalLinks';
import { Motivations } from '../prizes/Motivations';
import { allLanguages, htmlLang, laureateName, portionText } from '../prizes/names';
import { hasSourcePrizes, prizeRows, sourceFacts } from './facts';

/** Kind, names in every language, and what the laureates source adds (birth, death, …). */
function Facts({ laureate }: { laureate: LaureateView }) {
  const kinds = [
    ['Known name', laureate.knownName],
    ['Full name', laureate.fullName],
    ['Organisation name', laureate.orgName],
  ] as const;
  return (
    <dl class="facts" data-testid="laureate-facts">
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
      {sourceFacts(laureate).flatMap((fact) => [
        <dt key={`${fact.label}-term`}>{fact.label}</dt>,
        <dd key={`${fact.label}-text`}>
          {fact.href === undefined ? (
            fact.text
          ) : (
            <a href={fact.href} rel="noopener noreferrer" target="_blank">
              {fact.text}
            </a>
          )}
        </dd>,
      ])}
    </dl>
  );
}

/** The prizes; with the laureates source read, each one's status and affiliations too. */
function PrizesOf({ laureate }: { laureate: LaureateView }) {
  const detailed = hasSourcePrizes(laureate);
  return (
    <div class="table-wrap">
      <table data-testid="laureate-prizes" class="wide">
        <thead>
          <tr>
            <th scope="col">Prize</th>
            <th scope="col">Year</th>
            <th scope="col">Category</th>
            <th scope="col">Portion</th>
            {detailed && <th scope="col">Status</th>}
            <th scope="col">Motivation</th>
            {detailed && <th scope="col">Affiliations</th>}
          </tr>
        </thead>
        <tbody>
          {prizeRows(laureate).map((row) => (
            <tr key={row.key}>
              <td class="nowrap">
                {row.id === null ? (
                  <span class="muted">not in the prize list yet</span>
                ) : (
                  <a href={prizeHash(row.id)}>{row.id}</a>
                )}
              </td>
              <td class="num">{row.awardYear}</td>
              <td>{row.category}</td>
              <td>{portionText(row.portion)}</td>
              {detailed && <td>{row.status ?? ''}</td>}
              <td>
                <Motivations texts={row.motivation} />
              </td>
              {detailed && (
                <td>
                  {row.affiliations.length > 0 && (
                    <ul class="plain">
                      {row.affiliations.map((text, i) => (
                        <li key={`${i}-${text}`}>{text}</li>
                      ))}
                    </ul>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One laureate: names in every language, the laureates source's facts, and their prizes. */
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
      <BackToPrizes href={backHref} />
      <h2 id="data-heading">
        {loaded.state === 'ok' ? laureateName(loaded.data) : `Laureate ${id}`}
      </h2>
      {loaded.state === 'failed' && <Failure failure={loaded.failure} />}
      {loaded.state === 'ok' && (
        <>
          <Facts laureate={loaded.data} />
          <h3>Prizes</h3>
          <PrizesOf laureate={loaded.data} />
          <ExternalLinks links={loaded.data.links ?? []} />
        </>
      )}
    </>
  );
}
