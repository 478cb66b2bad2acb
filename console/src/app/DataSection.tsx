import { useEffect, useRef } from 'preact/hooks';
import type { ApiClient } from './api-client';
import { LaureatePage } from '../laureates/LaureatePage';
import { PrizeDetail } from '../prizes/PrizeDetail';
import { PrizesList } from '../prizes/PrizesList';
import type { Route } from '../routing/route';

interface Props {
  api: ApiClient;
  route: Route;
  /** The prize list as last seen (its filters), for the "Back to prizes" links. */
  backHref: string;
}

function View({ api, route, backHref }: Props) {
  switch (route.view) {
    case 'prizes':
      return (
        <>
          <h2 id="data-heading">Prizes</h2>
          <PrizesList api={api} filters={route.filters} />
        </>
      );
    case 'prize':
      return <PrizeDetail api={api} id={route.id} backHref={backHref} />;
    case 'laureate':
      return <LaureatePage api={api} id={route.id} backHref={backHref} />;
    case 'not-found':
      return (
        <>
          <h2 id="data-heading">Not found</h2>
          <p>
            Nothing lives at <code>{route.hash}</code>. <a href={backHref}>Back to prizes</a>
          </p>
        </>
      );
  }
}

/** What a route shows: the list (whatever its filters), or one prize or laureate. */
function pageOf(route: Route): string {
  return route.view === 'prize' || route.view === 'laureate'
    ? `${route.view}:${route.id}`
    : route.view;
}

/**
 * Moves focus (and the view) to the section when a link opens another page in it: the link
 * may be far down the list, and a screen reader should hear the new page. Not on the first
 * render, nor when only the list's filters change (focus stays in the form).
 */
function useFocusOnNewPage(page: string) {
  const section = useRef<HTMLElement>(null);
  const shown = useRef(page);
  useEffect(() => {
    if (shown.current === page) return;
    shown.current = page;
    section.current?.focus();
  }, [page]);
  return section;
}

/** The stored data: the prize list, a prize or a laureate, as the hash says. */
export function DataSection(props: Props) {
  const section = useFocusOnNewPage(pageOf(props.route));
  return (
    <section ref={section} tabIndex={-1} aria-labelledby="data-heading" class="card data">
      <View {...props} />
    </section>
  );
}
