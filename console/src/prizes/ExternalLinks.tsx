import type { LinkView } from '@nobel-pipeline/schemas';
import { isWebLink } from '../format/web-link';

/** The source record's links, opened as external pages. */
export function ExternalLinks({ links }: { links: readonly LinkView[] }) {
  const shown = links.filter((l) => isWebLink(l.href));
  if (shown.length === 0) return null;
  return (
    <>
      <h3>Links</h3>
      <ul class="links">
        {shown.map((link) => (
          <li key={`${link.rel}:${link.href}`}>
            <a href={link.href} rel="noopener noreferrer" target="_blank">
              {link.title ?? link.rel}
            </a>
            <span class="muted"> ({link.rel})</span>
          </li>
        ))}
      </ul>
    </>
  );
}
